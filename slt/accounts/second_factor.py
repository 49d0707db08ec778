"""Two-factor authentication: reads and writes around django-otp's TOTP and static (recovery code) devices.

A user has at most one TOTP device (an authenticator app) and one static device holding their recovery codes.
The TOTP device is created unconfirmed when enrolment starts and confirmed by the first correct code.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from . import roles
from .models import User

RECOVERY_CODE_COUNT = 10
# Set in the session once the user has passed (or does not need) the second step of this sign-in.
SESSION_SECOND_FACTOR_DONE = "slt_second_factor_done"
DONE_WITH_DEVICE = "device"
# The recovery codes to show once, right after they were made.
SESSION_NEW_RECOVERY_CODES = "slt_new_recovery_codes"
OIDC_BACKEND = "slt.accounts.oidc.OIDCBackend"


# Reads -------------------------------------------------------------------------------------------------------


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand (screen readers, no camera)."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The otpauth:// address as an inline SVG QR code (drawn by segno; no script, no external request)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title=title, svgclass="qr-code")
    return mark_safe(svg)  # segno's own markup; the only text in it is our translated title


def verify_sign_in_code(*, user, code: str = "", recovery_code: str = ""):
    """The device that accepts the code (django-otp throttles repeated wrong codes), or None."""
    if code:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    elif recovery_code:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    else:
        device = None
    if device is None:
        return None
    return otp_verify_token(user, device.persistent_id, code or recovery_code)


def second_factor_step(request) -> str:
    """What a signed-in session still has to do: "" (nothing), "verify" (enter a code) or "enrol" (set up)."""
    user = request.user
    done = request.session.get(SESSION_SECOND_FACTOR_DONE)
    if done:
        if done != DONE_WITH_DEVICE or user.is_verified():
            return ""
        # The device this session was verified with is gone (an administrator reset it): decide again.
        del request.session[SESSION_SECOND_FACTOR_DONE]
    if user.is_verified() or _oidc_counts(request):
        step = ""
    elif has_second_factor(user):
        step = "verify"
    elif roles.must_use_second_factor(user):
        step = "enrol"
    else:
        step = ""
    if not step:
        request.session[SESSION_SECOND_FACTOR_DONE] = True
    return step


def _oidc_counts(request) -> bool:
    return settings.OIDC_COUNTS_AS_SECOND_FACTOR and request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND


def mark_second_factor_done(request, device) -> None:
    """The session has passed the second step with `device` (TOTP or a recovery code)."""
    otp_login(request, device)
    request.session[SESSION_SECOND_FACTOR_DONE] = DONE_WITH_DEVICE


def forget_second_factor_step(session) -> None:
    """A new sign-in decides again (called when a user signs in)."""
    session.pop(SESSION_SECOND_FACTOR_DONE, None)


# Writes ------------------------------------------------------------------------------------------------------


@transaction.atomic
def totp_enrolment_start(*, actor: User) -> TOTPDevice:
    """The unconfirmed authenticator device whose QR code the enrolment page shows (made once, then reused
    until confirmed, so that reloading the page does not change the secret under the user's phone)."""
    User.objects.select_for_update().get(pk=actor.pk)
    if TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise PermissionDenied
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, actor: User, token: str) -> list[str] | None:
    """Confirm the pending device with a code from the app. Returns the new recovery codes, or None when the
    code is wrong (nothing changes then)."""
    User.objects.select_for_update().get(pk=actor.pk)
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None or TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        return None
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    codes = _new_recovery_codes(actor)
    record_event(actor=actor, action=AuditEvent.Action.MFA_ENROL, obj=actor, details={"device": "totp"})
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, actor: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    User.objects.select_for_update().get(pk=actor.pk)
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise PermissionDenied
    codes = _new_recovery_codes(actor)
    record_event(actor=actor, action=AuditEvent.Action.MFA_ENROL, obj=actor, details={"device": "recovery_codes"})
    return codes


@transaction.atomic
def second_factor_remove(*, actor: User) -> None:
    """A user who is not required to use a second factor switches it off."""
    User.objects.select_for_update().get(pk=actor.pk)
    if not roles.can_remove_second_factor(actor):
        raise PermissionDenied
    removed = _delete_devices(actor)
    if removed:
        record_event(actor=actor, action=AuditEvent.Action.MFA_RESET, obj=actor, details={"by": "self"})


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> bool:
    """An administrator removes a user's authenticator and recovery codes (a lost phone); the user sets up a
    new one at the next sign-in. Returns whether there was anything to remove."""
    if not roles.can_reset_second_factor(actor):
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=user.pk)
    removed = _delete_devices(user)
    if removed:
        record_event(actor=actor, action=AuditEvent.Action.MFA_RESET, obj=user, details={"by": "admin"})
    return removed


def _new_recovery_codes(user: User) -> list[str]:
    # The same device with new tokens: a session verified with a recovery code stays verified.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    StaticToken.objects.filter(device=device).delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _delete_devices(user: User) -> bool:
    totp, _ = TOTPDevice.objects.filter(user=user).delete()
    static, _ = StaticDevice.objects.filter(user=user).delete()
    return bool(totp or static)
