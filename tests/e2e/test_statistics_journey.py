"""The statistics page in the browser: a steering-group member switches the unit from month to quarter to year,
chooses a period and a grouping, and sees the table change; the table fits 1366 px without sideways scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from slt.accounts.models import User
from tests.coordination.factories import ConcernFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, AreaFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 900}


def header_texts(page):
    return [text.strip() for text in page.locator("#statistics-table thead th").all_text_contents()]


def no_sideways_scroll(page):
    return page.evaluate(
        "() => [document.documentElement.scrollWidth <= document.documentElement.clientWidth,"
        " [...document.querySelectorAll('.table-responsive')].every((box) => box.scrollWidth <= box.clientWidth)]"
    )


@pytest.fixture
def steering_member():
    school = AgencyFactory(name="Sandnes ungdomsskole", kind="school")
    reporter = UserFactory(username="laerer", role=User.Role.AGENCY, agency=school)
    lura = AreaFactory(name="Lura")
    ConcernFactory.create_batch(6, reporter=reporter, area=lura, categories=["drugs"])
    ConcernFactory.create_batch(2, reporter=reporter, area=lura, categories=["bullying"])
    return UserFactory(
        username="styring",
        role=User.Role.STEERING,
        agency=AgencyFactory(name="Sandnes kommune", kind="other_municipal"),
    )


def test_the_steering_group_switches_units_periods_and_groupings(new_page, steering_member):
    today = timezone.localdate()
    page = new_page(viewport=WIDE)
    sign_in(page, "styring", PASSWORD)

    # The dashboard shows the compact summary, with a way to the whole page.
    summary = page.get_by_role("region", name="Statistikk")
    expect(summary.get_by_role("rowheader", name="Narkotika")).to_be_visible()
    summary.get_by_role("link", name="All statistikk").click()
    expect(page.get_by_role("heading", name="Statistikk", level=1)).to_be_visible()

    # Months first: twelve columns, and the table fits the screen.
    headers = header_texts(page)
    assert len(headers) == 14 and headers[0] == "Gruppe" and headers[-1] == "Totalt"
    assert no_sideways_scroll(page) == [True, True]
    drugs = page.locator("#statistics-table tbody tr", has_text="Narkotika")
    expect(drugs.locator("td").nth(11)).to_have_text("6")
    expect(page.locator("#statistics-table tbody tr", has_text="Mobbing").locator("td").nth(11)).to_have_text("< 5")
    # Mostly hidden: the page offers quarters.
    expect(page.get_by_role("link", name="Vis per kvartal")).to_be_visible()
    assert_accessible(page, "statistics by month")
    screenshot(page, "statistics-months")

    # Quarters.
    page.get_by_label("Per").select_option(label="Kvartal")
    page.get_by_role("button", name="Vis", exact=True).click()
    quarter = (today.month - 1) // 3 + 1
    expect(page.locator("#statistics-table thead th").nth(-2)).to_have_text(f"{quarter}. kv. {today.year}")

    # Years, over a chosen period from–to.
    page.get_by_label("Per").select_option(label="År")
    page.get_by_label("Fra").fill(f"{today.year - 2}-01-01")
    page.get_by_label("Til").fill(today.isoformat())
    page.get_by_role("button", name="Vis", exact=True).click()
    assert header_texts(page) == ["Gruppe", str(today.year - 2), str(today.year - 1), str(today.year), "Totalt"]
    expect(page.get_by_role("link", name="Vis per kvartal")).to_have_count(0)

    # Another grouping: by area.
    page.get_by_label("Vis", exact=True).select_option(label="Bekymringer etter område")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("heading", name="Bekymringer etter område")).to_be_visible()
    lura = page.locator("#statistics-table tbody tr", has_text="Lura")
    expect(lura.locator("td").nth(2)).to_have_text("8")
    expect(lura.locator("td").nth(3)).to_have_text("–")  # the earlier years are hidden "< 5": no row total
    assert no_sideways_scroll(page) == [True, True]

    # A bad period is a message on the form, not an error page.
    page.get_by_label("Fra").fill(today.isoformat())
    page.get_by_label("Til").fill((today - timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_text("Sluttdatoen er før startdatoen.", exact=True)).to_be_visible()
    # The error summary links the message to its own field, and the field is described by it.
    page.get_by_role("link", name="Til: Sluttdatoen er før startdatoen.").click()
    expect(page.get_by_label("Til")).to_be_focused()
    expect(page.get_by_label("Til")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Vis", exact=True)).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#statistics-table")).to_have_count(0)
    # One red box, not two: the summary replaces the page's own alert (kept for readers without JavaScript).
    expect(page.get_by_text("Tabellen ble ikke laget.")).to_be_hidden()
    expect(page.locator(".alert-danger:visible")).to_have_count(1)
    assert_accessible(page, "statistics with a bad period")
    screenshot(page, "statistics-bad-period")


def test_the_months_fit_a_phone_in_their_own_scroll_box(new_page, steering_member):
    page = new_page(viewport=PHONE)
    sign_in(page, "styring", PASSWORD)
    page.goto("/statistikk/")
    # The page itself never scrolls sideways; the wide table scrolls in its own labelled, focusable region.
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    region = page.get_by_role("region", name="Bekymringer etter kategori")
    expect(region).to_have_attribute("tabindex", "0")
    screenshot(page, "statistics-phone")
