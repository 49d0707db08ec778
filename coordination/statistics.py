"""Aggregated statistics of concerns and action items: counts only, never personal data.

DESIGN.md section 3: every signed-in user sees them; a count under 5 is shown as "< 5" and never given to a
chart, so that a small group of youths cannot be singled out.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import ActionItem, Area, Concern, ConcernCategory

SMALL_COUNT = 5
# The beat task (coordination.tasks.refresh_statistics) stores them every STATISTICS_REFRESH_SECONDS; they are
# kept three times as long, so that a late run does not leave the cache cold.
CACHE_SECONDS = 3 * settings.CELERY_BEAT_SCHEDULE["coordination-statistics"]["schedule"]
DEFAULT_MONTHS = 12


def suppress(count: int) -> str:
    """A count under 5 is shown as "< 5"."""
    return "< 5" if count < SMALL_COUNT else str(count)


def chart_value(count: int):
    """A chart gets no small count at all (None leaves the bar out)."""
    return None if count < SMALL_COUNT else count


def _month_starts(today, months):
    """The first day of each of the last `months` months, and the first day of the month after them."""
    starts = []
    for back in range(months - 1, -2, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        starts.append(date(year, month + 1, 1))
    return starts


def _counts(bounds, months):
    """The grouped counts behind the statistics: plain numbers, cached for all users and languages."""

    def per_month(prefix=""):
        return {
            f"m{i}": Count(
                "id", filter=Q(**{f"{prefix}created_at__gte": bounds[i], f"{prefix}created_at__lt": bounds[i + 1]})
            )
            for i in range(months)
        }

    by_category = {
        row["category"]: [row[f"m{i}"] for i in range(months)]
        for row in ConcernCategory.objects.filter(
            concern__created_at__gte=bounds[0], concern__created_at__lt=bounds[-1]
        )
        .values("category")
        .annotate(**per_month("concern__"))
        .order_by()
    }
    by_area = {
        row["area_id"]: row
        for row in Concern.objects.filter(created_at__gte=bounds[0], created_at__lt=bounds[-1])
        .values("area_id")
        .annotate(n=Count("id"), **per_month())
        .order_by()
    }
    by_status = dict(ActionItem.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {"by_category": by_category, "by_area": by_area, "by_status": by_status}


def _bounds(today, months):
    starts = _month_starts(today, months)
    return starts[:-1], [timezone.make_aware(datetime.combine(day, time.min)) for day in starts]


def _cache_key(bounds, months):
    # "snapshot": the counts with their time (an older release kept the bare counts under another key).
    return f"coordination:statistics-snapshot:{bounds[0].isoformat()}:{months}"


def refresh_statistics(*, months=DEFAULT_MONTHS, today=None) -> dict:
    """Count now and keep the counts, with the time they were counted, for the pages (the beat task calls
    this every few minutes; a page calls it only when the cache is cold or unavailable)."""
    _month_keys, bounds = _bounds(today or timezone.localdate(), months)
    snapshot = {"counts": _counts(bounds, months), "computed_at": timezone.now()}
    cache.set(_cache_key(bounds, months), snapshot, CACHE_SECONDS)
    return snapshot


def concern_statistics(*, months=DEFAULT_MONTHS, today=None):
    """Counts per month and category, per area and per action-item status, small counts suppressed, for the
    tables and the charts, and when they were counted (`computed_at`).

    Each month is a range condition on created_at (index-friendly, no per-row date arithmetic), counted in
    three grouped queries whatever the number of concerns. The counts come from the cache that the beat task
    fills; a cold cache (the first page after a deploy) or an unavailable one (Redis down) counts once, here.
    """
    today = today or timezone.localdate()
    month_keys, bounds = _bounds(today, months)
    snapshot = cache.get(_cache_key(bounds, months))
    if snapshot is None:
        snapshot = refresh_statistics(months=months, today=today)
    counts = snapshot["counts"]
    by_category, by_area, by_status = counts["by_category"], counts["by_area"], counts["by_status"]
    totals = [sum(row[f"m{i}"] for row in by_area.values()) for i in range(months)]

    categories = ConcernCategory.Category.choices
    empty = [0] * months
    month_rows = [
        {
            "month": month,
            "cells": [suppress(by_category.get(code, empty)[i]) for code, _label in categories],
            "total": suppress(totals[i]),
        }
        for i, month in enumerate(month_keys)
    ]
    month_datasets = [
        {"label": str(label), "data": [chart_value(n) for n in by_category.get(code, empty)]}
        for code, label in categories
    ]

    area_counts = [(area.name, by_area.get(area.pk, {}).get("n", 0)) for area in Area.objects.filter(is_active=True)]
    if by_area.get(None):
        area_counts.append((str(_("No area given")), by_area[None]["n"]))
    area_rows = [{"label": name, "count": suppress(n)} for name, n in area_counts]

    status_rows = [
        {"label": str(label), "count": suppress(by_status.get(code, 0))} for code, label in ActionItem.Status.choices
    ]
    return {
        "computed_at": snapshot["computed_at"],
        "categories": [str(label) for _code, label in categories],
        "month_rows": month_rows,
        "area_rows": area_rows,
        "status_rows": status_rows,
        "chart": {
            "months": [date_format(m, "b Y") for m in month_keys],
            "month_datasets": month_datasets,
            "areas": [name for name, _n in area_counts],
            "area_values": [chart_value(n) for _name, n in area_counts],
            "statuses": [r["label"] for r in status_rows],
            "status_values": [chart_value(by_status.get(code, 0)) for code, _label in ActionItem.Status.choices],
        },
    }
