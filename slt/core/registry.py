"""The module registry: how a feature app plugs into the platform without the core importing it.

Each app declares what it adds in its own ``panels.py``, which the core imports at start-up for every
installed app (as Django admin does with ``admin.py``)::

    from slt.core.registry import DashboardPanel, MenuEntry, registry

    registry.menu(MenuEntry(key="walks", order=20, title=_("Safety walks"), ..., visible=roles.has_case_role))
    registry.panel(DashboardPanel(key="walks", order=20, template="walks/panels/dashboard.html", context=...))
    registry.demo(DemoSeeder(key="walks", order=20, seed=seed_walks))
    registry.search(SearchSource(key="walks", order=20, title=_("Safety walks"), search=search_walks))
    registry.action(DashboardAction(key="log_concern", order=10, title=_("Log a concern"), ...))
    registry.reminder(ReminderSource(key="meeting_reminder_day", order=20, title=_("..."), due=..., ...))
    registry.calendar(CalendarSource(key="meetings", order=10, events=meeting_events))
    registry.retention(RetentionSource(key="concerns", order=10, title=_("Closed concerns"), due=..., apply=...))
    registry.summary(SummaryFigure(key="walks_done", order=20, title=_("Safety walks done"), count=...))

Order is declared by each entry's ``order`` (lower first), never implied by import order. The core only
loops over what is registered: navigation, the dashboard (and its statistics summary), global search, ``seed_demo`` and the retention
job.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

Predicate = Callable[[Any], bool]

DEMO_PASSWORD = "demo"


def _always(user) -> bool:
    return True


@dataclass(frozen=True)
class MenuEntry:
    """A link in the main menu and a card under "Your modules" on the dashboard."""

    key: str
    order: int
    title: str
    description: str
    url_name: str
    visible: Predicate
    icon: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DashboardAction:
    """A button in the dashboard's header (e.g. "Log a concern")."""

    key: str
    order: int
    title: str
    url_name: str
    visible: Predicate

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class DashboardPanel:
    """A block on the dashboard. ``context(user)`` returns the template's context, or None to leave the
    panel out; it is called only when ``visible(user)`` holds. The template sees the dict as ``panel``.
    ``width`` is "half" (a card beside another) or "full" (a row of its own, below the cards)."""

    key: str
    order: int
    template: str
    context: Callable[[Any], dict | None]
    visible: Predicate = _always
    width: str = "half"
    scripts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryFigure:
    """A figure in the dashboard's statistics summary, this year so far against the same part of last year.
    ``count(start, end)`` counts the app's records in [start, end) (dates): a plain number, never personal
    data. ``suppress`` shows a count under 5 as "< 5" (leave it on for anything about people; a figure about
    places or events, such as safety walks done, may turn it off)."""

    key: str
    order: int
    title: str
    count: Callable[[Any, Any], int]
    visible: Predicate = _always
    suppress: bool = True


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class SearchSource:
    """A place in the global search. ``search(user, query, limit)`` returns at most ``limit`` hits the
    user may read, best first; it obeys the same access policy as the app's lists."""

    key: str
    order: int
    title: str
    search: Callable[[Any, str, int], list[SearchHit]]
    visible: Predicate = _always


@dataclass
class DemoContext:
    """What the demo seeders share: earlier seeders leave agencies and users here for later ones."""

    agencies: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoSeeder:
    """Adds the app's demo data, idempotently; returns a one-line summary for ``seed_demo``."""

    key: str
    order: int
    seed: Callable[[DemoContext], str]


@dataclass(frozen=True)
class Due:
    """One reminder or event that fell due: ``kind`` (the source's key) about one record
    (``record`` = model label, ``record_id``) for ``recipient_ids`` (ids, or a callable returning them), in
    ``slot``. Kind × record × recipient × slot is the unique key of a delivery, so a slot names the occasion:
    the due datetime or date (a reminder), a version ("v3") or an event id ("note:17"). ``url`` is the
    record's path, ``reference`` a neutral reference (never personal data), ``due_at`` the moment it fell
    due (shown as "when" in the message)."""

    kind: str
    record: str
    record_id: int
    recipient_ids: Iterable[int] | Callable[[], Iterable[int]]
    slot: Any
    url: str
    reference: str
    essential: bool = False
    due_at: Any = None


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str | bytes
    mimetype: str


@dataclass(frozen=True)
class ReminderSource:
    """A kind of reminder or event notice (its ``key`` is the kind). ``due(t0, t1)`` answers what fell due
    in the window (t0, t1] and for whom; ``still_visible(user, record_id)`` is asked again right before
    sending, with the app's own selector (a record the user may no longer read is skipped). Optional:
    ``visible_ids(user, ids) -> set`` (the same question for many records in one query),
    ``visible_ids_many({user: ids}) -> {user_id: set}`` (the same for many readers at once),
    ``still_due(record_id, slot, now) -> bool`` (the occasion is still current: not cancelled, not moved, not
    done), ``attachment(record_id, slot, user) -> Attachment | None`` (e.g. an iCalendar invitation),
    ``details(user, record_id, slot) -> list[str]`` (extra lines without personal data, e.g. a digest's
    counts). ``subject`` and ``text`` are translatable strings with ``%(reference)s`` and ``%(when)s``.
    ``essential`` kinds (invitations, shares) cannot be turned off; ``audience(user)`` says for whom the kind
    is listed on the preferences page."""

    key: str
    order: int
    title: str
    subject: str
    text: str
    due: Callable[[Any, Any], Iterable[Due]]
    still_visible: Callable[[Any, int], bool]
    visible_ids: Callable[[Any, list[int]], set] | None = None
    visible_ids_many: Callable[[dict], dict[int, set]] | None = None
    still_due: Callable[[int, str, Any], bool] | None = None
    attachment: Callable[[int, str, Any], Attachment | None] | None = None
    details: Callable[[Any, int, str], list[str]] | None = None
    essential: bool = False
    audience: Predicate = _always


@dataclass(frozen=True)
class CalendarEvent:
    """One event of a personal calendar feed. ``title`` carries no personal data (a reference)."""

    uid: str
    title: str
    start: Any
    end: Any
    url: str
    sequence: int = 0
    cancelled: bool = False


@dataclass(frozen=True)
class CalendarSource:
    """Events for a user's personal calendar feed: ``events(user, start, end)`` returns only what the user
    may read at the moment the feed is fetched."""

    key: str
    order: int
    events: Callable[[Any, Any, Any], Iterable[CalendarEvent]]


@dataclass(frozen=True)
class RetentionSource:
    """Records the daily retention job (``slt.core.retention``) anonymises or prunes when their date has passed.

    ``due(now)`` returns the records due at ``now`` that have not been done yet (a queryset or an iterable);
    ``apply(record, now)`` is called inside a transaction for one record: it locks the row, checks again
    that it is still due, does the work (blanks identity and free text, deletes files after the commit) and
    returns True, or False when there was nothing to do; the core then writes one audit event with
    ``action`` about the record. ``describe(record)`` is a neutral reference for the job's output (a case
    number, never personal data). ``enabled()`` is False when the municipality has not switched the source
    on (e.g. no photo retention period set)."""

    key: str
    order: int
    title: str
    due: Callable[[Any], Iterable[Any]]
    apply: Callable[[Any, Any], bool]
    describe: Callable[[Any], str] = str
    action: str = "anonymise"
    enabled: Callable[[], bool] = lambda: True


class ModuleRegistry:
    def __init__(self):
        self._entries: dict[type, dict[str, Any]] = {}

    def _add(self, item):
        bucket = self._entries.setdefault(type(item), {})
        if item.key in bucket and bucket[item.key] != item:
            raise ValueError(f"Two {type(item).__name__} entries share the key {item.key!r}.")
        bucket[item.key] = item
        return item

    def _sorted(self, kind) -> list:
        return sorted(self._entries.get(kind, {}).values(), key=lambda item: (item.order, item.key))

    def menu(self, entry: MenuEntry) -> MenuEntry:
        return self._add(entry)

    def action(self, action: DashboardAction) -> DashboardAction:
        return self._add(action)

    def panel(self, panel: DashboardPanel) -> DashboardPanel:
        return self._add(panel)

    def search(self, source: SearchSource) -> SearchSource:
        return self._add(source)

    def demo(self, seeder: DemoSeeder) -> DemoSeeder:
        return self._add(seeder)

    def reminder(self, source: ReminderSource) -> ReminderSource:
        return self._add(source)

    def calendar(self, source: CalendarSource) -> CalendarSource:
        return self._add(source)

    def retention(self, source: RetentionSource) -> RetentionSource:
        return self._add(source)

    def summary(self, figure: SummaryFigure) -> SummaryFigure:
        return self._add(figure)

    def summary_figures(self) -> list[SummaryFigure]:
        return self._sorted(SummaryFigure)

    def menu_for(self, user) -> list[MenuEntry]:
        return [entry for entry in self._sorted(MenuEntry) if entry.visible(user)]

    def actions_for(self, user) -> list[DashboardAction]:
        return [action for action in self._sorted(DashboardAction) if action.visible(user)]

    def panels_for(self, user) -> list[tuple[DashboardPanel, dict]]:
        panels = []
        for panel in self._sorted(DashboardPanel):
            if not panel.visible(user):
                continue
            context = panel.context(user)
            if context is not None:
                panels.append((panel, context))
        return panels

    def search_sources_for(self, user) -> list[SearchSource]:
        return [source for source in self._sorted(SearchSource) if source.visible(user)]

    def demo_seeders(self) -> list[DemoSeeder]:
        return self._sorted(DemoSeeder)

    def reminder_sources(self) -> list[ReminderSource]:
        return self._sorted(ReminderSource)

    def reminder_source(self, key: str) -> ReminderSource | None:
        return self._entries.get(ReminderSource, {}).get(key)

    def calendar_sources(self) -> list[CalendarSource]:
        return self._sorted(CalendarSource)

    def retention_sources(self) -> list[RetentionSource]:
        return self._sorted(RetentionSource)


registry = ModuleRegistry()
