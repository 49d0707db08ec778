"""Searching the guide: every signed-in user finds sections and warning signs, never cases."""

import pytest
from django.db import connection
from django.urls import reverse

from extremism import selectors
from tests.factories import UserFactory

from .factories import CaseFactory, GuideSectionFactory, WarningSignFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "coordinator", "police", "agency_member", "steering", "radicalisation_contact"]


@pytest.fixture
def guide():
    return {
        "facts": GuideSectionFactory(
            slug="fakta",
            title="Fakta om radikalisering",
            body="Radikalisering er en prosess som kan snu. Trygge voksne beskytter.",
        ),
        "trail": GuideSectionFactory(slug="loype", title="Handlingsløypa", body="Drøft bekymringen med leder først."),
        "sign": WarningSignFactory(
            title="Nye, lukkede nettmiljøer", meaning="Lukkede grupper kan forsterke ekstreme ideer."
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_user_finds_the_guide_but_never_a_case(request, client_for, guide, radicalisation_contact, role):
    case = CaseFactory(created_by=radicalisation_contact, summary="Eleven deler ekstreme memes om radikalisering.")
    user = request.getfixturevalue(role)
    client = client_for(user)
    page = client.get(reverse("extremism:guide_search"), {"q": "radikalisering"})
    assert page.status_code == 200
    assert [hit.title for hit in page.context["hits"]] == ["Fakta om radikalisering"]
    everywhere = client.get(reverse("core:search"), {"q": "radikalisering"})
    groups = {group["source"].key: [hit.title for hit in group["hits"]] for group in everywhere.context["results"]}
    assert groups["extremism_guide"] == ["Fakta om radikalisering"]
    assert "memes" not in everywhere.text and case.get_absolute_url() not in everywhere.text
    assert "memes" not in page.text


def test_warning_signs_are_found_too(client_for, agency_member, guide):
    page = client_for(agency_member).get(reverse("extremism:guide_search"), {"q": "lukkede"})
    assert [(hit.title, hit.url) for hit in page.context["hits"]] == [
        ("Nye, lukkede nettmiljøer", guide["sign"].get_absolute_url())
    ]


def test_a_one_letter_search_gets_a_message(client_for, agency_member, guide):
    page = client_for(agency_member).get(reverse("extremism:guide_search"), {"q": "r"})
    assert page.status_code == 200
    assert "Skriv minst to tegn." in page.text
    assert page.context["hits"] == []


def test_an_inactive_user_finds_nothing(guide):
    gone = UserFactory(username="sluttet", is_active=False)
    assert selectors.guide_search(gone, "radikalisering") == []


def test_the_plain_fallback_finds_substrings_and_highlights_them_escaped(agency_member, guide):
    """The search used on SQLite (and any database without Norwegian full-text search)."""
    GuideSectionFactory(slug="farlig", title="Farlig", body="Tekst med <script>alert(1)</script> og radikalisering.")
    hits = sorted(selectors._plain_search(agency_member, "radikal", 10), key=lambda hit: -hit.rank)
    assert [hit.title for hit in hits] == ["Fakta om radikalisering", "Farlig"]
    assert "<mark>Radikal</mark>isering er en prosess" in hits[0].excerpt
    assert "<script" not in hits[1].excerpt
    assert "<mark>radikal</mark>isering" in hits[1].excerpt
    assert selectors._plain_search(agency_member, "finnes ikke", 10) == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Norwegian full-text search (stemming, ranking, ts_headline) exists only on PostgreSQL; CI runs it there.",
)
def test_postgres_finds_the_inflected_form_ranks_and_highlights(client_for, agency_member, guide):
    GuideSectionFactory(slug="ord", title="Ordliste", body="Ordet radikalisering brukes om en prosess.")
    page = client_for(agency_member).get(reverse("extremism:guide_search"), {"q": "radikaliseringen"})
    titles = [hit.title for hit in page.context["hits"]]
    assert titles[0] == "Fakta om radikalisering"  # a hit in the title ranks above one in the text
    assert set(titles) == {"Fakta om radikalisering", "Ordliste"}
    assert "<mark>radikalisering</mark>" in page.text
    assert "<mark>" in str(page.context["hits"][1].excerpt)
