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
        "accounts.User", verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["responsible_agency", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="wont_do") | ~models.Q(status_reason=""),
                name="action_item_wont_do_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < timezone.localdate()
