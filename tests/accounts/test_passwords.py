"""Passwords: at least 12 characters, not a common one, in Norwegian; the demo password is never validated."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _change(client, new):
    return client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )


def test_eleven_characters_are_too_few_and_nothing_changes(client_for):
    user = UserFactory(username="bytter")
    response = _change(client_for(user), "Kort-pass1x")
    assert response.status_code == 200
    assert "Passordet er for kort. Det må bestå av minst 12 tegn." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_common_password_is_refused_in_norwegian(client_for):
    user = UserFactory(username="bytter")
    response = _change(client_for(user), "1qaz2wsx3edc")
    assert response.status_code == 200
    assert "Dette passordet er for vanlig." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_twelve_characters_are_enough(client_for):
    user = UserFactory(username="bytter")
    response = _change(client_for(user), "Fjord-Lura12")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Fjord-Lura12")


def test_the_validators_say_twelve():
    with pytest.raises(ValidationError):
        validate_password("Elleve-tegn")
    validate_password("Tolv-tegn-ok")


def test_the_demo_users_still_sign_in_with_the_demo_password(settings, client):
    from django.core.management import call_command

    from slt.core.registry import DEMO_PASSWORD

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.post(reverse("login"), {"username": "koordinator", "password": DEMO_PASSWORD})
    assert response.status_code == 302
