"""Role dashboards: my agency's open action items, upcoming meetings, new shared concerns, statistics."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Concern, ConcernCategory
from coordination.statistics import concern_statistics
from tests.budget import queries_for, report

from .factories import ActionItemFactory, ConcernFactory, ConcernShareFactory, MeetingFactory

pytestmark = pytest.mark.django_db

URL = reverse("core:dashboard")


def test_the_school_sees_its_items_overdue_first_its_meetings_and_new_shares(client_for, agency_member, other_reporter):
    ActionItemFactory(title="Senere", responsible_agency=agency_member.agency)
    late = ActionItemFactory(title="Forsinket", responsible_agency=agency_member.agency)
    ActionItem.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=4))
    ActionItemFactory(title="Ferdig", responsible_agency=agency_member.agency, status="done")
    ActionItemFactory(title="Andres tiltak")
    MeetingFactory(title="Koordineringsmøte", invitees=[agency_member])
    MeetingFactory(title="Hemmelig møte")
    shared = ConcernFactory(reporter=other_reporter)
    ConcernShareFactory(concern=shared, agency=agency_member.agency)
    unshared = ConcernFactory(reporter=other_reporter)

    page = client_for(agency_member).get(URL).text

    assert page.index("Forsinket") < page.index("Senere")
    assert "Ferdig" not in page and "Andres tiltak" not in page
    assert 'class="badge text-bg-danger">Forfalt' in page
    assert "Koordineringsmøte" in page and "Hemmelig møte" not in page
    assert shared.reference in page and unshared.reference not in page
    assert "Bekymringer per måned etter kategori" in page  # every signed-in user sees the aggregated statistics


@pytest.mark.parametrize("role", ["admin", "coordinator", "police", "agency_member", "steering"])
def test_navigation_dashboard_and_page_agree_on_who_sees_statistics(request, client_for, role):
    """DESIGN.md section 3: statistics are for every signed-in user, aggregated. The menu, the dashboard
    panel and the statistics page answer the same for every role."""
    client = client_for(request.getfixturevalue(role))
    dashboard = client.get(URL)
    statistics_url = reverse("coordination:statistics")
    assert any(entry["url"] == statistics_url for entry in dashboard.context["nav_modules"])
    assert "statistics" in {item["panel"].key for item in dashboard.context["full_panels"]}
    assert client.get(statistics_url).status_code == 200


def test_an_inactive_user_sees_no_statistics(client_for, agency_member):
    client = client_for(agency_member)
    agency_member.is_active = False
    agency_member.save(update_fields=["is_active"])
    response = client.get(reverse("coordination:statistics"))
    assert response.status_code == 302  # signed out: the session of a deactivated user no longer counts


def test_steering_sees_statistics_and_meetings_but_no_concerns(client_for, steering, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    ConcernShareFactory(concern=concern, agency=steering.agency)
    MeetingFactory(title="Styringsgruppemøte", invitees=[steering])
    page = client_for(steering).get(URL).text
    assert "Bekymringer per måned etter kategori" in page
    assert "Styringsgruppemøte" in page
    assert concern.reference not in page
    assert reverse("coordination:concern_list") not in page  # no concerns module in the menu


def test_small_counts_are_hidden_in_tables_and_chart_data(client_for, coordinator, other_reporter):
    ConcernFactory.create_batch(3, reporter=other_reporter, categories=["bullying"])
    ConcernFactory.create_batch(6, reporter=other_reporter, categories=["drugs"])

    response = client_for(coordinator).get(URL)

    stats = next(item["context"]["stats"] for item in response.context["full_panels"])
    this_month = stats["month_rows"][-1]["cells"]
    labels = stats["categories"]
    assert this_month[labels.index("Mobbing")] == "< 5"
    assert this_month[labels.index("Narkotika")] == "6"
    chart = json.loads(response.text.split('id="stats-data" type="application/json">')[1].split("</script>")[0])
    datasets = {d["label"]: d["data"] for d in chart["month_datasets"]}
    assert datasets["Mobbing"][-1] is None  # never the small number itself
    assert datasets["Narkotika"][-1] == 6
    assert "&lt; 5" in response.text


def test_statistics_count_by_area_and_status(other_reporter):
    for _ in range(5):
        ConcernFactory(reporter=other_reporter, area__name="Lura")
    ConcernFactory(reporter=other_reporter, area__name="Hana")
    for _ in range(7):
        ActionItemFactory(status="open")
    ActionItemFactory(status="done")

    stats = concern_statistics()

    areas = {row["label"]: row["count"] for row in stats["area_rows"]}
    assert areas["Lura"] == "5" and areas["Hana"] == "< 5"
    statuses = dict(zip(stats["chart"]["statuses"], stats["chart"]["status_values"], strict=True))
    assert statuses["Åpen"] == 7 and statuses["Utført"] is None


def test_old_concerns_are_outside_the_twelve_months(other_reporter):
    ConcernFactory.create_batch(5, reporter=other_reporter, created_at=timezone.now() - timedelta(days=400))
    stats = concern_statistics()
    assert all(cell == "< 5" for row in stats["month_rows"] for cell in row["cells"])
    assert Concern.objects.count() == 5
    assert ConcernCategory.objects.count() == 5


@pytest.mark.parametrize("role", ["coordinator", "agency_member", "steering"])
def test_query_budget_10_vs_500(request, client_for, other_reporter, role):
    user = request.getfixturevalue(role)
    client = client_for(user)

    def fill(count):
        ActionItem.objects.bulk_create(
            ActionItem(title=f"T{i}", responsible_agency=user.agency, due_date=timezone.localdate())
            for i in range(count)
        )
        for concern in ConcernFactory.create_batch(count // 5, reporter=other_reporter, categories=["drugs", "theft"]):
            ConcernShareFactory(concern=concern, agency=user.agency)
        for _ in range(count // 50):
            MeetingFactory(invitees=[user])

    fill(10)
    small = queries_for(client, URL)
    fill(490)
    large = queries_for(client, URL)
    report(f"dashboard ({role})", small, large)
    assert small == large


def test_the_twelve_months_cross_the_new_year():
    stats = concern_statistics(today=timezone.datetime(2026, 1, 15).date())
    months = [row["month"] for row in stats["month_rows"]]
    assert (months[0].year, months[0].month) == (2025, 2)
    assert (months[-1].year, months[-1].month) == (2026, 1)
    assert len(set(months)) == 12


def test_statistics_are_cached_and_the_cached_counts_are_the_same(other_reporter, django_assert_num_queries):
    first = concern_statistics()
    with django_assert_num_queries(1):  # only the list of areas; the grouped counts come from the cache
        second = concern_statistics()
    assert second == first
