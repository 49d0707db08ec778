"""What youth follow-up adds to the platform: a menu entry, a dashboard panel, search by case number, demo data."""

from django.utils.translation import gettext_lazy as _

from slt.accounts import roles
from slt.core.registry import (
    CalendarSource,
    DashboardPanel,
    DemoSeeder,
    MenuEntry,
    ReminderSource,
    RetentionSource,
    SearchHit,
    SearchSource,
    registry,
)

from . import reminders, retention, selectors


def _demo_cases(context) -> str:
    from .demo import seed_youth_cases

    cases = seed_youth_cases(context.agencies, context.users)
    return f"{len(cases)} youth cases"


def _search_cases(user, query, limit):
    return [
        SearchHit(title=case.number, url=case.get_absolute_url(), summary=case.get_state_display())
        for case in selectors.search_cases(user, query, limit)
    ]


registry.menu(
    MenuEntry(
        key="youthfollowup",
        order=70,
        title=_("Youth follow-up"),
        description=_("Youth follow-up cases: consents, the prosecutor's decision, the youth plan and follow-up."),
        url_name="youthfollowup:case_list",
        icon="people",
        visible=selectors.can_use_module,
    )
)
registry.panel(
    DashboardPanel(
        key="youthfollowup",
        order=70,
        template="youthfollowup/panels/dashboard.html",
        context=selectors.dashboard,
        visible=roles.is_youth_coordinator,
    )
)
registry.search(
    SearchSource(
        key="youthfollowup",
        order=70,
        title=_("Youth follow-up"),
        search=_search_cases,
        visible=selectors.can_use_module,
    )
)
registry.demo(DemoSeeder(key="youthfollowup", order=50, seed=_demo_cases))


# --- reminders and the personal calendar (slt.notifications) ---------------------------------------------

for _source in reminders.SOURCES:
    registry.reminder(
        ReminderSource(
            still_visible=reminders.still_visible,
            visible_ids=reminders.visible_cases,
            audience=selectors.can_use_module,
            **_source,
        )
    )
registry.calendar(CalendarSource(key="youthfollowup", order=70, events=reminders.calendar_deadlines))


# --- retention (slt.core.retention; docs/retention.md) ----------------------------------------------------


def _anonymise_case(case, now):
    return retention.case_anonymise(case=case, now=now)


registry.retention(
    RetentionSource(
        key="youth_cases",
        order=40,
        title=_("Closed youth follow-up cases"),
        due=retention.cases_due_for_anonymisation,
        apply=_anonymise_case,
        describe=str,
    )
)
