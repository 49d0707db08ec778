"""Keyboard use: a form with errors is sent and corrected with the keyboard alone (the error summary takes the
focus, its links move the focus to the field, each field is linked to its error); focus is visible; the main
menu stays on one row at 1366 px with the less-used modules under "Mer"; a table that scrolls sideways on a
phone is a labelled region in the tab order."""

import re

import pytest
from playwright.sync_api import expect

from coordination.models import Agency
from tests.e2e.accessibility import axe_violations, describe
from tests.e2e.conftest import PHONE, sign_in
from tests.factories import PASSWORD, AgencyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP_WIDE = {"width": 1366, "height": 800}


def tab_to(page, predicate, limit=80):
    """Press Tab until the focused element satisfies the JavaScript `predicate` (given the element)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"no element matching {predicate} in the first {limit} tab stops")


def focused(page, expression):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def test_an_empty_form_sent_by_keyboard_shows_a_summary_that_leads_to_each_field(new_page, coordinator):
    page = new_page(viewport=DESKTOP_WIDE)
    sign_in(page, coordinator.username, PASSWORD)
    agencies_before = Agency.objects.count()
    page.goto("/aktorer/ny/")
    tab_to(page, "(el) => el.type === 'submit' && el.closest('main form') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aktorer/ny/")
    summary = page.locator("main form .error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    assert Agency.objects.count() == agencies_before  # nothing saved

    first_link = summary.get_by_role("link").first
    expect(first_link).to_contain_text("Navn")
    target = first_link.get_attribute("href")
    assert target == "#id_name"
    page.keyboard.press("Tab")
    expect(first_link).to_be_focused()
    page.keyboard.press("Enter")
    name = page.locator("#id_name")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    described_by = name.get_attribute("aria-describedby").split()
    error_texts = [page.locator(f"[id='{error_id}']").inner_text() for error_id in described_by]
    assert "Feltet er påkrevet." in error_texts, error_texts

    # Corrected by keyboard, the form is saved.
    page.keyboard.type("Tryggere Sandnes")
    kind = page.locator("#id_kind")
    if kind.get_attribute("aria-invalid") == "true":
        kind.focus()
        page.keyboard.press("ArrowDown")
    tab_to(page, "(el) => el.type === 'submit' && el.closest('main form') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/aktorer/ny/" not in url)
    assert Agency.objects.filter(name="Tryggere Sandnes").exists()


def test_focus_is_visible_on_links_buttons_and_fields(new_page, coordinator):
    page = new_page(viewport=DESKTOP_WIDE)
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/aktorer/ny/")
    seen = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        tag = focused(page, "el.tagName + (el.type ? ':' + el.type : '')")
        style = focused(page, "(() => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; })()")
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, f"{tag}: outline {style}"
        seen.add(tag.split(":")[0])
    assert {"A", "INPUT"} <= seen, seen


def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_content(new_page, coordinator):
    page = new_page(viewport=DESKTOP_WIDE)
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/aktorer/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_main_menu_stays_on_one_row_at_1366_px(new_page, coordinator):
    # The most modules a user can see: a coordinator who is also radicalisation contact and youth coordinator.
    coordinator.is_radicalisation_contact = coordinator.is_youth_coordinator = True
    coordinator.save()
    page = new_page(viewport=DESKTOP_WIDE)
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/")
    navbar = page.locator("nav.navbar")
    height = navbar.bounding_box()["height"]
    assert height < 70, f"the main menu is {height} px high"
    links = page.locator("#main-nav > .navbar-nav > .nav-item:visible")
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert links.count() >= 6
    assert len(tops) == 1, tops
    expect(
        page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ungdomsoppfølging")
    ).to_be_visible()
    # The modules that do not fit are under "Mer", reachable by keyboard.
    more = page.get_by_role("button", name="Mer")
    more.focus()
    page.keyboard.press("Enter")
    expect(more).to_have_attribute("aria-expanded", "true")
    statistics = page.locator(".dropdown-menu").get_by_role("link", name="Statistikk")
    expect(statistics).to_be_visible()
    statistics.click()
    page.wait_for_url("**/statistikk/")
    expect(page.get_by_role("button", name="Mer")).to_have_class(re.compile(r"\bactive\b"))


def test_the_brand_link_has_a_name_and_the_menu_links_have_enough_contrast(new_page, coordinator):
    page = new_page(viewport=PHONE)
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/")
    expect(page.get_by_role("link", name="SLT Kriminalitetsforebygging")).to_be_visible()
    page.get_by_role("button", name="Vis meny").click()
    # In the folded menu every module is a plain link: no "Mer" inside the menu.
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Statistikk")).to_be_visible()
    expect(page.get_by_role("button", name="Mer")).to_be_hidden()
    in_menu = [v for v in axe_violations(page) if any("nav" in node or "navbar" in node for node in v["nodes"])]
    assert not in_menu, describe(in_menu)


def test_a_wide_table_on_a_phone_is_a_labelled_region_in_the_tab_order(new_page, coordinator):
    page = new_page(viewport=PHONE)
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/statistikk/")
    scroller = page.locator(".table-responsive").first
    assert scroller.evaluate("(el) => el.scrollWidth > el.clientWidth + 1"), "the table fits: nothing to check"
    expect(scroller).to_have_attribute("tabindex", "0")
    expect(scroller).to_have_attribute("role", "region")
    expect(scroller).to_have_accessible_name("Bekymringer etter kategori")  # named by the table's heading
    scroller.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=scroller.element_handle())
    assert not [v for v in axe_violations(page) if v["id"] == "scrollable-region-focusable"]

    # A table that fits is no extra tab stop.
    AgencyFactory(name="Lura ungdomsskole", kind="school")
    page.set_viewport_size(DESKTOP_WIDE)
    page.goto("/aktorer/")
    fitting = page.locator(".table-responsive").first
    assert fitting.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1")
    expect(fitting).not_to_have_attribute("tabindex", "0")
    expect(fitting).not_to_have_attribute("role", "region")
