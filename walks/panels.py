"""What safety walks add to the platform: a menu entry, search, demo data and a dashboard figure."""

from django.utils.translation import gettext_lazy as _

from slt.accounts import roles
from slt.audit.models import AuditEvent
from slt.core.registry import (
    CalendarSource,
    DemoSeeder,
    MenuEntry,
    ReminderSource,
    RetentionSource,
    SearchHit,
    SearchSource,
    SummaryFigure,
    registry,
)

from . import reminders, retention, selectors


def _demo_walks(context) -> str:
    from .demo import seed_walks

    walks = seed_walks(context.agencies, list(context.users.values()))
    return f"{len(walks)} safety walks"


def _search_walks(user, query, limit):
    walks = selectors.walks_visible_to(user).filter(title__icontains=query).select_related("area")
    return [
        SearchHit(title=walk.title, url=walk.get_absolute_url(), summary=f"{walk.area} · {walk.get_status_display()}")
        for walk in walks.order_by("-date", "-id")[:limit]
    ]


registry.menu(
    MenuEntry(
        key="walks",
        order=20,
        title=_("Safety walks"),
        description=_("Plan walks, record observations on a map, follow up the action list and publish the report."),
        url_name="walks:walk_list",
        icon="map",
        visible=roles.is_active_user,
    )
)
registry.search(SearchSource(key="walks", order=20, title=_("Safety walks"), search=_search_walks))
registry.demo(DemoSeeder(key="walks", order=30, seed=_demo_walks))


# --- reminders and the personal calendar (slt.notifications) ---------------------------------------------

for _source in reminders.SOURCES:
    registry.reminder(
        ReminderSource(still_visible=reminders.still_visible, visible_ids=reminders.visible_walks, **_source)
    )
registry.calendar(CalendarSource(key="walks", order=20, events=reminders.calendar_walks))


# --- retention (slt.core.retention; docs/retention.md) ----------------------------------------------------


def _delete_photos(walk, now):
    return retention.walk_photos_delete(walk=walk, now=now)


def _walk_reference(walk):
    return f"#{walk.pk}"


registry.retention(
    RetentionSource(
        key="walk_photos",
        order=20,
        title=_("Photos of published safety walks"),
        due=retention.walks_with_photos_due,
        apply=_delete_photos,
        describe=_walk_reference,
        action=AuditEvent.Action.DELETE,
        enabled=retention.photo_retention_enabled,
    )
)


# --- the dashboard's statistics summary (coordination/statistics.py) -------------------------------------

registry.summary(
    SummaryFigure(
        key="walks_done",
        order=20,
        title=_("Safety walks done"),
        count=selectors.walks_done_between,
        visible=roles.is_active_user,
        suppress=False,  # a walk is an event about a place, not about a person
    )
)
