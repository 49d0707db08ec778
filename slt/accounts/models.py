from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from slt.audit.models import AuditEvent


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        COORDINATOR = "coordinator", _("SLT coordinator")
        POLICE = "police", _("Police liaison")
        AGENCY = "agency", _("Agency member")
        STEERING = "steering", _("Steering group")

    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.AGENCY)
    agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    is_radicalisation_contact = models.BooleanField(
        _("radicalisation contact"),
        default=False,
        help_text=_("May see and manage cases in the extremism module."),
    )
    is_youth_coordinator = models.BooleanField(
        _("youth coordinator"),
        default=False,
        help_text=_("May see and manage youth follow-up cases."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.role != self.Role.ADMIN and self.agency_id is None:
            raise ValidationError({"agency": _("Every user except administrators belongs to an agency.")})

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN

    @property
    def is_coordinator(self):
        return self.role == self.Role.COORDINATOR

    @property
    def is_steering(self):
        return self.role == self.Role.STEERING

    @property
    def can_manage_registry(self):
        """For templates; the rule lives in slt.accounts.roles."""
        from .roles import can_manage_registry

        return can_manage_registry(self)

    @property
    def can_see_statistics(self):
        """For templates; the rule lives in slt.accounts.roles."""
        from .roles import can_see_statistics

        return can_see_statistics(self)


class FailedSignIn(AuditEvent):
    """The failed sign-ins of the audit log, for the administrators' count per attempted username (who is
    being attacked). A proxy: no table of its own."""

    class Meta:
        proxy = True
        verbose_name = _("failed sign-ins by username")
        verbose_name_plural = _("failed sign-ins by username")
