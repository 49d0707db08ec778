import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from walks.models import ObservationPhoto

from .factories import ObservationFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(walk):
    record = ObservationPhoto(observation=ObservationFactory(walk=walk))
    record.image.save("a.jpg", ContentFile(image_bytes()), save=False)
    record.thumbnail.save("t.jpg", ContentFile(image_bytes(size=(20, 15))), save=False)
    record.save()
    return record


@pytest.mark.parametrize("name", ["walks:photo", "walks:photo_thumbnail"])
def test_every_signed_in_role_sees_the_photos(client_for, any_role_user, photo, name):
    response = client_for(any_role_user).get(reverse(name, args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("name", ["walks:photo", "walks:photo_thumbnail"])
def test_photos_are_not_public(client, client_for, coordinator, photo, name):
    assert client.get(reverse(name, args=[photo.pk])).status_code == 302
    assert client_for(coordinator).get(reverse(name, args=[999])).status_code == 404
