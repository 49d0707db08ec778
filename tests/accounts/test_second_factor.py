"""Two-factor authentication: required for the sensitive roles, offered to everyone, enrolment, codes, reset."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from slt.accounts import roles
from slt.accounts.models import User
from slt.accounts.second_factor import RECOVERY_CODE_COUNT
from slt.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.REQUIRE_SECOND_FACTOR = True


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrolled(user, codes=("abcd2345", "efgh6789")) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=static, token=code)
    return device


def signed_in_with_password(username) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


# Who must use it ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("admin", True),
        ("coordinator", True),
        ("police", True),
        ("radicalisation_contact", True),
        ("youth_coordinator", True),
        ("agency_member", False),
        ("steering", False),
    ],
)
def test_the_sensitive_roles_must_use_a_second_factor(request, required, fixture, expected):
    user = request.getfixturevalue(fixture)
    assert roles.must_use_second_factor(user) is expected
    assert roles.second_factor_expected(user) is expected


def test_the_demo_setting_relaxes_it_for_every_role(settings, coordinator):
    settings.REQUIRE_SECOND_FACTOR = False
    assert roles.second_factor_expected(coordinator)
    assert not roles.must_use_second_factor(coordinator)


def test_production_requires_it_by_default():
    import subprocess
    import sys

    from django.conf import settings

    code = "import django; django.setup(); from django.conf import settings; print(settings.REQUIRE_SECOND_FACTOR)"
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "slt.settings", "DJANGO_SECRET_KEY": "x"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "True", result.stderr


# Enrolment ---------------------------------------------------------------------------------------------------


def test_a_coordinator_without_a_second_factor_is_sent_to_set_one_up_and_nowhere_else(required, coordinator):
    client = signed_in_with_password("koordinator")
    for url in [reverse("core:dashboard"), "/aktorer/", reverse("notifications:profile"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("second_factor_enrol")), url
    page = client.get(reverse("second_factor_enrol"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and 'class="qr-code"' in body
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    import base64

    assert base64.b32decode(secret) == device.bin_key
    assert 'autocomplete="one-time-code"' in body and 'inputmode="numeric"' in body
    # Sign-out still works.
    assert client.post(reverse("logout")).status_code == 302


def test_reloading_the_enrolment_page_keeps_the_same_secret(required, coordinator):
    client = signed_in_with_password("koordinator")
    first = client.get(reverse("second_factor_enrol")).context["secret"]
    second = client.get(reverse("second_factor_enrol")).context["secret"]
    assert first == second
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


def test_a_wrong_code_at_enrolment_changes_nothing(required, coordinator):
    client = signed_in_with_password("koordinator")
    client.get(reverse("second_factor_enrol"))
    response = client.post(reverse("second_factor_enrol"), {"code": "000000"})
    assert response.status_code == 200
    assert "Koden er feil eller utløpt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MFA_ENROL).exists()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_a_code_that_is_not_six_digits_gets_a_clear_message(required, coordinator):
    client = signed_in_with_password("koordinator")
    client.get(reverse("second_factor_enrol"))
    response = client.post(reverse("second_factor_enrol"), {"code": "12ab"})
    assert response.status_code == 200
    assert "Skriv inn de seks sifrene appen viser" in response.content.decode()


def test_enrolment_with_a_real_code_shows_ten_recovery_codes_once_and_opens_the_platform(required, coordinator):
    client = signed_in_with_password("koordinator")
    client.get(reverse("second_factor_enrol") + "?next=/aktorer/")
    device = TOTPDevice.objects.get(user=coordinator)
    response = client.post(reverse("second_factor_enrol"), {"code": code_for(device), "next": "/aktorer/"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor_recovery_codes"))
    device.refresh_from_db()
    assert device.confirmed

    codes_page = client.get(response.url)
    codes = codes_page.context["codes"]
    assert len(codes) == RECOVERY_CODE_COUNT == 10
    body = codes_page.content.decode()
    assert all(code in body for code in codes)
    assert 'href="/aktorer/"' in body
    assert sorted(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)) == sorted(codes)
    # Shown once only.
    again = client.get(reverse("second_factor_recovery_codes"))
    assert again.status_code == 302
    assert again.url == reverse("second_factor_settings")

    assert client.get(reverse("core:dashboard")).status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.MFA_ENROL)
    assert (event.actor, event.object_id) == (coordinator, str(coordinator.pk))


# The second step of sign-in ----------------------------------------------------------------------------------


def test_a_user_with_an_authenticator_is_asked_for_the_code(required, coordinator):
    device = enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor_verify"))
    page = client.get(response.url)
    assert 'autocomplete="one-time-code"' in page.content.decode()
    done = client.post(reverse("second_factor_verify"), {"code": code_for(device), "next": "/aktorer/"})
    assert done.status_code == 302
    assert done.url == "/aktorer/"
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_the_code_page_never_sends_the_user_off_site(required, coordinator):
    device = enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    page = client.get(reverse("second_factor_verify") + "?next=https://evil.example/")
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    done = client.post(reverse("second_factor_verify"), {"code": code_for(device), "next": "https://evil.example/"})
    assert done.url == reverse("core:dashboard")


def test_an_agency_member_who_chose_a_second_factor_is_asked_too(settings, agency_member):
    settings.REQUIRE_SECOND_FACTOR = False  # even in the demo: a user's own choice counts
    enrolled(agency_member)
    client = signed_in_with_password("skole")
    response = client.get(reverse("core:dashboard"))
    assert response.url.startswith(reverse("second_factor_verify"))


def test_a_wrong_code_keeps_the_user_out_and_is_audited(required, coordinator):
    enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    response = client.post(reverse("second_factor_verify"), {"code": "000000"})
    assert response.status_code == 200
    assert "Koden er feil eller utløpt" in response.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor == coordinator
    assert event.details == {"step": "second_factor"}
    assert event.attempted_username == "koordinator"


def test_a_recovery_code_works_once(required, coordinator):
    enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    response = client.post(reverse("second_factor_verify"), {"recovery_code": " ABCD 2345 "}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:dashboard")
    assert "1 gjenopprettingskode igjen" in response.content.decode()
    assert list(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)) == ["efgh6789"]

    other = signed_in_with_password("koordinator")
    refused = other.post(reverse("second_factor_verify"), {"recovery_code": "abcd2345"})
    assert refused.status_code == 200
    assert other.get(reverse("core:dashboard")).status_code == 302


def test_every_sign_in_asks_again(required, coordinator):
    device = enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    client.post(reverse("second_factor_verify"), {"code": code_for(device)})
    assert client.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_a_user_who_need_not_use_it_signs_in_with_the_password_alone(required, agency_member):
    client = signed_in_with_password("skole")
    assert client.get(reverse("core:dashboard")).status_code == 200


# The profile: status, set up, remove, new codes --------------------------------------------------------------


def test_the_profile_shows_the_status(required, client_for, agency_member):
    client = client_for(agency_member)
    profile = client.get(reverse("notifications:profile")).content.decode()
    assert "Tofaktorinnlogging" in profile and '<span class="badge text-bg-secondary">Av</span>' in profile
    enrolled(agency_member)
    page = client.get(reverse("second_factor_settings"))
    assert page.status_code == 200
    assert page.context["enabled"] and page.context["codes_left"] == 2


def test_an_agency_member_sets_up_and_removes_it(required, client_for, agency_member):
    client = client_for(agency_member)
    client.get(reverse("second_factor_enrol"))
    device = TOTPDevice.objects.get(user=agency_member)
    client.post(reverse("second_factor_enrol"), {"code": code_for(device)})
    assert TOTPDevice.objects.filter(user=agency_member, confirmed=True).exists()

    response = client.post(reverse("second_factor_remove"), follow=True)
    assert "Tofaktorinnlogging er slått av" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=agency_member).exists()
    assert not StaticDevice.objects.filter(user=agency_member).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.MFA_RESET)
    assert (event.actor, event.details) == (agency_member, {"by": "self"})


def test_a_coordinator_cannot_remove_it(required, coordinator):
    device = enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    client.post(reverse("second_factor_verify"), {"code": code_for(device)})
    response = client.post(reverse("second_factor_remove"), follow=True)
    assert response.status_code == 200
    assert "kan ikke slås av" in response.content.decode()
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert StaticToken.objects.filter(device__user=coordinator).count() == 2
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MFA_RESET).exists()


def test_new_recovery_codes_replace_the_old(required, agency_member):
    device = enrolled(agency_member)
    client = signed_in_with_password("skole")
    client.post(reverse("second_factor_verify"), {"code": code_for(device)})
    response = client.post(reverse("second_factor_regenerate"))
    assert response.url == reverse("second_factor_recovery_codes")
    codes = client.get(response.url).context["codes"]
    tokens = set(StaticToken.objects.filter(device__user=agency_member).values_list("token", flat=True))
    assert tokens == set(codes) and len(tokens) == 10
    assert "abcd2345" not in tokens
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MFA_ENROL, details={"device": "recovery_codes"}).exists()


def test_a_session_that_used_a_recovery_code_stays_in_when_making_new_codes(required, coordinator):
    enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    client.post(reverse("second_factor_verify"), {"recovery_code": "abcd2345"})
    client.post(reverse("second_factor_regenerate"))
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10


def test_new_recovery_codes_need_an_authenticator_first(client_for, agency_member):
    response = client_for(agency_member).post(reverse("second_factor_regenerate"))
    assert response.status_code == 302
    assert not StaticDevice.objects.filter(user=agency_member).exists()


# Administrators reset a lost phone ---------------------------------------------------------------------------


def test_an_administrator_resets_a_users_second_factor(client_for, admin, coordinator):
    enrolled(coordinator)
    response = client_for(admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [coordinator.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.MFA_RESET)
    assert (event.actor, event.object_id, event.details) == (admin, str(coordinator.pk), {"by": "admin"})


def test_after_a_reset_the_users_open_session_must_set_up_a_new_one(required, admin, coordinator):
    device = enrolled(coordinator)
    client = signed_in_with_password("koordinator")
    client.post(reverse("second_factor_verify"), {"code": code_for(device)})
    assert client.get(reverse("core:dashboard")).status_code == 200
    from slt.accounts.second_factor import second_factor_reset

    assert second_factor_reset(actor=admin, user=coordinator)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor_enrol"))


def test_nobody_else_resets_a_second_factor(client_for, coordinator, police):
    enrolled(police)
    staff_coordinator = UserFactory(username="koordinator2", role=User.Role.COORDINATOR, is_staff=True)
    for user in (coordinator, staff_coordinator):
        response = client_for(user).post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [police.pk]},
        )
        assert response.status_code in (302, 403)
        assert TOTPDevice.objects.filter(user=police, confirmed=True).exists()
    from django.core.exceptions import PermissionDenied

    from slt.accounts.second_factor import second_factor_reset

    with pytest.raises(PermissionDenied):
        second_factor_reset(actor=staff_coordinator, user=police)
    assert TOTPDevice.objects.filter(user=police, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MFA_RESET).exists()


def test_the_admin_does_not_show_the_authenticator_secrets(client_for, admin):
    assert client_for(admin).get("/admin/otp_totp/totpdevice/").status_code == 404


# The demo banner ---------------------------------------------------------------------------------------------


def test_the_demo_banner_shows_on_every_page_while_relaxed(settings, client_for, agency_member):
    settings.REQUIRE_SECOND_FACTOR = False
    assert "Demo" in Client().get(reverse("login")).content.decode()
    assert "tofaktorinnlogging er ikke påkrevd" in client_for(agency_member).get("/").content.decode()


def test_the_demo_banner_shows_in_the_admin_too(settings, client_for, admin):
    settings.REQUIRE_SECOND_FACTOR = False
    assert "tofaktorinnlogging er ikke påkrevd" in client_for(admin).get("/admin/").content.decode()
    assert "tofaktorinnlogging er ikke påkrevd" in Client().get("/admin/login/").content.decode()


def test_no_banner_when_required(required, client_for, agency_member):
    assert "tofaktorinnlogging er ikke påkrevd" not in Client().get(reverse("login")).content.decode()
    assert "tofaktorinnlogging er ikke påkrevd" not in client_for(agency_member).get("/").content.decode()
