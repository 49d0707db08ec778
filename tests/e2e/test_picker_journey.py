"""The people picker on a phone: the coordinator searches, taps two people, saves the meeting's invitees and sees
them on the meeting page; the count, "choose all" in a group and the keyboard work without a mouse."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import ActionItem, Forum, Meeting
from slt.accounts.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import DESKTOP, PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, AreaFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting():
    area = AreaFactory(name="Lura")
    slt = AgencyFactory(name="Sandnes kommune – SLT", kind="other_municipal", area=area)
    police = AgencyFactory(name="Sandnes politistasjon", kind="police", area=area)
    school = AgencyFactory(name="Lura ungdomsskole", kind="school", area=area)
    coordinator = UserFactory(username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR, agency=slt)
    UserFactory(username="politi", first_name="Petter", last_name="Politi", role=User.Role.POLICE, agency=police)
    UserFactory(username="politi2", first_name="Pia", last_name="Patrulje", role=User.Role.POLICE, agency=police)
    UserFactory(username="skole", first_name="Sara", last_name="Lærer", agency=school)
    UserFactory(username="skole2", first_name="Sindre", last_name="Rektor", agency=school)
    forum = Forum.objects.create(name="SLT koordineringsgruppe", kind="coordination", mandate="Følge opp tiltak.")
    start = timezone.now() + timedelta(days=3)
    meeting = Meeting.objects.create(
        forum=forum, title="Koordineringsgruppen januar", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    meeting.invitees.set([coordinator])
    return meeting


def test_the_coordinator_picks_two_people_by_search_and_tapping_on_a_phone(new_page, meeting):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    sign_in(page, "koordinator", PASSWORD)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Endre").click()

    invitees = page.get_by_role("group", name="Inviterte")
    search = invitees.get_by_label("Søk etter person eller aktør")
    expect(search).to_be_visible()
    expect(invitees.get_by_text("1 valgt")).to_be_visible()  # the coordinator is invited already

    # Filter as one types: the police group shows only Petter; the school disappears.
    search.fill("pett")
    expect(invitees.get_by_label("Petter Politi")).to_be_visible()
    expect(invitees.get_by_label("Pia Patrulje")).to_be_hidden()
    expect(invitees.get_by_role("group", name="Lura ungdomsskole")).to_be_hidden()
    row = invitees.locator("label.picker-row", has_text="Petter Politi")
    assert row.bounding_box()["height"] >= 44  # a touch target
    row.tap()
    expect(invitees.get_by_label("Petter Politi")).to_be_checked()

    # Search by the agency's name: the whole group shows.
    search.fill("lura")
    expect(invitees.get_by_label("Sara Lærer")).to_be_visible()
    expect(invitees.get_by_label("Sindre Rektor")).to_be_visible()
    invitees.locator("label.picker-row", has_text="Sara Lærer").tap()
    expect(invitees.get_by_text("3 valgt")).to_be_visible()

    search.fill("ingen slik person")
    expect(invitees.get_by_text("Ingen treff.")).to_be_visible()
    search.press("Escape")  # clears the search; Enter in the box never sends the form
    expect(invitees.get_by_label("Pia Patrulje")).to_be_visible()
    search.press("Enter")
    expect(search).to_be_focused()
    assert meeting.invitees.count() == 1  # nothing was sent

    assert_accessible(page, "the picker on a phone")
    screenshot(page, "picker-meeting-invitees-phone")

    page.get_by_role("button", name="Lagre").tap()
    expect(page.get_by_role("heading", name="Koordineringsgruppen januar")).to_be_visible()
    invited = page.locator("section", has=page.get_by_role("heading", name="Invitert", exact=True))
    expect(invited.get_by_text("Petter Politi")).to_be_visible()
    expect(invited.get_by_text("Sara Lærer")).to_be_visible()
    expect(invited.get_by_text("Pia Patrulje")).to_have_count(0)
    assert set(meeting.invitees.values_list("username", flat=True)) == {"koordinator", "politi", "skole"}


def test_choose_all_in_a_group_with_the_keyboard_on_a_desktop(new_page, meeting):
    page = new_page(viewport=DESKTOP)
    sign_in(page, "koordinator", PASSWORD)
    page.goto(f"/moter/{meeting.pk}/endre/")
    invitees = page.get_by_role("group", name="Inviterte")
    police = invitees.get_by_role("group", name="Sandnes politistasjon")
    choose_all = police.get_by_role("button", name="Velg alle – Sandnes politistasjon")
    choose_all.focus()
    page.keyboard.press("Enter")
    expect(police.get_by_label("Petter Politi")).to_be_checked()
    expect(police.get_by_label("Pia Patrulje")).to_be_checked()
    expect(invitees.get_by_text("3 valgt")).to_be_visible()
    expect(police.get_by_role("button", name="Fjern alle – Sandnes politistasjon")).to_be_visible()

    # Space on a focused checkbox unticks it.
    police.get_by_label("Pia Patrulje").focus()
    page.keyboard.press("Space")
    expect(police.get_by_label("Pia Patrulje")).not_to_be_checked()
    expect(invitees.get_by_text("2 valgt")).to_be_visible()

    assert_accessible(page, "the picker with the keyboard")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "picker-meeting-invitees-desktop")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Koordineringsgruppen januar")).to_be_visible()
    assert set(meeting.invitees.values_list("username", flat=True)) == {"koordinator", "politi"}


def test_a_single_choice_is_found_by_typing_and_chosen_by_tapping_its_row(new_page, meeting):
    """The action item form's responsible agency (required): nothing is chosen at first; typing filters the rows
    and hides the groups without a match; tapping a row chooses it."""
    AgencyFactory(name="Ganddal ungdomsskole", kind="school")
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    sign_in(page, "koordinator", PASSWORD)
    page.goto("/tiltak/nytt/")
    agency = page.get_by_role("group", name="Ansvarlig aktør")
    expect(agency.get_by_role("radio")).to_have_count(4)  # no "none" choice on a required field
    expect(agency.locator("input:checked")).to_have_count(0)

    search = agency.get_by_label("Søk etter aktør")
    search.press_sequentially("lura")
    expect(agency.get_by_role("radio", name="Lura ungdomsskole")).to_be_visible()
    expect(agency.get_by_role("radio", name="Ganddal ungdomsskole")).to_be_hidden()
    expect(agency.get_by_role("radio", name="Sandnes politistasjon")).to_be_hidden()
    expect(agency.get_by_role("group", name="Politi")).to_be_hidden()
    row = agency.locator("label.picker-row", has_text="Lura ungdomsskole")
    assert row.bounding_box()["height"] >= 44  # a touch target
    row.tap()
    expect(agency.get_by_role("radio", name="Lura ungdomsskole")).to_be_checked()
    assert_accessible(page, "the agency picker of an action item")
    screenshot(page, "picker-action-item-agency-phone")

    page.get_by_label("Tittel").fill("Foreldremøte om rus")
    page.get_by_label("Frist").fill((timezone.localdate() + timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Opprett tiltak").tap()
    expect(page.get_by_role("heading", name="Foreldremøte om rus")).to_be_visible()
    assert ActionItem.objects.get().responsible_agency.name == "Lura ungdomsskole"


def test_an_optional_single_choice_keeps_its_none_choice_in_view_while_searching(new_page, meeting):
    """The meeting's secretary (optional): the "none" radio stands above the groups, checked while no one is
    chosen; the search never hides it; choosing it again clears the secretary."""
    page = new_page(viewport=DESKTOP)
    sign_in(page, "koordinator", PASSWORD)
    page.goto(f"/moter/{meeting.pk}/endre/")
    secretary = page.get_by_role("group", name="Referent")
    none = secretary.locator(".picker-none input[type=radio]")
    expect(none).to_be_checked()

    secretary.get_by_label("Søk etter person eller aktør").press_sequentially("pett")
    expect(none).to_be_visible()
    expect(secretary.get_by_role("radio", name="Pia Patrulje")).to_be_hidden()
    secretary.locator("label.picker-row", has_text="Petter Politi").click()
    expect(none).not_to_be_checked()
    assert_accessible(page, "the secretary picker while searching")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Koordineringsgruppen januar")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.secretary.username == "politi"

    page.goto(f"/moter/{meeting.pk}/endre/")
    expect(secretary.get_by_role("radio", name="Petter Politi")).to_be_checked()
    secretary.locator(".picker-none label").click()
    expect(none).to_be_checked()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Koordineringsgruppen januar")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.secretary is None
