"""Role dashboards: my agency's open action items, upcoming meetings, new shared concerns, statistics."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, ConcernCategory
from coordination.statistics import dashboard_summary, refresh_statistics
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
    assert "Bekymringer etter kategori" in page  # every signed-in user sees the aggregated statistics


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
    assert "Bekymringer etter kategori" in page
    assert "Styringsgruppemøte" in page
    assert concern.reference not in page
    assert reverse("coordination:concern_list") not in page  # no concerns module in the menu


def _summary(response):
    return next(item["context"]["summary"] for item in response.context["full_panels"])


def test_the_summary_compares_this_year_with_the_same_part_of_last_year(client_for, coordinator, other_reporter):
    today = timezone.localdate()
    ConcernFactory.create_batch(6, reporter=other_reporter, categories=["drugs"])
    ConcernFactory.create_batch(3, reporter=other_reporter, categories=["bullying"])
    a_year_ago = timezone.now() - timedelta(days=366 if today.month > 2 else 365)
    ConcernFactory.create_batch(7, reporter=other_reporter, categories=["drugs"], created_at=a_year_ago)

    response = client_for(coordinator).get(URL)

    summary = _summary(response)
    rows = {row["label"]: (row["this"], row["last"]) for row in summary["rows"]}
    assert rows["Narkotika"] == ("6", "7")
    assert rows["Mobbing"] == ("< 5", "< 5")
    # Every category is listed, with records or not: a row that came and went would tell that it had some.
    assert len(rows) == len(ConcernCategory.Category.choices)
    # 9 concerns this year, but "Mobbing" is hidden: 9 − 6 would give it back.
    assert (summary["total_this"], summary["total_last"]) == ("–", "–")
    assert f"Hittil i {today.year}" in response.text
    assert "&lt; 5" in response.text
    assert "Bekymringer per måned etter kategori" not in response.text  # no more 12 × 13 table on the dashboard
    assert "chart.umd" not in response.text


def test_the_summary_counts_open_and_overdue_action_items(client_for, steering):
    for _ in range(6):
        ActionItemFactory(status="open")
    late = [ActionItemFactory(status="in_progress") for _ in range(5)]
    ActionItem.objects.filter(pk__in=[item.pk for item in late]).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    ActionItemFactory(status="done")

    summary = _summary(client_for(steering).get(URL))

    assert summary["open_actions"] == "11"
    assert summary["overdue_actions"] == "5"


def test_walks_done_come_from_the_walks_app_through_the_registry(client_for, agency_member):
    from tests.walks.factories import SafetyWalkFactory
    from walks.models import SafetyWalk

    today = timezone.localdate()
    SafetyWalkFactory.create_batch(2, status=SafetyWalk.Status.COMPLETED, date=today)
    SafetyWalkFactory(status=SafetyWalk.Status.PUBLISHED, date=today)
    SafetyWalkFactory(status=SafetyWalk.Status.PLANNED, date=today)  # not done
    SafetyWalkFactory(status=SafetyWalk.Status.COMPLETED, date=today - timedelta(days=366))

    summary = _summary(client_for(agency_member).get(URL))

    walks = next(figure for figure in summary["figures"] if figure["title"] == "Gjennomførte trygghetsvandringer")
    # A walk is about a place, not a person: its figure is not suppressed.
    assert walks["this"] == "3"
    assert walks["last"] == ("1" if today.month > 1 or today.day > 1 else "0")


def test_a_total_is_shown_when_no_cell_is_hidden(client_for, coordinator, other_reporter):
    for code, _label in ConcernCategory.Category.choices:
        ConcernFactory.create_batch(5, reporter=other_reporter, categories=[code])
    summary = _summary(client_for(coordinator).get(URL))
    assert {row["this"] for row in summary["rows"]} == {"5"}
    assert summary["total_this"] == str(5 * len(ConcernCategory.Category.choices))
    assert summary["total_last"] == "–"  # last year's cells are 0, hidden as "< 5"


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


def test_the_summary_is_cached_and_the_task_refreshes_it(other_reporter, coordinator, django_assert_num_queries):
    ConcernFactory.create_batch(5, reporter=other_reporter, categories=["drugs"])
    first = dashboard_summary(coordinator)
    with django_assert_num_queries(0):  # the counts come from the cache
        second = dashboard_summary(coordinator)
    assert second == first
    ConcernFactory.create_batch(1, reporter=other_reporter, categories=["drugs"])
    assert dashboard_summary(coordinator) == first
    refresh_statistics()
    rows = {row["label"]: row["this"] for row in dashboard_summary(coordinator)["rows"]}
    assert rows["Narkotika"] == "6"
