import pytest
from django.urls import reverse

from slt.audit.models import AuditEvent
from walks.models import Observation, SafetyWalk

pytestmark = pytest.mark.django_db


def url(walk):
    return reverse("walks:observation_create", args=[walk.pk])


def data(**extra):
    return {
        "latitude": "58.851200",
        "longitude": "5.738400",
        "category": "lighting",
        "description": "Gangstien er helt mørk",
        "safety_rating": "1",
        "suggested_measure": "Nye lysmaster",
        **extra,
    }


def test_an_invited_user_adds_an_observation(client_for, walk, police):
    walk.invited_users.add(police)
    client = client_for(police)
    assert client.get(url(walk)).status_code == 200
    response = client.post(url(walk), data())
    assert response.status_code == 302
    assert response.url == url(walk)
    observation = Observation.objects.get()
    assert (observation.walk, observation.created_by, observation.safety_rating) == (walk, police, 1)
    assert str(observation.latitude) == "58.851200"
    assert AuditEvent.objects.filter(action="create", object_type="walks.observation").count() == 1


def test_a_member_of_an_invited_agency_adds_an_observation(client_for, walk, agency_member):
    walk.invited_agencies.add(agency_member.agency)
    response = client_for(agency_member).post(url(walk), {**data(), "done": ""})
    assert response.status_code == 302
    assert response.url == walk.get_absolute_url()
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("role", ["coordinator", "organiser"])
def test_coordinators_and_the_organiser_add_observations(request, client_for, walk, role):
    assert client_for(request.getfixturevalue(role)).post(url(walk), data()).status_code == 302
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("role", ["admin", "police", "agency_member", "steering"])
def test_readers_who_do_not_take_part_cannot_add(request, client_for, walk, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(url(walk)).status_code == 403
    assert client.post(url(walk), data()).status_code == 403
    assert not Observation.objects.exists()


def test_an_unknown_walk_is_404(client_for, coordinator):
    assert client_for(coordinator).post(reverse("walks:observation_create", args=[999]), data()).status_code == 404


@pytest.mark.parametrize("status", ["completed", "published"])
def test_a_closed_walk_takes_no_observations(client_for, walk, police, status):
    walk.invited_users.add(police)
    SafetyWalk.objects.filter(pk=walk.pk).update(status=status, published_at="2026-01-01T10:00:00Z")
    response = client_for(police).post(url(walk), data())
    assert response.status_code == 200
    assert "Vandringen er avsluttet" in response.text
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("91", "5.7", "Verdien må være mindre enn eller lik 90"),
        ("58.85", "-181", "Verdien må være større enn eller lik -180"),
        ("59.9139", "10.7522", "Punktet ligger utenfor kommunen"),
        ("nord", "5.7", "Oppgi et tall"),
        ("", "", "Feltet er påkrevet"),
    ],
)
def test_a_point_out_of_range_or_outside_the_municipality_is_refused(
    client_for, walk, organiser, latitude, longitude, message
):
    response = client_for(organiser).post(url(walk), data(latitude=latitude, longitude=longitude))
    assert response.status_code == 200
    assert message in response.text
    assert not Observation.objects.exists()


def test_the_bounds_are_a_setting(client_for, walk, organiser, settings):
    settings.WALKS_BOUNDS = (59.80, 10.50, 60.10, 11.00)
    assert client_for(organiser).post(url(walk), data(latitude="59.9139", longitude="10.7522")).status_code == 302
    assert client_for(organiser).post(url(walk), data()).status_code == 200
    assert Observation.objects.count() == 1


@pytest.mark.parametrize(("field", "value"), [("safety_rating", "0"), ("safety_rating", "6"), ("category", "ufo")])
def test_rating_and_category_are_checked(client_for, walk, organiser, field, value):
    response = client_for(organiser).post(url(walk), data(**{field: value}))
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.text
    assert not Observation.objects.exists()


def test_the_form_is_made_for_a_phone(client_for, walk, organiser, settings):
    settings.WALKS_TILE_URL = "https://kart.example/{z}/{x}/{y}.png"
    page = client_for(organiser).get(url(walk)).text
    assert 'data-mode="pick"' in page
    assert "https://kart.example/{z}/{x}/{y}.png" in page
    assert 'capture="environment"' in page
    assert 'inputmode="decimal"' in page
    assert "leaflet/leaflet.js" in page
