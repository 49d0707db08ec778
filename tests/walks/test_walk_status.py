import pytest
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from walks.models import SafetyWalk

pytestmark = pytest.mark.django_db


def url(walk):
    return reverse("walks:walk_status", args=[walk.pk])


def test_the_organiser_starts_and_completes_the_walk(client_for, walk, organiser):
    SafetyWalk.objects.filter(pk=walk.pk).update(date=timezone.localdate())  # today: no confirmation needed
    client = client_for(organiser)
    assert client.post(url(walk), {"status": "in_progress"}).status_code == 302
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.IN_PROGRESS
    client.post(url(walk), {"status": "completed"})
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.COMPLETED
    assert AuditEvent.objects.filter(action="update", object_type="walks.safetywalk").count() == 2


def test_a_coordinator_may_move_the_walk(client_for, walk, coordinator):
    client_for(coordinator).post(url(walk), {"status": "in_progress"})
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.IN_PROGRESS


def test_steps_cannot_be_skipped(client_for, walk, organiser):
    response = client_for(organiser).post(url(walk), {"status": "completed"}, follow=True)
    assert "kan ikke gå til den statusen" in response.text
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.PLANNED


def test_publishing_is_not_a_plain_status_change(client_for, walk, organiser):
    SafetyWalk.objects.filter(pk=walk.pk).update(status="completed")
    client_for(organiser).post(url(walk), {"status": "published"})
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.COMPLETED


@pytest.mark.parametrize("role", ["admin", "police", "agency_member", "steering"])
def test_others_may_not_change_the_status(request, client_for, walk, role):
    client = client_for(request.getfixturevalue(role))
    assert client.post(url(walk), {"status": "in_progress"}).status_code == 403
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.PLANNED


def test_an_invited_participant_may_not_change_the_status(client_for, walk, agency_member):
    walk.invited_users.add(agency_member)
    assert client_for(agency_member).post(url(walk), {"status": "in_progress"}).status_code == 403
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.PLANNED


def test_it_only_answers_post(client_for, walk, organiser):
    assert client_for(organiser).get(url(walk)).status_code == 405
