"""Printed documents carry the municipality's name and logo (templates/partials/letterhead.html)."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from coordination.models import AgendaItem
from tests.coordination.factories import MeetingFactory
from tests.extremism.factories import GuideSectionFactory
from tests.walks.factories import SafetyWalkFactory

pytestmark = pytest.mark.django_db

NAME = "Bjørnafjorden kommune"


@pytest.fixture(autouse=True)
def municipality(settings):
    settings.SLT_MUNICIPALITY_NAME = NAME
    settings.SLT_MUNICIPALITY_LOGO = "img/favicon.svg"  # any other file than the default: the page follows the setting


def _letterhead(html):
    found = re.search(r'<div class="letterhead ([^"]*)"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert found, "no letterhead"
    return found.group(1), found.group(2)


def test_printed_minutes_carry_the_municipality(client_for, coordinator):
    meeting = MeetingFactory(starts_at=timezone.now(), ends_at=timezone.now() + timezone.timedelta(hours=1))
    AgendaItem.objects.create(meeting=meeting, title="Rus i helgene", minutes="Mer alkohol på fester.")
    html = client_for(coordinator).get(reverse("coordination:meeting_minutes", args=[meeting.pk])).text
    classes, letterhead = _letterhead(html)
    assert "d-none" not in classes  # the minutes page is the document: the letterhead shows on screen too
    assert NAME in letterhead
    assert f'src="{static("img/favicon.svg")}" alt=""' in letterhead
    assert html.index("letterhead") < html.index("<h1")


@pytest.mark.parametrize("name", ["extremism:guide_print", "extremism:section_print"])
def test_the_printed_guide_carries_the_municipality(client_for, agency_member, name):
    section = GuideSectionFactory(title="Fakta", slug="fakta")
    url = reverse(name) if name == "extremism:guide_print" else reverse(name, args=[section.slug])
    html = client_for(agency_member).get(url).text
    _classes, letterhead = _letterhead(html)
    assert NAME in letterhead and static("img/favicon.svg") in letterhead


def test_the_walk_report_has_the_letterhead_on_paper_only(client_for, coordinator):
    walk = SafetyWalkFactory(status="completed")
    html = client_for(coordinator).get(reverse("walks:walk_report", args=[walk.pk])).text
    classes, letterhead = _letterhead(html)
    assert "d-none d-print-flex" in classes
    assert NAME in letterhead


def test_the_letterhead_is_not_hidden_by_the_print_stylesheet():
    """print.css hides <header> elements: the letterhead is a <div>, and nothing there hides .letterhead."""
    css = (Path(django_settings.BASE_DIR) / "static" / "css" / "print.css").read_text()
    hidden = css.split("{", 1)[0]
    assert "letterhead" not in hidden and "div" not in hidden
