"""Action items: the one task model of the project, with a responsible agency and a deadline.

They come from a meeting decision, a concern or a safety-walk observation (`source`). The rules "the
deadline is not in the past" and "will not be done needs a reason" live in `ActionItem.clean()` (which every
service runs through `full_clean()`); the second is also a database constraint.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.choices import QuickChoiceDisplay
from slt.core.limits import TEXT_MAX, DateRangeValidator, LimitedTextField

from .agencies import Agency
from .fields import optional_link, optional_user


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    WONT_DO = "wont_do", _("Will not be done")


class ActionItemSource(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CONCERN = "concern", _("Concern")
    WALK = "walk", _("Safety walk")
    OTHER = "other", _("Other")


OPEN_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        """Open or in progress: someone still has to do them."""
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: date):
        """Open, and the deadline has passed."""
        return self.open().filter(due_date__lt=today)


class ActionItem(QuickChoiceDisplay, models.Model):
    """A measure with a responsible agency and a deadline (from a meeting, a concern or a safety walk)."""

    Status = ActionItemStatus
    Source = ActionItemSource
    OPEN_STATUSES = OPEN_STATUSES

    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description"), blank=True, max_length=TEXT_MAX)
    responsible_agency = models.ForeignKey(
        Agency, verbose_name=_("responsible agency"), on_delete=models.PROTECT, related_name="action_items"
    )
    due_date = models.DateField(_("deadline"), validators=[DateRangeValidator()])
    status = models.CharField(_("status"), max_length=20, choices=ActionItemStatus, default=ActionItemStatus.OPEN)
    status_reason = LimitedTextField(
        _("reason"),
        blank=True,
        help_text=_("Why the measure will not be done; shown to everyone who sees it."),
        max_length=TEXT_MAX,
    )
    source = models.CharField(_("source"), max_length=20, choices=ActionItemSource, default=ActionItemSource.OTHER)
    created_by = optional_user(_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # 0 while open or in progress, 1 when settled: lists show open items first from an index.
    is_settled = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=list(OPEN_STATUSES), then=models.Value(0)),
            default=models.Value(1),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    meeting = optional_link("Meeting", _("meeting"), related_name="action_items")
    agenda_item = optional_link("AgendaItem", _("agenda item"), related_name="action_items")
    concern = optional_link("Concern", _("concern"), related_name="action_items")

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["responsible_agency", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["is_settled", "due_date", "id"], name="action_item_open_first_idx"),
            # The dashboard's "my agency's open action items": ten read in deadline order from the index.
            models.Index(
                fields=["responsible_agency", "is_settled", "due_date", "id"], name="action_item_agency_open_idx"
            ),
            # The walk follow-up's cache key: how many walk measures and their last change, from the index alone.
            models.Index(fields=["source", "updated_at"], name="action_item_source_changed_idx"),
            # The walk follow-up's open measures in deadline order.
            models.Index(fields=["source", "is_settled", "due_date", "id"], name="action_item_source_open_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=ActionItemStatus.WONT_DO) | ~models.Q(status_reason=""),
                name="action_item_wont_do_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:action_item_detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        # Remember the stored deadline: a deadline that is kept may lie in the past, a new one may not.
        item = super().from_db(db, field_names, values)
        item._stored_due_date = item.__dict__.get("due_date")
        return item

    def clean(self):
        super().clean()
        errors = {}
        deadline_set = self._state.adding or self.due_date != getattr(self, "_stored_due_date", None)
        if self.due_date and deadline_set and self.due_date < timezone.localdate():
            errors["due_date"] = _("The deadline cannot be in the past.")
        if self.status == ActionItemStatus.WONT_DO and not self.status_reason.strip():
            errors["status_reason"] = _("Say why the measure will not be done.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and self.due_date < timezone.localdate()


class ActionItemNote(models.Model):
    """A progress note on an action item."""

    item = models.ForeignKey(ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey("accounts.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    text = LimitedTextField(_("progress note"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.item}: {self.created_at:%Y-%m-%d}"
