from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from slt.core.choices import QuickChoiceDisplay


class AuditEvent(QuickChoiceDisplay, models.Model):
    """Who did or saw what, and when. Append-only; never holds case content."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        SHARE = "share", _("Shared")
        REVOKE = "revoke", _("Share revoked")
        EXPORT = "export", _("Exported")
        ANONYMISE = "anonymise", _("Anonymised")
        LOCKOUT = "lockout", _("Locked out")
        UNLOCK = "unlock", _("Unlocked")
        MFA_ENROL = "mfa_enrol", _("Second factor set up")
        MFA_RESET = "mfa_reset", _("Second factor reset")
        PASSWORD_RESET = "password_reset", _("Password reset requested")
        PRUNE = "prune", _("Old events deleted")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # The username typed at a failed sign-in, kept apart from `actor_username` so that attacks on one account
    # can be counted without mixing guesses into the actor column; only administrators see it.
    attempted_username = models.CharField(_("attempted username"), max_length=150, blank=True)
    # Facts about the event that are not case content: before/after values of a user's role and flags,
    # a summary count. Never names, birth dates or free text about a person.
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}:{self.object_id}"
        )
