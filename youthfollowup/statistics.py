"""Anonymised statistics for youth coordinators: cases by state, by age at the offence, and the completion rate.

The same rule as coordination's statistics: a count under 5 is shown as "< 5" and left out of chart data, so
that no youth can be recognised from the numbers.
"""

from django.db.models import Count
from django.utils.translation import gettext as _

from .models import MAX_AGE, MIN_AGE, YouthCase
from .states import CaseState

SMALL_COUNT = 5


def suppress(count: int) -> str:
    """A count under 5 shows as "< 5"."""
    return "< 5" if count < SMALL_COUNT else str(count)


def chart_value(count: int) -> int | None:
    """A count under 5 is left out of a chart (None: no bar)."""
    return None if count < SMALL_COUNT else count


# Cases that ended after follow-up started: completed, or broken off (returned) or withdrawn after approval.
ENDED_AFTER_START = (CaseState.COMPLETED, CaseState.RETURNED, CaseState.WITHDRAWN)


def youth_statistics() -> dict:
    """Counts over every case, in three grouped queries, whatever the number of cases."""
    by_state = dict(YouthCase.objects.order_by().values_list("state").annotate(n=Count("id")))
    by_age = dict(
        YouthCase.objects.filter(age_at_offence__isnull=False)
        .order_by()
        .values_list("age_at_offence")
        .annotate(n=Count("id"))
    )
    ended = dict(
        YouthCase.objects.filter(state__in=ENDED_AFTER_START, plan__approved_on__isnull=False)
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
    )
    state_rows = [{"label": str(label), "count": suppress(by_state.get(code, 0))} for code, label in CaseState.choices]
    ages = list(range(MIN_AGE, MAX_AGE + 1))
    age_rows = [{"label": _("%(age)d years") % {"age": age}, "count": suppress(by_age.get(age, 0))} for age in ages]
    completed = ended.get(CaseState.COMPLETED, 0)
    total_ended = sum(ended.values())
    not_completed = total_ended - completed
    # A rate would reveal a small count on either side: show it only when both sides have at least 5 cases.
    rate = round(100 * completed / total_ended) if completed >= SMALL_COUNT and not_completed >= SMALL_COUNT else None
    return {
        "total": suppress(sum(by_state.values())),
        "state_rows": state_rows,
        "age_rows": age_rows,
        "completion": {
            "completed": suppress(completed),
            "not_completed": suppress(not_completed),
            "ended": suppress(total_ended),
            "rate": rate,
        },
        "chart": {
            "states": [row["label"] for row in state_rows],
            "state_values": [chart_value(by_state.get(code, 0)) for code, _label in CaseState.choices],
            "ages": [row["label"] for row in age_rows],
            "age_values": [chart_value(by_age.get(age, 0)) for age in ages],
        },
    }
