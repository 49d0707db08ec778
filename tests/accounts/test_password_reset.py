import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_resets_the_password_by_email():
    user = UserFactory(username="glemsk", email="glemsk@sandnes.example")
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "glemsk@sandnes.example"}, follow=True)
    assert "Sjekk e-posten din" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "SLT: velg nytt passord"
    assert "glemsk" not in message.subject + message.body  # no personal data beyond the link
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Velg nytt passord" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Et nytt og langt passord 7", "new_password2": "Et nytt og langt passord 7"},
        follow=True,
    )
    assert "Passordet er lagret" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password("Et nytt og langt passord 7")


def test_an_unknown_address_gets_the_same_answer_and_no_mail():
    response = Client().post(reverse("password_reset"), {"email": "ukjent@sandnes.example"}, follow=True)
    assert "Sjekk e-posten din" in response.content.decode()
    assert mail.outbox == []


def test_a_used_or_forged_link_is_refused_with_a_message():
    response = Client().get("/accounts/reset/MQ/forfalsket-token/", follow=True)
    assert response.status_code == 200
    assert "Lenken er ugyldig eller allerede brukt" in response.content.decode()


def test_a_signed_in_user_changes_the_password(client_for):
    user = UserFactory(username="bytter")
    client = client_for(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-passphrase",
            "new_password1": "Et nytt og langt passord 7",
            "new_password2": "Et nytt og langt passord 7",
        },
        follow=True,
    )
    assert "Passordet ditt er byttet" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Et nytt og langt passord 7")


def test_a_wrong_old_password_is_refused_and_nothing_changes(client_for):
    user = UserFactory(username="bytter")
    response = client_for(user).post(
        reverse("password_change"),
        {
            "old_password": "feil",
            "new_password1": "Et nytt og langt passord 7",
            "new_password2": "Et nytt og langt passord 7",
        },
    )
    assert response.status_code == 200
    assert "gamle passord" in response.content.decode().lower()
    user.refresh_from_db()
    assert user.check_password("a-long-test-passphrase")
