"""What every youth follow-up service shares: the lock, the permission check, audit rows, date checks, the end."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from .. import selectors, states
from ..dates import add_years
from ..models import YouthCase


def lock_case(case: YouthCase) -> YouthCase:
    """The case row, locked until the transaction ends: read-then-write services start here."""
    return YouthCase.objects.select_for_update().get(pk=case.pk)


def lock_for_change(actor, case: YouthCase) -> YouthCase:
    if not selectors.can_change_case(actor):
        raise PermissionDenied
    return lock_case(case)


def created(actor, obj) -> None:
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=obj)


def changed(actor, obj) -> None:
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=obj)


def save_case(actor, case: YouthCase, fields: list[str]) -> None:
    case.full_clean()
    case.save(update_fields=[*fields, "updated_at"])
    changed(actor, case)


def require_open(case: YouthCase, message: str = "") -> None:
    if not case.is_open:
        raise ValidationError(message or _("The case is closed and can no longer be changed."))


def not_in_future(day: date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def not_before(day: date | None, start: date | None, field: str, message: str) -> None:
    if day is not None and start is not None and day < start:
        raise ValidationError({field: message % {"date": date_format(start, "j. F Y")}})


def close_case(case: YouthCase, target: str, *, ended_on: date, note: str = "") -> list[str]:
    """Move the case to a closed state, with its end date and the retention date; returns the changed fields."""
    states.move(case, target)
    case.ended_on = ended_on
    case.end_note = note
    case.retain_until = add_years(ended_on, settings.YOUTH_RETENTION_YEARS)
    case.plan_due = None
    case.next_follow_up_due = None
    return ["state", "ended_on", "end_note", "retain_until", "plan_due", "next_follow_up_due"]
