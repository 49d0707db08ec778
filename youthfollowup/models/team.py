"""The follow-up team of a case."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .cases import YouthCase


class TeamFunction(models.TextChoices):
    YOUTH_COORDINATOR = "youth_coordinator", _("Youth coordinator")
    POLICE = "police", _("Police")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health")
    NAV = "nav", _("NAV")
    OTHER = "other", _("Other")


class TeamMember(models.Model):
    """A member of the case's follow-up team: reads the case; adds notes on measures they are responsible for."""

    Function = TeamFunction

    case = models.ForeignKey(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="youth_teams"
    )
    function = models.CharField(_("function"), max_length=20, choices=TeamFunction)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["added_at", "id"]
        indexes = [
            # cases_visible_to(user) for team members: "is this user on the team of this case, now?"
            models.Index(fields=["user", "case"], condition=Q(removed_at__isnull=True), name="teammember_active_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(function__in=TeamFunction.values),
                name="teammember_function_valid",
                violation_error_message=_("Choose one of the options in the list."),
            ),
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(removed_at__isnull=True),
                name="teammember_once_per_case",
                violation_error_message=_("The user is already on the team."),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_function_display()})"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None
