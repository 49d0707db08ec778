"""Writes of action items: create, move the status, change, add progress notes."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from ..models import ActionItem, ActionItemNote, Agency, AgendaItem, Concern, Meeting
from ..permissions import (
    can_give_action_item,
    can_manage_action_items,
    can_set_action_item_status,
    can_update_action_item,
)


def _inactive_agency_error():
    return ValidationError({"responsible_agency": _("The agency is inactive and cannot be given new tasks.")})


@transaction.atomic
def action_item_create(
    *,
    actor,
    title: str,
    responsible_agency: Agency,
    due_date: date,
    source: str = ActionItem.Source.OTHER,
    description: str = "",
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    concern: Concern | None = None,
) -> ActionItem:
    """A new measure for an agency, given out where it comes from (see `can_give_action_item`)."""
    meeting = meeting or (agenda_item.meeting if agenda_item else None)
    if not can_give_action_item(actor, source=source, meeting=meeting, concern=concern):
        raise PermissionDenied
    if not responsible_agency.is_active:
        raise _inactive_agency_error()
    item = ActionItem(
        title=title,
        description=description,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=source,
        created_by=actor,
        meeting=meeting,
        agenda_item=agenda_item,
        concern=concern,
    )
    item.full_clean()
    item.save()
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=item)
    return item


@transaction.atomic
def action_item_set_status(*, actor, item: ActionItem, status: str, reason: str = "") -> ActionItem:
    """Move a measure to another status. "Will not be done" needs a reason that others can read."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if not can_set_action_item_status(actor, item):
        raise PermissionDenied
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    item.status = status
    item.status_reason = reason.strip() if status == ActionItem.Status.WONT_DO else ""
    item.completed_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.full_clean()
    item.save(update_fields=["status", "status_reason", "completed_at", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return item


@transaction.atomic
def action_item_update(
    *, actor, item: ActionItem, title: str, responsible_agency: Agency, due_date: date, description: str = ""
) -> ActionItem:
    """Coordinators change what a measure is, who has it and when it is due (a kept deadline may be past)."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    if not can_manage_action_items(actor):
        raise PermissionDenied
    if responsible_agency.pk != item.responsible_agency_id and not responsible_agency.is_active:
        raise _inactive_agency_error()
    item.title, item.responsible_agency, item.due_date, item.description = (
        title,
        responsible_agency,
        due_date,
        description,
    )
    item.full_clean()
    item.save(update_fields=["title", "responsible_agency", "due_date", "description", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return item


@transaction.atomic
def action_item_add_note(*, actor, item: ActionItem, text: str) -> ActionItemNote:
    if not can_update_action_item(actor, item):
        raise PermissionDenied
    note = ActionItemNote(item=item, author=actor, text=text.strip())
    note.full_clean()
    note.save()
    ActionItem.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return note
