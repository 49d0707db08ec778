"""Reads of the audit log: the access log of one user, for administrators (DESIGN.md section 3)."""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from slt.accounts.roles import is_admin

from .models import AuditEvent

READS = (AuditEvent.Action.VIEW, AuditEvent.Action.EXPORT)


def can_see_access_report(user) -> bool:
    return is_admin(user)


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def access_events(viewer, *, subject, start, end) -> QuerySet[AuditEvent]:
    """What `subject` opened or exported from `start` to `end` (local dates, both included), newest first;
    nothing unless the viewer is an administrator."""
    if not can_see_access_report(viewer):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        actor=subject,
        action__in=READS,
        created_at__gte=_day_start(start),
        created_at__lt=_day_start(end + timedelta(days=1)),
    ).order_by("-created_at", "-id")


def record_type_label(object_type: str) -> str:
    """The record type's name in the reader's language ("coordination.concern" → "bekymring")."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
