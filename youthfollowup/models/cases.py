"""The case and what the referral, the consents and the prosecutor's decision add to it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.choices import QuickChoiceDisplay
from slt.core.limits import TEXT_MAX, BirthDateValidator, DateRangeValidator, LimitedTextField

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


class YouthCase(QuickChoiceDisplay, models.Model):
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
    # Empty only once the case is anonymised (the referral form requires it).
    birth_date = models.DateField(_("birth date"), null=True, validators=[BirthDateValidator()])
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # The referral.
    referred_on = models.DateField(_("referred on"), validators=[DateRangeValidator()])
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
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[DateRangeValidator()])
    end_note = LimitedTextField(_("about the end"), blank=True, max_length=TEXT_MAX)
    retain_until = models.DateField(
        _("retain until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The case is anonymised after this date."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
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
                condition=Q(birth_date__isnull=True) | Q(birth_date__lt=F("referred_on")),
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
                condition=Q(anonymised_at__isnull=True) | Q(state__in=sorted(CLOSED_STATES)),
                name="youthcase_anonymised_only_when_closed",
                violation_error_message=_("Only a closed case can be anonymised."),
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
