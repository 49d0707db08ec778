"""The module registry: how a feature app plugs into the platform without the core importing it.

Each app declares what it adds in its own ``panels.py``, which the core imports at start-up for every
installed app (as Django admin does with ``admin.py``)::

    from slt.core.registry import DashboardPanel, MenuEntry, registry

    registry.menu(MenuEntry(key="walks", order=20, title=_("Safety walks"), ..., visible=roles.has_case_role))
    registry.panel(DashboardPanel(key="walks", order=20, template="walks/panels/dashboard.html", context=...))
    registry.demo(DemoSeeder(key="walks", order=20, seed=seed_walks))
    registry.search(SearchSource(key="walks", order=20, title=_("Safety walks"), search=search_walks))
    registry.action(DashboardAction(key="log_concern", order=10, title=_("Log a concern"), ...))

Order is declared by each entry's ``order`` (lower first), never implied by import order. The core only
loops over what is registered: navigation, the dashboard, global search and ``seed_demo``.
"""

from collections.abc import Callable
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


registry = ModuleRegistry()
