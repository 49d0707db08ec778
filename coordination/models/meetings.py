"""Forums (the standing SLT groups), their meetings and each meeting's agenda with minutes and decisions."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.limits import LONG_TEXT_MAX, TEXT_MAX, DateRangeValidator, LimitedTextField

from .agencies import Agency
from .fields import optional_user


class Forum(models.Model):
    """A standing SLT group: steering group, coordination group, a working group or the police council."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        COORDINATION = "coordination", _("Coordination group")
        WORKING = "working", _("Working group")
        POLICE_COUNCIL = "police_council", _("Police council")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    mandate = LimitedTextField(_("mandate"), blank=True, max_length=TEXT_MAX)
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
    starts_at = models.DateTimeField(_("starts"), validators=[DateRangeValidator()])
    ends_at = models.DateTimeField(_("ends"), validators=[DateRangeValidator()])
    location = models.CharField(_("location"), max_length=200, blank=True)
    secretary = optional_user(_("secretary"))
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
    minutes_approved_by = optional_user(_("minutes approved by"))
    created_by = optional_user(_("created by"))
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
    def has_started(self):
        return self.starts_at <= timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(
        _("number"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description"), blank=True, max_length=TEXT_MAX)
    minutes = LimitedTextField(_("minutes"), blank=True, max_length=LONG_TEXT_MAX)
    decision = LimitedTextField(_("decision"), blank=True, max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#agenda-{self.pk}"


def attachment_path(instance, filename):
    # A random name: the uploaded file's name may hold a person's name. The extension is the checked type's.
    return f"meetings/attachments/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1].lower()}"


class MeetingAttachment(models.Model):
    """A document or image for a meeting or one of its agenda items (papers for the meeting, a signed
    decision). Stored under MEDIA_ROOT with a random name and served only through the meeting's door."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = optional_user(_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coordination:meeting_attachment", args=[self.meeting_id, self.pk])
