"""Notifications: one delivery row per kind × record × recipient × slot, in-app notices, preferences and
the personal calendar feed's token. See docs/notifications.md for the exactly-once design."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.choices import QuickChoiceDisplay


class ReminderDelivery(models.Model):
    """One reminder or event notice for one recipient. The unique key is inserted before anything is sent,
    so two dispatchers (or an overlapping window) can never make two rows for the same occasion."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        RETRY = "retry", _("Failed, will try again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed for good")
        SKIPPED = "skipped", _("Skipped")

    class SkipReason(models.TextChoices):
        INACTIVE = "inactive", _("The recipient is inactive")
        NOT_VISIBLE = "not_visible", _("The recipient may no longer read the record")
        NOT_DUE = "not_due", _("No longer due (changed, cancelled, done or deleted)")
        OPTED_OUT = "opted_out", _("Turned off in the recipient's preferences")
        UNKNOWN_KIND = "unknown_kind", _("No reminder source of this kind")

    kind = models.CharField(_("kind"), max_length=40)
    record_type = models.CharField(_("record type"), max_length=60)
    record_id = models.BigIntegerField(_("record id"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    slot = models.CharField(_("occasion"), max_length=40)
    due_at = models.DateTimeField(_("due"))
    url = models.CharField(_("link"), max_length=300)
    reference = models.CharField(_("reference"), max_length=60)
    essential = models.BooleanField(_("essential"), default=False)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=120, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    by_email = models.BooleanField(_("sent by e-mail"), default=False)
    skip_reason = models.CharField(_("reason skipped"), max_length=20, choices=SkipReason, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_type", "record_id", "recipient", "slot"], name="delivery_once_per_occasion"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False), name="delivery_sent_has_time"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="skipped") | ~models.Q(skip_reason=""), name="delivery_skipped_has_reason"
            ),
        ]
        indexes = [
            # The sender's claim: waiting rows whose time has come, oldest first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(state__in=["pending", "retry"]),
                name="delivery_claimable_idx",
            ),
            # Rows whose sender died: claimed longer ago than the lease.
            models.Index(fields=["claimed_at"], condition=models.Q(state="sending"), name="delivery_stale_idx"),
            # The admin's "failed" and "retry" lists. Partial: rows passing from waiting to sending to sent (all
            # of them, every day) write no entry here.
            models.Index(
                fields=["state", "kind"],
                condition=models.Q(state__in=["retry", "failed"]),
                name="delivery_trouble_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.reference} → {self.recipient_id} ({self.get_state_display()})"


class Notification(QuickChoiceDisplay, models.Model):
    """An in-app notice. It holds the kind, a reference and a link, never personal data; the text is
    rendered in the reader's language from the kind."""

    # No index of its own: notice_list_idx starts with the recipient (one index less to write per notice).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    delivery = models.OneToOneField(
        ReminderDelivery,
        verbose_name=_("delivery"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification",
    )
    kind = models.CharField(_("kind"), max_length=40)
    reference = models.CharField(_("reference"), max_length=60)
    url = models.CharField(_("link"), max_length=300)
    slot = models.CharField(_("occasion"), max_length=40, blank=True)
    due_at = models.DateTimeField(_("due"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notice_list_idx"),
            # The unread count in the navigation bar.
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notice_unread_idx"),
            models.Index(fields=["created_at"], name="notice_prune_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.reference}"

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one user wants one kind: by e-mail and/or in the app. No row means both."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=40)
    by_email = models.BooleanField(_("by e-mail"), default=True)
    in_app = models.BooleanField(_("in the app"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self):
        return f"{self.user_id} {self.kind}"


class CalendarToken(models.Model):
    """The secret of a user's personal calendar feed. Only its SHA-256 is stored; revoked tokens stay as
    history and answer 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(revoked_at__isnull=True), name="calendar_token_one_active"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class DispatchRun(models.Model):
    """The dispatcher's high-water mark: each pass covers (last `until` minus an overlap, now]. One row,
    locked while a pass runs, so two dispatchers take turns."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    until = models.DateTimeField(_("covered until"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("deliveries created"), default=0)

    class Meta:
        verbose_name = _("dispatch run")
        verbose_name_plural = _("dispatch runs")

    def __str__(self):
        return f"{self.name}: {self.until}"
