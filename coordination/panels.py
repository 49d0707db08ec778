"""What coordination adds to the platform: menu entries, dashboard panels, search and demo data."""

from django.utils.translation import gettext_lazy as _

from slt.accounts import roles
from slt.core.registry import (
    CalendarSource,
    DashboardAction,
    DashboardPanel,
    DemoSeeder,
    MenuEntry,
    ReminderSource,
    RetentionSource,
    SearchHit,
    SearchSource,
    registry,
)

from . import reminders, selectors
from .services import retention
from .statistics import dashboard_summary


def _demo_registry(context) -> str:
    from .demo import seed_registry, seed_users

    context.agencies.update(seed_registry())
    context.users.update({user.username: user for user in seed_users(context.agencies)})
    return f"{len(context.agencies)} agencies, {len(context.users)} users"


def _demo_coordination(context) -> str:
    from .demo import seed_coordination

    counts = seed_coordination(context.agencies, context.users)
    return "{forums} forums, {meetings} meetings, {action_items} action items, {concerns} concerns".format(**counts)


registry.demo(DemoSeeder(key="registry", order=10, seed=_demo_registry))
registry.demo(DemoSeeder(key="coordination", order=20, seed=_demo_coordination))

registry.menu(
    MenuEntry(
        key="agencies",
        order=10,
        title=_("Agencies"),
        description=_("The SLT parties: police, schools, child welfare, health, NAV, NGOs and businesses."),
        url_name="coordination:agency_list",
        icon="people",
        visible=roles.is_active_user,
    )
)
registry.menu(
    MenuEntry(
        key="concerns",
        order=30,
        title=_("Concerns"),
        description=_("Log a concern about a child or youth, anonymous by default, and follow up what is shared."),
        url_name="coordination:concern_list",
        icon="flag",
        visible=roles.has_case_role,
    )
)
registry.menu(
    MenuEntry(
        key="meetings",
        order=40,
        title=_("Meetings"),
        description=_("The SLT forums: agenda, attendance, minutes and decisions."),
        url_name="coordination:meeting_list",
        icon="calendar",
        visible=roles.takes_part_in_meetings,
    )
)
registry.menu(
    MenuEntry(
        key="action_items",
        order=50,
        title=_("Action items"),
        description=_("Measures with a responsible agency and a deadline: update status and progress."),
        url_name="coordination:action_item_list",
        icon="check",
        visible=roles.has_case_role,
    )
)
registry.menu(
    MenuEntry(
        key="statistics",
        order=90,
        title=_("Statistics"),
        description=_("Concerns and action items in numbers, without personal data."),
        url_name="coordination:statistics",
        icon="chart",
        visible=roles.can_see_statistics,
    )
)

registry.action(
    DashboardAction(
        key="log_concern",
        order=10,
        title=_("Log a concern"),
        url_name="coordination:concern_create",
        visible=roles.has_case_role,
    )
)

registry.panel(
    DashboardPanel(
        key="my_action_items",
        order=10,
        template="coordination/panels/action_items.html",
        context=lambda user: {"action_items": list(selectors.my_open_action_items(user))},
        visible=roles.has_case_role,
    )
)
registry.panel(
    DashboardPanel(
        key="concern_inbox",
        order=20,
        template="coordination/panels/inbox.html",
        context=lambda user: {"inbox": list(selectors.concern_inbox(user))},
        visible=roles.has_case_role,
    )
)


def _new_concerns(user):
    concerns = list(selectors.new_concerns_for_coordinator(user))
    return {"concerns": concerns} if concerns else None


registry.panel(
    DashboardPanel(
        key="new_concerns",
        order=30,
        template="coordination/panels/new_concerns.html",
        context=_new_concerns,
        visible=roles.is_coordinator,
    )
)
registry.panel(
    DashboardPanel(
        key="upcoming_meetings",
        order=40,
        template="coordination/panels/meetings.html",
        context=lambda user: {"meetings": list(selectors.upcoming_meetings(user))},
        visible=roles.takes_part_in_meetings,
    )
)
registry.panel(
    DashboardPanel(
        key="statistics",
        order=90,
        template="coordination/panels/statistics.html",
        context=lambda user: {"summary": dashboard_summary(user)},
        visible=roles.can_see_statistics,
        width="full",
    )
)


def _search_agencies(user, query, limit):
    return [
        SearchHit(title=agency.name, url=agency.get_absolute_url(), summary=agency.get_kind_display())
        for agency in selectors.agency_list(user, search=query)[:limit]
    ]


def _search_concerns(user, query, limit):
    return [
        SearchHit(title=concern.reference, url=concern.get_absolute_url(), summary=concern.get_status_display())
        for concern in selectors.concern_list(user, search=query)[:limit]
    ]


def _search_meetings(user, query, limit):
    meetings = selectors.meetings_visible_to(user).filter(title__icontains=query).select_related("forum")
    return [
        SearchHit(title=meeting.title, url=meeting.get_absolute_url(), summary=str(meeting.forum))
        for meeting in meetings.order_by("-starts_at")[:limit]
    ]


def _search_action_items(user, query, limit):
    return [
        SearchHit(title=item.title, url=item.get_absolute_url(), summary=item.get_status_display())
        for item in selectors.action_item_list(user, search=query)[:limit]
    ]


registry.search(SearchSource(key="agencies", order=10, title=_("Agencies"), search=_search_agencies))
registry.search(
    SearchSource(key="concerns", order=30, title=_("Concerns"), search=_search_concerns, visible=roles.has_case_role)
)
registry.search(
    SearchSource(
        key="meetings",
        order=40,
        title=_("Meetings"),
        search=_search_meetings,
        visible=roles.takes_part_in_meetings,
    )
)
registry.search(
    SearchSource(
        key="action_items",
        order=50,
        title=_("Action items"),
        search=_search_action_items,
        visible=roles.has_case_role,
    )
)


# --- reminders and the personal calendar (slt.notifications) ---------------------------------------------

for _source in reminders.SOURCES:
    registry.reminder(ReminderSource(still_visible=reminders.still_visible_for(_source), **_source))
registry.calendar(CalendarSource(key="meetings", order=10, events=reminders.calendar_meetings))
registry.calendar(CalendarSource(key="deadlines", order=30, events=reminders.calendar_deadlines))


# --- retention (slt.core.retention; docs/retention.md) ----------------------------------------------------


def _anonymise_concern(concern, now):
    return retention.concern_anonymise(concern=concern, now=now)


registry.retention(
    RetentionSource(
        key="concerns",
        order=10,
        title=_("Closed concerns"),
        due=retention.concerns_due_for_anonymisation,
        apply=_anonymise_concern,
        describe=str,
    )
)
