import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from slt.accounts.models import User
from slt.audit.models import AuditEvent
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def password_step(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def test_a_coordinator_sets_up_two_factor_and_signs_in_with_a_recovery_code(page, settings):
    settings.REQUIRE_SECOND_FACTOR = True
    UserFactory(username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR)

    password_step(page, "koordinator")
    expect(page).to_have_url(re.compile(r"/accounts/tofaktor/oppsett/"))
    expect(page.get_by_role("heading", name="Sett opp tofaktorinnlogging")).to_be_visible()
    expect(page.locator("svg.qr-code")).to_be_visible()
    expect(page.get_by_text("Demo", exact=True)).to_have_count(0)
    # Nowhere else until done.
    page.goto("/aktorer/")
    expect(page).to_have_url(re.compile(r"/accounts/tofaktor/oppsett/"))
    screenshot(page, "second-factor-enrol")

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    code = f"{totp(b32decode(secret)):06d}"
    field = page.get_by_label("Sekssifret kode fra autentiseringsappen")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_have_attribute("inputmode", "numeric")
    field.fill(code)
    page.get_by_role("button", name="Slå på tofaktorinnlogging").click()

    expect(page.get_by_role("heading", name="Gjenopprettingskodene dine")).to_be_visible()
    codes = page.get_by_role("list", name="Gjenopprettingskoder").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "second-factor-recovery-codes")
    page.get_by_role("link", name="Jeg har tatt vare på kodene – fortsett").click()
    expect(page.get_by_role("heading", name="Aktører")).to_be_visible()  # where the user was going
    page.goto("/")
    expect(page.get_by_role("heading", name="Velkommen, Kristin")).to_be_visible()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MFA_ENROL).count() == 1

    page.get_by_role("button", name="Kristin").click()
    page.get_by_role("button", name="Logg ut").click()
    password_step(page, "koordinator")
    expect(page).to_have_url(re.compile(r"/accounts/tofaktor/kode/"))
    page.get_by_text("Mistet telefonen? Bruk en gjenopprettingskode").click()
    page.get_by_role("textbox", name=re.compile(r"^Gjenopprettingskode")).fill(codes[0])
    page.get_by_role("button", name="Bruk gjenopprettingskode").click()
    expect(page.get_by_role("heading", name="Velkommen, Kristin")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="9 gjenopprettingskoder igjen")).to_be_visible()


def test_a_wrong_code_is_refused_in_norwegian(page, settings):
    settings.REQUIRE_SECOND_FACTOR = True
    UserFactory(username="politi", role=User.Role.POLICE)
    password_step(page, "politi")
    page.get_by_label("Sekssifret kode fra autentiseringsappen").fill("000000")
    page.get_by_role("button", name="Slå på tofaktorinnlogging").click()
    message = "Koden er feil eller utløpt. Prøv igjen med koden appen viser nå."
    expect(page.get_by_text(message, exact=True)).to_be_visible()  # at the field
    expect(page.get_by_role("link", name=f"Sekssifret kode fra autentiseringsappen: {message}")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/tofaktor/oppsett/"))


def test_the_demo_shows_its_banner(page, settings):
    settings.REQUIRE_SECOND_FACTOR = False
    page.goto("/accounts/login/")
    expect(page.get_by_role("note")).to_contain_text("tofaktorinnlogging er ikke påkrevd")
