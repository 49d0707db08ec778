"""Writes of forums, meetings, agenda items and minutes."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event, record_export

from ..attachments import check_attachment, safe_name
from ..models import ActionItem, Agency, AgendaItem, Forum, Meeting, MeetingAttachment
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


class AgendaLocked(Exception):
    """The agenda's order and items are fixed once the meeting has started (views answer 409 Conflict)."""

    def __init__(self):
        super().__init__(_("The meeting has started: the agenda items can no longer be moved or removed."))


def _lock_agenda_for_change(actor, item: AgendaItem) -> Meeting:
    meeting = _lock_meeting_for_change(actor, item.meeting_id)
    if meeting.has_started or meeting.cancelled_at is not None:
        raise AgendaLocked
    _check_minutes_open(meeting)
    return meeting


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an agenda item one place up or down, before the meeting starts. The items are numbered 1, 2, 3 …
    again in their order, so that gaps and equal numbers from earlier changes disappear."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move an agenda item up or down."))
    meeting = _lock_agenda_for_change(actor, item)
    items = list(meeting.agenda.order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    changed = []
    for number, other in enumerate(items, start=1):
        if other.position != number:
            other.position = number
            changed.append(other)
    AgendaItem.objects.bulk_update(changed, ["position"])
    if changed:
        record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting, details={"agenda": "order"})
    return next(other for other in items if other.pk == item.pk)


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    """Remove an agenda item before the meeting starts; the items after it move up one number."""
    meeting = _lock_agenda_for_change(actor, item)
    if item.action_items.exists():
        raise ValidationError(_("The agenda item has action items and cannot be removed."))
    attachments = list(item.attachments.all())
    record_event(actor=actor, action=AuditEvent.Action.DELETE, obj=item)
    item.delete()
    _delete_files_on_commit(attachments)
    items = list(meeting.agenda.order_by("position", "id"))
    for number, other in enumerate(items, start=1):
        other.position = number
    AgendaItem.objects.bulk_update(items, ["position"])


# --- attachments -------------------------------------------------------------------------------------------


def _delete_files_on_commit(attachments):
    files = [attachment.file for attachment in attachments]
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])


@transaction.atomic
def meeting_attachment_add(*, actor, meeting: Meeting, upload, agenda_item: AgendaItem | None = None):
    """Attach a file to a meeting or one of its agenda items. The file's kind is told by its content and its
    size is checked (coordination.attachments); it is stored under a random name."""
    meeting = _lock_meeting_for_change(actor, meeting.pk)
    _check_minutes_open(meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an agenda item of this meeting.")})
    kind = check_attachment(upload)
    attachment = MeetingAttachment(
        meeting=meeting,
        agenda_item=agenda_item,
        name=safe_name(upload.name, kind),
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(f"upload.{kind.extension}", upload, save=False)
    try:
        attachment.full_clean()
        attachment.save()
        record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=attachment)
    except Exception:
        attachment.file.delete(save=False)  # nothing half-saved: no file without its row
        raise
    return attachment


@transaction.atomic
def meeting_attachment_delete(*, actor, attachment: MeetingAttachment) -> None:
    meeting = _lock_meeting_for_change(actor, attachment.meeting_id)
    _check_minutes_open(meeting)
    record_event(actor=actor, action=AuditEvent.Action.DELETE, obj=attachment)
    attachment.delete()
    _delete_files_on_commit([attachment])


def meeting_attachment_downloaded(*, actor, attachment: MeetingAttachment):
    """A download takes the file out of the platform: logged like an export (who, which record; no content)."""
    return record_export(actor=actor, obj=attachment)


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
