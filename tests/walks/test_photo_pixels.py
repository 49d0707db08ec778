"""Photos: a picture with too many pixels is refused from its header, before it is decoded; a large photo
is stored scaled down, still without EXIF."""

import struct
import time
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from walks.models import Observation, ObservationPhoto

from .factories import image_bytes

pytestmark = pytest.mark.django_db


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_header_claiming(width: int, height: int) -> bytes:
    """A small PNG file whose header announces a huge picture (as a decompression bomb does)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _chunk(b"IEND", b"")
    )


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


@pytest.mark.parametrize(("width", "height"), [(7_745, 7_745), (20_000, 20_000), (40_001, 1_000)])
def test_too_many_pixels_are_refused_before_decoding(client_for, walk, participant, width, height):
    upload = SimpleUploadedFile("stor.png", png_header_claiming(width, height), content_type="image/png")
    started = time.monotonic()
    response = post(client_for(participant), walk, upload)
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "stor.png har for mange piksler. Grensen er 40 megapiksler" in response.text
    assert not Observation.objects.exists() and not ObservationPhoto.objects.exists()


def test_pillow_itself_refuses_to_decode_far_above_the_limit():
    assert Image.MAX_IMAGE_PIXELS == 40_000_000


@pytest.mark.parametrize(
    ("image_format", "size", "stored"), [("JPEG", (4000, 3000), (2560, 1920)), ("PNG", (3000, 1000), (2560, 853))]
)
def test_a_large_photo_is_stored_scaled_down(client_for, walk, participant, image_format, size, stored):
    exif = Image.Exif()
    exif[0x010F] = "Telefonprodusent"
    exif[0x8825] = {1: "N", 2: (58.0, 51.0, 7.0), 3: "E", 4: (5.0, 44.0, 9.0)}
    upload = SimpleUploadedFile("stor.bilde", image_bytes(image_format, size=size, exif=exif.tobytes()))
    assert post(client_for(participant), walk, upload).status_code == 302
    photo = ObservationPhoto.objects.get()
    assert (photo.width, photo.height) == stored
    raw = photo.image.read()
    photo.image.close()
    assert b"Telefonprodusent" not in raw
    with Image.open(BytesIO(raw)) as image:
        assert image.size == stored
        assert len(image.getexif()) == 0


def test_a_photo_within_the_side_limit_keeps_its_size(client_for, walk, participant):
    upload = SimpleUploadedFile("lite.jpg", image_bytes("JPEG", size=(2000, 1500)), content_type="image/jpeg")
    assert post(client_for(participant), walk, upload).status_code == 302
    photo = ObservationPhoto.objects.get()
    assert (photo.width, photo.height) == (2000, 1500)
