"""Lockout after repeated failed sign-ins (django-axes): the administrators' reads and the audited unlock."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from . import roles


def failed_sign_ins_by_username(*, days: int):
    """Failed sign-ins of the last `days` days per typed username, most attacked first."""
    since = timezone.now() - timedelta(days=days)
    return (
        AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, created_at__gte=since)
        .exclude(attempted_username="")
        .values("attempted_username")
        .annotate(failures=Count("id"), addresses=Count("ip", distinct=True), last=Max("created_at"))
        .order_by("-failures", "attempted_username")
    )


def locked_usernames() -> set[str]:
    """Usernames locked out now (failures within the cool-off time at or above the limit)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(username=None)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    return {row["username"] for row in rows}


@transaction.atomic
def lockout_unlock(*, actor, attempts) -> int:
    """Remove the failure records (so the username and address may try again), one audit event per record."""
    if not roles.is_admin(actor) or not actor.is_staff:
        raise PermissionDenied
    count = 0
    for attempt in AccessAttempt.objects.select_for_update().filter(pk__in=[a.pk for a in attempts]):
        record_event(
            actor=actor,
            action=AuditEvent.Action.UNLOCK,
            object_type="axes.accessattempt",
            object_id=attempt.pk,
            attempted_username=attempt.username or "",
            details={"failures": attempt.failures_since_start},
        )
        attempt.delete()
        count += 1
    return count
