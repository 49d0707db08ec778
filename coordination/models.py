from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_organisation_number


class Area(models.Model):
    """A district of the municipality, used to place concerns, walks and statistics."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A party in SLT: a police station, a school, child welfare, a business, an NGO."""

    class Kind(models.TextChoices):
        POLICE = "police", _("Police")
        SCHOOL = "school", _("School")
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        CHILD_WELFARE = "child_welfare", _("Child welfare")
        HEALTH = "health", _("Health")
        NAV = "nav", _("NAV")
        CULTURE_LEISURE = "culture_leisure", _("Culture and leisure")
        TECHNICAL = "technical", _("Technical services")
        HOUSING = "housing", _("Housing")
        OTHER_MUNICIPAL = "other_municipal", _("Other municipal service")
        BUSINESS = "business", _("Business")
        NGO = "ngo", _("Voluntary organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.SET_NULL, null=True, blank=True, related_name="agencies"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coordination:agency_detail", args=[self.pk])


class AgencyContact(models.Model):
    """A person at an agency who is not a user of the platform."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActionItem(models.Model):
    """The one task model of the project: a measure with a responsible agency and a deadline.

    It comes from a meeting decision, a concern or a safety-walk observation (`source`).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        WONT_DO = "wont_do", _("Will not be done")

    class Source(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        CONCERN = "concern", _("Concern")
        WALK = "walk", _("Safety walk")
        OTHER = "other", _("Other")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible_agency = models.ForeignKey(
        Agency, verbose_name=_("responsible agency"), on_delete=models.PROTECT, related_name="action_items"
    )
    due_date = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    status_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the measure will not be done; shown to everyone who sees it.")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.OTHER)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # 0 while open or in progress, 1 when settled: lists show open items first from an index.
    is_settled = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=["open", "in_progress"], then=models.Value(0)),
            default=models.Value(1),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    meeting = models.ForeignKey(
        "Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    agenda_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    concern = models.ForeignKey(
        "Concern",
        verbose_name=_("concern"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["responsible_agency", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["is_settled", "due_date", "id"], name="action_item_open_first_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="wont_do") | ~models.Q(status_reason=""),
                name="action_item_wont_do_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:action_item_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < timezone.localdate()


class Forum(models.Model):
    """A standing SLT group: steering group, coordination group, a working group or the police council."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        COORDINATION = "coordination", _("Coordination group")
        WORKING = "working", _("Working group")
        POLICE_COUNCIL = "police_council", _("Police council")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    mandate = models.TextField(_("mandate"), blank=True)
    member_agencies = models.ManyToManyField(
        Agency, verbose_name=_("member agencies"), blank=True, related_name="forums"
    )
    members = models.ManyToManyField("accounts.User", verbose_name=_("members"), blank=True, related_name="forums")
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coordination:forum_detail", args=[self.pk])


class Meeting(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    secretary = models.ForeignKey(
        "accounts.User",
        verbose_name=_("secretary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invitees = models.ManyToManyField(
        "accounts.User", verbose_name=_("invitees"), blank=True, related_name="meeting_invitations"
    )
    attendees = models.ManyToManyField(
        "accounts.User", verbose_name=_("attended (people)"), blank=True, related_name="meetings_attended"
    )
    attending_agencies = models.ManyToManyField(
        Agency, verbose_name=_("attended (agencies)"), blank=True, related_name="meetings_attended"
    )
    minutes_approved_at = models.DateTimeField(_("minutes approved"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("minutes approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # iCalendar: raised when the time or place changes or the meeting is cancelled (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(_("calendar version"), default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["forum", "-starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:meeting_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def minutes_approved(self):
        return self.minutes_approved_at is not None

    @property
    def is_upcoming(self):
        return self.ends_at >= timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decision = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#agenda-{self.pk}"


class LegalBasis(models.TextChoices):
    CONSENT_YOUTH = "consent_youth", _("Consent of the youth")
    CONSENT_GUARDIAN = "consent_guardian", _("Consent of the guardian")
    STATUTORY_DUTY = "statutory_duty", _("Statutory duty or exception (named)")


class ConcernYearCounter(models.Model):
    """The last reference number given out in a year; its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Concern(models.Model):
    """A worry about a child or youth, anonymous unless identity is added with a legal basis."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSESSMENT = "assessment", _("Under assessment")
        MEASURES = "measures", _("Measures in progress")
        CLOSED = "closed", _("Closed")

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
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
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
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
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
    observed_on = models.DateField(_("observed on"), default=timezone.localdate)
    description = models.TextField(_("what was observed"))
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis for identity"), max_length=20, choices=LegalBasis, blank=True)
    legal_basis_detail = models.CharField(
        _("statutory provision"),
        max_length=200,
        blank=True,
        help_text=_("Name the duty or exception, e.g. the duty to report to child welfare."),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

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
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(full_name="") & models.Q(birth_date__isnull=True)) | ~models.Q(legal_basis=""),
                name="concern_identity_needs_legal_basis",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""),
                name="concern_closed_has_outcome",
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
            errors["legal_basis"] = _("Name and birth date can only be recorded with a legal basis.")
        if self.legal_basis == LegalBasis.STATUTORY_DUTY and not self.legal_basis_detail.strip():
            errors["legal_basis_detail"] = _("Name the statutory duty or exception.")
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("The birth date cannot be in the future.")
        if self.observed_on and self.observed_on > timezone.localdate():
            errors["observed_on"] = _("The date observed cannot be in the future.")
        if self.status == self.Status.CLOSED and not self.outcome:
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


class ConcernCategory(models.Model):
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

    class Basis(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonymous information only")
        CONSENT_YOUTH = "consent_youth", _("Consent of the youth")
        CONSENT_GUARDIAN = "consent_guardian", _("Consent of the guardian")
        STATUTORY_DUTY = "statutory_duty", _("Statutory duty or exception (named)")

    concern = models.ForeignKey(Concern, verbose_name=_("concern"), on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="concern_shares"
    )
    includes_identity = models.BooleanField(_("includes identity"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=Basis, default=Basis.ANONYMOUS)
    legal_basis_detail = models.CharField(_("statutory provision"), max_length=200, blank=True)
    shared_by = models.ForeignKey(
        "accounts.User", verbose_name=_("shared by"), on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

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
                condition=models.Q(includes_identity=False) | ~models.Q(legal_basis="anonymous"),
                name="concern_share_identity_needs_basis",
            ),
        ]

    def __str__(self):
        return f"{self.concern} → {self.agency}"

    def get_absolute_url(self):
        return self.concern.get_absolute_url()

    @property
    def is_active(self):
        return self.revoked_at is None


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
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("concern note")
        verbose_name_plural = _("concern notes")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["concern", "created_at"])]

    def __str__(self):
        return f"{self.concern}: {self.get_kind_display()}"

    def get_absolute_url(self):
        return self.concern.get_absolute_url()


class ActionItemNote(models.Model):
    """A progress note on an action item."""

    item = models.ForeignKey(ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey("accounts.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("progress note"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.item}: {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.item.get_absolute_url()
