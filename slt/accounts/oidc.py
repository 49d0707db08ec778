"""Optional sign-in with the municipality's identity provider (OpenID Connect; Entra ID in most places).

mozilla-django-oidc does the protocol (state, nonce, PKCE, the token request, the ID token's signature checked
against the provider's JWKS); this module decides who gets in: an existing, active user whose e-mail address
matches the provider's `email` claim (case-insensitive). The provider never creates a user and never gives a
role. Everything here is off while OIDC_RP_CLIENT_ID is unset.
"""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

LOGGER = logging.getLogger(__name__)


DISCOVERY_CACHE_SECONDS = 24 * 60 * 60
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_ISSUER": "issuer",
}


def oidc_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def provider_settings() -> dict[str, str]:
    """The provider's endpoints and issuer: as set, and what is not set from its discovery document
    (OIDC_OP_DISCOVERY_URL, fetched when first needed and cached for a day; never at start-up)."""
    values = {name: getattr(settings, name) for name in ENDPOINTS}
    if settings.OIDC_OP_DISCOVERY_URL and not all(values.values()):
        key = "oidc-discovery:" + settings.OIDC_OP_DISCOVERY_URL
        document = cache.get(key)
        if document is None:
            response = requests.get(settings.OIDC_OP_DISCOVERY_URL, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = {field: str(response.json().get(field) or "") for field in ENDPOINTS.values()}
            cache.set(key, document, DISCOVERY_CACHE_SECONDS)
        values = {name: value or document[ENDPOINTS[name]] for name, value in values.items()}
    return values


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Django makes a backend for every sign-in, the password ones too: nothing here may reach the network.
        self.UserModel = get_user_model()

    def _configure(self):
        super().__init__()
        endpoints = provider_settings()
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints["OIDC_OP_TOKEN_ENDPOINT"]
        self.OIDC_OP_USER_ENDPOINT = endpoints["OIDC_OP_USER_ENDPOINT"]
        self.OIDC_OP_JWKS_ENDPOINT = endpoints["OIDC_OP_JWKS_ENDPOINT"]
        self.issuer = endpoints["OIDC_OP_ISSUER"]

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; a password sign-in never reaches the provider.
        if not oidc_enabled() or request is None or "nonce" not in kwargs:
            return None
        try:
            self._configure()
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:  # a token that fails verification: a refusal, not an error page
            LOGGER.warning("OIDC sign-in refused: %s", exc)
            request.slt_oidc_problem = getattr(request, "slt_oidc_problem", "") or "token"
        except (requests.RequestException, ValueError) as exc:  # the provider did not answer properly
            LOGGER.warning("OIDC provider error: %s", exc)
            request.slt_oidc_problem = "provider"
        return None

    def verify_token(self, token, **kwargs):
        """The signature (and nonce) as mozilla-django-oidc checks them, plus audience and issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued to another client.")
        if self.issuer and payload.get("iss") != self.issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("email"))

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        self.request.slt_oidc_email = email
        if not email:
            return self.UserModel.objects.none()
        users = self.UserModel.objects.filter(email__iexact=email, is_active=True)
        if not users:
            self.request.slt_oidc_problem = "unknown"
        elif len(users) > 1:
            self.request.slt_oidc_problem = "ambiguous"
        return users

    def create_user(self, claims):
        raise SuspiciousOperation("The identity provider never creates users.")

    def update_user(self, user, claims):
        # Nothing from the provider is copied: not the name, and never a role.
        return user


@method_decorator(login_not_required, name="dispatch")
class AuthenticateView(OIDCAuthenticationRequestView):
    def get(self, request):
        if not oidc_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_settings()["OIDC_OP_AUTHORIZATION_ENDPOINT"]
        except (requests.RequestException, ValueError) as exc:
            LOGGER.warning("OIDC discovery failed: %s", exc)
            messages.error(request, _("The identity provider does not answer. Sign in with username and password."))
            return HttpResponseRedirect(reverse("login"))
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        if not oidc_enabled():
            raise Http404
        return super().get(request)

    def login_failure(self):
        problem = getattr(self.request, "slt_oidc_problem", "")
        if problem == "unknown":
            message = _(
                "No active user in SLT has the e-mail address your identity provider gave. "
                "Ask the SLT administrator to add you, or sign in with username and password."
            )
        elif problem == "ambiguous":
            message = _(
                "More than one user in SLT has the e-mail address your identity provider gave. "
                "Ask the SLT administrator to fix it, or sign in with username and password."
            )
        else:
            message = _("Sign-in with the identity provider did not succeed. Try again, or use username and password.")
        with transaction.atomic():
            record_event(
                actor=None,
                action=AuditEvent.Action.LOGIN_FAILED,
                object_type="accounts.user",
                attempted_username=getattr(self.request, "slt_oidc_email", ""),
                details={"method": "oidc", "reason": problem or "provider"},
            )
        messages.error(self.request, message)
        return HttpResponseRedirect(self.failure_url)
