import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem
from tests.factories import AgencyFactory
from walks.models import SafetyWalk

from .factories import ObservationFactory, SafetyWalkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_walk(walk):
    SafetyWalk.objects.filter(pk=walk.pk).update(status="completed", date=timezone.localdate())
    walk.refresh_from_db()
    return walk


def url(walk):
    return reverse("walks:action_create", args=[walk.pk])


def data(observations, agency, days=30, **extra):
    return {
        "observations": [observation.pk for observation in observations],
        "title": "Nye lysmaster langs stien",
        "description": "Fire master mellom brua og Ruten",
        "responsible_agency": agency.pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=days)).isoformat(),
        **extra,
    }


@pytest.mark.parametrize("role", ["coordinator", "organiser"])
def test_observations_become_a_measure_for_an_agency(request, client_for, completed_walk, lighting_company, role):
    first, second = ObservationFactory(walk=completed_walk), ObservationFactory(walk=completed_walk)
    client = client_for(request.getfixturevalue(role))
    page = client.get(url(completed_walk), {"observations": [first.pk]})
    assert page.status_code == 200
    response = client.post(url(completed_walk), data([first, second], lighting_company))
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.source == ActionItem.Source.WALK
    assert item.responsible_agency == lighting_company
    assert item.status == ActionItem.Status.OPEN
    assert set(item.observations.all()) == {first, second}


@pytest.mark.parametrize("role", ["admin", "police", "agency_member", "steering"])
def test_others_may_not_create_measures(request, client_for, completed_walk, lighting_company, role):
    observation = ObservationFactory(walk=completed_walk)
    client = client_for(request.getfixturevalue(role))
    assert client.get(url(completed_walk)).status_code == 403
    assert client.post(url(completed_walk), data([observation], lighting_company)).status_code == 403
    assert not ActionItem.objects.exists()


def test_a_participant_may_not_create_measures(client_for, completed_walk, lighting_company, agency_member):
    completed_walk.invited_agencies.add(agency_member.agency)
    observation = ObservationFactory(walk=completed_walk)
    assert client_for(agency_member).post(url(completed_walk), data([observation], lighting_company)).status_code == 403
    assert not ActionItem.objects.exists()


def test_a_deadline_before_the_walk_is_refused(client_for, coordinator, lighting_company):
    walk = SafetyWalkFactory(date=timezone.localdate() + datetime.timedelta(days=20))
    observation = ObservationFactory(walk=walk)
    response = client_for(coordinator).post(url(walk), data([observation], lighting_company, days=10))
    assert response.status_code == 200
    assert "Fristen kan ikke være før vandringen" in response.text
    assert not ActionItem.objects.exists()


def test_a_deadline_in_the_past_is_refused(client_for, coordinator, lighting_company):
    walk = SafetyWalkFactory(date=timezone.localdate() - datetime.timedelta(days=30))
    observation = ObservationFactory(walk=walk)
    response = client_for(coordinator).post(url(walk), data([observation], lighting_company, days=-2))
    assert response.status_code == 200
    assert "Fristen kan ikke være tilbake i tid" in response.text
    assert not ActionItem.objects.exists()


def test_an_inactive_agency_gets_no_measures(client_for, coordinator, completed_walk):
    closed = AgencyFactory(name="Nedlagt etat", is_active=False)
    observation = ObservationFactory(walk=completed_walk)
    response = client_for(coordinator).post(url(completed_walk), data([observation], closed))
    assert response.status_code == 200
    assert "Aktøren er inaktiv" in response.text
    assert not ActionItem.objects.exists()
    assert not observation.action_items.exists()


def test_observations_of_another_walk_cannot_be_chosen(client_for, coordinator, completed_walk, lighting_company):
    other = ObservationFactory(walk=SafetyWalkFactory())
    response = client_for(coordinator).post(url(completed_walk), data([other], lighting_company))
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.text
    assert not ActionItem.objects.exists()


def test_at_least_one_observation(client_for, coordinator, completed_walk, lighting_company):
    response = client_for(coordinator).post(url(completed_walk), data([], lighting_company))
    assert "Velg minst én observasjon" in response.text
    assert not ActionItem.objects.exists()


def test_the_form_starts_from_the_ticked_observations(client_for, coordinator, completed_walk):
    ObservationFactory(walk=completed_walk, suggested_measure="")
    chosen = ObservationFactory(walk=completed_walk, suggested_measure="Skifte lyspærer i Langgata")
    response = client_for(coordinator).get(url(completed_walk), {"observations": [chosen.pk, "x"]})
    form = response.context["form"]
    assert form.initial["observations"] == [chosen.pk]
    assert form.initial["title"] == "Skifte lyspærer i Langgata"
    assert form.initial["due_date"] == timezone.localdate() + datetime.timedelta(days=30)
