"""The case and what the referral, the consents and the prosecutor's decision add to it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..dates import week_end
from ..states import CLOSED_STATES, OPEN_STATES, CaseState

# Youth follow-up is for offences committed at 15, 16 or 17 (straffeloven § 20, konfliktrådsloven § 24).
MIN_AGE = 15
MAX_AGE = 17
FOLLOW_UP_INTERVAL_DAYS = 31  # the team meets the youth at least monthly
PERIOD_ENDING_SOON_DAYS = 30


class CaseCounter(models.Model):
    """The last case number given out in a year; its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class YouthCaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def with_deadlines(self, today=None):
        """The deadlines the dashboard (and the notifications) read, as columns of the case:

        - ``plan_due`` (a field): the youth plan should be approved by then (decided or plan meeting planned);
        - ``next_follow_up_due`` (a field): the last held follow-up meeting (or the plan's approval) + 31 days;
        - ``period_start`` / ``period_end``: the approved plan's period;
        - ``plan_overdue``, ``follow_up_overdue``, ``follow_up_due_this_week``, ``period_ends_soon``: flags.
        """
        today = today or timezone.localdate()
        following = Q(state=CaseState.IN_FOLLOW_UP)
        planning = Q(state__in=[CaseState.DECIDED, CaseState.PLAN_MEETING_PLANNED])
        return self.annotate(
            period_start=F("plan__approved_on"),
            period_end=F("plan__period_end"),
            plan_overdue=ExpressionWrapper(planning & Q(plan_due__lt=today), output_field=models.BooleanField()),
            follow_up_overdue=ExpressionWrapper(
                following & Q(next_follow_up_due__lt=today), output_field=models.BooleanField()
            ),
            follow_up_due_this_week=ExpressionWrapper(
                following & Q(next_follow_up_due__gte=today, next_follow_up_due__lte=week_end(today)),
                output_field=models.BooleanField(),
            ),
            period_ends_soon=ExpressionWrapper(
                following
                & Q(plan__period_end__gte=today, plan__period_end__lte=today + timedelta(days=PERIOD_ENDING_SOON_DAYS)),
                output_field=models.BooleanField(),
            ),
        )


class YouthCase(models.Model):
    """A youth follow-up case (ungdomsoppfølging), from the prosecutor's referral to its end.

    The youth's name and birth date are shown on the case page only: lists, URLs, e-mails, task arguments and
    log lines use the case number and the initials.
    """

    State = CaseState

    number = models.CharField(_("case number"), max_length=16, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=24, choices=CaseState, default=CaseState.REFERRED)
    # The youth.
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    initials = models.CharField(_("initials"), max_length=8, editable=False)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # The referral.
    referred_on = models.DateField(_("referred on"))
    prosecutor_name = models.CharField(_("prosecutor"), max_length=200)
    prosecutor_office = models.CharField(
        _("prosecuting authority"),
        max_length=200,
        blank=True,
        help_text=_("For example: Sør-Vest police district, the prosecution."),
    )
    prosecution_reference = models.CharField(_("prosecution's reference"), max_length=60, blank=True)
    age_at_offence = models.PositiveSmallIntegerField(
        _("age at the offence"), null=True, blank=True, editable=False, help_text=_("At the earliest offence.")
    )
    # Deadlines, kept by the services in the same transaction as the change that moves them.
    plan_due = models.DateField(_("plan due"), null=True, blank=True, editable=False)
    next_follow_up_due = models.DateField(_("next follow-up due"), null=True, blank=True, editable=False)
    # The end.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.TextField(_("about the end"), blank=True)
    retain_until = models.DateField(
        _("retain until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The case is anonymised after this date."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = YouthCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("youth case")
        verbose_name_plural = _("youth cases")
        ordering = ["-referred_on", "-id"]
        indexes = [
            # The case list, newest first, with and without the state filter.
            models.Index(fields=["-referred_on", "-id"], name="youthcase_recent_idx"),
            models.Index(fields=["state", "-referred_on", "-id"], name="youthcase_state_idx"),
            # The dashboard's and the notifications' deadline queries.
            models.Index(fields=["state", "next_follow_up_due"], name="youthcase_follow_up_due_idx"),
            models.Index(fields=["state", "plan_due"], name="youthcase_plan_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=CaseState.values),
                name="youthcase_state_valid",
                violation_error_message=_("Choose a state from the list."),
            ),
            models.CheckConstraint(
                condition=Q(age_at_offence__isnull=True) | Q(age_at_offence__gte=MIN_AGE, age_at_offence__lte=MAX_AGE),
                name="youthcase_age_at_offence_15_to_17",
                violation_error_message=_("Youth follow-up is for offences committed at 15 to 17 years of age."),
            ),
            models.CheckConstraint(
                condition=Q(birth_date__lt=F("referred_on")),
                name="youthcase_born_before_referral",
                violation_error_message=_("The birth date must be before the referral."),
            ),
            models.CheckConstraint(
                condition=(Q(state__in=sorted(OPEN_STATES)) & Q(ended_on__isnull=True, retain_until__isnull=True))
                | (Q(state__in=sorted(CLOSED_STATES)) & Q(ended_on__isnull=False, retain_until__isnull=False)),
                name="youthcase_closed_iff_ended",
                violation_error_message=_(
                    "A closed case has an end date and a retention date; an open case has neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("referred_on")),
                name="youthcase_end_not_before_referral",
                violation_error_message=_("The end date cannot be before the referral."),
            ),
            models.CheckConstraint(
                condition=Q(retain_until__isnull=True) | Q(retain_until__gte=F("ended_on")),
                name="youthcase_retained_after_end",
                violation_error_message=_("The retention date cannot be before the end."),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("youthfollowup:case_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @staticmethod
    def initials_for(given_name: str, family_name: str) -> str:
        """ "Ola Emil Nordmann" → "O.N.": the first given name and the last family name."""
        parts = [given_name.split()[:1], family_name.split()[-1:]]
        return "".join(f"{words[0][0].upper()}." for words in parts if words)


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
    description = models.TextField(_("description"))
    committed_on = models.DateField(_("date of the offence"))
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
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how it was given"), max_length=12, choices=ConsentMethod)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
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
    decided_on = models.DateField(_("decided on"))
    outcome = models.CharField(_("decision"), max_length=12, choices=DecisionOutcome)
    prosecutor_name = models.CharField(_("prosecutor"), max_length=200)
    conditions = models.TextField(_("conditions"), blank=True)
    period_months = models.PositiveSmallIntegerField(
        _("period (months)"),
        null=True,
        blank=True,
        help_text=_("The follow-up lasts at most one year (12 months)."),
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
