from pathlib import Path

from slt.core import branding


def test_the_default_logo_is_a_png_the_pdf_reports_can_read():
    path = Path(branding.logo_file())
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_municipality_is_a_setting(settings):
    settings.SLT_MUNICIPALITY_NAME = "Bjørnafjorden kommune"
    assert branding.municipality_name() == "Bjørnafjorden kommune"


def test_a_logo_that_is_missing_gives_no_file(settings):
    settings.SLT_MUNICIPALITY_LOGO = "img/finnes-ikke.png"
    assert branding.logo_file() is None
