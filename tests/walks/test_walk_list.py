import pytest
from django.urls import reverse

from tests.factories import AreaFactory
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


def test_it_searches_the_title_and_the_meeting_point(client_for, coordinator):
    SafetyWalkFactory(title="Skoleveien til Lura", meeting_point="Lura skole")
    SafetyWalkFactory(title="Sentrum etter mørkets frembrudd", meeting_point="Ruten")
    client = client_for(coordinator)
    assert [w.title for w, _ in client.get(URL, {"q": "lura"}).context["rows"]] == ["Skoleveien til Lura"]
    assert [w.title for w, _ in client.get(URL, {"q": "ruten"}).context["rows"]] == ["Sentrum etter mørkets frembrudd"]


def test_it_filters_by_area_and_shows_the_area_as_a_removable_chip(client_for, coordinator):
    lura = AreaFactory(name="Lura")
    SafetyWalkFactory(title="Vandring på Lura", area=lura)
    SafetyWalkFactory(title="Vandring i sentrum")
    response = client_for(coordinator).get(URL, {"area": lura.pk, "status": "planned"})
    assert [w.title for w, _ in response.context["rows"]] == ["Vandring på Lura"]
    assert f'href="?area={lura.pk}" aria-label="Fjern filter: Status: Planlagt"' in response.text
    assert 'href="?status=planned" aria-label="Fjern filter: Område: Lura"' in response.text


def test_an_empty_list_filtered_by_more_than_the_status_says_nothing_matches(client_for, coordinator):
    SafetyWalkFactory(title="Planlagt vandring")
    html = client_for(coordinator).get(URL, {"q": "finnes ikke"}).text
    assert "Ingen trygghetsvandringer passer med filtrene." in html
    assert f'<a href="{URL}">Fjern alle filtre</a>' in html
    assert "ennå" not in html


def test_an_invalid_filter_filters_nothing(client_for, coordinator):
    SafetyWalkFactory(title="Planlagt vandring")
    response = client_for(coordinator).get(URL, {"status": "nonsense", "area": "99999999999999999999"})
    assert response.status_code == 200
    assert "Planlagt vandring" in response.text
    assert "filter-chip" not in response.text


def test_the_query_budget_holds_with_filters(client_for, coordinator, page_queries):
    client = client_for(coordinator)
    area = AreaFactory(name="Lura")
    url = f"{URL}?status=planned&q=vandring&area={area.pk}"
    for _ in range(2):
        ObservationFactory(walk=SafetyWalkFactory(area=area))
    few = page_queries(client, url)
    for _ in range(15):
        ObservationFactory(walk=SafetyWalkFactory(area=area))
    assert page_queries(client, url) == few
