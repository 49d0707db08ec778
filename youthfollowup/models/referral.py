"""What the referral, the consents and the prosecutor's decision add to a case."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from slt.core.limits import TEXT_MAX, DateRangeValidator, LimitedTextField

from .cases import YouthCase


class GuardianRelation(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    OTHER = "other", _("Other guardian")


class Guardian(models.Model):
    Relation = GuardianRelation

    case = models.ForeignKey(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=10, choices=GuardianRelation)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation__in=GuardianRelation.values),
                name="guardian_relation_valid",
                violation_error_message=_("Choose one of the options in the list."),
            )
        ]

    def __str__(self):
        return self.name


class MaxPenalty(models.IntegerChoices):
    FINE = 0, _("Fine only")
    MONTHS_3 = 3, _("Up to 3 months")
    MONTHS_6 = 6, _("Up to 6 months")
    YEAR_1 = 12, _("Up to 1 year")
    YEARS_2 = 24, _("Up to 2 years")
    YEARS_3 = 36, _("Up to 3 years")
    YEARS_6 = 72, _("Up to 6 years")
    YEARS_10 = 120, _("Up to 10 years")
    YEARS_15 = 180, _("Up to 15 years")
    YEARS_21 = 252, _("Up to 21 years")


class Offence(models.Model):
    """An offence the youth is referred for, with the statutory maximum penalty (in months of prison)."""

    MaxPenalty = MaxPenalty

    case = models.ForeignKey(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="offences")
    description = LimitedTextField(_("description"), max_length=TEXT_MAX)
    committed_on = models.DateField(_("date of the offence"), validators=[DateRangeValidator()])
    police_case_number = models.CharField(_("police case number"), max_length=40, blank=True)
    max_penalty_months = models.PositiveSmallIntegerField(
        _("statutory maximum penalty"), choices=MaxPenalty, help_text=_("The maximum the penal provision allows.")
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("offence")
        verbose_name_plural = _("offences")
        ordering = ["committed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_penalty_months__in=MaxPenalty.values),
                name="offence_max_penalty_valid",
                violation_error_message=_("Choose one of the options in the list."),
            ),
        ]

    def __str__(self):
        return f"{self.committed_on:%d.%m.%Y}"


class ConsentMethod(models.TextChoices):
    SIGNED = "signed", _("Signed form")
    IN_PERSON = "in_person", _("Orally, in a meeting")
    PHONE = "phone", _("By phone")
    DIGITAL = "digital", _("Digitally (e-mail or secure message)")


class Consent(models.Model):
    """The youth's or a guardian's consent. Withdrawing it ends the case; the record stays."""

    Method = ConsentMethod

    case = models.ForeignKey(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="consents")
    guardian = models.ForeignKey(
        Guardian,
        verbose_name=_("guardian"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        help_text=_("Empty: the youth's own consent."),
    )
    given_on = models.DateField(_("given on"), validators=[DateRangeValidator()])
    method = models.CharField(_("how it was given"), max_length=12, choices=ConsentMethod)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, validators=[DateRangeValidator()])
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["given_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=ConsentMethod.values),
                name="consent_method_valid",
                violation_error_message=_("Choose one of the options in the list."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("The withdrawal cannot be before the consent."),
            ),
            # One consent in force per person: the youth (no guardian) and each guardian.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(guardian__isnull=True, withdrawn_on__isnull=True),
                name="consent_one_active_from_youth",
                violation_error_message=_("This person's consent is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["case", "guardian"],
                condition=Q(guardian__isnull=False, withdrawn_on__isnull=True),
                name="consent_one_active_per_guardian",
                violation_error_message=_("This person's consent is already recorded."),
            ),
        ]

    def __str__(self):
        return str(self.guardian) if self.guardian_id else str(_("the youth"))

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class DecisionOutcome(models.TextChoices):
    SUITABLE = "suitable", _("Youth follow-up is a proper reaction")
    NOT_SUITABLE = "not_suitable", _("Not suitable")


class ProsecutorDecision(models.Model):
    """The prosecution's decision whether youth follow-up is a proper reaction."""

    Outcome = DecisionOutcome

    case = models.OneToOneField(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="decision")
    decided_on = models.DateField(_("decided on"), validators=[DateRangeValidator()])
    outcome = models.CharField(_("decision"), max_length=12, choices=DecisionOutcome)
    prosecutor_name = models.CharField(_("prosecutor"), max_length=200)
    conditions = LimitedTextField(_("conditions"), blank=True, max_length=TEXT_MAX)
    period_months = models.PositiveSmallIntegerField(
        _("period (months)"),
        null=True,
        blank=True,
        help_text=_("The follow-up lasts at most one year (12 months)."),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    penalty_warning_confirmed = models.BooleanField(_("decided despite the local penalty rule"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("prosecutor's decision")
        verbose_name_plural = _("prosecutor's decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=DecisionOutcome.values),
                name="decision_outcome_valid",
                violation_error_message=_("Choose one of the options in the list."),
            ),
            models.CheckConstraint(
                condition=Q(outcome="not_suitable") | Q(period_months__gte=1, period_months__lte=12),
                name="decision_suitable_has_period_up_to_a_year",
                violation_error_message=_("Give the period of the follow-up (1 to 12 months)."),
            ),
        ]

    def __str__(self):
        return self.get_outcome_display()

    @property
    def is_suitable(self) -> bool:
        return self.outcome == self.Outcome.SUITABLE
