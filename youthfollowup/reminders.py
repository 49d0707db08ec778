"""What youth follow-up tells people about, for slt.notifications (registered in panels.py): the next
follow-up meeting due in three days, due today and overdue (once a day for at most 14 days), the youth plan
due in three days, and the follow-up period ending in 30 days; and these deadlines in the calendar feed.

The deadlines are the case's own (`plan_due`, `next_follow_up_due`, kept by the services) and the approved
plan's `period_end`, read through `YouthCase.objects.with_deadlines()`. Only the people who may read the case
hear of it: the youth coordinators and the case's follow-up team, as `selectors.cases_visible_to` decides;
the notifications app asks that selector again right before sending. Messages and calendar titles carry the
case number (UO-2026-007) only: never the youth's name, initials, birth date or anything from the case.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.utils.translation import gettext_lazy

from slt.accounts.models import User
from slt.accounts.roles import is_active_user
from slt.core.registry import CalendarEvent, Due
from slt.notifications.schedule import OVERDUE_DAYS, morning, mornings_in

from . import selectors
from .models import PERIOD_ENDING_SOON_DAYS, PlanMeeting, TeamMember, YouthCase
from .states import CaseState

CASE = "youthfollowup.youthcase"
SOON_DAYS = 3
PLANNING = (CaseState.DECIDED, CaseState.PLAN_MEETING_PLANNED)
FOLLOWING = (CaseState.IN_FOLLOW_UP,)


def _cases(states, **filters):
    """Case number and deadlines only (never the youth's name or birth date)."""
    return (
        YouthCase.objects.with_deadlines()
        .filter(state__in=states, **filters)
        .values_list("pk", "number", "plan_due", "next_follow_up_due", "period_end", named=True)
    )


def _readers(case_ids) -> dict[int, set[int]]:
    """The active people who may read each case: every youth coordinator and the case's current team."""
    coordinators = set(User.objects.filter(is_active=True, is_youth_coordinator=True).values_list("pk", flat=True))
    readers = defaultdict(lambda: set(coordinators))
    team = TeamMember.objects.filter(case_id__in=set(case_ids), removed_at__isnull=True, user__is_active=True)
    for case_id, user_id in team.values_list("case_id", "user_id"):
        readers[case_id].add(user_id)
    return readers


def _case_due(kind, pairs, *, slot):
    """pairs: (case row, day the reminder is for) → the case's readers, at 07:00 that day."""
    pairs = list(pairs)
    readers = _readers({case.pk for case, _day in pairs})
    for case, day in pairs:
        recipients = readers[case.pk]
        if recipients:
            yield Due(
                kind=kind,
                record=CASE,
                record_id=case.pk,
                recipient_ids=sorted(recipients),
                slot=slot(case, day),
                url=YouthCase(pk=case.pk).get_absolute_url(),
                reference=case.number,
                due_at=morning(day),
            )


def _each_morning(t0, t1, states, field, offset):
    """(case, day) for every 07:00 in the window and every case whose `field` is that day + `offset` days."""
    return [
        (case, day) for day in mornings_in(t0, t1) for case in _cases(states, **{field: day + timedelta(days=offset)})
    ]


def follow_up_due_in_3_days(t0, t1):
    pairs = _each_morning(t0, t1, FOLLOWING, "next_follow_up_due", SOON_DAYS)
    return _case_due("youth_follow_up_due_soon", pairs, slot=lambda case, day: case.next_follow_up_due)


def follow_up_due_today(t0, t1):
    pairs = _each_morning(t0, t1, FOLLOWING, "next_follow_up_due", 0)
    return _case_due("youth_follow_up_due_today", pairs, slot=lambda case, day: case.next_follow_up_due)


def follow_up_overdue(t0, t1):
    """Once a day (07:00) from the day after the follow-up was due, for at most 14 days."""
    pairs = [
        (case, day)
        for day in mornings_in(t0, t1)
        for case in _cases(
            FOLLOWING, next_follow_up_due__lt=day, next_follow_up_due__gte=day - timedelta(days=OVERDUE_DAYS)
        )
    ]
    return _case_due("youth_follow_up_overdue", pairs, slot=lambda case, day: day)


def plan_due_in_3_days(t0, t1):
    pairs = _each_morning(t0, t1, PLANNING, "plan_due", SOON_DAYS)
    return _case_due("youth_plan_due", pairs, slot=lambda case, day: case.plan_due)


def period_ending(t0, t1):
    pairs = _each_morning(t0, t1, FOLLOWING, "period_end", PERIOD_ENDING_SOON_DAYS)
    return _case_due("youth_period_ending", pairs, slot=lambda case, day: case.period_end)


def _current(states, field):
    """The occasion is current while the case is in `states` and its deadline `field` is still the slot's day."""

    def still_due(pairs, now):
        deadlines = {case.pk: getattr(case, field) for case in _cases(states, pk__in={pk for pk, _slot in pairs})}
        return {(pk, slot) for pk, slot in pairs if deadlines.get(pk) and deadlines[pk].isoformat() == slot}

    return still_due


def follow_up_overdue_current(pairs, now):
    deadlines = {case.pk: case.next_follow_up_due for case in _cases(FOLLOWING, pk__in={pk for pk, _slot in pairs})}
    return {
        (pk, slot)
        for pk, slot in pairs
        if deadlines.get(pk) and 0 < (date.fromisoformat(slot) - deadlines[pk]).days <= OVERDUE_DAYS
    }


def visible_cases(user, ids) -> set[int]:
    return set(selectors.cases_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def still_visible(user, pk) -> bool:
    return pk in visible_cases(user, [pk])


CALENDAR_TITLES = {
    "next_follow_up_due": gettext_lazy("Follow-up due: youth case %(reference)s"),
    "plan_due": gettext_lazy("Youth plan due: youth case %(reference)s"),
    "period_end": gettext_lazy("Follow-up period ends: youth case %(reference)s"),
    "plan_meeting": gettext_lazy("Youth plan meeting: youth case %(reference)s"),
}


def calendar_deadlines(user, start, end):
    """The open deadlines of the cases the user may read, as whole-day events titled by the case number."""
    if not is_active_user(user) or not selectors.can_use_module(user):
        return []
    from slt.notifications.mail import site_host

    first, last = start.date(), end.date()
    cases = (
        selectors.cases_visible_to(user)
        .with_deadlines()
        .filter(state__in=PLANNING + FOLLOWING)
        .order_by("id")
        .values_list("pk", "number", "state", "plan_due", "next_follow_up_due", "period_end", named=True)
    )
    events = []
    for case in cases:
        deadlines = (
            {"plan_due": case.plan_due}
            if case.state in PLANNING
            else {"next_follow_up_due": case.next_follow_up_due, "period_end": case.period_end}
        )
        for field, day in deadlines.items():
            if day is None or not first <= day < last:
                continue
            events.append(
                CalendarEvent(
                    uid=f"slt-youth-{field.replace('_', '-')}-{case.pk}@{site_host()}",
                    title=str(CALENDAR_TITLES[field]) % {"reference": case.number},
                    start=day,
                    end=day + timedelta(days=1),
                    url=YouthCase(pk=case.pk).get_absolute_url(),
                )
            )
    events += _plan_meetings(user, start, end, site_host())
    return sorted(events, key=lambda event: (str(event.start), event.uid))


def _plan_meetings(user, start, end, host) -> list[CalendarEvent]:
    """The youth plan meetings the user is invited to, in cases the user may still read."""
    meetings = (
        PlanMeeting.objects.filter(
            participants=user,
            case__in=selectors.cases_visible_to(user),
            case__state__in=PLANNING,
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("case")
        .only("id", "starts_at", "ends_at", "case__id", "case__number")
        .order_by("starts_at", "pk")
    )
    return [
        CalendarEvent(
            uid=f"slt-youth-plan-meeting-{meeting.pk}@{host}",
            title=str(CALENDAR_TITLES["plan_meeting"]) % {"reference": meeting.case.number},
            start=meeting.starts_at,
            end=meeting.ends_at,
            url=meeting.case.get_absolute_url(),
        )
        for meeting in meetings
    ]


# The kinds, in the order of the preferences page (after the extremism measures).
SOURCES = [
    {
        "key": "youth_follow_up_due_soon",
        "order": 70,
        "title": gettext_lazy("Youth follow-up meetings due in three days"),
        "subject": gettext_lazy("Follow-up due in three days: youth case %(reference)s"),
        "text": gettext_lazy("The next follow-up in youth case %(reference)s is due %(when)s."),
        "due": follow_up_due_in_3_days,
        "still_due": _current(FOLLOWING, "next_follow_up_due"),
    },
    {
        "key": "youth_follow_up_due_today",
        "order": 71,
        "title": gettext_lazy("Youth follow-up meetings due today"),
        "subject": gettext_lazy("Follow-up due today: youth case %(reference)s"),
        "text": gettext_lazy("The next follow-up in youth case %(reference)s is due today."),
        "due": follow_up_due_today,
        "still_due": _current(FOLLOWING, "next_follow_up_due"),
    },
    {
        "key": "youth_follow_up_overdue",
        "order": 72,
        "title": gettext_lazy("Overdue youth follow-up meetings (daily, for up to 14 days)"),
        "subject": gettext_lazy("Follow-up overdue: youth case %(reference)s"),
        "text": gettext_lazy("The follow-up in youth case %(reference)s is past its deadline."),
        "due": follow_up_overdue,
        "still_due": follow_up_overdue_current,
    },
    {
        "key": "youth_plan_due",
        "order": 73,
        "title": gettext_lazy("Youth plans due in three days"),
        "subject": gettext_lazy("Youth plan due in three days: youth case %(reference)s"),
        "text": gettext_lazy("The youth plan in youth case %(reference)s is due %(when)s."),
        "due": plan_due_in_3_days,
        "still_due": _current(PLANNING, "plan_due"),
    },
    {
        "key": "youth_period_ending",
        "order": 74,
        "title": gettext_lazy("Youth follow-up periods ending in 30 days"),
        "subject": gettext_lazy("Follow-up period ends in 30 days: youth case %(reference)s"),
        "text": gettext_lazy("The follow-up period in youth case %(reference)s ends %(when)s."),
        "due": period_ending,
        "still_due": _current(FOLLOWING, "period_end"),
    },
]
