"""Writes for the follow-up: meetings with the youth, progress notes and breaches."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..models import FOLLOW_UP_INTERVAL_DAYS, Breach, FollowUpMeeting, PlanMeasure, ProgressNote, YouthCase
from ..states import CaseState
from .common import changed, created, lock_case, lock_for_change, not_before, not_in_future, require_open, save_case


def _require_follow_up(case: YouthCase, what: str) -> None:
    require_open(case, what)
    if case.state != CaseState.IN_FOLLOW_UP:
        raise ValidationError(_("This is recorded during follow-up, after the plan is approved."))


def _refresh_next_due(actor, case: YouthCase) -> None:
    """Next follow-up due: the last held meeting + 31 days (the plan's approval + 31 days before the first)."""
    last_held = case.follow_up_meetings.filter(held=True).aggregate(last=Max("starts_at"))["last"]
    start = timezone.localtime(last_held).date() if last_held else case.plan.approved_on
    case.next_follow_up_due = start + timedelta(days=FOLLOW_UP_INTERVAL_DAYS)
    save_case(actor, case, ["next_follow_up_due"])


def _check_held(starts_at: datetime, summary: str) -> None:
    if starts_at > timezone.now():
        raise ValidationError({"held": _("A meeting in the future cannot be marked as held.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Write a short summary of the meeting.")})


@transaction.atomic
def follow_up_meeting_add(
    *, actor, case: YouthCase, starts_at: datetime, place: str = "", held: bool = False, summary: str = ""
) -> FollowUpMeeting:
    """Plan a follow-up meeting, or record one that was held (not one in the future)."""
    case = lock_for_change(actor, case)
    _require_follow_up(case, _("The case is closed: follow-up meetings can no longer be added."))
    if held:
        _check_held(starts_at, summary)
    not_before(
        timezone.localtime(starts_at).date(),
        case.plan.approved_on,
        "starts_at",
        _("Follow-up starts when the plan is approved (%(date)s)."),
    )
    meeting = FollowUpMeeting(
        case=case, starts_at=starts_at, place=place.strip(), held=held, summary=summary.strip(), created_by=actor
    )
    meeting.full_clean()
    meeting.save()
    created(actor, meeting)
    if held:
        _refresh_next_due(actor, case)
    return meeting


@transaction.atomic
def follow_up_meeting_mark_held(*, actor, case: YouthCase, meeting: FollowUpMeeting, summary: str) -> FollowUpMeeting:
    case = lock_for_change(actor, case)
    _require_follow_up(case, _("The case is closed: follow-up meetings can no longer be changed."))
    meeting = FollowUpMeeting.objects.select_for_update().get(pk=meeting.pk, case=case)
    if meeting.held:
        raise ValidationError(_("The meeting is already marked as held."))
    _check_held(meeting.starts_at, summary)
    meeting.held = True
    meeting.summary = summary.strip()
    meeting.full_clean()
    meeting.save(update_fields=["held", "summary", "updated_at"])
    changed(actor, meeting)
    _refresh_next_due(actor, case)
    return meeting


@transaction.atomic
def progress_note_add(
    *, actor, case: YouthCase, text: str, measure: PlanMeasure | None = None, drug_test: str = ""
) -> ProgressNote:
    """A progress note: youth coordinators on the case or any measure; a team member on a measure they are
    responsible for. A drug test is recorded as its outcome only."""
    case = lock_case(case)
    if measure is None:
        if not selectors.can_change_case(actor):
            raise PermissionDenied
    else:
        if measure.plan.case_id != case.pk:
            raise ValidationError(_("The measure belongs to another case."))
        if not selectors.can_note_measure(actor, measure):
            raise PermissionDenied
    require_open(case, _("The case is closed: notes can no longer be added."))
    note = ProgressNote(case=case, measure=measure, text=text.strip(), drug_test=drug_test, written_by=actor)
    note.full_clean()
    note.save()
    created(actor, note)
    return note


@transaction.atomic
def breach_record(
    *, actor, case: YouthCase, occurred_on: date, description: str, reaction: str, measure: PlanMeasure | None = None
) -> Breach:
    """A breach of the plan and the reaction (a talk, tighter follow-up, a reaction meeting, or a report to the
    prosecution). Refused on a closed case."""
    case = lock_for_change(actor, case)
    _require_follow_up(case, _("The case is closed: breaches can no longer be recorded."))
    if measure is not None and measure.plan.case_id != case.pk:
        raise ValidationError({"measure": _("The measure belongs to another case.")})
    not_in_future(occurred_on, "occurred_on")
    not_before(
        occurred_on, case.plan.approved_on, "occurred_on", _("A breach of the plan is after its approval (%(date)s).")
    )
    breach = Breach(
        case=case,
        measure=measure,
        occurred_on=occurred_on,
        description=description.strip(),
        reaction=reaction,
        recorded_by=actor,
    )
    breach.full_clean()
    breach.save()
    created(actor, breach)
    return breach
