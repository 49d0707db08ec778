"""The services on their own: atomic, checked, audited — whatever view calls them."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from slt.audit.models import AuditEvent
from walks import services
from walks.models import Observation, ObservationPhoto, SafetyWalk

from .factories import image_bytes

pytestmark = pytest.mark.django_db


def add(walk, actor, photos=()):
    return services.observation_add(
        actor=actor,
        walk=walk,
        category="lighting",
        description="Mørk sti",
        safety_rating=2,
        latitude=Decimal("58.8512"),
        longitude=Decimal("5.7384"),
        photos=photos,
    )


def test_a_photo_that_breaks_while_cleaning_leaves_nothing_behind(walk, organiser, settings):
    # The header is a valid JPEG, so the quick check passes; decoding the truncated pixels fails.
    noise = BytesIO()
    Image.effect_noise((300, 200), 64).convert("RGB").save(noise, format="JPEG")
    truncated = noise.getvalue()[: len(noise.getvalue()) // 2]
    good = SimpleUploadedFile("god.jpg", image_bytes(), content_type="image/jpeg")
    bad = SimpleUploadedFile("brutt.jpg", truncated, content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        add(walk, organiser, photos=[good, bad])
    assert caught.value.error_dict["photos"][0].messages == ["brutt.jpg er skadet og kan ikke leses."]
    assert not Observation.objects.exists()
    assert not ObservationPhoto.objects.exists()
    assert not AuditEvent.objects.filter(object_type="walks.observation").exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


def test_a_closed_walk_refuses_observations_in_the_service_too(walk, organiser):
    SafetyWalk.objects.filter(pk=walk.pk).update(status="completed")
    with pytest.raises(ValidationError):
        add(walk, organiser)
    assert not Observation.objects.exists()


def test_only_participants_add_observations(walk, police):
    with pytest.raises(PermissionDenied):
        add(walk, police)
    walk.invited_users.add(police)
    assert add(walk, police).created_by == police


def test_too_many_photos_are_refused(walk, organiser, settings):
    settings.WALKS_PHOTOS_PER_OBSERVATION = 2
    photos = [SimpleUploadedFile(f"{n}.png", image_bytes("PNG"), content_type="image/png") for n in range(3)]
    with pytest.raises(ValidationError):
        add(walk, organiser, photos=photos)
    assert not Observation.objects.exists()


def test_publishing_twice_is_refused(walk, organiser):
    SafetyWalk.objects.filter(pk=walk.pk).update(status="completed", date=timezone.localdate())
    services.walk_publish(actor=organiser, walk=walk, conclusion="Trygt nok.")
    with pytest.raises(ValidationError):
        services.walk_publish(actor=organiser, walk=walk, conclusion="Igjen")
    walk.refresh_from_db()
    assert walk.conclusion == "Trygt nok."
