"""Concerns ("signals") about a child or youth: anonymous unless identity is added with a legal basis,
shared with agencies on a recorded basis, with a timeline of notes and steps.

The rules "identity needs a legal basis" and "closed needs an outcome" live in `Concern.clean()` and
`ConcernShare.clean()` (run by every service through `full_clean()`) and as database constraints.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.choices import QuickChoiceDisplay
from slt.core.limits import TEXT_MAX, BirthDateValidator, DateRangeValidator, LimitedTextField

from .agencies import Agency, Area
from .fields import optional_user


class LegalBasis(models.TextChoices):
    """On what basis information about a youth is recorded or shared (DESIGN.md section 4). Anonymous
    information needs none; a name or birth date needs consent or a named statutory duty."""

    ANONYMOUS = "anonymous", _("Anonymous information only")
    CONSENT_YOUTH = "consent_youth", _("Consent of the youth")
    CONSENT_GUARDIAN = "consent_guardian", _("Consent of the guardian")
    STATUTORY_DUTY = "statutory_duty", _("Statutory duty or exception (named)")


# The bases that allow a concern to hold a name or birth date.
IDENTITY_BASES = [(value, label) for value, label in LegalBasis.choices if value != LegalBasis.ANONYMOUS]

IDENTITY_NEEDS_BASIS = _("Name and birth date can only be recorded with a legal basis.")
NAME_THE_DUTY = _("Name the statutory duty or exception.")


class ConcernStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSESSMENT = "assessment", _("Under assessment")
    MEASURES = "measures", _("Measures in progress")
    CLOSED = "closed", _("Closed")


class ConcernYearCounter(models.Model):
    """The last reference number given out in a year; its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Concern(QuickChoiceDisplay, models.Model):
    """A worry about a child or youth, anonymous unless identity is added with a legal basis."""

    Status = ConcernStatus

    class Gender(models.TextChoices):
        GIRL = "girl", _("Girl")
        BOY = "boy", _("Boy")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Unknown")

    class AgeBand(models.TextChoices):
        UNDER_10 = "0-9", _("Under 10 years")
        AGE_10_12 = "10-12", _("10–12 years")
        AGE_13_15 = "13-15", _("13–15 years")
        AGE_16_17 = "16-17", _("16–17 years")
        AGE_18_PLUS = "18+", _("18 years or older")

    class Risk(models.TextChoices):
        LOW = "low", _("Low")
        MODERATE = "moderate", _("Moderate")
        HIGH = "high", _("High")
        ACUTE = "acute", _("Acute")

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        REFERRED = "referred", _("Referred to a service")
        NO_ACTION = "no_action", _("No further action needed")
        MOVED = "moved", _("Moved away / out of reach")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=ConcernStatus, default=ConcernStatus.NEW)
    reporter = models.ForeignKey(
        "accounts.User", verbose_name=_("reporter"), on_delete=models.PROTECT, related_name="reported_concerns"
    )
    reporter_agency = models.ForeignKey(
        Agency,
        verbose_name=_("reporting agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_concerns",
    )
    age = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(25, message=_("Concerns are about children and youth: give an age of 25 or less."))
        ],
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, default=Gender.UNKNOWN)
    school = models.ForeignKey(
        Agency,
        verbose_name=_("school"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns_at_school",
        limit_choices_to={"kind": Agency.Kind.SCHOOL},
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.SET_NULL, null=True, blank=True, related_name="concerns"
    )
    risk_level = models.CharField(_("risk level"), max_length=10, choices=Risk, default=Risk.MODERATE)
    observed_on = models.DateField(_("observed on"), default=timezone.localdate, validators=[DateRangeValidator()])
    description = LimitedTextField(_("what was observed"), max_length=TEXT_MAX)
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
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set when the concern is closed (CONCERN_RETENTION_YEARS later); the daily retention job anonymises it after.
    retain_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The concern is anonymised after this date."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="concern_recent_idx"),
            models.Index(fields=["status", "-created_at", "-id"], name="concern_status_idx"),
            models.Index(fields=["area", "-created_at", "-id"], name="concern_area_idx"),
            models.Index(fields=["risk_level", "-created_at", "-id"], name="concern_risk_idx"),
            models.Index(fields=["age_band", "-created_at", "-id"], name="concern_ageband_idx"),
            models.Index(fields=["reporter", "-created_at"], name="concern_reporter_idx"),
            # The retention job: closed concerns past their date that are not anonymised yet.
            models.Index(
                fields=["retain_until"],
                condition=models.Q(retain_until__isnull=False, anonymised_at__isnull=True),
                name="concern_retention_due_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(full_name="") & models.Q(birth_date__isnull=True)) | ~models.Q(legal_basis=""),
                name="concern_identity_needs_legal_basis",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ConcernStatus.CLOSED) | ~models.Q(outcome=""),
                name="concern_closed_has_outcome",
            ),
            # Only a closed concern has a retention date or is anonymised: whatever reopens one clears the date.
            models.CheckConstraint(
                condition=models.Q(status=ConcernStatus.CLOSED)
                | models.Q(retain_until__isnull=True, anonymised_at__isnull=True),
                name="concern_retention_only_when_closed",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("coordination:concern_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.age is not None:
            if self.age > 25:
                errors["age"] = _("Concerns are about children and youth: give an age of 25 or less.")
            else:
                self.age_band = age_band_for(self.age)
        if self.has_identity and not self.legal_basis:
            errors["legal_basis"] = IDENTITY_NEEDS_BASIS
        if self.legal_basis == LegalBasis.STATUTORY_DUTY and not self.legal_basis_detail.strip():
            errors["legal_basis_detail"] = NAME_THE_DUTY
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("The birth date cannot be in the future.")
        if self.observed_on and self.observed_on > timezone.localdate():
            errors["observed_on"] = _("The date observed cannot be in the future.")
        if self.status == ConcernStatus.CLOSED and not self.outcome:
            errors["outcome"] = _("Choose an outcome when the concern is closed.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_identity(self):
        return bool(self.full_name.strip() or self.birth_date)

    @property
    def is_radicalisation(self):
        return any(c.category == ConcernCategory.Category.RADICALISATION for c in self.categories.all())

    def category_labels(self):
        return [c.get_category_display() for c in self.categories.all()]


def age_band_for(age: int) -> str:
    if age < 10:
        return Concern.AgeBand.UNDER_10
    if age <= 12:
        return Concern.AgeBand.AGE_10_12
    if age <= 15:
        return Concern.AgeBand.AGE_13_15
    if age <= 17:
        return Concern.AgeBand.AGE_16_17
    return Concern.AgeBand.AGE_18_PLUS


class ConcernCategory(QuickChoiceDisplay, models.Model):
    """One category of a concern (a concern has one or more)."""

    class Category(models.TextChoices):
        DRUGS = "drugs", _("Drugs")
        ALCOHOL = "alcohol", _("Alcohol")
        VIOLENCE = "violence", _("Violence")
        THEFT = "theft", _("Theft or vandalism")
        BULLYING = "bullying", _("Bullying")
        ABSENCE = "absence", _("School absence")
        ONLINE = "online", _("Online risk")
        GANG = "gang", _("Gang or network")
        FAMILY = "family", _("Family situation")
        MENTAL_HEALTH = "mental_health", _("Mental health")
        RADICALISATION = "radicalisation", _("Radicalisation")

    concern = models.ForeignKey(Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("category"), max_length=20, choices=Category)

    class Meta:
        verbose_name = _("concern category")
        verbose_name_plural = _("concern categories")
        ordering = ["category"]
        indexes = [models.Index(fields=["category", "concern"])]
        constraints = [models.UniqueConstraint(fields=["concern", "category"], name="concern_category_unique")]

    def __str__(self):
        return self.get_category_display()


class ConcernShare(models.Model):
    """A concern made visible to an agency. Revoked shares stay as history."""

    concern = models.ForeignKey(Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="concern_shares"
    )
    includes_identity = models.BooleanField(_("includes identity"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis, default=LegalBasis.ANONYMOUS)
    legal_basis_detail = models.CharField(_("statutory provision"), max_length=200, blank=True)
    shared_by = models.ForeignKey(
        "accounts.User", verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = optional_user(_("acknowledged by"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = optional_user(_("revoked by"))

    class Meta:
        verbose_name = _("concern share")
        verbose_name_plural = _("concern shares")
        ordering = ["-shared_at", "-id"]
        indexes = [
            # The "shared with my agency" lists: active shares of one agency, newest first.
            models.Index(
                fields=["agency", "-shared_at", "-id"],
                condition=models.Q(revoked_at__isnull=True),
                name="share_active_idx",
            ),
            models.Index(
                fields=["agency", "-shared_at", "-id"],
                condition=models.Q(revoked_at__isnull=True, acknowledged_at__isnull=True),
                name="share_inbox_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["concern", "agency"],
                condition=models.Q(revoked_at__isnull=True),
                name="concern_share_one_active_per_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(includes_identity=False) | ~models.Q(legal_basis=LegalBasis.ANONYMOUS),
                name="concern_share_identity_needs_basis",
            ),
        ]

    def __str__(self):
        return f"{self.concern} → {self.agency}"

    def clean(self):
        super().clean()
        errors = {}
        if self.includes_identity and self.legal_basis == LegalBasis.ANONYMOUS:
            errors["legal_basis"] = _("Sharing the identity needs a legal basis: consent or a named statutory duty.")
        if self.legal_basis == LegalBasis.STATUTORY_DUTY and not self.legal_basis_detail.strip():
            errors["legal_basis_detail"] = NAME_THE_DUTY
        if errors:
            raise ValidationError(errors)


class ConcernNote(models.Model):
    """One entry on a concern's timeline: a note, or a recorded step (status, share, acknowledgement)."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        STATUS = "status", _("Status changed")
        SHARE = "share", _("Shared")
        REVOKE = "revoke", _("Share revoked")
        ACKNOWLEDGE = "acknowledge", _("Acknowledged")

    concern = models.ForeignKey(Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NOTE)
    author = models.ForeignKey("accounts.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    author_agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A note's words, or the agency's name for a share, a revocation or an acknowledgement.
    text = LimitedTextField(_("text"), blank=True, max_length=TEXT_MAX)
    # A status change is stored as codes and put into words in the reader's language when shown.
    new_status = models.CharField(_("new status"), max_length=20, choices=ConcernStatus, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Concern.Outcome, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("concern note")
        verbose_name_plural = _("concern notes")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["concern", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text="") | ~models.Q(new_status=""), name="concern_note_has_content"
            ),
        ]

    def __str__(self):
        return f"{self.concern}: {self.get_kind_display()}"

    @property
    def summary(self) -> str:
        """What the entry says, in the language of the one who reads it. Entries written before status
        changes were stored as codes show their text as it was written."""
        if self.kind == self.Kind.STATUS and self.new_status:
            status = self.get_new_status_display()
            return f"{status}: {self.get_outcome_display()}" if self.outcome else status
        return self.text
