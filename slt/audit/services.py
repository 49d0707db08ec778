from django.db import models

from .context import NO_REQUEST, current_request
from .models import AuditEvent


def record_event(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id="",
    attempted_username: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Write one audit event. Services call this inside their own transaction.

    `obj` names the record (its model label and pk); nothing of its content is stored.
    """
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = obj.pk
    facts = current_request.get() or NO_REQUEST
    authenticated = actor is not None and actor.is_authenticated
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_username=actor.get_username() if authenticated else "",
        role=actor.role if authenticated else "",
        agency_id=actor.agency_id if authenticated else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        request_id=facts.request_id,
        ip=facts.ip,
        attempted_username=attempted_username[:150],
        details=details or {},
    )


def record_export(*, actor, obj: models.Model | None = None, object_type: str = "") -> AuditEvent:
    """Every export (CSV, GeoJSON, PDF, calendar file) leaves the platform: log who took what kind of record
    out, and which one when it is one record; never the content."""
    return record_event(actor=actor, action=AuditEvent.Action.EXPORT, obj=obj, object_type=object_type)


def access_report_exported(*, actor, subject, start, end, rows: int) -> AuditEvent:
    """The export of a user's access log leaves the platform too: who took whose log, for which period."""
    return record_event(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        obj=subject,
        details={"access_report": {"from": start.isoformat(), "to": end.isoformat(), "rows": rows}},
    )
