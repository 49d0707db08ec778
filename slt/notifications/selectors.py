"""Reads for notifications: a user sees only their own notices, preferences and calendar token."""

from datetime import timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from slt.accounts.roles import is_active_user
from slt.core.registry import CalendarEvent, registry

from .models import CalendarToken, Notification, NotificationPreference

FEED_PAST = timedelta(days=60)
FEED_FUTURE = timedelta(days=400)


def notices_visible_to(user) -> QuerySet[Notification]:
    if not is_active_user(user):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def notice_list(user, *, unread_only: bool = False, read_only: bool = False) -> QuerySet[Notification]:
    notices = notices_visible_to(user)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    if read_only:
        notices = notices.filter(read_at__isnull=False)
    return notices.order_by("-created_at", "-id")


def get_notice_for_user(user, pk) -> Notification:
    return get_object_or_404(notices_visible_to(user), pk=pk)


def unread_count(user) -> int:
    return notices_visible_to(user).filter(read_at__isnull=True).count()


def preference_kinds(user) -> list:
    """The kinds listed on the user's preferences page: every source whose audience includes the user."""
    return [source for source in registry.reminder_sources() if source.audience(user)]


def preferences_for(user) -> dict[str, NotificationPreference]:
    return {pref.kind: pref for pref in NotificationPreference.objects.filter(user_id=user.pk)}


def active_calendar_token(user) -> CalendarToken | None:
    if not is_active_user(user):
        return None
    return CalendarToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).first()


def get_calendar_token(token: str) -> CalendarToken:
    """The active token with this secret (its owner active), or 404."""
    return get_object_or_404(
        CalendarToken.objects.select_related("user").filter(revoked_at__isnull=True, user__is_active=True),
        token_hash=CalendarToken.hash(token),
    )


def calendar_events(user, *, now=None) -> list[CalendarEvent]:
    """What the user may read at this moment, from every registered calendar source."""
    if not is_active_user(user):
        return []
    now = now or timezone.now()
    events = []
    for source in registry.calendar_sources():
        events.extend(source.events(user, now - FEED_PAST, now + FEED_FUTURE))
    return events
