from django.conf import settings

from .oidc import oidc_enabled


def sign_in(request):
    """The demo banner (while the second factor is relaxed) and the identity provider's button."""
    return {
        "second_factor_relaxed": not settings.REQUIRE_SECOND_FACTOR,
        "oidc_enabled": oidc_enabled(),
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
    }
