"""What safety walks add to the platform: a menu entry, search and demo data."""

from django.utils.translation import gettext_lazy as _

from slt.accounts import roles
from slt.core.registry import CalendarSource, DemoSeeder, MenuEntry, ReminderSource, SearchHit, SearchSource, registry

from . import reminders, selectors


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
