"""In the browser: printed minutes carry the municipality's letterhead, and a form sent with an expired CSRF token
lands on the product's page with a way back to the form."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Agency, AgendaItem
from slt.accounts.models import User
from tests.coordination.factories import MeetingFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator():
    return UserFactory(username="koordinator", role=User.Role.COORDINATOR)


def test_printed_minutes_carry_the_letterhead(page, new_page, coordinator, settings):
    settings.SLT_MUNICIPALITY_NAME = "Bjørnafjorden kommune"
    start = timezone.now() - timedelta(hours=2)
    meeting = MeetingFactory(title="Koordineringsmøte", starts_at=start, ends_at=start + timedelta(hours=1))
    AgendaItem.objects.create(meeting=meeting, title="Rus i helgene", minutes="Mer alkohol på fester.")
    sign_in(page, "koordinator", PASSWORD)
    page.goto(f"/moter/{meeting.pk}/referat/")
    letterhead = page.locator(".letterhead")
    expect(letterhead).to_contain_text("Bjørnafjorden kommune")
    assert page.locator(".letterhead img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert_accessible(page, "minutes")
    screenshot(page, "words-minutes-screen")
    page.emulate_media(media="print")
    expect(letterhead).to_be_visible()  # print.css hides the navigation, not the letterhead
    expect(page.get_by_role("button", name="Skriv ut")).to_be_hidden()
    screenshot(page, "words-minutes-print")

    phone = new_page(viewport=PHONE)
    sign_in(phone, "koordinator", PASSWORD)
    phone.goto(f"/moter/{meeting.pk}/referat/")
    expect(phone.locator(".letterhead")).to_be_visible()
    screenshot(phone, "words-minutes-phone")


def test_an_expired_form_explains_and_leads_back(page, coordinator):
    sign_in(page, "koordinator", PASSWORD)
    page.goto("/aktorer/ny/")
    page.locator("#id_name").fill("Ny aktør fra et gammelt skjema")
    page.context.clear_cookies(name="csrftoken")  # as after a long pause or a sign-in in another tab
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_role("heading", name="Skjemaet er utløpt")).to_be_visible()
    assert not Agency.objects.filter(name="Ny aktør fra et gammelt skjema").exists()
    assert_accessible(page, "expired form")
    screenshot(page, "words-csrf-expired")
    page.get_by_role("link", name="Åpne siden på nytt").click()
    page.wait_for_url("**/aktorer/ny/")
    expect(page.locator("#id_name")).to_be_visible()
