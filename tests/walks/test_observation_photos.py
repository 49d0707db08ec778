"""Photos: checked by content, at most 10 MB, stored without EXIF; a refused photo means nothing is saved."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from walks.models import Observation, ObservationPhoto

from .factories import image_bytes, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(walk, police):
    walk.invited_users.add(police)
    return police


def post(client, walk, *files):
    return client.post(
        reverse("walks:observation_create", args=[walk.pk]),
        {
            "latitude": "58.851200",
            "longitude": "5.738400",
            "category": "lighting",
            "description": "Mørk sti",
            "safety_rating": "2",
            "photos": list(files),
        },
    )


@pytest.mark.parametrize(
    ("name", "image_format", "content_type"),
    [("lys.jpg", "JPEG", "image/jpeg"), ("lys.png", "PNG", "image/png"), ("lys.webp", "WEBP", "image/webp")],
)
def test_jpeg_png_and_webp_are_stored_with_a_thumbnail(client_for, walk, participant, name, image_format, content_type):
    upload = SimpleUploadedFile(name, image_bytes(image_format), content_type=content_type)
    assert post(client_for(participant), walk, upload).status_code == 302
    photo = ObservationPhoto.objects.get()
    with Image.open(photo.image.path) as stored:
        assert stored.format == image_format
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.format == "JPEG"


def test_several_photos_on_one_observation(client_for, walk, participant):
    files = [SimpleUploadedFile(f"{n}.jpg", image_bytes(), content_type="image/jpeg") for n in range(3)]
    assert post(client_for(participant), walk, *files).status_code == 302
    assert Observation.objects.get().photos.count() == 3


def test_gps_and_camera_data_are_removed_from_the_photo_and_its_thumbnail(client_for, walk, participant):
    original = jpeg_with_gps()
    with Image.open(BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825), "the test photo must carry a GPS position"
    upload = SimpleUploadedFile("kari.jpg", original, content_type="image/jpeg")
    assert post(client_for(participant), walk, upload).status_code == 302
    photo = ObservationPhoto.objects.get()
    for stored_file in (photo.image, photo.thumbnail):
        raw = stored_file.read()
        stored_file.close()
        assert b"Exif" not in raw
        assert b"Kari Nordmann" not in raw
        assert b"Telefonprodusent" not in raw
        with Image.open(BytesIO(raw)) as stored:
            exif = stored.getexif()
            assert len(exif) == 0
            assert not exif.get_ifd(0x8825)
            assert "exif" not in stored.info
    # The EXIF orientation was applied before it was dropped: 80×40 turned upright is 40×80.
    assert (photo.width, photo.height) == (40, 80)
    assert "kari" not in photo.image.name


def test_a_file_that_is_not_an_image_is_refused(client_for, walk, participant):
    upload = SimpleUploadedFile("notat.jpg", b"Dette er tekst, ikke et bilde", content_type="image/jpeg")
    response = post(client_for(participant), walk, upload)
    assert response.status_code == 200
    assert "notat.jpg er ikke et bilde vi kan lese" in response.text
    assert not Observation.objects.exists()
    assert not ObservationPhoto.objects.exists()


def test_a_renamed_executable_is_refused(client_for, walk, participant):
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
    upload = SimpleUploadedFile("bilde.png", elf, content_type="image/png")
    response = post(client_for(participant), walk, upload)
    assert response.status_code == 200
    assert "bilde.png er ikke et bilde vi kan lese" in response.text
    assert not Observation.objects.exists()


def test_an_image_in_another_format_is_refused(client_for, walk, participant):
    upload = SimpleUploadedFile("kart.gif", image_bytes("GIF"), content_type="image/gif")
    response = post(client_for(participant), walk, upload)
    assert "kart.gif er ikke et JPEG-, PNG- eller WebP-bilde" in response.text
    assert not Observation.objects.exists()


def test_a_photo_over_the_limit_is_refused(client_for, walk, participant, settings):
    settings.WALKS_PHOTO_MAX_BYTES = 10 * 1024 * 1024
    big = image_bytes() + b"\x00" * (10 * 1024 * 1024)  # a JPEG with padding after its end marker
    response = post(client_for(participant), walk, SimpleUploadedFile("stor.jpg", big, content_type="image/jpeg"))
    assert response.status_code == 200
    assert "stor.jpg er for stor" in response.text
    assert not Observation.objects.exists()


def test_a_broken_image_is_refused(client_for, walk, participant):
    truncated = image_bytes(size=(400, 300), colour=(10, 200, 30))[:300]
    response = post(
        client_for(participant), walk, SimpleUploadedFile("brutt.jpg", truncated, content_type="image/jpeg")
    )
    assert response.status_code == 200
    assert "brutt.jpg" in response.text
    assert not Observation.objects.exists()
    assert not ObservationPhoto.objects.exists()


def test_one_bad_photo_among_good_ones_saves_nothing(client_for, walk, participant, settings):
    good = SimpleUploadedFile("god.jpg", image_bytes(), content_type="image/jpeg")
    bad = SimpleUploadedFile("virus.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    response = post(client_for(participant), walk, good, bad)
    assert response.status_code == 200
    assert not Observation.objects.exists()
    assert not ObservationPhoto.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]
