"""The retention job: what the platform deletes or anonymises when its time has passed (docs/retention.md).

Every app registers its ``RetentionSource`` entries (closed cases, old walk photos) in its ``panels.py``; this
module loops over them, then deletes expired sessions and audit events older than ``RETENTION_AUDIT_DAYS``.
It runs daily from Celery beat (``slt.core.tasks.apply_retention``) and by hand with
``python manage.py apply_retention [--dry-run] [--now ISO]``.

Each record is done in its own transaction: a record that fails is logged (its type and id, never its
content) and left for the next run, and the others go on. A record that is done gets one audit event
(actor: none, the system). A dry run only lists what would be done.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from .registry import RetentionSource, registry

logger = logging.getLogger(__name__)

DB_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


@dataclass
class StepReport:
    """What one step did (or would do): how many records, their neutral references, and those that failed."""

    key: str
    title: str
    count: int = 0
    references: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    before: date | None = None
    enabled: bool = True


def audit_prune_date(now: datetime) -> date | None:
    """Audit events created before this day (local time) are deleted; None when they are kept for ever."""
    days = settings.RETENTION_AUDIT_DAYS
    if not days:
        return None
    return timezone.localdate(now) - timedelta(days=days)


def apply_source(source: RetentionSource, *, now: datetime, dry_run: bool = False) -> StepReport:
    report = StepReport(key=source.key, title=str(source.title), enabled=source.enabled())
    if not report.enabled:
        return report
    for record in list(source.due(now)):
        reference = source.describe(record)
        if dry_run:
            report.count += 1
            report.references.append(reference)
            continue
        try:
            with transaction.atomic():
                details = source.apply(record, now)
                if details is not None:
                    record_event(actor=None, action=source.action, obj=record, details=details)
        except Exception as exc:  # one record's failure must not stop the others
            # The exception's text may quote the row's values (PostgreSQL does): log its type only.
            logger.error(
                "Retention %s failed for %s %s (%s); it is tried again on the next run.",
                source.key,
                record._meta.label_lower,
                record.pk,
                type(exc).__name__,
            )
            report.failed.append(reference)
            continue
        if details is not None:
            report.count += 1
            report.references.append(reference)
    return report


def prune_sessions(*, now: datetime, dry_run: bool = False) -> StepReport:
    """Delete expired sessions (what ``clearsessions`` does), counted."""
    report = StepReport(key="sessions", title=_("Expired sessions"))
    engine = settings.SESSION_ENGINE
    if engine in DB_SESSION_ENGINES:
        from django.contrib.sessions.models import Session

        expired = Session.objects.filter(expire_date__lt=now)
        report.count = expired.count() if dry_run else expired.delete()[0]
    elif not dry_run:
        import_module(engine).SessionStore.clear_expired()
    return report


def prune_audit_events(*, now: datetime, dry_run: bool = False) -> StepReport:
    """Delete audit events older than the setting in one statement, and write one summary event."""
    before = audit_prune_date(now)
    report = StepReport(key="audit", title=_("Audit events"), before=before, enabled=before is not None)
    if before is None:
        return report
    cutoff = timezone.make_aware(datetime.combine(before, time.min))
    old = AuditEvent.objects.filter(created_at__lt=cutoff)
    if dry_run:
        report.count = old.count()
        return report
    with transaction.atomic():
        # AuditEvent has no dependent rows and no delete signals: Django sends a single DELETE.
        report.count = old.delete()[0]
        if report.count:
            record_event(
                actor=None,
                action=AuditEvent.Action.PRUNE,
                object_type=AuditEvent._meta.label_lower,
                details={"deleted": report.count, "before": before.isoformat()},
            )
    return report


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> list[StepReport]:
    """Run every registered source, then prune sessions and audit events. Returns one report per step."""
    now = now or timezone.now()
    reports = [apply_source(source, now=now, dry_run=dry_run) for source in registry.retention_sources()]
    reports.append(prune_sessions(now=now, dry_run=dry_run))
    reports.append(prune_audit_events(now=now, dry_run=dry_run))
    return reports
