"""An action item names its concern (reference) or meeting (title) only to those who may read that record:
on its page, in the list, in the CSV export; the list costs the same number of queries with 10 and 500 rows."""

import csv
import io

import pytest
from django.urls import reverse

from coordination.models import ActionItem
from tests.budget import queries_for

from .factories import ActionItemFactory, ConcernFactory, ConcernShareFactory, MeetingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("coordination:action_item_list")
EXPORT = reverse("coordination:action_item_export")


@pytest.fixture
def secret_meeting():
    return MeetingFactory(title="Lukket møte om gjengen")


@pytest.fixture
def concern(other_reporter):
    return ConcernFactory(reporter=other_reporter, reference="2099-77777")


@pytest.fixture
def items(agency_member, secret_meeting, concern):
    """Two items of the school's own, one from a meeting and one from a concern the school may not read."""
    return (
        ActionItemFactory(
            title="Tiltak fra møtet", responsible_agency=agency_member.agency, meeting=secret_meeting, source="meeting"
        ),
        ActionItemFactory(
            title="Tiltak fra bekymringen", responsible_agency=agency_member.agency, concern=concern, source="concern"
        ),
    )


def _export_rows(client):
    response = client.get(EXPORT)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_an_unreadable_meeting_or_concern_is_not_named(client_for, agency_member, items):
    client = client_for(agency_member)
    for item in items:
        page = client.get(item.get_absolute_url())
        assert page.status_code == 200
        assert "Lukket møte om gjengen" not in page.text and "2099-77777" not in page.text
    listing = client.get(LIST).text
    assert "Tiltak fra møtet" in listing and "Tiltak fra bekymringen" in listing
    assert "Lukket møte om gjengen" not in listing and "2099-77777" not in listing
    exported = str(_export_rows(client))
    assert "Tiltak fra møtet" in exported
    assert "Lukket møte om gjengen" not in exported and "2099-77777" not in exported


def test_a_reader_of_the_meeting_and_the_concern_sees_them_named(
    client_for, agency_member, items, secret_meeting, concern
):
    secret_meeting.invitees.add(agency_member)
    ConcernShareFactory(concern=concern, agency=agency_member.agency)
    client = client_for(agency_member)
    assert "Lukket møte om gjengen" in client.get(items[0].get_absolute_url()).text
    assert "2099-77777" in client.get(items[1].get_absolute_url()).text
    listing = client.get(LIST).text
    assert "Lukket møte om gjengen" in listing and "2099-77777" in listing
    rows = _export_rows(client)
    assert {row[8] for row in rows[1:]} >= {"Lukket møte om gjengen"}
    assert {row[9] for row in rows[1:]} >= {"2099-77777"}


def test_a_revoked_share_hides_the_reference_again(client_for, coordinator, agency_member, items, concern):
    share = ConcernShareFactory(concern=concern, agency=agency_member.agency)
    client = client_for(agency_member)
    assert "2099-77777" in client.get(items[1].get_absolute_url()).text
    from coordination import services

    services.concern_share_revoke(actor=coordinator, share=share)
    assert "2099-77777" not in client.get(items[1].get_absolute_url()).text


def test_coordinators_see_every_source(client_for, coordinator, items):
    listing = client_for(coordinator).get(LIST).text
    assert "Lukket møte om gjengen" in listing and "2099-77777" in listing


def test_the_list_budget_stays_fixed_with_sources_of_both_kinds(client_for, agency_member, secret_meeting, concern):
    client = client_for(agency_member)

    def fill(count):
        ActionItem.objects.bulk_create(
            ActionItem(
                title=f"Tiltak {i}",
                responsible_agency=agency_member.agency,
                due_date=concern.observed_on.replace(year=2099),
                meeting=secret_meeting if i % 2 else None,
                concern=None if i % 2 else concern,
            )
            for i in range(count)
        )

    fill(10)
    small = queries_for(client, LIST)
    fill(490)
    assert queries_for(client, LIST) == small
