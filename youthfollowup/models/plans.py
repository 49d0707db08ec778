"""The youth plan meeting, the youth plan and its measures (konfliktrådsloven § 25)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from slt.core.limits import TEXT_MAX, DateRangeValidator, LimitedTextField

from .cases import YouthCase


class PlanMeeting(models.Model):
    """The youth plan meeting (ungdomsplanmøte) where the youth plan is agreed."""

    case = models.OneToOneField(
        YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plan_meeting"
    )
    starts_at = models.DateTimeField(_("starts"), validators=[DateRangeValidator()])
    ends_at = models.DateTimeField(_("ends"), validators=[DateRangeValidator()])
    place = models.CharField(_("place"), max_length=200)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited users"),
        blank=True,
        related_name="youth_plan_meetings",
        help_text=_("They join the follow-up team and can read the case and fetch the meeting for their calendar."),
    )
    other_participants = LimitedTextField(
        _("other participants"),
        blank=True,
        help_text=_("Those who are not users: the youth, the guardians, the victim, a lawyer …"),
        max_length=TEXT_MAX,
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("planned by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("youth plan meeting")
        verbose_name_plural = _("youth plan meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="planmeeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.case.number} {self.starts_at:%d.%m.%Y %H:%M}"


class YouthPlan(models.Model):
    """The youth plan: its aim and measures. Approval starts the period, which lasts at most one year."""

    case = models.OneToOneField(YouthCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plan")
    goals = LimitedTextField(_("aim of the plan"), blank=True, max_length=TEXT_MAX)
    approved_on = models.DateField(_("approved on"), null=True, blank=True, validators=[DateRangeValidator()])
    period_end = models.DateField(_("period ends"), null=True, blank=True, validators=[DateRangeValidator()])
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("youth plan")
        verbose_name_plural = _("youth plans")
        indexes = [
            # The dashboard's "periods ending within 30 days".
            models.Index(fields=["period_end"], condition=Q(period_end__isnull=False), name="youthplan_period_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True, period_end__isnull=True)
                | Q(approved_on__isnull=False, period_end__gte=F("approved_on")),
                name="youthplan_period_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.case.number

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None


class MeasureKind(models.TextChoices):
    """The measures of konfliktrådsloven § 25 (the list is not exhaustive: "other")."""

    MAKE_AMENDS = "make_amends", _("Make amends to the victim")
    PROGRAMME = "programme", _("Crime-prevention programme")
    COMMUNITY_TASKS = "community_tasks", _("Community tasks")
    RESIDENCE = "residence", _("Rules on where to live")
    WORK_SCHOOL = "work_school", _("Rules on work or school")
    REPORT_TO_POLICE = "report_to_police", _("Report to the police")
    NO_INTOXICANTS = "no_intoxicants", _("No alcohol or drugs, with testing")
    CURFEW = "curfew", _("Curfew")
    NO_CONTACT = "no_contact", _("No contact with named persons")
    OTHER = "other", _("Other")


class PlanMeasure(models.Model):
    Kind = MeasureKind

    plan = models.ForeignKey(YouthPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind)
    details = LimitedTextField(_("details"), max_length=TEXT_MAX)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="youth_plan_measures",
    )
    responsible_agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts"), validators=[DateRangeValidator()])
    ends_on = models.DateField(_("ends"), validators=[DateRangeValidator()])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("plan measure")
        verbose_name_plural = _("plan measures")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeasureKind.values),
                name="planmeasure_kind_valid",
                violation_error_message=_("Choose a measure type from the list."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="planmeasure_ends_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(responsible_user__isnull=False) | Q(responsible_agency__isnull=False),
                name="planmeasure_has_responsible",
                violation_error_message=_("Name a responsible person or a responsible agency."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def responsible(self) -> str:
        return ", ".join(str(part) for part in (self.responsible_user, self.responsible_agency) if part)
