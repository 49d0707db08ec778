"""Lockout after repeated failed sign-ins, per username and per address; audited; unlocked by administrators."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "For mange mislykkede innlogginger. Prøv igjen om 15 minutter."


def fail(client, username, times, ip="127.0.0.1"):
    response = None
    for _ in range(times):
        response = client.post(reverse("login"), {"username": username, "password": "feil passord"}, REMOTE_ADDR=ip)
    return response


def test_the_defaults_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_five_failures_lock_the_username_even_with_the_right_password(coordinator):
    client = Client()
    assert fail(client, "koordinator", 4).status_code == 200
    fifth = fail(client, "koordinator", 1)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    right = client.post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_the_lockout_answer_does_not_tell_whether_the_user_exists(coordinator):
    existing = fail(Client(), "koordinator", 5, ip="10.0.0.1")
    missing = fail(Client(), "finnes-ikke", 5, ip="10.0.0.2")
    assert existing.status_code == missing.status_code == 429
    assert LOCKED in existing.content.decode() and LOCKED in missing.content.decode()
    assert _without_tokens(existing) == _without_tokens(missing)


def _without_tokens(response):
    """The page without what differs on every response anyway (the CSRF token, the script nonce)."""
    page = re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())
    return re.sub(r'nonce="[A-Za-z0-9+/=]+"', "", page)


def test_the_username_is_locked_from_another_address_too(coordinator):
    fail(Client(), "koordinator", 5, ip="10.0.0.1")
    response = Client().post(
        reverse("login"), {"username": "koordinator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429


def test_an_address_that_tries_many_usernames_is_locked(coordinator):
    client = Client()
    for n in range(5):
        fail(client, f"gjett{n}", 1, ip="10.0.0.5")
    response = client.post(reverse("login"), {"username": "koordinator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.5")
    assert response.status_code == 429
    elsewhere = Client().post(
        reverse("login"), {"username": "koordinator", "password": PASSWORD}, REMOTE_ADDR="10.0.0.6"
    )
    assert elsewhere.status_code == 302


def test_the_lock_ends_after_fifteen_minutes(coordinator):
    fail(Client(), "koordinator", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    assert response.status_code == 302


def test_failures_and_the_lockout_are_audited_with_the_typed_username_apart(coordinator):
    fail(Client(), "koordinator", 5)
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.count() == 5
    assert set(failed.values_list("attempted_username", "actor_username", "actor")) == {("koordinator", "", None)}
    lockout = AuditEvent.objects.get(action=AuditEvent.Action.LOCKOUT)
    assert (lockout.attempted_username, lockout.actor_username, lockout.ip) == ("koordinator", "", "127.0.0.1")


def test_the_admin_login_is_locked_as_well(admin):
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "feil", "next": "/admin/"})
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# Administrators ----------------------------------------------------------------------------------------------


def test_an_administrator_unlocks_and_it_is_audited(client_for, admin, coordinator):
    fail(Client(), "koordinator", 5)
    attempt = AccessAttempt.objects.get(username="koordinator")
    listing = client_for(admin).get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "koordinator" in listing.content.decode()
    response = client_for(admin).post(
        reverse("admin:axes_accessattempt_changelist"), {"action": "unlock", "_selected_action": [attempt.pk]}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.UNLOCK)
    assert (event.actor, event.attempted_username) == (admin, "koordinator")
    assert Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD}).status_code == 302


def test_nobody_else_sees_or_unlocks_the_lockouts(client_for, coordinator):
    fail(Client(), "koordinator", 5, ip="10.0.0.3")
    staff = UserFactory(username="stab", is_staff=True)
    for url in [reverse("admin:axes_accessattempt_changelist"), reverse("admin:accounts_failedsignin_changelist")]:
        assert client_for(staff).get(url).status_code in (302, 403)
    response = client_for(staff).post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "unlock", "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True))},
    )
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username="koordinator").exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UNLOCK).exists()


def test_the_admin_counts_failed_sign_ins_per_username(client_for, admin, coordinator):
    fail(Client(), "koordinator", 5, ip="10.0.0.1")
    fail(Client(), "politi", 2, ip="10.0.0.2")
    response = client_for(admin).get(reverse("admin:accounts_failedsignin_changelist"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r["attempted_username"], r["failures"], r["locked"]) for r in rows] == [
        ("koordinator", 5, True),
        ("politi", 2, False),
    ]
    assert "Mislykkede innlogginger per brukernavn" in response.content.decode()
