"""`make run` debugs with DEBUG on: a refused action and a failed CSRF check still show the product's own pages,
in the user's language (a failed CSRF check also without DEBUG, instead of Django's bare English page)."""

import pytest
from django.test import Client
from django.urls import reverse

from coordination.models import Agency
from slt.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REFUSED = "Du har ikke tilgang til å gjøre dette"
EXPIRED = "Skjemaet er utløpt"


@pytest.mark.parametrize("debug", [True, False])
def test_a_refused_action_shows_the_product_s_403_page(client_for, coordinator, settings, debug):
    settings.DEBUG = debug
    response = client_for(coordinator).get(reverse("audit:access_report"))
    assert response.status_code == 403
    assert REFUSED in response.text and '<html lang="nb">' in response.text
    assert "Traceback" not in response.text and "<h1>403 Forbidden</h1>" not in response.text


def _signed_in_without_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("debug", [True, False])
def test_a_form_without_a_valid_token_gets_the_product_s_page_and_saves_nothing(coordinator, settings, debug):
    settings.DEBUG = debug
    client = _signed_in_without_csrf(coordinator)
    before = Agency.objects.count()
    response = client.post(
        reverse("coordination:agency_create"),
        {"name": "Falsk aktør", "kind": "school"},
        HTTP_REFERER="http://testserver/aktorer/ny/",
    )
    assert response.status_code == 403
    assert Agency.objects.count() == before
    page = response.text
    assert EXPIRED in page and "CSRF verification failed" not in page
    assert 'href="http://testserver/aktorer/ny/">Åpne siden på nytt</a>' in page  # back to the form
    assert ("CSRF cookie not set" in page) is debug  # the reason only for the developer


def test_a_foreign_referer_is_not_offered_as_the_way_back(coordinator):
    response = _signed_in_without_csrf(coordinator).post(
        reverse("coordination:agency_create"), {"name": "X"}, HTTP_REFERER="https://evil.example/aktorer/ny/"
    )
    assert response.status_code == 403
    assert "evil.example" not in response.text
    assert f'href="{reverse("coordination:agency_create")}">Åpne siden på nytt</a>' in response.text


def test_the_sign_in_form_with_an_old_token_explains_in_norwegian(coordinator):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "koordinator", "password": "x"})
    assert response.status_code == 403
    assert EXPIRED in response.text
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_the_page_follows_the_user_s_language(coordinator):
    coordinator.preferred_language = "en"
    coordinator.save(update_fields=["preferred_language"])
    response = _signed_in_without_csrf(coordinator).post(reverse("coordination:agency_create"), {"name": "X"})
    assert response.status_code == 403 and "The form has expired" in response.text
