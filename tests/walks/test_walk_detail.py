import pytest
from django.urls import reverse

from slt.accounts.models import User
from tests.factories import UserFactory
from walks.models import SafetyWalk

from .budget import fill_walk
from .factories import ObservationFactory, SafetyWalkFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


def test_every_signed_in_role_reads_a_walk(client_for, any_role_user, walk):
    ObservationFactory(walk=walk, description="Mørk undergang ved stasjonen")
    response = client_for(any_role_user).get(walk.get_absolute_url())
    assert response.status_code == 200
    assert "Mørk undergang ved stasjonen" in response.text


def test_an_unknown_walk_is_404(client_for, coordinator):
    assert client_for(coordinator).get(reverse("walks:walk_detail", args=[12345])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, walk):
    assert client.get(walk.get_absolute_url()).status_code == 302


def test_the_add_button_shows_for_participants_only(client_for, walk, agency_member, police):
    walk.invited_agencies.add(agency_member.agency)
    add = reverse("walks:observation_create", args=[walk.pk])
    assert add in client_for(agency_member).get(walk.get_absolute_url()).text
    assert add not in client_for(police).get(walk.get_absolute_url()).text


def test_the_progress_bar_counts_done_and_settled_measures(client_for, coordinator, walk, lighting_company):
    observation = ObservationFactory(walk=walk)
    for status in ("done", "done", "open"):
        observation.action_items.add(WalkActionItemFactory(responsible_agency=lighting_company, status=status))
    observation.action_items.add(
        WalkActionItemFactory(responsible_agency=lighting_company, status="wont_do", status_reason="Privat grunn")
    )
    response = client_for(coordinator).get(walk.get_absolute_url())
    assert 'aria-valuenow="75"' in response.text
    assert "3 av 4 tiltak utført eller avklart (75 %)" in response.text


def test_the_walk_page_has_a_query_budget(client_for, lighting_company, page_queries):
    walk = SafetyWalkFactory(status=SafetyWalk.Status.COMPLETED)
    walk.invited_agencies.add(lighting_company)
    walk.invited_users.add(UserFactory(role=User.Role.POLICE))
    coordinator = UserFactory(username="koord", role=User.Role.COORDINATOR)
    fill_walk(walk, 10, lighting_company)
    client = client_for(coordinator)
    few = page_queries(client, walk.get_absolute_url())
    fill_walk(walk, 490, lighting_company)
    assert walk.observations.count() == 500
    assert page_queries(client, walk.get_absolute_url()) == few
