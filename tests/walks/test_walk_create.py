import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from tests.factories import AreaFactory
from walks.models import SafetyWalk

pytestmark = pytest.mark.django_db
URL = reverse("walks:walk_create")


def form_data(area, **extra):
    return {
        "title": "Vandring rundt Ruten",
        "area": area.pk,
        "date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "start_time": "20:00",
        "light": "after_dark",
        "meeting_point": "Ruten",
        "route_description": "Ruten – Langgata – stasjonen",
        "residents_count": "4",
        "youth_council_count": "2",
        "landlords_count": "0",
        "other_external_count": "0",
        **extra,
    }


@pytest.mark.parametrize("role", ["coordinator", "police", "agency_member"])
def test_staff_who_take_part_in_slt_plan_a_walk(request, client_for, role, school, lighting_company):
    user = request.getfixturevalue(role)
    area = AreaFactory(name="Sandnes sentrum")
    client = client_for(user)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL, form_data(area, invited_agencies=[school.pk, lighting_company.pk], invited_users=[user.pk])
    )
    walk = SafetyWalk.objects.get()
    assert response.status_code == 302
    assert response.url == walk.get_absolute_url()
    assert walk.status == SafetyWalk.Status.PLANNED
    assert walk.organiser == user
    assert walk.residents_count == 4
    assert set(walk.invited_agencies.all()) == {school, lighting_company}
    assert AuditEvent.objects.filter(action="create", object_type="walks.safetywalk", object_id=str(walk.pk)).exists()


@pytest.mark.parametrize("role", ["admin", "steering"])
def test_administrators_and_the_steering_group_do_not_plan_walks(request, client_for, role):
    user = request.getfixturevalue(role)
    area = AreaFactory(name="Sandnes sentrum")
    client = client_for(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(area)).status_code == 403
    assert not SafetyWalk.objects.exists()


def test_a_coordinator_can_name_another_organiser(client_for, coordinator, police):
    area = AreaFactory(name="Sandnes sentrum")
    client_for(coordinator).post(URL, form_data(area, organiser=police.pk))
    assert SafetyWalk.objects.get().organiser == police


def test_others_cannot_hand_the_walk_to_someone_else(client_for, police, agency_member):
    area = AreaFactory(name="Sandnes sentrum")
    client_for(agency_member).post(URL, form_data(area, organiser=police.pk))
    assert SafetyWalk.objects.get().organiser == agency_member


def test_missing_fields_are_explained_and_nothing_is_saved(client_for, coordinator):
    response = client_for(coordinator).post(URL, {"title": ""})
    assert response.status_code == 200
    assert "Feltet er påkrevet" in response.text
    assert not SafetyWalk.objects.exists()
