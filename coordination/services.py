"""Writes for coordination: atomic, validated, audited."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from .models import ActionItem, Agency, AgencyContact


@transaction.atomic
def agency_save(
    *,
    actor,
    agency: Agency,
    contacts: Iterable[AgencyContact] = (),
    removed_contacts: Iterable[AgencyContact] = (),
) -> Agency:
    """Create or change an agency together with its contact persons."""
    if not actor.can_manage_registry:
        raise PermissionDenied
    created = agency.pk is None
    agency.full_clean()
    agency.save()
    for contact in removed_contacts:
        if contact.agency_id == agency.pk:
            contact.delete()
    for contact in contacts:
        contact.agency = agency
        contact.full_clean()
        contact.save()
    record_event(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=agency,
    )
    return agency


@transaction.atomic
def action_item_create(
    *,
    actor,
    title: str,
    responsible_agency: Agency,
    due_date: date,
    source: str = ActionItem.Source.OTHER,
    description: str = "",
) -> ActionItem:
    """A new measure for an agency. Callers check that `actor` may create it in their context."""
    if not responsible_agency.is_active:
        raise ValidationError({"responsible_agency": _("The agency is inactive and cannot be given new tasks.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The deadline cannot be in the past.")})
    item = ActionItem(
        title=title,
        description=description,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=source,
        created_by=actor,
    )
    item.full_clean()
    item.save()
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=item)
    return item


@transaction.atomic
def action_item_set_status(*, actor, item: ActionItem, status: str, reason: str = "") -> ActionItem:
    """Move a measure to another status. "Will not be done" needs a reason that others can read."""
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    reason = reason.strip()
    if status == ActionItem.Status.WONT_DO and not reason:
        raise ValidationError({"status_reason": _("Say why the measure will not be done.")})
    item.status = status
    item.status_reason = reason if status == ActionItem.Status.WONT_DO else ""
    item.completed_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.full_clean()
    item.save(update_fields=["status", "status_reason", "completed_at", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return item
