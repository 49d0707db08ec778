"""Writes for the youth plan meeting, the youth plan and its measures."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import selectors, states
from ..dates import period_last_day
from ..models import FOLLOW_UP_INTERVAL_DAYS, PlanMeasure, PlanMeeting, YouthCase, YouthPlan
from ..states import CaseState
from .cases import add_participants_to_team
from .common import changed, created, lock_for_change, not_before, not_in_future, save_case

PLAN_WRITING_STATES = (CaseState.DECIDED, CaseState.PLAN_MEETING_PLANNED, CaseState.IN_FOLLOW_UP)
PERIOD_MONTHS_MAX = 12


@transaction.atomic
def plan_meeting_save(
    *,
    actor,
    case: YouthCase,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    participants=(),
    other_participants: str = "",
) -> PlanMeeting:
    """Plan (or move) the youth plan meeting. The invited users join the follow-up team, so that they can read
    the case and fetch the meeting for their calendars."""
    case = lock_for_change(actor, case)
    if case.state not in (CaseState.DECIDED, CaseState.PLAN_MEETING_PLANNED):
        raise ValidationError(_("The youth plan meeting is planned after the prosecutor's decision, before the plan."))
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    meeting = selectors.related_or_none(case, "plan_meeting") or PlanMeeting(case=case, planned_by=actor)
    creating = meeting.pk is None
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place = place.strip()
    meeting.other_participants = other_participants.strip()
    meeting.full_clean()
    meeting.save()
    participants = list(participants)
    meeting.participants.set(participants)
    (created if creating else changed)(actor, meeting)
    add_participants_to_team(actor, case, participants)
    if creating:
        states.move(case, CaseState.PLAN_MEETING_PLANNED)
        save_case(actor, case, ["state"])
    return meeting


def _plan_for_writing(actor, case: YouthCase) -> YouthPlan:
    if case.state not in PLAN_WRITING_STATES:
        if not case.is_open:
            raise ValidationError(_("The case is closed and can no longer be changed."))
        raise ValidationError(_("The youth plan is written after the prosecutor's decision."))
    plan = selectors.related_or_none(case, "plan")
    if plan is None:
        plan = YouthPlan(case=case, created_by=actor)
        plan.full_clean()
        plan.save()
        created(actor, plan)
    return plan


@transaction.atomic
def plan_save(*, actor, case: YouthCase, goals: str) -> YouthPlan:
    """Write or change the plan's aim."""
    case = lock_for_change(actor, case)
    plan = _plan_for_writing(actor, case)
    plan.goals = goals.strip()
    plan.full_clean()
    plan.save(update_fields=["goals", "updated_at"])
    changed(actor, plan)
    return plan


def _outside_period(measure: PlanMeasure, plan: YouthPlan) -> str | None:
    if not plan.is_approved:
        return None
    if measure.starts_on < plan.approved_on or measure.ends_on > plan.period_end:
        return _("A measure must lie within the plan's period, %(start)s to %(end)s.") % {
            "start": date_format(plan.approved_on, "j. F Y"),
            "end": date_format(plan.period_end, "j. F Y"),
        }
    return None


@transaction.atomic
def measure_save(*, actor, case: YouthCase, measure: PlanMeasure) -> PlanMeasure:
    """Add a measure to the plan, or change one: a type from § 25, details, who is responsible, start and end."""
    case = lock_for_change(actor, case)
    plan = _plan_for_writing(actor, case)
    creating = measure.pk is None
    if not creating and not PlanMeasure.objects.filter(pk=measure.pk, plan=plan).exists():
        raise ValidationError(_("The measure belongs to another plan."))
    measure.plan = plan
    if creating:
        measure.created_by = actor
    if measure.starts_on and measure.ends_on and measure.ends_on < measure.starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    if measure.responsible_user_id is None and measure.responsible_agency_id is None:
        raise ValidationError({"responsible_user": _("Name a responsible person or a responsible agency.")})
    if (
        measure.responsible_user_id is not None
        and not case.team.filter(user_id=measure.responsible_user_id, removed_at__isnull=True).exists()
    ):
        raise ValidationError({"responsible_user": _("The responsible person must be on the follow-up team.")})
    measure.full_clean()
    error = _outside_period(measure, plan)
    if error:
        raise ValidationError({"ends_on": error})
    measure.save()
    (created if creating else changed)(actor, measure)
    return measure


@transaction.atomic
def plan_approve(*, actor, case: YouthCase, approved_on: date, period_end: date) -> YouthPlan:
    """Approve the plan agreed in the youth plan meeting. The period starts on the day of approval and cannot run
    past one year from it; follow-up starts, and the first follow-up meeting is due within 31 days."""
    case = lock_for_change(actor, case)
    if case.state != CaseState.PLAN_MEETING_PLANNED:
        if case.state == CaseState.IN_FOLLOW_UP:
            raise ValidationError(_("The plan is already approved."))
        states.move(case, CaseState.IN_FOLLOW_UP)  # refuses, naming the state the case is in
    plan = selectors.related_or_none(case, "plan")
    measures = list(plan.measures.all()) if plan else []
    if not measures:
        raise ValidationError(_("Add at least one measure to the plan before it is approved."))
    not_in_future(approved_on, "approved_on")
    not_before(
        approved_on,
        timezone.localtime(case.plan_meeting.starts_at).date(),
        "approved_on",
        _("The plan is approved in or after the youth plan meeting (%(date)s)."),
    )
    if period_end < approved_on:
        raise ValidationError({"period_end": _("The end date cannot be before the start date.")})
    last_day = period_last_day(approved_on, PERIOD_MONTHS_MAX)
    if period_end > last_day:
        raise ValidationError(
            {
                "period_end": _(
                    "The period starts when the plan is approved and lasts at most one year: "
                    "the last day can be %(date)s."
                )
                % {"date": date_format(last_day, "j. F Y")}
            }
        )
    plan.approved_on, plan.period_end, plan.approved_by = approved_on, period_end, actor
    for measure in measures:
        error = _outside_period(measure, plan)
        if error:
            raise ValidationError(
                {"period_end": _("%(measure)s: %(error)s") % {"measure": measure.get_kind_display(), "error": error}}
            )
    plan.full_clean()
    plan.save(update_fields=["approved_on", "period_end", "approved_by", "updated_at"])
    changed(actor, plan)
    states.move(case, CaseState.IN_FOLLOW_UP)
    case.plan_due = None
    case.next_follow_up_due = approved_on + timedelta(days=FOLLOW_UP_INTERVAL_DAYS)
    save_case(actor, case, ["state", "plan_due", "next_follow_up_due"])
    return plan
