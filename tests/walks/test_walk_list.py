import pytest
from django.urls import reverse

from walks.models import SafetyWalk

from .factories import ObservationFactory, SafetyWalkFactory

pytestmark = pytest.mark.django_db
URL = reverse("walks:walk_list")


def test_every_signed_in_role_sees_the_walks(client_for, any_role_user, walk):
    response = client_for(any_role_user).get(URL)
    assert response.status_code == 200
    assert walk.title in response.text


def test_anonymous_visitors_are_sent_to_sign_in(client, walk):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_filters_by_status(client_for, coordinator):
    SafetyWalkFactory(title="Planlagt vandring")
    SafetyWalkFactory(title="Publisert vandring", status=SafetyWalk.Status.PUBLISHED)
    response = client_for(coordinator).get(URL, {"status": "published"})
    assert "Publisert vandring" in response.text
    assert "Planlagt vandring" not in response.text


def test_an_empty_filtered_list_says_so_and_an_empty_list_says_there_are_none(client_for, coordinator):
    assert "Ingen trygghetsvandringer ennå." in client_for(coordinator).get(URL).text
    SafetyWalkFactory(title="Planlagt vandring")
    filtered = client_for(coordinator).get(URL, {"status": "published"}).text
    assert "Ingen trygghetsvandringer med denne statusen." in filtered
    assert "ennå" not in filtered


def test_only_those_who_may_plan_see_the_plan_button(client_for, coordinator, steering, admin):
    plan = reverse("walks:walk_create")
    assert plan in client_for(coordinator).get(URL).text
    assert plan not in client_for(steering).get(URL).text
    assert plan not in client_for(admin).get(URL).text


def test_the_list_has_a_query_budget(client_for, coordinator, page_queries):
    client = client_for(coordinator)
    for _ in range(2):
        ObservationFactory(walk=SafetyWalkFactory())
    few = page_queries(client, URL)
    for _ in range(20):
        ObservationFactory(walk=SafetyWalkFactory())
    assert page_queries(client, URL) == few
