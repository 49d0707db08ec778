"""The concern list: filters, search, paging, and a query budget that does not grow with the rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Concern
from slt.core.pagination import CappedPaginator
from tests.budget import queries_for, report
from tests.factories import AreaFactory

from .factories import ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db

URL = reverse("coordination:concern_list")


def _references(response):
    return {c.reference for c in response.context["page"].object_list}


def test_filters(client_for, coordinator, other_reporter, police):
    lura = AreaFactory(name="Lura")
    drugs = ConcernFactory(reporter=other_reporter, categories=["drugs"], area=lura, risk_level="high")
    bullying = ConcernFactory(reporter=other_reporter, categories=["bullying"], age_band="10-12", risk_level="low")
    closed = ConcernFactory(
        reporter=other_reporter, status="closed", outcome="resolved", description="Knust rute", categories=["theft"]
    )
    shared = ConcernFactory(reporter=other_reporter, categories=["theft"])
    ConcernShareFactory(concern=shared, agency=police.agency)
    late = ConcernFactory(reporter=other_reporter, categories=["theft"])
    ActionItem.objects.create(
        title="Sent",
        responsible_agency=police.agency,
        due_date=timezone.localdate() - timedelta(days=2),
        concern=late,
    )
    client = client_for(coordinator)

    assert _references(client.get(URL, {"category": "drugs"})) == {drugs.reference}
    assert _references(client.get(URL, {"area": lura.pk})) == {drugs.reference}
    assert _references(client.get(URL, {"risk": "high"})) == {drugs.reference}
    assert _references(client.get(URL, {"age_band": "10-12"})) == {bullying.reference}
    assert _references(client.get(URL, {"status": "closed"})) == {closed.reference}
    assert _references(client.get(URL, {"agency": police.agency.pk})) == {shared.reference}
    assert _references(client.get(URL, {"overdue": "on"})) == {late.reference}
    assert _references(client.get(URL, {"q": "knust"})) == {closed.reference}
    assert _references(client.get(URL, {"q": drugs.reference})) == {drugs.reference}
    assert len(_references(client.get(URL))) == 5


def test_a_filter_cannot_widen_what_the_user_sees(client_for, police, other_reporter):
    hidden = ConcernFactory(reporter=other_reporter, categories=["drugs"])
    response = client_for(police).get(URL, {"category": "drugs", "agency": other_reporter.agency.pk})
    assert hidden.reference not in response.text


def test_pages_through_many_concerns(client_for, coordinator, other_reporter):
    ConcernFactory.create_batch(60, reporter=other_reporter)
    client = client_for(coordinator)
    first = client.get(URL)
    third = client.get(URL, {"page": 3})
    assert len(first.context["page"].object_list) == 25
    assert len(third.context["page"].object_list) == 10
    assert "60 bekymringer" in first.text
    newest = Concern.objects.order_by("-created_at", "-id").first()
    assert newest.reference in first.text


def test_the_count_is_capped(other_reporter):
    ConcernFactory.create_batch(12, reporter=other_reporter)

    class Small(CappedPaginator):
        cap = 10

    paginator = Small(Concern.objects.order_by("-id"), 5)
    assert paginator.count == 11
    assert paginator.is_capped


@pytest.mark.parametrize("role", ["coordinator", "police"])
def test_query_budget_10_vs_500(request, client_for, other_reporter, role):
    user = request.getfixturevalue(role)
    client = client_for(user)

    def fill(count):
        for concern in ConcernFactory.create_batch(count, reporter=other_reporter, categories=["drugs", "theft"]):
            ConcernShareFactory(concern=concern, agency=user.agency)

    url = URL + "?category=drugs"
    fill(10)
    small, small_fragment = queries_for(client, url), queries_for(client, url, {"HX-Request": "true"})
    fill(490)
    large, large_fragment = queries_for(client, url), queries_for(client, url, {"HX-Request": "true"})
    report(f"concern list ({role})", small, large)
    report(f"concern list, htmx filter ({role})", small_fragment, large_fragment)
    assert small == large
    assert small_fragment == large_fragment
