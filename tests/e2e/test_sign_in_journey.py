import re

import pytest
from playwright.sync_api import expect

from slt.accounts.models import User
from slt.audit.models import AuditEvent
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_switches_to_english_and_signs_out(page, new_page):
    UserFactory(username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR)

    sign_in(page, "koordinator", PASSWORD)
    expect(page.get_by_role("heading", name="Velkommen, Kristin")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("link", name="Aktører").first).to_be_visible()
    screenshot(page, "dashboard-nb")

    page.get_by_role("button", name="Kristin").click()  # the language is chosen in the user menu
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Welcome, Kristin")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert User.objects.get(username="koordinator").preferred_language == "en"

    page.get_by_role("button", name="Kristin").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).count() == 1

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))


def test_the_menu_folds_on_a_phone(new_page):
    UserFactory(username="skole", first_name="Sara", role=User.Role.AGENCY)
    page = new_page(viewport=PHONE)
    sign_in(page, "skole", PASSWORD)
    menu_link = page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Aktører")
    expect(menu_link).to_be_hidden()
    page.get_by_role("button", name="Vis meny").click()
    expect(menu_link).to_be_visible()
    screenshot(page, "dashboard-phone")
    menu_link.click()
    expect(page.get_by_role("heading", name="Aktører")).to_be_visible()


def test_a_wrong_password_shows_a_message_in_norwegian(page):
    UserFactory(username="politi", role=User.Role.POLICE)
    page.goto("/accounts/login/")
    page.get_by_label("Brukernavn").fill("politi")
    page.get_by_label("Passord").fill("feil")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("alert")).to_contain_text("Vennligst oppgi korrekt brukernavn og passord")
    screenshot(page, "login-failed")
