"""Optional OpenID Connect sign-in, against a stub provider: real state/nonce handling and real signature checks
of an ID token signed with a key made here; only the provider's HTTP endpoints are stubbed."""

import functools
import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from slt.accounts.models import User
from slt.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.example/tenant/v2.0"
CLIENT_ID = "slt-test-client"


@functools.cache
def _key(name):
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class StubProvider:
    """The token, userinfo and JWKS endpoints of an identity provider."""

    def __init__(self):
        self.key = _key("provider")
        self.signing_key = self.key
        self.claims = {}
        self.email = ""
        self.nonce = ""
        self.discovery_fetches = 0

    def id_token(self):
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": CLIENT_ID, "sub": "abc", "iat": now, "exp": now + 300, "nonce": self.nonce}
        payload.update(self.claims)
        return jwt.encode(payload, self.signing_key, algorithm="RS256", headers={"kid": "key-1"})

    def post(self, url, data=None, **kwargs):
        assert url == "https://idp.example/token"
        assert data["client_id"] == CLIENT_ID and data["code"] == "the-code" and data["code_verifier"]
        return _Response({"id_token": self.id_token(), "access_token": "access", "token_type": "Bearer"})

    def get(self, url, headers=None, **kwargs):
        if url == "https://idp.example/.well-known/openid-configuration":
            self.discovery_fetches += 1
            return _Response(
                {
                    "issuer": ISSUER,
                    "authorization_endpoint": "https://idp.example/authorize",
                    "token_endpoint": "https://idp.example/token",
                    "userinfo_endpoint": "https://idp.example/userinfo",
                    "jwks_uri": "https://idp.example/keys",
                }
            )
        if url == "https://idp.example/keys":
            jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
            return _Response({"keys": [{**jwk, "kid": "key-1", "alg": "RS256", "use": "sig"}]})
        assert url == "https://idp.example/userinfo"
        assert headers["Authorization"] == "Bearer access"
        return _Response({"sub": "abc", "email": self.email})


class _Response:
    status_code = 200
    url = ""
    text = ""
    headers = {"content-type": "application/json"}

    def __init__(self, body):
        self.body = body

    def json(self):
        return self.body

    def raise_for_status(self):
        return None


@pytest.fixture
def provider(settings, monkeypatch):
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/keys"
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_PROVIDER_NAME = "Sandnes kommune"
    stub = StubProvider()
    import mozilla_django_oidc.auth

    monkeypatch.setattr(mozilla_django_oidc.auth.requests, "post", stub.post)
    monkeypatch.setattr(mozilla_django_oidc.auth.requests, "get", stub.get)
    return stub


def sign_in_through(provider, email, client=None):
    client = client or Client()
    start = client.get(reverse("oidc_authentication_init") + "?next=/aktorer/")
    assert start.status_code == 302
    query = parse_qs(urlparse(start.url).query)
    assert start.url.startswith("https://idp.example/authorize?")
    assert query["client_id"] == [CLIENT_ID] and query["code_challenge_method"] == ["S256"]
    provider.nonce = query["nonce"][0]
    provider.email = email
    response = client.get(reverse("oidc_authentication_callback"), {"code": "the-code", "state": query["state"][0]})
    return client, response


def assert_refused(client, response, *, reason):
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session
    assert "Innloggingen hos identitetsleverandøren lyktes ikke" in client.get(response.url).content.decode()
    assert AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED).details == {"method": "oidc", "reason": reason}


def test_it_is_off_when_not_configured():
    page = Client().get(reverse("login")).content.decode()
    assert "oidc" not in page
    assert Client().get(reverse("oidc_authentication_init")).status_code == 404
    assert Client().get(reverse("oidc_authentication_callback"), {"code": "x", "state": "y"}).status_code == 404


def test_the_button_shows_when_configured(provider):
    page = Client().get(reverse("login")).content.decode()
    assert "Logg inn med Sandnes kommune" in page
    assert reverse("oidc_authentication_init") in page


def test_an_existing_user_is_matched_by_email_whatever_the_case(provider, coordinator):
    coordinator.email = "Kristin.Koordinator@Sandnes.example"
    coordinator.save(update_fields=["email"])
    client, response = sign_in_through(provider, "kristin.koordinator@sandnes.EXAMPLE")
    assert response.status_code == 302
    assert response.url == "/aktorer/"
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    coordinator.refresh_from_db()
    assert coordinator.role == User.Role.COORDINATOR
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN, actor=coordinator).exists()


def test_the_provider_never_creates_a_user_or_gives_a_role(provider):
    provider.claims = {"roles": ["admin"], "email": "ny@sandnes.example"}
    count = User.objects.count()
    client, response = sign_in_through(provider, "ny@sandnes.example")
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == count
    page = client.get(response.url).content.decode()
    assert "Ingen aktiv bruker i SLT har e-postadressen" in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (event.attempted_username, event.actor_username) == ("ny@sandnes.example", "")
    assert event.details == {"method": "oidc", "reason": "unknown"}


def test_an_inactive_user_is_not_signed_in(provider):
    UserFactory(username="sluttet", email="sluttet@sandnes.example", is_active=False)
    client, response = sign_in_through(provider, "sluttet@sandnes.example")
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_two_users_with_the_same_address_are_refused(provider):
    UserFactory(username="a", email="felles@sandnes.example")
    UserFactory(username="b", email="FELLES@sandnes.example")
    client, response = sign_in_through(provider, "felles@sandnes.example")
    assert "_auth_user_id" not in client.session
    assert "Flere enn én bruker" in client.get(response.url).content.decode()


def test_a_token_signed_with_another_key_is_refused(provider, coordinator):
    provider.signing_key = _key("attacker")
    client, response = sign_in_through(provider, coordinator.email)
    assert_refused(client, response, reason="token")


def test_a_token_for_another_client_is_refused(provider, coordinator):
    provider.claims = {"aud": "another-client"}
    client, response = sign_in_through(provider, coordinator.email)
    assert_refused(client, response, reason="token")


def test_a_token_from_another_issuer_is_refused(provider, coordinator):
    provider.claims = {"iss": "https://evil.example"}
    client, response = sign_in_through(provider, coordinator.email)
    assert_refused(client, response, reason="token")


def test_a_replayed_nonce_is_refused(provider, coordinator):
    client = Client()
    client.get(reverse("oidc_authentication_init"))
    state = next(iter(client.session["oidc_states"]))
    provider.nonce = "not-the-one-we-sent"
    provider.email = coordinator.email
    response = client.get(reverse("oidc_authentication_callback"), {"code": "the-code", "state": state})
    assert_refused(client, response, reason="token")


def test_a_provider_that_fails_gives_a_message_not_an_error_page(provider, coordinator, monkeypatch):
    import mozilla_django_oidc.auth
    import requests

    def down(*args, **kwargs):
        raise requests.ConnectionError("no route to host")

    monkeypatch.setattr(mozilla_django_oidc.auth.requests, "post", down)
    client, response = sign_in_through(provider, coordinator.email)
    assert_refused(client, response, reason="provider")


def test_the_endpoints_come_from_the_discovery_document_when_not_set(provider, settings, coordinator):
    for name in [
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
        "OIDC_OP_ISSUER",
    ]:
        setattr(settings, name, "")
    settings.OIDC_OP_DISCOVERY_URL = "https://idp.example/.well-known/openid-configuration"
    client, response = sign_in_through(provider, coordinator.email)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    assert provider.discovery_fetches == 1  # cached after the first use

    provider.claims = {"iss": "https://evil.example"}  # the issuer from the document is checked
    client, response = sign_in_through(provider, coordinator.email)
    assert_refused(client, response, reason="token")


def test_a_provider_that_does_not_answer_never_stops_password_sign_in(provider, settings, monkeypatch, coordinator):
    import mozilla_django_oidc.auth
    import requests

    from tests.factories import PASSWORD

    def down(*args, **kwargs):
        raise requests.ConnectionError("no route to host")

    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    settings.OIDC_OP_DISCOVERY_URL = "https://idp.example/.well-known/openid-configuration"
    monkeypatch.setattr(mozilla_django_oidc.auth.requests, "get", down)
    response = Client().post(reverse("login"), {"username": "koordinator", "password": PASSWORD})
    assert response.status_code == 302
    start = Client().get(reverse("oidc_authentication_init"), follow=True)
    assert start.redirect_chain[-1][0] == reverse("login")
    assert "Identitetsleverandøren svarer ikke" in start.content.decode()


def test_by_default_it_does_not_count_as_the_second_factor(provider, settings, coordinator):
    settings.REQUIRE_SECOND_FACTOR = True
    client, _ = sign_in_through(provider, coordinator.email)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("second_factor_enrol"))


def test_it_counts_as_the_second_factor_when_set(provider, settings, coordinator):
    settings.REQUIRE_SECOND_FACTOR = True
    settings.OIDC_COUNTS_AS_SECOND_FACTOR = True
    client, _ = sign_in_through(provider, coordinator.email)
    assert client.get(reverse("core:dashboard")).status_code == 200
