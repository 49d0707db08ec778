"""Writes for safety walks: keyword-only, atomic, validated with full_clean, audited with record_event."""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coordination.models import ActionItem, Agency
from coordination.services import action_item_create, action_item_set_status
from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from . import selectors
from .models import Observation, ObservationPhoto, SafetyWalk
from .photos import clean_photo


@transaction.atomic
def walk_save(*, actor, walk: SafetyWalk, invited_agencies: Iterable[Agency] = (), invited_users=()) -> SafetyWalk:
    """Plan a new walk or change a planned one. The planner organises it unless a coordinator names someone else."""
    creating = walk.pk is None
    if creating:
        if not selectors.can_plan_walks(actor):
            raise PermissionDenied
        if not actor.is_coordinator or walk.organiser_id is None:
            walk.organiser = actor
        walk.created_by = actor
        walk.status = SafetyWalk.Status.PLANNED
    else:
        stored = SafetyWalk.objects.select_for_update().get(pk=walk.pk)
        if not selectors.can_change_walk(actor, stored):
            raise PermissionDenied
        if walk.organiser_id is None or not actor.is_coordinator:
            walk.organiser_id = stored.organiser_id
        if walk.status == SafetyWalk.Status.PUBLISHED:
            raise ValidationError(_("The report is published; the walk can no longer be changed."))
    walk.full_clean()
    walk.save()
    walk.invited_agencies.set(invited_agencies)
    walk.invited_users.set(invited_users)
    record_event(actor=actor, action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE, obj=walk)
    return walk


def _check_future_date(walk: SafetyWalk, confirmed: bool) -> None:
    """A walk dated in the future is completed or published only when the user confirms it (a mistyped date
    would otherwise put a report in the future)."""
    if walk.is_dated_in_future and not confirmed:
        raise ValidationError(
            {
                "confirm_future_date": _(
                    "The walk is dated %(date)s, which is in the future. Correct the date, or tick the box to "
                    "confirm that the walk has taken place."
                )
                % {"date": formats.date_format(walk.date, "DATE_FORMAT")}
            }
        )


@transaction.atomic
def walk_set_status(*, actor, walk: SafetyWalk, status: str, confirm_future_date: bool = False) -> SafetyWalk:
    """Move a walk one step: planned → in progress → completed. Publishing is `walk_publish`."""
    walk = SafetyWalk.objects.select_for_update().get(pk=walk.pk)
    if not selectors.can_change_walk(actor, walk):
        raise PermissionDenied
    if walk.next_status != status:
        raise ValidationError({"status": _("The walk cannot move to that status from where it is now.")})
    if status == SafetyWalk.Status.COMPLETED:
        _check_future_date(walk, confirm_future_date)
    walk.status = status
    walk.full_clean()
    walk.save(update_fields=["status", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=walk)
    return walk


@transaction.atomic
def walk_publish(*, actor, walk: SafetyWalk, conclusion: str, confirm_future_date: bool = False) -> SafetyWalk:
    """Publish the report of a completed walk with its conclusion."""
    walk = SafetyWalk.objects.select_for_update().get(pk=walk.pk)
    if not selectors.can_change_walk(actor, walk):
        raise PermissionDenied
    if walk.status != SafetyWalk.Status.COMPLETED:
        raise ValidationError(_("Only a completed walk can have its report published."))
    _check_future_date(walk, confirm_future_date)
    conclusion = conclusion.strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Write the conclusion before you publish the report.")})
    walk.conclusion = conclusion
    walk.status = SafetyWalk.Status.PUBLISHED
    walk.published_at = timezone.now()
    walk.full_clean()
    walk.save(update_fields=["conclusion", "status", "published_at", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=walk)
    return walk


@transaction.atomic
def observation_add(
    *,
    actor,
    walk: SafetyWalk,
    category: str,
    description: str,
    safety_rating: int,
    latitude: Decimal,
    longitude: Decimal,
    suggested_measure: str = "",
    photos: Sequence = (),
) -> Observation:
    """Record an observation with its photos. Nothing is saved if the walk is closed or a photo is refused."""
    walk = SafetyWalk.objects.select_for_update().get(pk=walk.pk)
    if not (selectors.can_change_walk(actor, walk) or selectors.is_participant(actor, walk)):
        raise PermissionDenied
    if not walk.is_open_for_observations:
        raise ValidationError(_("The walk is closed; observations can no longer be added."))
    if len(photos) > settings.WALKS_PHOTOS_PER_OBSERVATION:
        raise ValidationError(
            {
                "photos": _("At most %(count)d photos per observation.")
                % {"count": settings.WALKS_PHOTOS_PER_OBSERVATION}
            }
        )
    # The walk row is locked (above), so two people saving at once get 1 and 2, never the same number; the
    # unique constraint (walk, number) is the last guard.
    last = walk.observations.aggregate(last=Max("number"))["last"] or 0
    observation = Observation(
        walk=walk,
        number=last + 1,
        category=category,
        description=description.strip(),
        safety_rating=safety_rating,
        suggested_measure=suggested_measure.strip(),
        latitude=latitude,
        longitude=longitude,
        created_by=actor,
    )
    observation.full_clean()
    # Every photo is checked and cleaned before anything is written.
    cleaned = []
    for upload in photos:
        try:
            cleaned.append(clean_photo(upload))
        except ValidationError as exc:
            raise ValidationError({"photos": exc.messages}) from exc
    observation.save()
    stored = []
    try:
        for photo in cleaned:
            record = ObservationPhoto(observation=observation, width=photo.width, height=photo.height)
            record.image.save(photo.image.name, photo.image, save=False)
            stored.append(record.image)
            record.thumbnail.save(photo.thumbnail.name, photo.thumbnail, save=False)
            stored.append(record.thumbnail)
            record.save()
    except Exception:
        for file in stored:
            file.storage.delete(file.name)
        raise
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=observation)
    return observation


@transaction.atomic
def walk_action_create(
    *,
    actor,
    walk: SafetyWalk,
    observations: Iterable[Observation],
    title: str,
    responsible_agency: Agency,
    due_date: date,
    description: str = "",
) -> ActionItem:
    """Turn one or several observations of the walk into a measure (coordination.ActionItem, source "walk")."""
    if not selectors.can_change_walk(actor, walk):
        raise PermissionDenied
    observations = list(observations)
    if not observations:
        raise ValidationError({"observations": _("Choose at least one observation.")})
    if any(observation.walk_id != walk.pk for observation in observations):
        raise ValidationError({"observations": _("The observations must belong to this walk.")})
    if due_date < walk.date:
        raise ValidationError({"due_date": _("The deadline cannot be before the walk.")})
    item = action_item_create(
        actor=actor,
        title=title,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=ActionItem.Source.WALK,
        description=description,
    )
    item.observations.add(*observations)
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=walk)
    return item


@transaction.atomic
def walk_action_set_status(*, actor, walk: SafetyWalk, item: ActionItem, status: str, reason: str = "") -> ActionItem:
    if not selectors.can_set_action_status(actor, walk, item):
        raise PermissionDenied
    return action_item_set_status(actor=actor, item=item, status=status, reason=reason)
