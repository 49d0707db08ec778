import hashlib
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from . import forms, roles, second_factor
from .middleware import second_factor_exempt
from .services import user_set_language


@login_not_required
@require_POST
def set_language(request):
    """Switch nb/en: stored on the user when signed in, in a cookie either way."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("core:dashboard")
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


# Second factor -----------------------------------------------------------------------------------------------


def _next_url(request, default="core:dashboard"):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return next_url
    return reverse(default)


@never_cache
@second_factor_exempt
def second_factor_verify(request):
    """The second step of sign-in: a code from the app, or one of the recovery codes."""
    step = second_factor.second_factor_step(request)
    if step == "enrol":
        return redirect(f"{reverse('second_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    if not step:
        return HttpResponseRedirect(_next_url(request))
    code_form = forms.OneTimeCodeForm(request.POST if "code" in request.POST else None)
    recovery_form = forms.RecoveryCodeForm(request.POST if "recovery_code" in request.POST else None)
    form = code_form if code_form.is_bound else recovery_form if recovery_form.is_bound else None
    if form is not None and form.is_valid():
        device = second_factor.verify_sign_in_code(
            user=request.user,
            code=form.cleaned_data.get("code", ""),
            recovery_code=form.cleaned_data.get("recovery_code", ""),
        )
        if device is not None:
            second_factor.mark_second_factor_done(request, device)
            if form is recovery_form:
                left = second_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code. %(count)d recovery code is left.",
                        "You signed in with a recovery code. %(count)d recovery codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return HttpResponseRedirect(_next_url(request))
        # Also under the attempted username: a wrong code after the right password is worth counting.
        record_event(
            actor=request.user,
            action=AuditEvent.Action.LOGIN_FAILED,
            obj=request.user,
            attempted_username=request.user.get_username(),
            details={"step": "second_factor"},
        )
        form.add_error(None, _("The code is wrong or has expired. Try again."))
    return render(
        request,
        "accounts/second_factor_verify.html",
        {
            "code_form": code_form,
            "recovery_form": recovery_form,
            "next": _next_url(request),
            "recovery_open": recovery_form.is_bound,
        },
    )


@never_cache
@second_factor_exempt
def second_factor_enrol(request):
    """Set up an authenticator app: QR code and the secret as text, confirmed with the first code."""
    if second_factor.has_second_factor(request.user):
        if second_factor.second_factor_step(request) == "verify":
            return redirect("second_factor_verify")
        return redirect("second_factor_settings")
    device = second_factor.totp_enrolment_start(actor=request.user)
    form = forms.OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.totp_enrolment_confirm(actor=request.user, token=form.cleaned_data["code"])
        if codes is not None:
            second_factor.mark_second_factor_done(request, second_factor.confirmed_totp_device(request.user))
            request.session[second_factor.SESSION_NEW_RECOVERY_CODES] = codes
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(f"{reverse('second_factor_recovery_codes')}?{urlencode({'next': _next_url(request)})}")
        form.add_error("code", _("The code is wrong or has expired. Try again with the code the app shows now."))
    secret = second_factor.totp_secret_text(device)
    return render(
        request,
        "accounts/second_factor_enrol.html",
        {
            "form": form,
            "qr_svg": second_factor.totp_qr_svg(device, title=_("QR code for the authenticator app")),
            "secret": secret,
            "required": roles.must_use_second_factor(request.user),
            "next": _next_url(request),
        },
    )


@never_cache
def second_factor_recovery_codes(request):
    """The new recovery codes, shown once."""
    codes = request.session.pop(second_factor.SESSION_NEW_RECOVERY_CODES, None)
    if not codes:
        return redirect("second_factor_settings")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


def second_factor_settings(request):
    """Status, set up, remove (when not required), new recovery codes."""
    user = request.user
    return render(
        request,
        "accounts/second_factor.html",
        {
            "enabled": second_factor.has_second_factor(user),
            "codes_left": second_factor.recovery_codes_left(user),
            "required": roles.must_use_second_factor(user),
            "expected": roles.second_factor_expected(user),
            "can_remove": roles.can_remove_second_factor(user),
        },
    )


@require_POST
def second_factor_regenerate(request):
    try:
        codes = second_factor.recovery_codes_regenerate(actor=request.user)
    except PermissionDenied:
        messages.error(request, _("Set up two-factor authentication first."))
        return redirect("second_factor_settings")
    request.session[second_factor.SESSION_NEW_RECOVERY_CODES] = codes
    return redirect("second_factor_recovery_codes")


@require_POST
def second_factor_remove(request):
    try:
        second_factor.second_factor_remove(actor=request.user)
    except PermissionDenied:
        messages.error(request, _("Your role requires two-factor authentication: it cannot be switched off."))
        return redirect("second_factor_settings")
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("second_factor_settings")


# Lockout and password reset ----------------------------------------------------------------------------------


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out username or address: the sign-in page with one message, the same
    whether or not the username exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = AuthenticationForm(request)
    form.cleaned_data = {}
    form.add_error(
        None,
        ngettext(
            "Too many failed sign-ins. Try again in %(minutes)d minute.",
            "Too many failed sign-ins. Try again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )
    return render(request, "registration/login.html", {"form": form, "next": ""}, status=429)


class RateLimitedPasswordResetView(PasswordResetView):
    """At most PASSWORD_RESET_PER_ADDRESS e-mails per address and PASSWORD_RESET_PER_IP per client address
    an hour; past the limit nothing is sent, and the page says the same as always."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        limited = password_reset_limited(email=email, ip=get_client_ip_address(self.request) or "")
        with transaction.atomic():
            record_event(
                actor=None,
                action=AuditEvent.Action.PASSWORD_RESET,
                object_type="accounts.user",
                attempted_username=email,
                details={"limited": limited},
            )
        if limited:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def password_reset_limited(*, email: str, ip: str) -> bool:
    """Counts this request against the address and the client; True when either is over its limit."""
    window = settings.PASSWORD_RESET_WINDOW
    over = False
    for kind, value, limit in (
        ("address", email, settings.PASSWORD_RESET_PER_ADDRESS),
        ("ip", ip, settings.PASSWORD_RESET_PER_IP),
    ):
        key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        over = over or count > limit
    return over
