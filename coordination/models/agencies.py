"""The agency registry: areas of the municipality, agencies (the SLT parties) and their contact persons."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from slt.core.limits import TEXT_MAX, LimitedTextField

from ..validators import validate_organisation_number


class Area(models.Model):
    """A district of the municipality, used to place concerns, walks and statistics."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = LimitedTextField(_("description"), blank=True, max_length=TEXT_MAX)
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
