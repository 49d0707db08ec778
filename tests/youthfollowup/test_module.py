"""How youth follow-up plugs into the platform: menu, dashboard panel, statistics, demo data, admin, imports, docs."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from coordination.demo import registry as demo_registry
from slt.core.registry import registry
from youthfollowup import services
from youthfollowup.demo import seed_youth_cases
from youthfollowup.models import FollowUpMeeting, YouthCase
from youthfollowup.selectors import dashboard
from youthfollowup.states import CLOSED_STATES, CaseState
from youthfollowup.statistics import chart_value, suppress, youth_statistics

from .factories import at, bulk_cases, case_in, refer

pytestmark = pytest.mark.django_db
S = CaseState
ROOT = Path(settings.BASE_DIR)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("admin", False),
        ("coordinator", False),
        ("police", False),
        ("agency_member", False),
        ("steering", False),
        ("youth_coordinator", True),
        ("team_member", True),
    ],
)
def test_the_menu_entry_is_for_youth_coordinators_and_team_members(request, client_for, youth_coordinator, role, sees):
    user = request.getfixturevalue(role)
    if role == "team_member":
        case_in(S.DECIDED, youth_coordinator)
        services.team_member_add(actor=youth_coordinator, case=YouthCase.objects.get(), user=user)
    response = client_for(user).get(reverse("core:dashboard"))
    keys = [entry.key for entry in response.context["modules"]]
    assert ("youthfollowup" in keys) == sees
    assert ("Ungdomsoppfølging" in response.text) == sees
    panels = [item["panel"].key for item in response.context["half_panels"]]
    assert ("youthfollowup" in panels) == (role == "youth_coordinator")


def test_the_entry_comes_after_the_other_modules_and_the_seeder_after_theirs(youth_coordinator):
    menu = registry.menu_for(youth_coordinator)
    entry = next(item for item in menu if item.key == "youthfollowup")
    assert entry.order == 70 and entry.url == reverse("youthfollowup:case_list")
    assert [item.key for item in menu][-2:] == ["youthfollowup", "statistics"]
    seeders = [seeder.key for seeder in registry.demo_seeders()]
    assert seeders.index("youthfollowup") > seeders.index("registry")


def test_the_dashboard_panel_counts_and_lists_deadlines(youth_coordinator):
    today = timezone.localdate()
    overdue = case_in(S.IN_FOLLOW_UP, youth_coordinator)  # due 9 days ago
    due = case_in(S.IN_FOLLOW_UP, youth_coordinator)
    services.follow_up_meeting_add(
        actor=youth_coordinator, case=due, starts_at=at(today - timedelta(days=31)), held=True, summary="Ok"
    )
    refer(youth_coordinator)
    case_in(S.COMPLETED, youth_coordinator)
    panel = dashboard(youth_coordinator, today=today)
    counts = {row["state"]: row["count"] for row in panel["by_state"]}
    assert counts == {
        S.REFERRED: 1,
        S.CONSENTS_OBTAINED: 0,
        S.DECIDED: 0,
        S.PLAN_MEETING_PLANNED: 0,
        S.IN_FOLLOW_UP: 2,
    }
    assert panel["open_total"] == 3
    assert [case.number for case in panel["overdue"]] == [overdue.number]
    assert [case.number for case in panel["due_this_week"]] == [due.number]  # due today
    assert panel["ending_soon"] == []
    later = dashboard(youth_coordinator, today=overdue.plan.period_end - timedelta(days=10))
    assert {case.number for case in later["ending_soon"]} == {overdue.number, due.number}
    assert dashboard(youth_coordinator.__class__(), today=today) is None


def test_a_plan_that_is_late_shows_as_overdue(youth_coordinator, settings):
    settings.YOUTH_PLAN_DUE_DAYS = 30
    case = case_in(S.DECIDED, youth_coordinator)  # decided 50 days ago
    assert [c.number for c in dashboard(youth_coordinator)["overdue"]] == [case.number]


def test_small_counts_are_suppressed():
    assert [suppress(n) for n in (0, 4, 5, 12)] == ["< 5", "< 5", "5", "12"]
    assert [chart_value(n) for n in (0, 4, 5)] == [None, None, 5]


def test_statistics_by_state_age_and_completion_rate(youth_coordinator):
    cases = bulk_cases(90, youth_coordinator)
    stats = youth_statistics()
    rows = {row["label"]: row["count"] for row in stats["state_rows"]}
    assert rows["Henvist"] == "10" and rows["Plan godkjent, i oppfølging"] == "10"
    assert stats["total"] == "90"
    assert [row["count"] for row in stats["age_rows"]] == ["30", "30", "30"]
    assert stats["chart"]["age_values"] == [30, 30, 30]
    # No plan approved among the bulk rows: no case "ended after the plan was approved", so no rate.
    assert stats["completion"]["rate"] is None and stats["completion"]["ended"] == "< 5"
    assert len(cases) == 90 and stats["chart"]["state_values"] == [10] * 9


def test_the_completion_rate_needs_five_on_each_side(youth_coordinator):
    for _ in range(5):
        case_in(S.COMPLETED, youth_coordinator)
    for _ in range(4):
        case_in(S.RETURNED, youth_coordinator)
    stats = youth_statistics()
    assert stats["completion"]["completed"] == "5" and stats["completion"]["not_completed"] == "< 5"
    assert stats["completion"]["rate"] is None
    case_in(S.RETURNED, youth_coordinator)
    assert youth_statistics()["completion"]["rate"] == 50
    chart = youth_statistics()["chart"]
    assert chart["state_values"][S.values.index(S.COMPLETED)] == 5
    assert chart["state_values"][S.values.index(S.REFERRED)] is None


def test_the_demo_cases_are_seeded_once_in_four_states_through_the_services():
    agencies = demo_registry.seed_registry()
    users = {user.username: user for user in demo_registry.seed_users(agencies)}
    first = seed_youth_cases(agencies, users)
    assert seed_youth_cases(agencies, users) == []
    assert len(first) == 4 and YouthCase.objects.count() == 4
    states = set(YouthCase.objects.values_list("state", flat=True))
    assert states == {S.IN_FOLLOW_UP, S.PLAN_MEETING_PLANNED, S.COMPLETED, S.REFERRED}
    with_plans = YouthCase.objects.filter(plan__measures__isnull=False).distinct().count()
    assert with_plans == 3
    assert FollowUpMeeting.objects.filter(held=True).values("case").distinct().count() == 2
    following = YouthCase.objects.with_deadlines().get(state=S.IN_FOLLOW_UP)
    assert following.follow_up_overdue and following.period_ends_soon
    assert YouthCase.objects.get(state=S.COMPLETED).retain_until is not None
    assert set(following.team.values_list("user__username", flat=True)) == {
        "ungdomskoordinator",
        "politi",
        "barnevern",
        "skole",
    }


def test_seed_demo_runs_the_youth_seeder(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    assert YouthCase.objects.count() == 4
    assert all(case.state not in CLOSED_STATES or case.retain_until for case in YouthCase.objects.all())


def test_case_records_are_not_in_django_admin():
    assert not [model for model in admin.site._registry if model._meta.app_label == "youthfollowup"]


def _imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_youthfollowup_never_imports_walks_or_extremism():
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / "youthfollowup").rglob("*.py")
        for module in _imports(path)
        if module.split(".")[0] in {"walks", "extremism"}
    ]
    assert offenders == []


def test_the_user_guide_says_the_law_sets_no_penalty_limit_and_the_check_is_local():
    guide = (ROOT / "docs" / "youthfollowup.md").read_text()
    assert "YOUTH_MAX_PENALTY_CHECK" in guide and "YOUTH_RETENTION_YEARS" in guide
    assert "the law sets no limit" in guide.lower()
    assert "local rule" in guide.lower()
    assert "../shared" not in guide


def test_the_settings_read_from_the_environment_have_their_defaults():
    assert settings.YOUTH_RETENTION_YEARS == 5
    assert settings.YOUTH_MAX_PENALTY_CHECK is True
    assert settings.YOUTH_MAX_PENALTY_YEARS == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, youth_coordinator):
    case = refer(youth_coordinator)
    for url in (reverse("youthfollowup:case_list"), case.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
