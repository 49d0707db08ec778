"""What the extremism module tells people about, for slt.notifications (registered in panels.py): a measure
due in three days, due today, and overdue (once a day for at most 14 days), and the measures' deadlines in
the personal calendar feed.

Only the people who may read the case hear of it: the radicalisation contacts and the case's members, as
`selectors.cases_visible_to` decides; the notifications app asks that selector again right before sending.
Messages and calendar titles carry the case reference (R-0042) only: never a name, a birth date, the
summary or the measure's title.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from slt.accounts.models import User
from slt.core.registry import CalendarEvent, Due
from slt.notifications.schedule import OVERDUE_DAYS, morning, mornings_in

from . import selectors
from .models import Case, CaseMember, Measure

MEASURE = "extremism.measure"


def case_reference(case_id) -> str:
    return f"R-{case_id:04d}"


def _open_measures(**filters):
    return Measure.objects.filter(status__in=Measure.OPEN_STATUSES, case__status=Case.Status.OPEN, **filters).only(
        "pk", "case_id", "due_date"
    )


def _readers(case_ids) -> dict[int, set[int]]:
    """The active people who may read each case: every radicalisation contact and the case's members."""
    contacts = set(User.objects.filter(is_active=True, is_radicalisation_contact=True).values_list("pk", flat=True))
    readers = defaultdict(lambda: set(contacts))
    members = CaseMember.objects.filter(case_id__in=set(case_ids), user__is_active=True)
    for case_id, user_id in members.values_list("case_id", "user_id"):
        readers[case_id].add(user_id)
    return readers


def _measure_due(kind, pairs, *, slot):
    """pairs: (measure, day the reminder is for) → the case's readers."""
    pairs = list(pairs)
    readers = _readers({measure.case_id for measure, _day in pairs})
    for measure, day in pairs:
        recipients = readers[measure.case_id]
        if recipients:
            yield Due(
                kind=kind,
                record=MEASURE,
                record_id=measure.pk,
                recipient_ids=sorted(recipients),
                slot=slot(measure, day),
                url=Case(pk=measure.case_id).get_absolute_url(),
                reference=case_reference(measure.case_id),
                due_at=morning(day),
            )


def measure_due_in_3_days(t0, t1):
    pairs = [(m, day) for day in mornings_in(t0, t1) for m in _open_measures(due_date=day + timedelta(days=3))]
    return _measure_due("extremism_measure_due_soon", pairs, slot=lambda m, day: m.due_date)


def measure_due_today(t0, t1):
    pairs = [(m, day) for day in mornings_in(t0, t1) for m in _open_measures(due_date=day)]
    return _measure_due("extremism_measure_due_today", pairs, slot=lambda m, day: m.due_date)


def measure_overdue(t0, t1):
    """Once a day (07:00) from the day after the deadline, for at most 14 days."""
    pairs = [
        (m, day)
        for day in mornings_in(t0, t1)
        for m in _open_measures(due_date__lt=day, due_date__gte=day - timedelta(days=OVERDUE_DAYS))
    ]
    return _measure_due("extremism_measure_overdue", pairs, slot=lambda m, day: day)


def _open_due_dates(pairs) -> dict[int, date]:
    return dict(_open_measures(pk__in={pk for pk, _slot in pairs}).values_list("pk", "due_date"))


def measure_deadline_current(pairs, now):
    """Still open (in an open case) and the deadline not moved."""
    due_dates = _open_due_dates(pairs)
    return {(pk, slot) for pk, slot in pairs if pk in due_dates and due_dates[pk].isoformat() == slot}


def measure_overdue_current(pairs, now):
    due_dates = _open_due_dates(pairs)
    return {
        (pk, slot)
        for pk, slot in pairs
        if pk in due_dates and 0 < (date.fromisoformat(slot) - due_dates[pk]).days <= OVERDUE_DAYS
    }


def visible_measures(user, ids) -> set[int]:
    """The measures (of `ids`) whose case the user may read now, asked of the module's own selector."""
    cases = selectors.cases_visible_to(user)
    return set(Measure.objects.filter(pk__in=ids, case__in=cases).values_list("pk", flat=True))


def still_visible(user, pk) -> bool:
    return pk in visible_measures(user, [pk])


def calendar_measures(user, start, end):
    """Open measures of the open cases the user may read, as whole-day events titled by the case reference."""
    if not selectors.can_see_case_list(user):
        return []
    from slt.notifications.mail import site_host

    measures = (
        _open_measures(case__in=selectors.cases_visible_to(user), due_date__gte=start.date(), due_date__lt=end.date())
        .order_by("due_date", "id")
        .values_list("pk", "case_id", "due_date")
    )
    return [
        CalendarEvent(
            uid=f"slt-extremism-measure-{pk}@{site_host()}",
            title=_("Deadline for a measure in case %(reference)s") % {"reference": case_reference(case_id)},
            start=due_date,
            end=due_date + timedelta(days=1),
            url=Case(pk=case_id).get_absolute_url(),
        )
        for pk, case_id, due_date in measures
    ]


# The kinds, in the order of the preferences page (after the walks). Shown to those who may see cases.
SOURCES = [
    {
        "key": "extremism_measure_due_soon",
        "order": 60,
        "title": gettext_lazy("Radicalisation case measures due in three days"),
        "subject": gettext_lazy("Deadline in three days: a measure in case %(reference)s"),
        "text": gettext_lazy("A measure in case %(reference)s is due %(when)s."),
        "due": measure_due_in_3_days,
        "still_due": measure_deadline_current,
    },
    {
        "key": "extremism_measure_due_today",
        "order": 61,
        "title": gettext_lazy("Radicalisation case measures due today"),
        "subject": gettext_lazy("Deadline today: a measure in case %(reference)s"),
        "text": gettext_lazy("A measure in case %(reference)s is due today."),
        "due": measure_due_today,
        "still_due": measure_deadline_current,
    },
    {
        "key": "extremism_measure_overdue",
        "order": 62,
        "title": gettext_lazy("Overdue radicalisation case measures (daily, for up to 14 days)"),
        "subject": gettext_lazy("Overdue: a measure in case %(reference)s"),
        "text": gettext_lazy("A measure in case %(reference)s is past its deadline."),
        "due": measure_overdue,
        "still_due": measure_overdue_current,
    },
]
