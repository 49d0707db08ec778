"""Writes of forums, meetings, agenda items and minutes."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from ..models import ActionItem, Agency, AgendaItem, Forum, Meeting
from ..permissions import can_change_meeting, can_manage_forums, can_plan_meetings
from .action_items import action_item_create


def _audit_save(actor, obj, created: bool):
    record_event(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=obj)


@transaction.atomic
def forum_save(*, actor, forum: Forum, member_agencies=(), members=()) -> Forum:
    if not can_manage_forums(actor):
        raise PermissionDenied
    created = forum.pk is None
    forum.full_clean()
    forum.save()
    forum.member_agencies.set(member_agencies)
    forum.members.set(members)
    _audit_save(actor, forum, created)
    return forum


def _lock_meeting_for_change(actor, pk) -> Meeting:
    """The meeting's row, locked until the transaction ends, for an actor who may change it."""
    meeting = Meeting.objects.select_for_update().get(pk=pk)
    if not can_change_meeting(actor, meeting):
        raise PermissionDenied
    return meeting


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting, invitees=None) -> Meeting:
    """Plan or change a meeting. A new meeting invites the forum's members unless invitees are given."""
    created = meeting.pk is None
    if created:
        if not can_plan_meetings(actor):
            raise PermissionDenied
        meeting.created_by = actor
    else:
        stored = _lock_meeting_for_change(actor, meeting.pk)
        if stored.cancelled_at is not None:
            raise ValidationError(_("The meeting is cancelled and can no longer be changed."))
        if (stored.starts_at, stored.ends_at, stored.location) != (
            meeting.starts_at,
            meeting.ends_at,
            meeting.location,
        ):
            meeting.sequence = stored.sequence + 1  # calendars replace the invitation they have
    meeting.full_clean()
    meeting.save()
    if invitees is None and created:
        invitees = meeting.forum.members.all()
    if invitees is not None:
        meeting.invitees.set(invitees)
    _audit_save(actor, meeting, created)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    """Coordinators cancel a meeting that has not started yet. The invitees hear of it through
    slt.notifications (it reads `cancelled_at`); calendars replace the event because the sequence is raised."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not can_plan_meetings(actor):
        raise PermissionDenied
    if meeting.cancelled_at is not None:
        raise ValidationError(_("The meeting is already cancelled."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("Only a meeting that has not started yet can be cancelled."))
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


@transaction.atomic
def meeting_set_attendance(*, actor, meeting: Meeting, attendees=(), agencies=()) -> Meeting:
    meeting = _lock_meeting_for_change(actor, meeting.pk)
    meeting.attendees.set(attendees)
    meeting.attending_agencies.set(agencies)
    meeting.save(update_fields=["updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


def _check_minutes_open(meeting: Meeting):
    if meeting.minutes_approved_at is not None:
        raise ValidationError(_("The minutes are approved and can no longer be changed."))


@transaction.atomic
def agenda_item_save(*, actor, item: AgendaItem) -> AgendaItem:
    """Add or change an agenda item, its minutes and its decision. The meeting's row is locked, so that two
    items added at once get different numbers and nothing is changed after the minutes are approved."""
    meeting = _lock_meeting_for_change(actor, item.meeting_id)
    _check_minutes_open(meeting)
    created = item.pk is None
    if created:
        last = meeting.agenda.aggregate(last=Max("position"))["last"]
        item.position = (last or 0) + 1
    item.full_clean()
    item.save()
    _audit_save(actor, item, created)
    return item


@transaction.atomic
def meeting_approve_minutes(*, actor, meeting: Meeting) -> Meeting:
    meeting = _lock_meeting_for_change(actor, meeting.pk)
    _check_minutes_open(meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Minutes can only be approved after the meeting has started."))
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = actor
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


@transaction.atomic
def decision_action_item_create(
    *, actor, agenda_item: AgendaItem, title: str, responsible_agency: Agency, due_date: date, description: str = ""
) -> ActionItem:
    """Turn a decision of a meeting into an action item for an agency."""
    if not can_change_meeting(actor, agenda_item.meeting):
        raise PermissionDenied
    if not agenda_item.decision.strip():
        raise ValidationError(_("Record the decision before you give out action items."))
    return action_item_create(
        actor=actor,
        title=title,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=ActionItem.Source.MEETING,
        description=description,
        agenda_item=agenda_item,
    )
