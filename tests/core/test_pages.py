"""The shell: dashboard by role, error pages in Norwegian."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_agency_registry_to_every_role(client_for, any_role_user):
    response = client_for(any_role_user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    keys = {module.key for module in response.context["modules"]}
    assert "agencies" in keys


def test_only_administrators_see_the_administration_link(client_for, admin, coordinator):
    assert reverse("admin:index") in client_for(admin).get(reverse("core:dashboard")).content.decode()
    assert reverse("admin:index") not in client_for(coordinator).get(reverse("core:dashboard")).content.decode()


def test_the_page_has_landmarks_a_skip_link_and_a_print_stylesheet(client_for, coordinator):
    body = client_for(coordinator).get(reverse("core:dashboard")).content.decode()
    assert 'href="#main"' in body
    assert '<main id="main"' in body
    assert "<header>" in body and "<footer" in body
    assert 'media="print"' in body
    assert "cdn" not in body.lower()


def test_an_unknown_page_answers_404_in_norwegian(client_for, coordinator):
    response = client_for(coordinator).get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_a_server_error_answers_500_in_norwegian(client_for, coordinator, monkeypatch):
    from slt.core.registry import registry

    def explode(user):
        raise RuntimeError("boom")

    monkeypatch.setattr(registry, "menu_for", explode)
    client = client_for(coordinator)
    client.raise_request_exception = False
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()


def test_static_files_come_from_the_site_not_a_cdn():
    body = Client().get(reverse("login")).content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in body
    assert "https://" not in body
