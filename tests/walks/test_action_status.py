import pytest
from django.urls import reverse

from coordination.models import ActionItem
from tests.factories import UserFactory

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(walk, lighting_company):
    item = WalkActionItemFactory(responsible_agency=lighting_company)
    ObservationFactory(walk=walk).action_items.add(item)
    return item


def url(walk, item):
    return reverse("walks:action_status", args=[walk.pk, item.pk])


@pytest.mark.parametrize("role", ["coordinator", "organiser"])
def test_managers_move_a_measure(request, client_for, walk, item, role):
    response = client_for(request.getfixturevalue(role)).post(url(walk, item), {"status": "in_progress"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ActionItem.Status.IN_PROGRESS


def test_the_responsible_agency_moves_its_measure(client_for, walk, item, lighting_company):
    member = UserFactory(username="lys", agency=lighting_company)
    client_for(member).post(url(walk, item), {"status": "done"})
    item.refresh_from_db()
    assert item.status == ActionItem.Status.DONE
    assert item.completed_at is not None


def test_will_not_be_done_needs_a_reason(client_for, walk, item, coordinator):
    response = client_for(coordinator).post(url(walk, item), {"status": "wont_do", "reason": " "}, follow=True)
    assert "Skriv hvorfor tiltaket ikke blir utført" in response.text
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN
    client_for(coordinator).post(url(walk, item), {"status": "wont_do", "reason": "Privat grunn"})
    item.refresh_from_db()
    assert (item.status, item.status_reason) == ("wont_do", "Privat grunn")


@pytest.mark.parametrize("role", ["admin", "police", "agency_member", "steering"])
def test_others_may_not_move_it(request, client_for, walk, item, role):
    response = client_for(request.getfixturevalue(role)).post(url(walk, item), {"status": "done"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_a_measure_of_another_walk_is_404_here(client_for, coordinator, item, lighting_company):
    other_walk = ObservationFactory().walk
    response = client_for(coordinator).post(url(other_walk, item), {"status": "done"})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN
