"""Retention of safety-walk photos (docs/retention.md): when RETENTION_WALK_PHOTO_DAYS is set, the photos of a
walk whose report was published more than that many days ago are deleted, the files from storage and the
rows, and the observations stay. Unset: photos are kept. The daily job in `slt.core.retention` calls these
through the registry (`walks/panels.py`)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from .models import ObservationPhoto, SafetyWalk


def photo_retention_enabled() -> bool:
    return settings.RETENTION_WALK_PHOTO_DAYS is not None


def walks_with_photos_due(now: datetime) -> QuerySet[SafetyWalk]:
    """Published walks past the photo period that still have photos."""
    if not photo_retention_enabled():
        return SafetyWalk.objects.none()
    cutoff = now - timedelta(days=settings.RETENTION_WALK_PHOTO_DAYS)
    photos = ObservationPhoto.objects.filter(observation__walk=OuterRef("pk"))
    return (
        SafetyWalk.objects.filter(status=SafetyWalk.Status.PUBLISHED, published_at__lt=cutoff)
        .filter(Exists(photos))
        .order_by("published_at", "id")
    )


def walk_photos_delete(*, walk: SafetyWalk, now: datetime) -> dict | None:
    """Delete one walk's photos (the caller holds the transaction and writes the audit event). The files are
    removed from storage once the transaction has committed; returns None when there is nothing to do."""
    walk = SafetyWalk.objects.select_for_update().filter(pk=walk.pk).first()
    if walk is None or not walks_with_photos_due(now).filter(pk=walk.pk).exists():
        return None
    photos = list(ObservationPhoto.objects.filter(observation__walk=walk))
    files = [(field.storage, field.name) for photo in photos for field in (photo.image, photo.thumbnail) if field.name]
    ObservationPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return {"photos": len(photos)}
