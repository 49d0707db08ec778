"""Aggregated statistics of concerns and action items: counts only, never personal data.

DESIGN.md section 3: every signed-in user sees them; a count under 5 is shown as "< 5" so that a small group of
youths cannot be singled out, and no total is shown that would let a hidden count be computed back (a row or
column total with a hidden cell in it is shown as "–"). docs/statistics.md says the same for users.

Two readers: the dashboard's compact summary (``dashboard_summary``: this year so far against the same part of
last year, open and overdue action items, and the figures other apps register as ``SummaryFigure``) and the
statistics page (``statistics_table``: a chosen grouping per month, quarter or year). Both count in a fixed
number of grouped queries whatever the number of records, and keep their counts in the cache, which the beat task
(coordination.tasks.refresh_statistics) fills for the default views.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from slt.core.registry import registry

from .models import ActionItem, Agency, Area, Concern, ConcernCategory

SMALL_COUNT = 5
HIDDEN = "< 5"
WITHHELD = "–"
# At most this many period columns in one table: more would not fit 1366 px without sideways scrolling.
MAX_COLUMNS = 12
# The page suggests a coarser unit when more than this share of the cells is hidden.
MOSTLY_HIDDEN = 0.5
# The beat task (coordination.tasks.refresh_statistics) stores them every STATISTICS_REFRESH_SECONDS; they are
# kept three times as long, so that a late run does not leave the cache cold.
CACHE_SECONDS = 3 * settings.CELERY_BEAT_SCHEDULE["coordination-statistics"]["schedule"]


def suppress(count: int) -> str:
    """A count under 5 is shown as "< 5"."""
    return HIDDEN if count < SMALL_COUNT else str(count)


def _hidden(count: int) -> bool:
    return count < SMALL_COUNT


def safe_total(total: int, cells: list[int]) -> str:
    """A total is shown only when none of the cells it adds up is hidden: otherwise the total minus the shown
    cells would give the hidden one back. "–" says it is withheld."""
    if any(_hidden(n) for n in cells):
        return WITHHELD
    return suppress(total)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- periods ------------------------------------------------------------------------------------------------


class Unit(models.TextChoices):
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    YEAR = "year", gettext_lazy("Year")


COARSER = {Unit.MONTH: Unit.QUARTER, Unit.QUARTER: Unit.YEAR}
MONTHS_PER = {Unit.MONTH: 1, Unit.QUARTER: 3, Unit.YEAR: 12}


def unit_start(day: date, unit: str) -> date:
    """The first day of the month, quarter or year that holds ``day``."""
    if unit == Unit.YEAR:
        return date(day.year, 1, 1)
    if unit == Unit.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the first day after the period
    unit: str

    @property
    def label(self) -> str:
        if self.unit == Unit.YEAR:
            return str(self.start.year)
        if self.unit == Unit.QUARTER:
            return _("Q%(quarter)d %(year)d") % {"quarter": (self.start.month - 1) // 3 + 1, "year": self.start.year}
        return date_format(self.start, "b Y")


def periods_between(start: date, end: date, unit: str) -> list[Period]:
    """The whole months, quarters or years from the one holding ``start`` to the one holding ``end``."""
    periods = []
    day = unit_start(start, unit)
    while day <= end:
        following = _add_months(day, MONTHS_PER[unit])
        periods.append(Period(day, following, unit))
        day = following
    return periods


def fitting_unit(start: date, end: date, unit: str) -> str:
    """The unit asked for, or the next coarser one while there would be more than MAX_COLUMNS columns."""
    while len(periods_between(start, end, unit)) > MAX_COLUMNS and unit in COARSER:
        unit = COARSER[unit]
    return unit


def default_range(today: date) -> tuple[date, date]:
    """The last twelve months, this one included."""
    return _add_months(date(today.year, today.month, 1), -11), today


# --- groupings ----------------------------------------------------------------------------------------------


class Grouping(models.TextChoices):
    CATEGORY = "category", gettext_lazy("Concerns by category")
    AREA = "area", gettext_lazy("Concerns by area")
    AGENCY = "agency", gettext_lazy("Concerns by reporting agency type")
    ACTION_SOURCE = "action_source", gettext_lazy("Action items by source")
    ACTION_AGENCY = "action_agency", gettext_lazy("Action items by responsible agency type")


@dataclass(frozen=True)
class _Spec:
    cells: Callable  # () -> queryset the cells are counted on
    field: str  # the grouped field
    when: str  # the time field, from the cells' model
    totals: Callable  # () -> queryset of the counted records (a concern once, whatever its categories)


def _concern_spec(field):
    return _Spec(cells=Concern.objects.all, field=field, when="created_at", totals=Concern.objects.all)


def _action_spec(field):
    return _Spec(cells=ActionItem.objects.all, field=field, when="created_at", totals=ActionItem.objects.all)


SPECS = {
    Grouping.CATEGORY: _Spec(
        cells=ConcernCategory.objects.all, field="category", when="concern__created_at", totals=Concern.objects.all
    ),
    Grouping.AREA: _concern_spec("area_id"),
    Grouping.AGENCY: _concern_spec("reporter_agency__kind"),
    Grouping.ACTION_SOURCE: _action_spec("source"),
    Grouping.ACTION_AGENCY: _action_spec("responsible_agency__kind"),
}


def _group_labels(grouping: str) -> list[tuple[object, str]]:
    """Every group, with or without records, in a fixed order: a row that appeared only when it had records
    would tell that it had at least one."""
    if grouping == Grouping.CATEGORY:
        return [(code, str(label)) for code, label in ConcernCategory.Category.choices]
    if grouping == Grouping.AREA:
        return [*Area.objects.values_list("pk", "name"), (None, _("No area given"))]
    if grouping == Grouping.AGENCY:
        return [*((code, str(label)) for code, label in Agency.Kind.choices), (None, _("No agency given"))]
    if grouping == Grouping.ACTION_SOURCE:
        return [(code, str(label)) for code, label in ActionItem.Source.choices]
    return [(code, str(label)) for code, label in Agency.Kind.choices]


def _count(grouping: str, periods: list[Period]) -> dict:
    """The plain counts: per group and period, and per period the records counted once. Two grouped queries."""
    spec = SPECS[grouping]
    bounds = [_aware(p.start) for p in periods] + [_aware(periods[-1].end)]

    def per_period(when):
        return {
            f"p{i}": Count("id", filter=Q(**{f"{when}__gte": bounds[i], f"{when}__lt": bounds[i + 1]}))
            for i in range(len(periods))
        }

    in_range = {f"{spec.when}__gte": bounds[0], f"{spec.when}__lt": bounds[-1]}
    cells = {
        row[spec.field]: [row[f"p{i}"] for i in range(len(periods))]
        for row in spec.cells().filter(**in_range).values(spec.field).annotate(**per_period(spec.when)).order_by()
    }
    totals = (
        spec.totals().filter(created_at__gte=bounds[0], created_at__lt=bounds[-1]).aggregate(**per_period("created_at"))
    )
    return {"cells": cells, "column_totals": [totals[f"p{i}"] for i in range(len(periods))]}


def _table_key(grouping, periods):
    return f"coordination:statistics-table:{grouping}:{periods[0].unit}:{periods[0].start}:{periods[-1].end}"


def _counted(grouping, periods, *, refresh=False) -> dict:
    key = _table_key(grouping, periods)
    snapshot = None if refresh else cache.get(key)
    if snapshot is None:
        snapshot = {"counts": _count(grouping, periods), "computed_at": timezone.now()}
        cache.set(key, snapshot, CACHE_SECONDS)
    return snapshot


def suppressed_table(rows: list[tuple[str, list[int]]], column_totals: list[int]) -> dict:
    """Counts → what may be shown. A cell under 5 is "< 5"; a row total, a column total or the grand total is
    shown only when no cell it covers is hidden ("–" otherwise), so nothing can be computed back."""
    shown_rows = [
        {"label": label, "cells": [suppress(n) for n in cells], "total": safe_total(sum(cells), cells)}
        for label, cells in rows
    ]
    columns = [[cells[i] for _label, cells in rows] for i in range(len(column_totals))]
    every_cell = [n for _label, cells in rows for n in cells]
    hidden = sum(1 for n in every_cell if _hidden(n))
    return {
        "rows": shown_rows,
        "column_totals": [safe_total(total, column) for total, column in zip(column_totals, columns, strict=True)],
        "total": safe_total(sum(column_totals), every_cell),
        "hidden_share": hidden / len(every_cell) if every_cell else 0,
    }


@dataclass(frozen=True)
class StatisticsQuery:
    grouping: str
    unit: str
    start: date
    end: date


def statistics_table(query: StatisticsQuery) -> dict:
    """The table for the statistics page and its exports: a row per group, a column per period, suppressed."""
    periods = periods_between(query.start, query.end, query.unit)
    snapshot = _counted(query.grouping, periods)
    counts = snapshot["counts"]
    empty = [0] * len(periods)
    rows = [(label, counts["cells"].get(key, empty)) for key, label in _group_labels(query.grouping)]
    table = suppressed_table(rows, counts["column_totals"])
    coarser = COARSER.get(query.unit)
    table.update(
        grouping=str(Grouping(query.grouping).label),
        unit=query.unit,
        periods=[p.label for p in periods],
        start=periods[0].start,
        end=periods[-1].end - timedelta(days=1),
        computed_at=snapshot["computed_at"],
        suggest_unit=coarser if coarser and table["hidden_share"] > MOSTLY_HIDDEN else None,
    )
    return table


# --- the dashboard's summary --------------------------------------------------------------------------------


def _same_day_last_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _summary_ranges(today):
    this_year = (date(today.year, 1, 1), today + timedelta(days=1))
    last_year = (date(today.year - 1, 1, 1), _same_day_last_year(today) + timedelta(days=1))
    return this_year, last_year


def _summary_counts(today) -> dict:
    (this_start, this_end), (last_start, last_end) = _summary_ranges(today)
    this = Q(created_at__gte=_aware(this_start), created_at__lt=_aware(this_end))
    last = Q(created_at__gte=_aware(last_start), created_at__lt=_aware(last_end))
    categories = {
        row["category"]: (row["this"], row["last"])
        for row in ConcernCategory.objects.filter(
            concern__created_at__gte=_aware(last_start), concern__created_at__lt=_aware(this_end)
        )
        .values("category")
        .annotate(
            this=Count("id", filter=Q(concern__created_at__gte=_aware(this_start))),
            last=Count("id", filter=Q(concern__created_at__lt=_aware(last_end))),
        )
        .order_by()
    }
    concerns = Concern.objects.aggregate(this=Count("id", filter=this), last=Count("id", filter=last))
    actions = ActionItem.objects.aggregate(
        open=Count("id", filter=Q(status__in=ActionItem.OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=ActionItem.OPEN_STATUSES, due_date__lt=today)),
    )
    figures = {
        figure.key: (figure.count(this_start, this_end), figure.count(last_start, last_end))
        for figure in registry.summary_figures()
    }
    return {"categories": categories, "concerns": concerns, "actions": actions, "figures": figures}


def _summary_key(today):
    return f"coordination:statistics-summary:{today.isoformat()}"


def dashboard_summary(user, *, today=None) -> dict:
    """This year so far against the same part of last year, per category; open and overdue action items; and
    the figures other apps register (e.g. safety walks done). Counts from the cache when the beat task has
    filled it."""
    today = today or timezone.localdate()
    snapshot = cache.get(_summary_key(today))
    if snapshot is None:
        snapshot = refresh_summary(today=today)
    counts = snapshot["counts"]
    rows = [
        (str(label), list(counts["categories"].get(code, (0, 0)))) for code, label in ConcernCategory.Category.choices
    ]
    this_column = [cells[0] for _label, cells in rows]
    last_column = [cells[1] for _label, cells in rows]
    concerns = counts["concerns"]
    figures = []
    for figure in registry.summary_figures():
        if not figure.visible(user) or figure.key not in counts["figures"]:
            continue
        this, last = counts["figures"][figure.key]
        show = suppress if figure.suppress else str
        figures.append({"title": str(figure.title), "this": show(this), "last": show(last)})
    return {
        "computed_at": snapshot["computed_at"],
        "this_label": _("%(year)d so far") % {"year": today.year},
        "last_label": _("Same period %(year)d") % {"year": today.year - 1},
        "rows": [{"label": label, "this": suppress(cells[0]), "last": suppress(cells[1])} for label, cells in rows],
        "total_this": safe_total(concerns["this"], this_column),
        "total_last": safe_total(concerns["last"], last_column),
        "open_actions": suppress(counts["actions"]["open"]),
        "overdue_actions": suppress(counts["actions"]["overdue"]),
        "figures": figures,
    }


def refresh_summary(*, today=None) -> dict:
    today = today or timezone.localdate()
    snapshot = {"counts": _summary_counts(today), "computed_at": timezone.now()}
    cache.set(_summary_key(today), snapshot, CACHE_SECONDS)
    return snapshot


def refresh_statistics(*, today=None) -> dict:
    """Count now and keep the counts, with the time they were counted, for the pages: the dashboard's summary and
    the statistics page as it first opens, in every grouping (the beat task calls this every few minutes; a page
    counts itself only when the cache is cold or unavailable, or for a period nobody asked for before)."""
    today = today or timezone.localdate()
    snapshot = refresh_summary(today=today)
    periods = periods_between(*default_range(today), Unit.MONTH)
    for grouping in Grouping.values:
        _counted(grouping, periods, refresh=True)
    return snapshot
