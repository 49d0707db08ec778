"""Retention of walk photos: only when RETENTION_WALK_PHOTO_DAYS is set, photos of walks published more than that
many days ago are deleted from storage and the database; the observations stay."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from slt.audit.models import AuditEvent
from slt.core.retention import apply_retention
from walks.models import Observation, ObservationPhoto, SafetyWalk

from .factories import ObservationFactory, SafetyWalkFactory, image_bytes

pytestmark = pytest.mark.django_db


def photo_on(observation) -> ObservationPhoto:
    photo = ObservationPhoto(observation=observation, width=64, height=48)
    photo.image.save("a.jpg", ContentFile(image_bytes()), save=False)
    photo.thumbnail.save("a.jpg", ContentFile(image_bytes()), save=False)
    photo.save()
    return photo


@pytest.fixture
def published_walk():
    walk = SafetyWalkFactory(status=SafetyWalk.Status.PUBLISHED)
    SafetyWalk.objects.filter(pk=walk.pk).update(published_at=timezone.now() - timedelta(days=400))
    return walk


def test_photos_are_kept_when_the_setting_is_unset(settings, published_walk):
    settings.RETENTION_WALK_PHOTO_DAYS = None
    photo = photo_on(ObservationFactory(walk=published_walk))

    report = next(r for r in apply_retention() if r.key == "walk_photos")

    assert (report.enabled, report.count) == (False, 0)
    assert ObservationPhoto.objects.filter(pk=photo.pk).exists()
    assert default_storage.exists(photo.image.name)


def test_photos_of_walks_published_long_enough_ago_are_deleted(
    settings, published_walk, django_capture_on_commit_callbacks
):
    settings.RETENTION_WALK_PHOTO_DAYS = 365
    observation = ObservationFactory(walk=published_walk)
    old = photo_on(observation)
    recent_walk = SafetyWalkFactory(status=SafetyWalk.Status.PUBLISHED)
    recent = photo_on(ObservationFactory(walk=recent_walk))
    unpublished = photo_on(ObservationFactory(walk=SafetyWalkFactory(status=SafetyWalk.Status.COMPLETED)))

    with django_capture_on_commit_callbacks(execute=True):
        report = next(r for r in apply_retention() if r.key == "walk_photos")

    assert (report.count, report.references) == (1, [f"#{published_walk.pk}"])
    assert not ObservationPhoto.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(old.image.name)
    assert not default_storage.exists(old.thumbnail.name)
    assert Observation.objects.filter(pk=observation.pk).exists()
    for kept in (recent, unpublished):
        assert ObservationPhoto.objects.filter(pk=kept.pk).exists()
        assert default_storage.exists(kept.image.name)
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_type="walks.safetywalk")
    assert (event.object_id, event.details, event.actor_id) == (str(published_walk.pk), {"photos": 1}, None)


def test_a_dry_run_deletes_no_photo(settings, published_walk, django_capture_on_commit_callbacks):
    settings.RETENTION_WALK_PHOTO_DAYS = 30
    photo = photo_on(ObservationFactory(walk=published_walk))

    with django_capture_on_commit_callbacks(execute=True):
        report = next(r for r in apply_retention(dry_run=True) if r.key == "walk_photos")

    assert report.count == 1
    assert ObservationPhoto.objects.filter(pk=photo.pk).exists()
    assert default_storage.exists(photo.image.name)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).exists()
