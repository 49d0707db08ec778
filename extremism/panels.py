"""What the extremism module adds to the platform: the guide in the menu for everyone (the cases are a tab
beside it, for those who may see them), a dashboard panel for the radicalisation contacts, guide search and
demo data. Cases are never searchable."""

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


def _demo(context) -> str:
    from .demo import seed_extremism

    counts = seed_extremism(context.agencies, context.users)
    return "{sections} guide sections, {signs} warning signs, {cases} cases".format(**counts)


def _search_guide(user, query, limit):
    return [
        SearchHit(title=hit.title, url=hit.url, summary=hit.kind)
        for hit in selectors.guide_search(user, query, limit=limit)
    ]


registry.menu(
    MenuEntry(
        key="extremism_guide",
        order=60,
        title=_("Preventing radicalisation"),
        description=_(
            "The municipality's guide: warning signs and what they mean, the action trail, measures and contacts."
        ),
        url_name="extremism:guide",
        icon="book",
        visible=roles.is_active_user,
    )
)
registry.panel(
    DashboardPanel(
        key="extremism_cases",
        order=60,
        template="extremism/panels/cases.html",
        context=selectors.case_dashboard,
        visible=roles.is_radicalisation_contact,
    )
)
registry.search(
    SearchSource(
        key="extremism_guide",
        order=60,
        title=_("Guide to preventing radicalisation"),
        search=_search_guide,
        visible=roles.is_active_user,
    )
)
registry.demo(DemoSeeder(key="extremism", order=40, seed=_demo))


# --- reminders and the personal calendar (slt.notifications) ---------------------------------------------

for _source in reminders.SOURCES:
    registry.reminder(
        ReminderSource(
            still_visible=reminders.still_visible,
            visible_ids=reminders.visible_measures,
            audience=selectors.can_see_case_list,
            **_source,
        )
    )
registry.calendar(CalendarSource(key="extremism_measures", order=60, events=reminders.calendar_measures))


# --- retention (slt.core.retention; docs/retention.md) ----------------------------------------------------


def _anonymise_case(case, now):
    return retention.case_anonymise(case=case, now=now)


registry.retention(
    RetentionSource(
        key="extremism_cases",
        order=30,
        title=_("Closed radicalisation cases"),
        due=retention.cases_due_for_anonymisation,
        apply=_anonymise_case,
        describe=str,
    )
)
