import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_default_language_is_norwegian_whatever_the_browser_asks(client_for, coordinator):
    response = client_for(coordinator).get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert "Oversikt" in response.content.decode()


def test_a_signed_in_user_switches_to_english_and_it_sticks(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("coordination:agency_list")})
    assert response.status_code == 302
    assert response.url == reverse("coordination:agency_list")
    coordinator.refresh_from_db()
    assert coordinator.preferred_language == "en"
    page = Client()
    page.force_login(coordinator)  # a new browser: the choice follows the user
    assert "Overview" in page.get(reverse("core:dashboard")).content.decode()


def test_a_signed_out_visitor_switches_with_a_cookie():
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert client.get(reverse("login"))["Content-Language"] == "en"


def test_an_unknown_language_or_foreign_next_falls_back_safely(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response.url == reverse("core:dashboard")
    coordinator.refresh_from_db()
    assert coordinator.preferred_language == "nb"


def test_switching_language_needs_post(client_for, coordinator):
    assert client_for(coordinator).get(reverse("set_language")).status_code == 405
