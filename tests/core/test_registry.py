"""The module registry: the core loops over what the apps register and imports no feature app."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from slt.core.registry import (
    DashboardPanel,
    MenuEntry,
    ModuleRegistry,
    SearchHit,
    SearchSource,
    SummaryFigure,
    registry,
)
from tests.coordination.factories import ConcernFactory, ConcernShareFactory, MeetingFactory

pytestmark = pytest.mark.django_db

FEATURE_APPS = {"coordination", "walks", "extremism", "youthfollowup"}


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_the_core_imports_no_feature_app():
    core = Path(settings.BASE_DIR) / "slt" / "core"
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {module}"
        for path in core.rglob("*.py")
        for module in _imported_modules(path)
        if module.split(".")[0] in FEATURE_APPS
    ]
    assert offenders == []
    template = (Path(settings.BASE_DIR) / "templates" / "core" / "dashboard.html").read_text()
    assert "coordination" not in template and "walks" not in template


def test_menu_entries_follow_their_declared_order_not_the_import_order():
    local = ModuleRegistry()
    for key, order in [("late", 30), ("early", 10), ("middle", 20)]:
        local.menu(MenuEntry(key=key, order=order, title=key, description="", url_name="core:dashboard", visible=bool))
    assert [entry.key for entry in local.menu_for(True)] == ["early", "middle", "late"]
    assert local.menu_for(False) == []


def test_a_key_registered_twice_with_another_entry_is_refused():
    local = ModuleRegistry()
    local.search(SearchSource(key="x", order=1, title="X", search=lambda user, q, n: []))
    with pytest.raises(ValueError, match="share the key 'x'"):
        local.search(SearchSource(key="x", order=2, title="Y", search=lambda user, q, n: []))


def test_a_panel_whose_context_is_none_is_left_out():
    local = ModuleRegistry()
    local.panel(DashboardPanel(key="empty", order=1, template="x.html", context=lambda user: None))
    local.panel(DashboardPanel(key="full", order=2, template="y.html", context=lambda user: {"n": 1}))
    local.panel(DashboardPanel(key="hidden", order=3, template="z.html", context=lambda user: {}, visible=bool))
    assert [(panel.key, context) for panel, context in local.panels_for(False)] == [("full", {"n": 1})]


MENU_BY_ROLE = {
    "admin": ["agencies", "walks", "statistics"],
    "coordinator": ["agencies", "walks", "concerns", "meetings", "action_items", "statistics"],
    "police": ["agencies", "walks", "concerns", "meetings", "action_items", "statistics"],
    "agency_member": ["agencies", "walks", "concerns", "meetings", "action_items", "statistics"],
    "steering": ["agencies", "walks", "meetings", "statistics"],
}
PANELS_BY_ROLE = {
    "admin": ["statistics"],
    "coordinator": ["my_action_items", "concern_inbox", "upcoming_meetings", "statistics"],
    "police": ["my_action_items", "concern_inbox", "upcoming_meetings", "statistics"],
    "agency_member": ["my_action_items", "concern_inbox", "upcoming_meetings", "statistics"],
    "steering": ["upcoming_meetings", "statistics"],
}


@pytest.mark.parametrize("role", sorted(MENU_BY_ROLE))
def test_each_role_gets_its_menu_and_panels_from_the_registry(request, client_for, role):
    user = request.getfixturevalue(role)
    response = client_for(user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    menu = [entry.key for entry in response.context["modules"] if entry.key in FEATURE_KEYS]
    assert menu == MENU_BY_ROLE[role]
    panels = [item["panel"].key for item in response.context["half_panels"] + response.context["full_panels"]]
    assert [key for key in panels if key in FEATURE_PANELS] == PANELS_BY_ROLE[role]


FEATURE_KEYS = {key for keys in MENU_BY_ROLE.values() for key in keys}
FEATURE_PANELS = {key for keys in PANELS_BY_ROLE.values() for key in keys} | {"new_concerns"}


def test_the_coordinator_sees_new_concerns_to_assess_only_when_there_are_some(client_for, coordinator, other_user):
    client = client_for(coordinator)
    keys = {item["panel"].key for item in client.get(reverse("core:dashboard")).context["half_panels"]}
    assert "new_concerns" not in keys
    concern = ConcernFactory(reporter=other_user)
    response = client.get(reverse("core:dashboard"))
    assert "new_concerns" in {item["panel"].key for item in response.context["half_panels"]}
    assert concern.reference in response.text


@pytest.fixture
def other_user(police):
    return police


def test_global_search_answers_only_with_what_the_user_may_read(client_for, agency_member, police):
    shared = ConcernFactory(reporter=police)
    ConcernShareFactory(concern=shared, agency=agency_member.agency)
    hidden = ConcernFactory(reporter=police)
    MeetingFactory(title="Samordningsmøte Lura", invitees=[agency_member])
    MeetingFactory(title="Samordningsmøte lukket")

    client = client_for(agency_member)
    concerns = client.get(reverse("core:search"), {"q": shared.reference[:4]})
    assert concerns.status_code == 200
    assert shared.reference in concerns.text and hidden.reference not in concerns.text
    meetings = client.get(reverse("core:search"), {"q": "Samordningsmøte"}).text
    assert "Samordningsmøte Lura" in meetings and "lukket" not in meetings


def test_global_search_does_not_search_case_records_for_the_steering_group(client_for, steering, police):
    concern = ConcernFactory(reporter=police)
    response = client_for(steering).get(reverse("core:search"), {"q": concern.reference})
    assert response.status_code == 200
    assert [group["source"].key for group in response.context["results"]] == [
        "agencies",
        "walks",
        "meetings",
        "extremism_guide",
    ]
    assert response.context["hit_count"] == 0
    assert concern.get_absolute_url() not in response.text


def test_a_one_letter_search_gets_a_clear_message_not_an_error(client_for, coordinator):
    response = client_for(coordinator).get(reverse("core:search"), {"q": "a"})
    assert response.status_code == 200
    assert "Skriv minst to tegn." in response.text
    assert response.context["results"] == []


def test_search_hits_are_plain_values():
    hit = SearchHit(title="T", url="/x/")
    assert (hit.title, hit.url, hit.summary) == ("T", "/x/", "")


def test_every_installed_module_registered_its_menu_and_demo_data():
    assert {seeder.key for seeder in registry.demo_seeders()} >= {"registry", "coordination", "walks"}
    orders = [seeder.order for seeder in registry.demo_seeders()]
    assert orders == sorted(orders)


def test_the_statistics_summary_gets_walk_figures_from_the_registry_not_from_imports():
    """coordination's statistics never import walks: walks registers its figure, the summary loops over them."""
    for path in (Path(settings.BASE_DIR) / "coordination").rglob("*.py"):
        assert not [module for module in _imported_modules(path) if module.split(".")[0] == "walks"], path
    figure = next(figure for figure in registry.summary_figures() if figure.key == "walks_done")
    assert figure.suppress is False  # a walk is about a place, not a person
    assert figure.count.__module__ == "walks.selectors"


def test_a_summary_figure_registered_twice_with_another_entry_is_refused():
    modules = ModuleRegistry()
    modules.summary(SummaryFigure(key="x", order=1, title="X", count=lambda start, end: 1))
    with pytest.raises(ValueError):
        modules.summary(SummaryFigure(key="x", order=2, title="Y", count=lambda start, end: 2))
    assert [figure.title for figure in modules.summary_figures()] == ["X"]
