"""The notice list's filter (all, unread, read) behind the "Filter" button, its chip and its empty states."""

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:notice_list")


def _references(response):
    return [row["notice"].reference for row in response.context["rows"]]


def test_it_shows_unread_or_read_notices(client_for, agency_member):
    NoticeFactory(recipient=agency_member, reference="2037-0001")
    NoticeFactory(recipient=agency_member, reference="2037-0002", read_at=timezone.now())
    client = client_for(agency_member)
    assert sorted(_references(client.get(LIST))) == ["2037-0001", "2037-0002"]
    assert _references(client.get(LIST, {"vis": "uleste"})) == ["2037-0001"]
    assert _references(client.get(LIST, {"vis": "leste"})) == ["2037-0002"]


def test_the_chosen_status_is_a_chip_that_removes_it(client_for, agency_member):
    NoticeFactory(recipient=agency_member)
    html = client_for(agency_member).get(LIST, {"vis": "uleste"}).text
    assert 'href="?" aria-label="Fjern filter: Status: Uleste"' in html
    assert 'aria-controls="filter-panel"' in html


def test_an_unknown_status_shows_every_notice(client_for, agency_member):
    NoticeFactory(recipient=agency_member, read_at=timezone.now())
    response = client_for(agency_member).get(LIST, {"vis": "<script>"})
    assert response.status_code == 200
    assert len(_references(response)) == 1
    assert "filter-chip" not in response.text


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ({}, "Ingen varsler ennå."),
        ({"vis": "uleste"}, "Ingen uleste varsler."),
        ({"vis": "leste"}, "Ingen leste varsler."),
    ],
)
def test_the_empty_states_say_what_is_true(client_for, agency_member, query, text):
    NoticeFactory()  # someone else's
    html = client_for(agency_member).get(LIST, query).text
    assert text in html
    assert ("Fjern alle filtre" in html) == bool(query)
