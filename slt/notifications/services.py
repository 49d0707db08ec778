"""Writes for notifications: notices read, preferences, calendar tokens, pruning. Keyword-only, atomic."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.accounts.roles import is_active_user
from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from slt.core.registry import registry

from .models import CalendarToken, Notification, NotificationPreference


@transaction.atomic
def notice_mark_read(*, actor, notice: Notification) -> Notification:
    if notice.recipient_id != actor.pk:
        raise PermissionDenied
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


@transaction.atomic
def notices_mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, actor, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store (by e-mail, in the app) per kind. Essential kinds (invitations, shares) cannot be turned off."""
    if not is_active_user(actor):
        raise PermissionDenied
    errors = []
    for kind, (by_email, in_app) in choices.items():
        source = registry.reminder_source(kind)
        if source is None or not source.audience(actor):
            errors.append(_("Unknown kind of notice."))
        elif source.essential and not (by_email and in_app):
            errors.append(_("%(kind)s cannot be turned off.") % {"kind": source.title})
    if errors:
        raise ValidationError(errors)
    for kind, (by_email, in_app) in choices.items():
        NotificationPreference.objects.update_or_create(
            user=actor, kind=kind, defaults={"by_email": by_email, "in_app": in_app}
        )
    record_event(
        actor=actor, action=AuditEvent.Action.UPDATE, object_type="notifications.preferences", object_id=actor.pk
    )


@transaction.atomic
def calendar_token_renew(*, actor) -> str:
    """A new secret for the personal calendar feed; the old one stops working. Returns the secret, which
    is shown once (only its hash is stored)."""
    if not is_active_user(actor):
        raise PermissionDenied
    now = timezone.now()
    CalendarToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True).update(revoked_at=now)
    secret = secrets.token_urlsafe(32)
    token = CalendarToken.objects.create(user=actor, token_hash=CalendarToken.hash(secret), created_at=now)
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=token)
    return secret


@transaction.atomic
def calendar_token_revoke(*, actor) -> int:
    if not is_active_user(actor):
        raise PermissionDenied
    revoked = CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        record_event(actor=actor, action=AuditEvent.Action.REVOKE, object_type="notifications.calendartoken")
    return revoked


def calendar_token_used(*, token: CalendarToken) -> None:
    """Note when the feed was last fetched (at most once a minute: calendar apps poll often)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        CalendarToken.objects.filter(pk=token.pk).update(last_used_at=now)


@transaction.atomic
def notices_prune(*, now=None) -> int:
    """In-app notices older than NOTIFICATIONS_KEEP_DAYS (90) are deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NOTIFICATIONS_KEEP_DAYS)
    deleted, _ = Notification.objects.filter(created_at__lt=cutoff).delete()
    return deleted
