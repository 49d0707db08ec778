"""The README and docs/ stand alone for the people who run the platform."""

from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def test_the_readme_and_docs_link_to_nothing_outside_the_repository():
    pages = [BASE / "README.md", *sorted((BASE / "docs").glob("*.md"))]
    outside = [page.name for page in pages if "../shared" in page.read_text(encoding="utf-8")]
    assert outside == []


def test_every_relative_link_in_the_readme_points_at_a_file_that_exists():
    import re

    text = (BASE / "README.md").read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)#]+)\)", text) if "://" not in t]
    assert targets
    assert [t for t in targets if not (BASE / t).exists()] == []
