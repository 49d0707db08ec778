"""Writes of the agency registry."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from ..models import Agency, AgencyContact
from ..permissions import can_manage_registry


@transaction.atomic
def agency_save(
    *,
    actor,
    agency: Agency,
    contacts: Iterable[AgencyContact] = (),
    removed_contacts: Iterable[AgencyContact] = (),
) -> Agency:
    """Create or change an agency together with its contact persons."""
    if not can_manage_registry(actor):
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
    record_event(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=agency)
    return agency
