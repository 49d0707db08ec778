"""Preventing radicalisation: the municipality's guide, and cases that move along the action trail.

Policy (DESIGN.md section 3): every signed-in user reads the guide; coordinators and radicalisation
contacts edit it. Radicalisation contacts and a case's members read a case; radicalisation contacts change it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import IDENTITY_BASES, ActionItem, Concern, LegalBasis
from slt.core.choices import QuickChoiceDisplay
from slt.core.limits import LONG_TEXT_MAX, TEXT_MAX, BirthDateValidator, DateRangeValidator, LimitedTextField

# --- the guide -------------------------------------------------------------------------------------------


class GuideSection(models.Model):
    """A chapter of the guide, written in Markdown (rendered and sanitised when shown)."""

    class Kind(models.TextChoices):
        FACTS = "facts", _("Facts")
        CONCEPTS = "concepts", _("Concepts")
        TRAIL = "trail", _("Action trail")
        WARNING_SIGNS = "warning_signs", _("Warning signs")
        MEASURES = "measures", _("Measures")
        ACTION_PLANS = "action_plans", _("Action plans")
        LITERATURE = "literature", _("Literature")
        LINKS = "links", _("Links")
        CONTACTS = "contacts", _("Contacts")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    order = models.PositiveSmallIntegerField(_("order"), default=100, validators=[MaxValueValidator(9999)])
    body = LimitedTextField(_("text (Markdown)"), max_length=LONG_TEXT_MAX)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("guide section")
        verbose_name_plural = _("guide sections")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("extremism:section_detail", args=[self.slug])


class WarningSign(models.Model):
    """A sign that may point to radicalisation, with what it may mean, what it does not mean alone and what to do."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100, validators=[MaxValueValidator(9999)])
    meaning = LimitedTextField(_("what it may mean"), max_length=TEXT_MAX)
    not_alone = LimitedTextField(_("what it does not mean on its own"), max_length=TEXT_MAX)
    what_to_do = LimitedTextField(_("what to do"), max_length=TEXT_MAX)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    # The fields a revision keeps and a restore puts back.
    REVISED_FIELDS = ("title", "meaning", "not_alone", "what_to_do")

    class Meta:
        verbose_name = _("warning sign")
        verbose_name_plural = _("warning signs")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('extremism:sign_list')}#sign-{self.pk}"


class GuideRevision(models.Model):
    """One saved version of a section or a warning sign: who saved it, when, and the whole text.

    A restore writes a new revision with the old text, so the history only grows."""

    section = models.ForeignKey(
        GuideSection,
        verbose_name=_("guide section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    warning_sign = models.ForeignKey(
        WarningSign,
        verbose_name=_("warning sign"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    body = LimitedTextField(
        _("text"),
        help_text=_("The Markdown text as saved; for a warning sign, its three parts."),
        max_length=LONG_TEXT_MAX,
    )
    fields = models.JSONField(_("fields"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restored from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("guide revision")
        verbose_name_plural = _("guide revisions")
        ordering = ["-number", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(section__isnull=False) & models.Q(warning_sign__isnull=True))
                | (models.Q(section__isnull=True) & models.Q(warning_sign__isnull=False)),
                name="guide_revision_of_one_thing",
            ),
            models.UniqueConstraint(
                fields=["section", "number"],
                condition=models.Q(section__isnull=False),
                name="guide_revision_section_number_unique",
            ),
            models.UniqueConstraint(
                fields=["warning_sign", "number"],
                condition=models.Q(warning_sign__isnull=False),
                name="guide_revision_sign_number_unique",
            ),
        ]

    def __str__(self):
        return f"{self.title} #{self.number}"


# --- cases -----------------------------------------------------------------------------------------------


class Step(models.TextChoices):
    """The action trail, from concern to action (in this order)."""

    CONCERN_NOTED = "concern_noted", _("Concern noted")
    DISCUSSED = "discussed", _("Discussed with manager")
    CLARIFICATION = "clarification", _("Clarification")
    LOCAL_MEASURES = "local_measures", _("Local measures")
    INTERDISCIPLINARY = "interdisciplinary", _("Interdisciplinary cooperation")
    REPORTED = "reported", _("Reported to police/PST")


STEP_ORDER = list(Step.values)

# The trail as a state machine: every allowed move, and nothing else. One step forward or back; from
# clarification straight to interdisciplinary cooperation; and from every step straight to the police,
# since a serious or acute concern does not wait for the steps in between.
ALLOWED_MOVES = frozenset(
    {
        (Step.CONCERN_NOTED, Step.DISCUSSED),
        (Step.DISCUSSED, Step.CONCERN_NOTED),
        (Step.DISCUSSED, Step.CLARIFICATION),
        (Step.CLARIFICATION, Step.DISCUSSED),
        (Step.CLARIFICATION, Step.LOCAL_MEASURES),
        (Step.CLARIFICATION, Step.INTERDISCIPLINARY),
        (Step.LOCAL_MEASURES, Step.CLARIFICATION),
        (Step.LOCAL_MEASURES, Step.INTERDISCIPLINARY),
        (Step.INTERDISCIPLINARY, Step.LOCAL_MEASURES),
        (Step.INTERDISCIPLINARY, Step.REPORTED),
        (Step.REPORTED, Step.INTERDISCIPLINARY),
        (Step.CONCERN_NOTED, Step.REPORTED),
        (Step.DISCUSSED, Step.REPORTED),
        (Step.CLARIFICATION, Step.REPORTED),
        (Step.LOCAL_MEASURES, Step.REPORTED),
    }
)


def moves_from(step: str) -> list[str]:
    """The steps a case may move to from `step`, in trail order."""
    return [target for target in STEP_ORDER if (step, target) in ALLOWED_MOVES]


def is_forward(from_step: str, to_step: str) -> bool:
    return STEP_ORDER.index(to_step) > STEP_ORDER.index(from_step)


class Case(QuickChoiceDisplay, models.Model):
    """A concern about radicalisation followed along the action trail. Anonymous unless identity is recorded
    with a legal basis."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        NO_CONCERN = "no_concern", _("The concern was not confirmed")
        RESOLVED = "resolved", _("Resolved by the measures")
        ORDINARY_SERVICES = "ordinary_services", _("Followed up by the ordinary services")
        POLICE = "police", _("Handed over to the police/PST")
        MOVED = "moved", _("Moved away / out of reach")

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    step = models.CharField(_("step on the trail"), max_length=20, choices=Step, default=Step.CONCERN_NOTED)
    summary = LimitedTextField(_("what the concern is about"), max_length=TEXT_MAX)
    concern = models.ForeignKey(
        "coordination.Concern",
        verbose_name=_("concern"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reporting_agency = models.ForeignKey(
        "coordination.Agency",
        verbose_name=_("where the concern arose"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        "coordination.Area", verbose_name=_("area"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=Concern.AgeBand, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Concern.Gender, default=Concern.Gender.UNKNOWN)
    risk_level = models.CharField(_("risk level"), max_length=10, choices=Concern.Risk, default=Concern.Risk.MODERATE)
    risk_assessment = LimitedTextField(_("risk assessment"), blank=True, max_length=LONG_TEXT_MAX)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True, validators=[BirthDateValidator()])
    legal_basis = models.CharField(_("legal basis for identity"), max_length=20, choices=IDENTITY_BASES, blank=True)
    legal_basis_detail = models.CharField(
        _("statutory provision"),
        max_length=200,
        blank=True,
        help_text=_("Name the duty or exception, e.g. the duty to report to child welfare."),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    outcome_note = LimitedTextField(_("outcome note"), blank=True, max_length=TEXT_MAX)
    retain_until = models.DateField(
        _("keep until"), null=True, blank=True, help_text=_("When the closed case is to be deleted or anonymised.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    moved_at = models.DateTimeField(_("last moved"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("radicalisation case")
        verbose_name_plural = _("radicalisation cases")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The case list (open cases first, newest first: the index in the list's own order, so 25 cases are
            # read from it instead of sorting all) and the dashboard's "not moved for 30 days".
            models.Index(fields=["-status", "-created_at", "-id"], name="extremism_case_open_first_idx"),
            models.Index(fields=["status", "moved_at"], name="extremism_case_stale_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(full_name="") & models.Q(birth_date__isnull=True)) | ~models.Q(legal_basis=""),
                name="extremism_case_identity_needs_legal_basis",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open")
                | (~models.Q(outcome="") & models.Q(closed_at__isnull=False) & models.Q(retain_until__isnull=False)),
                name="extremism_case_closed_has_outcome_and_retention",
            ),
            # Only a closed case has a retention date or is anonymised: whatever reopens one clears the date.
            models.CheckConstraint(
                condition=models.Q(status="closed") | models.Q(retain_until__isnull=True, anonymised_at__isnull=True),
                name="extremism_case_retention_only_when_closed",
            ),
            models.CheckConstraint(condition=models.Q(step__in=STEP_ORDER), name="extremism_case_known_step"),
            models.UniqueConstraint(
                fields=["concern"], condition=models.Q(concern__isnull=False), name="extremism_case_one_per_concern"
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("extremism:case_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.has_identity and not self.legal_basis:
            errors["legal_basis"] = _("Name and birth date can only be recorded with a legal basis.")
        if self.legal_basis == LegalBasis.STATUTORY_DUTY and not self.legal_basis_detail.strip():
            errors["legal_basis_detail"] = _("Name the statutory duty or exception.")
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("The birth date cannot be in the future.")
        if self.status == self.Status.CLOSED and not self.outcome:
            errors["outcome"] = _("Choose an outcome when the case is closed.")
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self):
        return f"R-{self.pk:04d}" if self.pk else ""

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def has_identity(self):
        return bool(self.full_name.strip() or self.birth_date)

    @property
    def allowed_moves(self):
        return moves_from(self.step) if self.is_open else []


class TrailStep(models.Model):
    """One move along the trail: from where, to where, who, when and why. The first row opens the case."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="trail")
    from_step = models.CharField(_("from"), max_length=20, choices=Step, blank=True)
    to_step = models.CharField(_("to"), max_length=20, choices=Step)
    reason = LimitedTextField(_("reason"), max_length=TEXT_MAX)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moved by"), on_delete=models.PROTECT, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved"), default=timezone.now)

    class Meta:
        verbose_name = _("move on the trail")
        verbose_name_plural = _("moves on the trail")
        ordering = ["moved_at", "id"]
        indexes = [models.Index(fields=["case", "moved_at"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="extremism_trail_step_has_reason"),
            models.CheckConstraint(
                condition=~models.Q(from_step=models.F("to_step")), name="extremism_trail_step_moves"
            ),
        ]

    def __str__(self):
        return f"{self.case}: {self.from_step or '–'} → {self.to_step}"

    @property
    def is_forward(self):
        return not self.from_step or is_forward(self.from_step, self.to_step)


class Measure(QuickChoiceDisplay, models.Model):
    """A measure inside a case. Kept here, not as an action item, so that other agencies' lists never show
    that the case exists; statuses and the "will not be done needs a reason" rule are the action items'."""

    Status = ActionItem.Status
    OPEN_STATUSES = ActionItem.OPEN_STATUSES

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description"), blank=True, max_length=TEXT_MAX)
    responsible_agency = models.ForeignKey(
        "coordination.Agency", verbose_name=_("responsible agency"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("deadline"), validators=[DateRangeValidator()])
    status = models.CharField(_("status"), max_length=20, choices=ActionItem.Status, default=ActionItem.Status.OPEN)
    status_reason = LimitedTextField(_("reason"), blank=True, max_length=TEXT_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"], name="extremism_measure_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="wont_do") | ~models.Q(status_reason=""),
                name="extremism_measure_wont_do_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in ActionItem.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < timezone.localdate()


class CaseMember(models.Model):
    """A person who may read the case (besides the radicalisation contacts)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="extremism_cases"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("case member")
        verbose_name_plural = _("case members")
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="extremism_case_member_unique")]
        # "My cases" for a member comes from this index.
        indexes = [models.Index(fields=["user", "case"], name="extremism_member_user_idx")]

    def __str__(self):
        return f"{self.case}: {self.user}"


class ObservedSign(models.Model):
    """A warning sign observed in a case, with a short note."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="observed_signs")
    sign = models.ForeignKey(WarningSign, verbose_name=_("warning sign"), on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    observed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("noted by"), on_delete=models.PROTECT, related_name="+"
    )
    observed_at = models.DateTimeField(_("noted"), default=timezone.now)

    class Meta:
        verbose_name = _("observed warning sign")
        verbose_name_plural = _("observed warning signs")
        ordering = ["sign__order", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "sign"], name="extremism_observed_sign_unique")]

    def __str__(self):
        return f"{self.case}: {self.sign}"
