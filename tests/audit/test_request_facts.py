"""The request id and client address in audit events cannot be chosen by a client (spoofing)."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from slt.audit.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login_event(coordinator, **headers):
    AuditEvent.objects.all().delete()
    response = Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD}, **headers)
    return response, AuditEvent.objects.get(action="login")


@pytest.mark.parametrize(
    "incoming",
    [
        "short-id",  # too short
        "x" * 65,  # too long
        "abc.def_ghi/jklmnop",  # other characters than letters, digits and hyphens
        "abcdefghijklmnop\r\nSet-Cookie: a=b",
        "abcdefghijklmnop ",
        "' OR 1=1 --abcdefghij",
    ],
)
def test_a_malformed_request_id_is_replaced(coordinator, incoming):
    response, event = _login_event(coordinator, HTTP_X_REQUEST_ID=incoming)
    assert event.request_id != incoming and len(event.request_id) == 32
    assert response["X-Request-ID"] == event.request_id


@pytest.mark.parametrize("incoming", [str(uuid.uuid4()), "lb-0123456789abcdef", "A" * 64])
def test_a_well_formed_request_id_is_kept(coordinator, incoming):
    response, event = _login_event(coordinator, HTTP_X_REQUEST_ID=incoming)
    assert event.request_id == incoming == response["X-Request-ID"]


def test_without_trusted_proxies_x_forwarded_for_is_ignored(coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    _response, event = _login_event(coordinator, HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.5")
    assert event.ip == "10.0.0.5"


def test_with_one_trusted_proxy_the_address_it_saw_is_taken(coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 1.2.3.4 into the header itself; our proxy appended the address it saw.
    _response, event = _login_event(coordinator, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", REMOTE_ADDR="10.0.0.5")
    assert event.ip == "198.51.100.7"


def test_with_two_trusted_proxies_the_second_from_the_right_is_taken(coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    _response, event = _login_event(
        coordinator, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.9", REMOTE_ADDR="10.0.0.5"
    )
    assert event.ip == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "198.51.100.7", "not-an-address, 10.0.0.9"])
def test_a_short_or_invalid_forwarded_header_falls_back_to_the_peer(coordinator, settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2
    _response, event = _login_event(coordinator, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.5")
    assert event.ip == "10.0.0.5"
