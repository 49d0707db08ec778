"""The README and docs/ stand alone for the people who run the platform: in a fresh clone, every relative link
(and image) opens a file of the repository, every #anchor a heading, and nothing points outside the repository."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR).resolve()
PAGES = [BASE / "README.md", *sorted((BASE / "docs").glob("*.md"))]

CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.MULTILINE)
HTML = re.compile(r"""<(?:a|img)\s[^>]*(?:href|src)=["']([^"']+)["']""", re.IGNORECASE)
WEB = ("https://", "http://", "mailto:")


def links(text):
    """The link targets of a Markdown page, without what is inside code."""
    text = CODE.sub("", text)
    return [*INLINE.findall(text), *REFERENCE.findall(text), *HTML.findall(text)]


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path):
    text = CODE.sub("", path.read_text(encoding="utf-8"))
    return {slug(line.lstrip("#")) for line in text.splitlines() if re.match(r"#{1,6} ", line)}


def tracked():
    """The repository's files as a fresh clone has them (None when the tests run outside a git checkout)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=BASE, capture_output=True, check=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return {(BASE / name).resolve() for name in out.stdout.decode().split("\0") if name}


def broken_links(pages, files=None):
    problems = []
    for page in pages:
        for target in links(page.read_text(encoding="utf-8")):
            where = f"{page.relative_to(BASE)}: {target}"
            if target.startswith(WEB):
                continue
            path, _, anchor = target.partition("#")
            if path.startswith("/") or re.match(r"^[a-z][a-z0-9+.-]*:", path):
                problems.append(f"{where} (an absolute path or another scheme: not a file of the repository)")
                continue
            file = (page.parent / path).resolve() if path else page
            if not file.is_relative_to(BASE):
                problems.append(f"{where} (outside the repository)")
            elif not file.exists():
                problems.append(f"{where} (no such file)")
            elif files is not None and file.is_file() and file not in files:
                problems.append(f"{where} (not committed: a fresh clone lacks it)")
            elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                problems.append(f"{where} (no such heading)")
    return problems


def test_every_link_in_the_readme_and_docs_opens_a_file_of_the_repository():
    assert sum(len(links(page.read_text(encoding="utf-8"))) for page in PAGES) > 10
    assert broken_links(PAGES, tracked()) == []


def test_the_readme_and_docs_link_to_nothing_outside_the_repository():
    pages = [
        page.name
        for page in PAGES
        if "../shared" in page.read_text(encoding="utf-8") or "/work/" in page.read_text(encoding="utf-8")
    ]
    assert pages == []


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        ("See [the guide](docs/glossary.md).", None),
        ("![Shot](docs/screenshots/dashboard.png)", None),
        ("[Archives](docs/retention.md#archives-arkivloven)", None),
        ("[web](https://example.org/x) and `[code](nowhere.md)`", None),
        ("[gone](docs/finnes-ikke.md)", "no such file"),
        ("[brief](../shared/DESIGN.md)", "outside the repository"),
        ("[abs](/work/shared/DESIGN.md)", "absolute path"),
        ("[anchor](docs/retention.md#finnes-ikke)", "no such heading"),
        ("[ref]: docs/finnes-ikke.md", "no such file"),
        ('<img src="docs/finnes-ikke.png" alt="">', "no such file"),
    ],
)
def test_the_check_itself(tmp_path, markdown, problem):
    page = BASE / f".link-check-{tmp_path.name}.md"
    page.write_text(markdown + "\n", encoding="utf-8")
    try:
        found = broken_links([page])
    finally:
        page.unlink()
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0]
