from django.conf import settings

from .oidc import oidc_enabled
from .second_factor import SESSION_SECOND_FACTOR_DONE


def sign_in(request):
    """The demo banner (while the second factor is relaxed) and the identity provider's button."""
    return {
        "second_factor_relaxed": not settings.REQUIRE_SECOND_FACTOR,
        "oidc_enabled": oidc_enabled(),
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
        # Half-way through sign-in (code or enrolment still to come): the menu is not shown.
        "second_factor_pending": _pending(request),
    }


def _pending(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(
        match is not None
        and match.url_name in {"second_factor_verify", "second_factor_enrol"}
        and request.user.is_authenticated
        and not request.session.get(SESSION_SECOND_FACTOR_DONE)
    )
