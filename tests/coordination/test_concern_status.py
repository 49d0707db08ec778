"""A concern moves new → under assessment → measures in progress → closed with an outcome."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Concern
from tests.factories import AgencyFactory

from .factories import ConcernFactory

pytestmark = pytest.mark.django_db


def _status(client, concern, **data):
    return client.post(reverse("coordination:concern_status", args=[concern.pk]), data)


def test_the_coordinator_moves_the_concern_along(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    client = client_for(coordinator)

    assert _status(client, concern, status="assessment").status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ASSESSMENT
    assert concern.notes.filter(kind="status", new_status="assessment", text="").exists()

    assert _status(client, concern, status="closed", outcome="referred", outcome_note="Til BUP").status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.outcome_note) == ("closed", "referred", "Til BUP")
    assert concern.closed_at is not None


def test_closing_needs_an_outcome(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter, status=Concern.Status.ASSESSMENT)
    response = _status(client_for(coordinator), concern, status="closed")
    assert response.status_code == 400
    assert "Velg et utfall når bekymringen avsluttes." in response.text
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ASSESSMENT and concern.closed_at is None


def test_a_measure_is_an_action_item_linked_to_the_concern(client_for, coordinator, other_reporter, school):
    concern = ConcernFactory(reporter=other_reporter, status=Concern.Status.ASSESSMENT)
    due = timezone.localdate() + timedelta(days=14)
    response = client_for(coordinator).post(
        reverse("coordination:concern_measure", args=[concern.pk]),
        {"title": "Samtale med eleven", "responsible_agency": school.pk, "due_date": due.isoformat()},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.concern, item.source, item.responsible_agency, item.due_date) == (concern, "concern", school, due)
    concern.refresh_from_db()
    assert concern.status == Concern.Status.MEASURES


def test_a_measure_with_a_past_deadline_is_refused(client_for, coordinator, other_reporter, school):
    concern = ConcernFactory(reporter=other_reporter)
    response = client_for(coordinator).post(
        reverse("coordination:concern_measure", args=[concern.pk]),
        {"title": "For sent", "responsible_agency": school.pk, "due_date": "2020-01-01"},
    )
    assert response.status_code == 200
    assert "Fristen kan ikke være tilbake i tid." in response.text
    assert not ActionItem.objects.exists()
    concern.refresh_from_db()
    assert concern.status == Concern.Status.NEW


def test_a_measure_for_an_inactive_agency_is_refused(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    gone = AgencyFactory(name="Nedlagt", is_active=False)
    response = client_for(coordinator).post(
        reverse("coordination:concern_measure", args=[concern.pk]),
        {"title": "Tiltak", "responsible_agency": gone.pk, "due_date": "2030-01-01"},
    )
    assert response.status_code == 200
    assert not ActionItem.objects.exists()


def test_the_agency_with_the_measure_sees_it_but_not_others(client_for, coordinator, agency_member, other_reporter):
    concern = ConcernFactory(reporter=agency_member)
    mine = ActionItem.objects.create(
        title="Skolens tiltak", responsible_agency=agency_member.agency, due_date="2030-01-01", concern=concern
    )
    other = ActionItem.objects.create(
        title="Politiets tiltak", responsible_agency=other_reporter.agency, due_date="2030-01-01", concern=concern
    )
    page = client_for(agency_member).get(concern.get_absolute_url())
    assert mine.title in page.text
    assert other.title not in page.text
