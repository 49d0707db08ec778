"""A walk dated in the future is completed or published only with a confirmation (a mistyped date, most often)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from walks import services
from walks.models import SafetyWalk

pytestmark = pytest.mark.django_db

LABEL = "Vandringen er datert fram i tid – bekreft"


def _set(walk, **fields):
    SafetyWalk.objects.filter(pk=walk.pk).update(**fields)
    walk.refresh_from_db()


def _updates(walk):
    return AuditEvent.objects.filter(action="update", object_id=str(walk.pk)).count()


def test_the_service_refuses_to_complete_a_future_walk_unconfirmed(walk, organiser):
    _set(walk, status="in_progress")  # the factory dates it a week ahead
    with pytest.raises(ValidationError) as refused:
        services.walk_set_status(actor=organiser, walk=walk, status="completed")
    assert "confirm_future_date" in refused.value.error_dict
    walk.refresh_from_db()
    assert walk.status == "in_progress"
    assert _updates(walk) == 0
    services.walk_set_status(actor=organiser, walk=walk, status="completed", confirm_future_date=True)
    walk.refresh_from_db()
    assert walk.status == "completed"


def test_a_walk_dated_today_or_earlier_needs_no_confirmation(walk, organiser):
    _set(walk, status="in_progress", date=timezone.localdate())
    services.walk_set_status(actor=organiser, walk=walk, status="completed")
    walk.refresh_from_db()
    assert walk.status == "completed"
    _set(walk, date=timezone.localdate() - timedelta(days=3))
    services.walk_publish(actor=organiser, walk=walk, conclusion="Trygt nok.")
    walk.refresh_from_db()
    assert walk.status == "published"


def test_starting_a_future_walk_needs_no_confirmation(walk, organiser):
    services.walk_set_status(actor=organiser, walk=walk, status="in_progress")
    walk.refresh_from_db()
    assert walk.status == "in_progress"


def test_the_service_refuses_to_publish_a_future_walk_unconfirmed(walk, organiser):
    _set(walk, status="completed")
    with pytest.raises(ValidationError):
        services.walk_publish(actor=organiser, walk=walk, conclusion="Trygt nok.")
    walk.refresh_from_db()
    assert (walk.status, walk.conclusion, walk.published_at) == ("completed", "", None)
    services.walk_publish(actor=organiser, walk=walk, conclusion="Trygt nok.", confirm_future_date=True)
    walk.refresh_from_db()
    assert walk.status == "published"


def test_the_complete_button_offers_the_box_only_for_a_future_walk(client_for, walk, organiser):
    _set(walk, status="in_progress")
    client = client_for(organiser)
    assert LABEL in client.get(walk.get_absolute_url()).content.decode()
    _set(walk, date=timezone.localdate())
    assert LABEL not in client.get(walk.get_absolute_url()).content.decode()


def test_completing_a_future_walk_without_the_box_says_why_and_changes_nothing(client_for, walk, organiser):
    _set(walk, status="in_progress")
    client = client_for(organiser)
    url = reverse("walks:walk_status", args=[walk.pk])
    response = client.post(url, {"status": "completed"}, follow=True)
    assert "fram i tid. Rett datoen, eller kryss av" in response.content.decode()
    walk.refresh_from_db()
    assert walk.status == "in_progress"
    assert _updates(walk) == 0

    response = client.post(url, {"status": "completed", "confirm_future_date": "on"})
    assert response.status_code == 302
    walk.refresh_from_db()
    assert walk.status == "completed"


def test_publishing_a_future_walk_without_the_box_shows_it_on_the_form(client_for, walk, organiser):
    _set(walk, status="completed")
    client = client_for(organiser)
    url = reverse("walks:walk_publish", args=[walk.pk])
    response = client.post(url, {"conclusion": "Sentrum er trygt."})
    assert response.status_code == 200
    assert response.context["publish_form"].errors["confirm_future_date"]
    assert LABEL in response.content.decode()
    walk.refresh_from_db()
    assert (walk.status, walk.conclusion) == ("completed", "")
    assert _updates(walk) == 0

    response = client.post(url, {"conclusion": "Sentrum er trygt.", "confirm_future_date": "on"})
    assert response.status_code == 302
    walk.refresh_from_db()
    assert (walk.status, walk.conclusion) == ("published", "Sentrum er trygt.")
