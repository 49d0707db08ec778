import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.choices import QuickChoiceDisplay
from slt.core.limits import LONG_TEXT_MAX, SMALL_COUNT_MAX, TEXT_MAX, DateRangeValidator, LimitedTextField


def photo_path(instance, filename):
    # Random names: the original file name may hold a person's name or a place.
    return f"walks/photos/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1].lower()}"


def thumbnail_path(instance, filename):
    return f"walks/thumbnails/{uuid.uuid4().hex}.jpg"


class SafetyWalk(QuickChoiceDisplay, models.Model):
    """A safety-and-security walk (trygghetsvandring): people walk an area together and note what feels unsafe."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        PUBLISHED = "published", _("Report published")

    class Light(models.TextChoices):
        DAYLIGHT = "daylight", _("Daylight")
        AFTER_DARK = "after_dark", _("After dark")

    # The order a walk goes through; status changes move one step forward (publishing has its own service).
    NEXT_STATUS = {Status.PLANNED: Status.IN_PROGRESS, Status.IN_PROGRESS: Status.COMPLETED}
    OPEN_FOR_OBSERVATIONS = (Status.PLANNED, Status.IN_PROGRESS)

    title = models.CharField(_("title"), max_length=200)
    area = models.ForeignKey(
        "coordination.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="safety_walks"
    )
    date = models.DateField(_("date"), validators=[DateRangeValidator()])
    start_time = models.TimeField(_("start time"))
    light = models.CharField(_("light"), max_length=20, choices=Light, default=Light.AFTER_DARK)
    meeting_point = models.CharField(_("meeting point"), max_length=200)
    route_description = LimitedTextField(_("route"), blank=True, max_length=TEXT_MAX)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="organised_walks"
    )
    invited_agencies = models.ManyToManyField(
        "coordination.Agency", verbose_name=_("invited agencies"), blank=True, related_name="invited_to_walks"
    )
    invited_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("invited users"), blank=True, related_name="invited_to_walks"
    )
    residents_count = models.PositiveSmallIntegerField(
        _("residents"), default=0, validators=[MaxValueValidator(SMALL_COUNT_MAX)]
    )
    youth_council_count = models.PositiveSmallIntegerField(
        _("youth council"), default=0, validators=[MaxValueValidator(SMALL_COUNT_MAX)]
    )
    landlords_count = models.PositiveSmallIntegerField(
        _("landlords and housing companies"), default=0, validators=[MaxValueValidator(SMALL_COUNT_MAX)]
    )
    other_external_count = models.PositiveSmallIntegerField(
        _("other external participants"), default=0, validators=[MaxValueValidator(SMALL_COUNT_MAX)]
    )
    external_participants = LimitedTextField(
        _("external participants by name"),
        blank=True,
        help_text=_("Only when they agree to be named in the report, for example the youth council's representatives."),
        max_length=TEXT_MAX,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    conclusion = LimitedTextField(_("conclusion"), blank=True, max_length=LONG_TEXT_MAX)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")
        ordering = ["-date", "-start_time", "-id"]
        indexes = [
            models.Index(fields=["status", "-date"]),
            # The walk list's order: 25 walks read from the index instead of sorting all of them.
            models.Index(fields=["-date", "-start_time", "-id"], name="walk_list_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="walk_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("walks:walk_detail", args=[self.pk])

    @property
    def is_open_for_observations(self):
        return self.status in self.OPEN_FOR_OBSERVATIONS

    @property
    def next_status(self):
        return self.NEXT_STATUS.get(self.status)

    @property
    def is_dated_in_future(self):
        """Completing or publishing such a walk needs a confirmation (most often the date was mistyped)."""
        return self.date > timezone.localdate()

    @property
    def external_count(self):
        return self.residents_count + self.youth_council_count + self.landlords_count + self.other_external_count


class Observation(QuickChoiceDisplay, models.Model):
    """Something on the walk that makes the place feel unsafe, with a position and a suggested measure."""

    class Category(models.TextChoices):
        LIGHTING = "lighting", _("Lighting")
        MAINTENANCE = "maintenance", _("Maintenance")
        VEGETATION = "vegetation", _("Vegetation")
        GRAFFITI = "graffiti", _("Graffiti or vandalism")
        LITTER = "litter", _("Litter")
        SIGHTLINES = "sightlines", _("Sightlines")
        TRAFFIC = "traffic", _("Traffic safety")
        GATHERING = "gathering", _("Gathering place")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        SIGNAGE = "signage", _("Signage")
        OTHER = "other", _("Other")

    # One colour per category, for the maps and the report (readable on white, distinct from each other).
    COLOURS = {
        Category.LIGHTING: "#e6a700",
        Category.MAINTENANCE: "#8c564b",
        Category.VEGETATION: "#2ca02c",
        Category.GRAFFITI: "#d62728",
        Category.LITTER: "#7f7f7f",
        Category.SIGHTLINES: "#9467bd",
        Category.TRAFFIC: "#ff7f0e",
        Category.GATHERING: "#e377c2",
        Category.ACCESSIBILITY: "#17becf",
        Category.SIGNAGE: "#1f77b4",
        Category.OTHER: "#393b79",
    }
    DEFAULT_COLOUR = "#393b79"

    walk = models.ForeignKey(
        SafetyWalk, verbose_name=_("safety walk"), on_delete=models.CASCADE, related_name="observations"
    )
    # 1, 2, 3 … per walk, given by `observation_add` under the walk's lock: the number on the map, in the lists,
    # the action form, the report and the exports (never the database id).
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    category = models.CharField(_("category"), max_length=20, choices=Category)
    description = LimitedTextField(_("description"), max_length=TEXT_MAX)
    safety_rating = models.PositiveSmallIntegerField(
        _("how safe it feels"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = very unsafe, 5 = very safe."),
    )
    suggested_measure = LimitedTextField(_("suggested measure"), blank=True, max_length=TEXT_MAX)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    action_items = models.ManyToManyField(
        "coordination.ActionItem", verbose_name=_("action items"), blank=True, related_name="observations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["walk_id", "number"]
        indexes = [models.Index(fields=["walk", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(safety_rating__gte=1, safety_rating__lte=5), name="observation_rating_1_to_5"
            ),
            models.UniqueConstraint(fields=["walk", "number"], name="observation_number_unique_per_walk"),
        ]

    def __str__(self):
        return f"{self.number}. {self.get_category_display()}: {self.description[:60]}"

    def get_absolute_url(self):
        return reverse("walks:observation_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.latitude is None or self.longitude is None:
            return
        south, west, north, east = settings.WALKS_BOUNDS
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            return  # the field validators explain it
        if not (south <= float(self.latitude) <= north and west <= float(self.longitude) <= east):
            raise ValidationError(
                {
                    "latitude": _(
                        "The point is outside the municipality. Tap the map where you are, or check the numbers."
                    )
                }
            )

    @property
    def colour(self):
        return self.COLOURS.get(self.category, self.DEFAULT_COLOUR)


class ObservationPhoto(models.Model):
    """A photo of an observation, stored re-encoded without EXIF (no GPS position, camera or owner)."""

    observation = models.ForeignKey(
        Observation, verbose_name=_("observation"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=photo_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=thumbnail_path)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["id"]

    def __str__(self):
        return self.image.name

    def get_absolute_url(self):
        return reverse("walks:photo", args=[self.pk])

    def get_thumbnail_url(self):
        return reverse("walks:photo_thumbnail", args=[self.pk])
