import pytest
from django.urls import reverse

from walks.models import SafetyWalk

pytestmark = pytest.mark.django_db


def data(walk, **extra):
    return {
        "title": "Nytt navn",
        "area": walk.area_id,
        "date": walk.date.isoformat(),
        "start_time": "21:00",
        "light": "after_dark",
        "meeting_point": "Stasjonen",
        "residents_count": "0",
        "youth_council_count": "0",
        "landlords_count": "0",
        "other_external_count": "0",
        **extra,
    }


def test_the_organiser_changes_the_plan(client_for, walk, organiser):
    url = reverse("walks:walk_update", args=[walk.pk])
    assert client_for(organiser).get(url).status_code == 200
    response = client_for(organiser).post(url, data(walk))
    assert response.status_code == 302
    walk.refresh_from_db()
    assert (walk.title, walk.meeting_point, walk.organiser) == ("Nytt navn", "Stasjonen", organiser)


def test_a_coordinator_changes_any_walk(client_for, walk, coordinator):
    response = client_for(coordinator).post(
        reverse("walks:walk_update", args=[walk.pk]), data(walk, organiser=walk.organiser_id)
    )
    assert response.status_code == 302
    walk.refresh_from_db()
    assert walk.title == "Nytt navn"


@pytest.mark.parametrize("role", ["admin", "police", "agency_member", "steering"])
def test_others_may_not_change_it(request, client_for, walk, role):
    client = client_for(request.getfixturevalue(role))
    url = reverse("walks:walk_update", args=[walk.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, data(walk)).status_code == 403
    walk.refresh_from_db()
    assert walk.title == "Kveldsvandring i sentrum"


def test_an_unknown_walk_is_404(client_for, coordinator):
    assert client_for(coordinator).get(reverse("walks:walk_update", args=[999])).status_code == 404


def test_a_published_walk_is_not_changed(client_for, walk, organiser):
    SafetyWalk.objects.filter(pk=walk.pk).update(status="published", published_at="2026-01-01T10:00:00Z")
    response = client_for(organiser).post(reverse("walks:walk_update", args=[walk.pk]), data(walk))
    assert response.status_code == 200
    assert "publisert" in response.text
    walk.refresh_from_db()
    assert walk.title == "Kveldsvandring i sentrum"
