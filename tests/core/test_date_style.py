"""One date style: `d.m.Y` in tables, `j. F Y` in text, lower-case month and weekday names in Bokmål, no
"Nov" or "lør 28. Nov" anywhere. The test renders every page the demo users reach (tests/crawl.py)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from slt.accounts.models import User
from tests.crawl import START, crawl

pytestmark = pytest.mark.django_db

ABBREVIATIONS = "Jan|Feb|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Sept|Okt|Oct|Nov|Des|Dec"
WEEKDAYS_NB = "Man|Tir|Ons|Tor|Fre|Lør|Søn"
MONTHS_NB = "Januar|Februar|Mars|April|Juni|Juli|August|September|Oktober|November|Desember"
# In any language, a capitalised month abbreviation next to a number ("28. Nov", "Nov 28", "Nov. 2026"; "Mai" alone
# is a month name too, so it is checked only next to a number). In Bokmål also a capitalised weekday
# abbreviation before a date ("Lør 28.") and a capitalised month inside a date ("28. November").
ABBREVIATED = re.compile(rf"(?<![\w-])(?:\d{{1,2}}\.?\s+(?:{ABBREVIATIONS})\b\.?|(?:{ABBREVIATIONS})\.?\s+\d{{1,4}}\b)")
CAPITALISED_NB = re.compile(rf"\d{{1,2}}\.\s+(?:{MONTHS_NB})\b|(?<![\w-])(?:{WEEKDAYS_NB})\.?\s+\d{{1,2}}\.")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def _text(body):
    """What a reader sees and hears: the page without its scripts and styles, tags replaced by spaces."""
    return re.sub(r"<[^>]+>", " ", HIDDEN.sub(" ", body))


def _dates_in_the_wrong_style(text, *, norwegian):
    found = [match.group(0) for match in ABBREVIATED.finditer(text)]
    if norwegian:
        found += [match.group(0) for match in CAPITALISED_NB.finditer(text)]
    return found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("lør 28. Nov", True),
        ("28. Nov 2026", True),
        ("Nov 28, 2026", True),
        ("Lør 28. november", True),
        ("28. November 2026", True),
        ("28. nov. 2026", False),
        ("lørdag 28. november 2026 kl. 18:00", False),
        ("28.11.2026", False),
        ("Mai er en fin måned", False),
        ("Lørdag 28. november (a heading may start with a capital)", False),
        ("Ons 2.", True),
    ],
)
def test_the_check_itself(text, wrong):
    assert bool(_dates_in_the_wrong_style(text, norwegian=True)) is wrong


@pytest.fixture
def demo_site():
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_no_page_of_any_demo_user_has_a_capitalised_month_abbreviation(demo_site):
    pages = 0
    for user in User.objects.filter(is_active=True).order_by("username"):
        client = Client()
        client.force_login(user)
        for visit in crawl(client, start=START):
            if not visit.body:
                continue
            pages += 1
            found = _dates_in_the_wrong_style(_text(visit.body), norwegian=True)
            assert found == [], f"{visit.url} as {user.username}"
    assert pages > 150


def test_the_english_pages_do_not_abbreviate_months_either(demo_site):
    user = User.objects.get(username="koordinator")
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(user)
    pages = [visit for visit in crawl(client, start=START) if visit.body]
    assert len(pages) > 40
    assert "Overview" in pages[0].body
    for visit in pages:
        assert _dates_in_the_wrong_style(_text(visit.body), norwegian=False) == [], visit.url
