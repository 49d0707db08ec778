import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem
from walks.models import SafetyWalk

from .budget import fill_walk
from .factories import ObservationFactory, SafetyWalkFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db
URL = reverse("walks:follow_up")


@pytest.fixture
def measures(walk, lighting_company, parks):
    today = timezone.localdate()
    light = ObservationFactory(walk=walk, category="lighting")
    bush = ObservationFactory(walk=walk, category="vegetation")
    late = WalkActionItemFactory(
        title="Forsinket lys", responsible_agency=lighting_company, due_date=today - datetime.timedelta(days=3)
    )
    soon = WalkActionItemFactory(
        title="Lys snart", responsible_agency=lighting_company, due_date=today + datetime.timedelta(days=3)
    )
    done = WalkActionItemFactory(title="Ferdig lys", responsible_agency=lighting_company, status="done")
    hedge = WalkActionItemFactory(
        title="Klipp hekken", responsible_agency=parks, due_date=today + datetime.timedelta(days=1)
    )
    light.action_items.add(late, soon, done)
    bush.action_items.add(hedge)
    # A measure from a meeting is not a walk measure.
    WalkActionItemFactory(title="Møtetiltak", responsible_agency=parks, source=ActionItem.Source.MEETING)
    return {"late": late, "soon": soon, "done": done, "hedge": hedge}


def test_every_signed_in_role_sees_the_follow_up(client_for, any_role_user, measures):
    response = client_for(any_role_user).get(URL)
    assert response.status_code == 200
    text = response.text
    assert text.index("Forsinket lys") < text.index("Klipp hekken") < text.index("Lys snart")
    assert "Ferdig lys" not in text  # only open measures are listed
    assert "Møtetiltak" not in text


def test_it_counts_per_agency_and_category(client_for, coordinator, measures):
    context = client_for(coordinator).get(URL).context
    assert context["totals"] == {"total": 4, "done": 1, "wont_do": 0, "open": 3, "overdue": 1}
    assert context["done_percent"] == 25
    by_agency = {row["responsible_agency__name"]: row for row in context["by_agency"]}
    assert (by_agency["Sandnes gatelys AS"]["open"], by_agency["Sandnes gatelys AS"]["overdue"]) == (2, 1)
    assert by_agency["Sandnes gatelys AS"]["done_percent"] == 33
    assert by_agency["Park og vei"]["open"] == 1
    by_category = {row["category"]: row for row in context["by_category"]}
    assert (by_category["lighting"]["total"], by_category["lighting"]["open"]) == (3, 2)
    assert by_category["vegetation"]["open"] == 1


def test_it_filters_by_agency_and_category(client_for, coordinator, measures, parks):
    text = client_for(coordinator).get(URL, {"agency": parks.pk}).text
    assert "Klipp hekken" in text
    assert "Forsinket lys" not in text
    text = client_for(coordinator).get(URL, {"category": "lighting"}).text
    assert "Forsinket lys" in text
    assert "Klipp hekken" not in text


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_the_follow_up_has_a_query_budget(client_for, coordinator, lighting_company, page_queries):
    walk = SafetyWalkFactory(status=SafetyWalk.Status.COMPLETED)
    fill_walk(walk, 10, lighting_company)
    client = client_for(coordinator)
    few = page_queries(client, URL)
    fill_walk(walk, 490, lighting_company)
    fill_walk(SafetyWalkFactory(status=SafetyWalk.Status.COMPLETED), 20, lighting_company)
    assert page_queries(client, URL) == few
