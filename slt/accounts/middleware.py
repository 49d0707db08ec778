import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

SESSION_STARTED = "slt_started_at"
SESSION_LAST_SEEN = "slt_last_seen"
LAST_SEEN_RESOLUTION = 60  # seconds; saves a session write on most requests


class SessionLifetimeMiddleware:
    """Signs a user out after `SESSION_IDLE_TIMEOUT` idle and `SESSION_MAX_AGE` in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED)
        last_seen = session.get(SESSION_LAST_SEEN)
        if started is None or last_seen is None:
            session[SESSION_STARTED] = started or now
            session[SESSION_LAST_SEEN] = now
            return
        if now - started > settings.SESSION_MAX_AGE:
            reason = _("You have been signed out because the session is more than 12 hours old.")
        elif now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            reason = _("You have been signed out after 30 minutes without activity.")
        else:
            if now - last_seen > LAST_SEEN_RESOLUTION:
                session[SESSION_LAST_SEEN] = now
            return
        logout(request)
        messages.info(request, reason)


class LanguageMiddleware:
    """Norwegian Bokmål unless the user (or, signed out, the language cookie) chose otherwise.

    The browser's Accept-Language is ignored on purpose: the product speaks Norwegian by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = self._language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

    def _language(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language in self.available:
            return user.preferred_language
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.available:
            return cookie
        return settings.LANGUAGE_CODE


def second_factor_exempt(view_func):
    """Marks a view that a signed-in user may reach before the second step of sign-in (the code and
    enrolment pages themselves)."""
    view_func.second_factor_exempt = True
    return view_func


class SecondFactorMiddleware:
    """After the password, a user with an authenticator enters a code, and a user who must use a second
    factor but has none sets one up; until then every other page sends them there (the sign-out, the
    language switch and pages open without sign-in still work). The answer is kept in the session, so
    this costs a query once per sign-in, not per request."""

    OPEN_URL_NAMES = frozenset({"logout"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        if getattr(view_func, "second_factor_exempt", False) or not getattr(view_func, "login_required", True):
            return None
        if request.resolver_match and request.resolver_match.url_name in self.OPEN_URL_NAMES:
            return None
        from .second_factor import second_factor_step

        step = second_factor_step(request)
        if not step:
            return None
        target = reverse("second_factor_verify" if step == "verify" else "second_factor_enrol")
        if request.method == "GET" and not request.headers.get("HX-Request"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(target)
