"""Browser journey on a phone (390 × 844): the action items, the concerns, the notices and the safety walks each
show at least four compact cards on the first screen; "Filtrer" unfolds the filters, a chosen status shows as a
chip, and the chip's × removes it again."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import ActionItem, Concern
from slt.accounts.models import User
from tests.coordination.factories import ActionItemFactory, ConcernFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, SCREENSHOTS, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, UserFactory
from tests.notifications.factories import NoticeFactory
from tests.walks.factories import SafetyWalkFactory
from walks.models import SafetyWalk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROWS = "main tbody tr, main .list-group-item"


def _fill():
    agency = AgencyFactory(name="Sandnes kommune – SLT")
    coordinator = UserFactory(username="koordinator", role=User.Role.COORDINATOR, agency=agency)
    school = AgencyFactory(name="Lura ungdomsskole", kind="school")
    for n in range(6):
        ActionItemFactory(
            title=f"Belysning i undergang {n}",
            responsible_agency=school,
            status=ActionItem.Status.IN_PROGRESS if n % 2 else ActionItem.Status.OPEN,
        )
        ConcernFactory(
            reporter=coordinator,
            categories=["drugs", "absence"],
            status=Concern.Status.ASSESSMENT if n % 2 else Concern.Status.NEW,
        )
        SafetyWalkFactory(
            title=f"Skoleveien til Lura {n}",
            status=SafetyWalk.Status.PUBLISHED if n % 2 else SafetyWalk.Status.PLANNED,
            published_at=timezone.now() if n % 2 else None,
        )
        NoticeFactory(recipient=coordinator, read_at=timezone.now() if n % 2 else None)


def _cards_on_first_screen(page) -> int:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
             .filter((row) => row.getBoundingClientRect().height > 0 && row.getBoundingClientRect().bottom <= window.innerHeight)
             .length""",
        ROWS,
    )


@pytest.mark.parametrize(
    ("url", "status", "chip", "htmx", "name"),
    [
        ("/tiltak/", "Åpen", "Fjern filter: Status: Åpen", True, "action-items"),
        ("/bekymringer/", "Ny", "Fjern filter: Status: Ny", True, "concerns"),
        ("/varsler/", "Uleste", "Fjern filter: Status: Uleste", False, "notices"),
        ("/trygghetsvandringer/", "Planlagt", "Fjern filter: Status: Planlagt", False, "walks"),
    ],
)
def test_a_list_on_a_phone_shows_four_cards_and_folds_its_filters(new_page, url, status, chip, htmx, name):
    _fill()
    page = new_page(viewport=PHONE)
    sign_in(page, "koordinator", PASSWORD)
    page.goto(url)
    expect(page.locator(ROWS).first).to_be_visible()
    assert page.locator(ROWS).count() == 6
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"phone-{name}-first-screen.png"))
    assert _cards_on_first_screen(page) >= 4
    screenshot(page, f"phone-{name}")

    panel = page.locator("#filter-panel")
    status_field = panel.get_by_label("Status")
    expect(status_field).to_be_hidden()
    toggle = page.get_by_role("button", name="Filtrer")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert_accessible(page, f"{url} on a phone")

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(status_field).to_be_visible()
    assert_accessible(page, f"{url} with the filters open")
    status_field.select_option(label=status)
    if not htmx:
        panel.get_by_role("button", name="Vis treff").click()
    remove = page.get_by_role("link", name=chip)
    expect(remove).to_be_visible()
    expect(page.locator(ROWS)).to_have_count(3)
    expect(page.get_by_role("button", name="Filtrer 1 aktivt filter")).to_be_visible()
    assert_accessible(page, f"{url} filtered")

    remove.click()
    expect(page.get_by_role("link", name=chip)).to_have_count(0)
    expect(page.locator(ROWS)).to_have_count(6)
    expect(page.get_by_role("button", name="Filtrer", exact=True)).to_be_visible()


def test_on_a_wide_screen_the_filters_are_open_and_the_table_has_its_columns(page):
    _fill()
    sign_in(page, "koordinator", PASSWORD)
    page.goto("/tiltak/")
    expect(page.get_by_role("columnheader", name="Ansvarlig aktør")).to_be_visible()
    expect(page.locator("#filter-panel").get_by_label("Status")).to_be_visible()
    expect(page.get_by_role("button", name="Filtrer")).to_be_hidden()
