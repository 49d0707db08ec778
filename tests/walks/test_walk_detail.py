import json
import re

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


def _card_numbers(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="fw-semibold">(\d+)\. ', page)]


def test_the_cards_come_a_page_at_a_time_and_the_map_has_them_all(client_for, coordinator, lighting_company):
    walk = SafetyWalkFactory()
    fill_walk(walk, 120, lighting_company)
    client = client_for(coordinator)

    first = client.get(walk.get_absolute_url()).text
    assert _card_numbers(first) == list(range(1, 26))
    assert "Viser observasjon 1–25 av 120. Alle er på kartet." in first
    assert 'href="?page=2#observations-heading"' in first
    points = json.loads(re.search(r'<script id="map-points" type="application/json">(.*?)</script>', first, re.S)[1])
    assert [point["number"] for point in points] == list(range(1, 121))
    observation = walk.observations.get(number=120)
    assert points[-1]["url"] == observation.get_absolute_url()
    assert points[-1]["text"] == observation.description[:120]
    assert points[-1]["colour"] == observation.colour

    last = client.get(walk.get_absolute_url(), {"page": 5}).text
    assert _card_numbers(last) == list(range(101, 121))
    assert "Viser observasjon 101–120 av 120. Alle er på kartet." in last
    assert "120 observasjoner" in last


def test_a_bad_card_page_gives_the_nearest_page(client_for, coordinator, lighting_company):
    walk = SafetyWalkFactory()
    fill_walk(walk, 30, lighting_company)
    client = client_for(coordinator)
    assert _card_numbers(client.get(walk.get_absolute_url(), {"page": "99"}).text) == list(range(26, 31))
    assert _card_numbers(client.get(walk.get_absolute_url(), {"page": "x"}).text) == list(range(1, 26))


def test_a_walk_with_few_observations_has_no_pages(client_for, coordinator, lighting_company):
    walk = SafetyWalkFactory()
    fill_walk(walk, 25, lighting_company)
    page = client_for(coordinator).get(walk.get_absolute_url()).text
    assert _card_numbers(page) == list(range(1, 26))
    assert "?page=2" not in page and "Alle er på kartet" not in page
