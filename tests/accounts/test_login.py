import time

import pytest
from django.test import Client
from django.urls import reverse

from slt.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from slt.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

GENERIC_FAILURE = "Vennligst oppgi korrekt brukernavn og passord"


def test_it_signs_in_and_lands_on_the_dashboard(coordinator):
    response = Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    assert response.context["user"] == coordinator
    assert "Velkommen" in response.content.decode()


def test_it_records_sign_in_in_the_audit_log(coordinator):
    Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.actor == coordinator
    assert event.role == "coordinator"
    assert event.agency == coordinator.agency
    assert event.ip == "127.0.0.1"
    assert len(event.request_id) == 32


@pytest.mark.parametrize("username", ["koordinator", "finnes-ikke"])
def test_a_failed_sign_in_does_not_tell_whether_the_user_exists(coordinator, username):
    response = Client().post(reverse("login"), {"username": username, "password": "feil passord"})
    assert response.status_code == 200
    assert GENERIC_FAILURE in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor is None
    assert event.actor_username == ""


def test_an_inactive_user_cannot_sign_in():
    UserFactory(username="sluttet", is_active=False)
    response = Client().post(reverse("login"), {"username": "sluttet", "password": PASSWORD})
    assert response.status_code == 200
    assert GENERIC_FAILURE in response.content.decode()


def test_an_empty_form_says_what_is_missing():
    response = Client().post(reverse("login"), {})
    assert response.status_code == 200
    assert "Feltet er påkrevet" in response.content.decode()


def test_sign_out_needs_post_and_is_recorded(coordinator):
    client = Client()
    client.force_login(coordinator)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT, actor=coordinator).exists()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_a_forged_post_without_csrf_token_is_refused(coordinator):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


@pytest.mark.parametrize("url", ["/", "/aktorer/", "/aktorer/1/", "/admin/"])
def test_pages_need_sign_in(url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") if url != "/admin/" else "/admin/login/")


@pytest.mark.parametrize("url_name", ["login", "password_reset"])
def test_sign_in_pages_are_open_and_norwegian(url_name):
    response = Client().get(reverse(url_name))
    assert response.status_code == 200
    assert response["Content-Language"] == "nb"
    assert '<html lang="nb">' in response.content.decode()


def _session_aged(client, *, started_ago, last_seen_ago):
    session = client.session
    now = time.time()
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_LAST_SEEN] = now - last_seen_ago
    session.save()


def test_a_session_ends_after_30_minutes_idle(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get(reverse("core:dashboard")).status_code == 200
    _session_aged(client, started_ago=31 * 60, last_seen_ago=31 * 60)
    response = client.get(reverse("core:dashboard"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "30 minutter uten aktivitet" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT, actor=coordinator).exists()


def test_activity_keeps_the_session_alive(client_for, coordinator):
    client = client_for(coordinator)
    client.get(reverse("core:dashboard"))
    _session_aged(client, started_ago=2 * 3600, last_seen_ago=29 * 60)
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert time.time() - client.session[SESSION_LAST_SEEN] < 5


def test_a_session_ends_after_12_hours_in_all(client_for, coordinator):
    client = client_for(coordinator)
    client.get(reverse("core:dashboard"))
    _session_aged(client, started_ago=12 * 3600 + 60, last_seen_ago=10)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
