"""Follow-up: the team's meetings with the youth, progress notes (with drug-test results) and breaches."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from slt.core.limits import LONG_TEXT_MAX, TEXT_MAX, DateRangeValidator, LimitedTextField

from .cases import YouthCase
from .plans import PlanMeasure


class FollowUpMeeting(models.Model):
    """A follow-up meeting, planned or held. The team meets the youth at least monthly."""

    case = models.ForeignKey(
        YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="follow_up_meetings"
    )
    starts_at = models.DateTimeField(_("time"), validators=[DateRangeValidator()])
    place = models.CharField(_("place"), max_length=200, blank=True)
    held = models.BooleanField(_("held"), default=False)
    summary = LimitedTextField(
        _("summary"), blank=True, help_text=_("How it is going: progress against the plan."), max_length=LONG_TEXT_MAX
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up meeting")
        verbose_name_plural = _("follow-up meetings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["case", "held", "starts_at"], name="followup_case_held_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(held=False) | ~Q(summary=""),
                name="followup_held_has_summary",
                violation_error_message=_("Write a short summary of the meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.starts_at:%d.%m.%Y %H:%M}"


class DrugTest(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    POSITIVE = "positive", _("Positive")
    REFUSED = "refused", _("Refused or did not turn up")


class ProgressNote(models.Model):
    """A progress note on the case, or on one measure (by the team member responsible for it)."""

    DrugTest = DrugTest

    case = models.ForeignKey(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="notes")
    measure = models.ForeignKey(
        PlanMeasure, verbose_name=_("measure"), on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    text = LimitedTextField(_("note"), max_length=TEXT_MAX)
    drug_test = models.CharField(
        _("drug test"),
        max_length=10,
        choices=DrugTest,
        blank=True,
        help_text=_("Only the outcome: negative, positive or refused."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(drug_test="") | Q(drug_test__in=DrugTest.values),
                name="progressnote_drug_test_valid",
                violation_error_message=_("Choose one of the options in the list."),
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y}"


class Reaction(models.TextChoices):
    TALK = "talk", _("A talk with the youth")
    TIGHTER_FOLLOW_UP = "tighter_follow_up", _("Tighter follow-up")
    REACTION_MEETING = "reaction_meeting", _("Reaction meeting")
    REPORTED = "reported", _("Reported to the prosecution")


class Breach(models.Model):
    """A breach of the youth plan and the reaction to it."""

    Reaction = Reaction

    case = models.ForeignKey(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="breaches")
    measure = models.ForeignKey(
        PlanMeasure,
        verbose_name=_("measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="breaches",
    )
    occurred_on = models.DateField(_("date of the breach"), validators=[DateRangeValidator()])
    description = LimitedTextField(_("what happened"), max_length=TEXT_MAX)
    reaction = models.CharField(_("reaction"), max_length=20, choices=Reaction)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("breach")
        verbose_name_plural = _("breaches")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reaction__in=Reaction.values),
                name="breach_reaction_valid",
                violation_error_message=_("Choose one of the options in the list."),
            )
        ]

    def __str__(self):
        return f"{self.occurred_on:%d.%m.%Y}"
