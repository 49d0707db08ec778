"""The secretary writes the minutes on the meeting page itself: two items in place, Ctrl+S saves, the live
status says "Lagret"; the text is there after a reload; the items are reordered with the buttons; a file is
attached to an item."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import AgendaItem, Forum, Meeting, MeetingAttachment
from slt.accounts.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def meeting():
    school = AgencyFactory(name="Lura ungdomsskole", kind="school")
    secretary = UserFactory(username="skole", first_name="Sara", role=User.Role.AGENCY, agency=school)
    forum = Forum.objects.create(name="SLT koordineringsgruppe", kind="coordination")
    forum.members.set([secretary])
    start = timezone.now() + timedelta(days=2)
    meeting = Meeting.objects.create(
        forum=forum,
        title="Koordineringsgruppen desember",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Rådhuset",
        secretary=secretary,
    )
    meeting.invitees.set([secretary])
    for number, title in enumerate(["Rus i helgene", "Skolevei", "Eventuelt"], start=1):
        AgendaItem.objects.create(meeting=meeting, position=number, title=title)
    return meeting


def test_the_secretary_writes_the_minutes_on_one_page(new_page, meeting):
    page = new_page(viewport={"width": 1366, "height": 900})
    first, second, third = meeting.agenda.order_by("position")
    sign_in(page, "skole", PASSWORD)
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_role("heading", name="Koordineringsgruppen desember")).to_be_visible()
    status = page.get_by_role("status").filter(has=page.locator("#minutes-status"))

    # Item 1: write, then Ctrl+S in the field; the item is saved in place (no page load).
    page.evaluate("() => { window.__samePage = true; }")
    item1 = page.locator(f"#agenda-{first.pk}")
    item1.get_by_label("Referat").fill("Skolen melder om mer alkohol på fester.")
    item1.get_by_label("Vedtak").fill("Foreldremøte om rus på Lura.")
    page.keyboard.press("Control+s")
    expect(status).to_contain_text("Lagret")
    expect(status).to_contain_text("sak 1")
    expect(item1.get_by_role("link", name="Tiltak fra vedtak i sak 1")).to_be_visible()
    # The cursor is still in the field it was in, so the secretary writes on.
    expect(item1.get_by_label("Vedtak")).to_be_focused()

    # Item 2: Cmd+S (as on a Mac) from the minutes field.
    item2 = page.locator(f"#agenda-{second.pk}")
    item2.get_by_label("Referat").fill("Trafikken ved skolen er farlig om morgenen.")
    page.keyboard.press("Meta+s")
    expect(status).to_contain_text("sak 2")
    assert page.evaluate("() => window.__samePage") is True

    # A refused save keeps the text and shows the error (the title is required).
    item2.get_by_text("Tittel og beskrivelse").click()
    item2.get_by_label("Tittel").fill("")
    item2.get_by_label("Referat").fill("Denne teksten må ikke forsvinne.")
    item2.get_by_role("button", name="Lagre sak 2").click()
    expect(status).to_contain_text("Ikke lagret")
    expect(item2.get_by_label("Referat")).to_have_value("Denne teksten må ikke forsvinne.")
    # The message is at the field; the error summary above the form links to it.
    expect(item2.get_by_text("Feltet er påkrevet.", exact=True)).to_be_visible()
    expect(item2.get_by_role("link", name="Tittel: Feltet er påkrevet.")).to_be_visible()
    item2.get_by_label("Tittel").fill("Skolevei")
    item2.get_by_role("button", name="Lagre sak 2").click()
    expect(status).to_contain_text("Lagret")

    page.reload()
    expect(page.locator(f"#agenda-{first.pk}").get_by_label("Referat")).to_have_value(
        "Skolen melder om mer alkohol på fester."
    )
    expect(page.locator(f"#agenda-{second.pk}").get_by_label("Referat")).to_have_value(
        "Denne teksten må ikke forsvinne."
    )
    assert_accessible(page, "the meeting page")

    # Reorder with the buttons, by keyboard: "Eventuelt" up one place (in place, no page load).
    page.evaluate("() => { window.__samePage = true; }")
    move_up = page.get_by_role("button", name="Flytt opp – sak 3")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Saken «Eventuelt» er nå nummer 2.")
    expect(page.locator(f"#agenda-{third.pk}-title")).to_have_text("2. Eventuelt")
    expect(page.locator(f"#agenda-{second.pk}-title")).to_have_text("3. Skolevei")
    assert list(meeting.agenda.order_by("position").values_list("title", flat=True)) == [
        "Rus i helgene",
        "Eventuelt",
        "Skolevei",
    ]
    assert page.evaluate("() => window.__samePage") is True

    # Attach a file to "Skolevei".
    page.get_by_label(re.compile(r"^\s*Fil\W*$")).set_input_files(
        {"name": "Kart over skolevei.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Hører til").select_option(label="3. Skolevei")
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_text("Filen Kart over skolevei.pdf er lagt ved.")).to_be_visible()
    attachment = MeetingAttachment.objects.get()
    assert attachment.agenda_item_id == second.pk
    link = page.locator(f"#agenda-{second.pk}").get_by_role("link", name="Kart over skolevei.pdf")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Kart over skolevei.pdf"
    assert_accessible(page, "the meeting page with an attachment")
    screenshot(page, "meeting-minutes-desktop")


def test_the_page_works_on_a_phone_and_a_file_of_another_kind_is_refused(new_page, meeting):
    page = new_page(viewport=PHONE)
    sign_in(page, "skole", PASSWORD)
    page.goto(meeting.get_absolute_url())
    page.get_by_label(re.compile(r"^\s*Fil\W*$")).set_input_files(
        {"name": "referat.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 not a pdf"}
    )
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_text("Filen ble ikke lagt ved: se meldingen under Vedlegg.")).to_be_visible()
    attachments = page.locator("#attachments")
    expect(attachments.get_by_role("alert", name="Skjemaet må rettes")).to_contain_text(
        "Denne filtypen kan ikke legges ved."
    )
    expect(attachments.get_by_text("Denne filtypen kan ikke legges ved.")).to_have_count(2)  # summary and field
    assert not MeetingAttachment.objects.exists()
    assert_accessible(page, "the meeting page on a phone")
    screenshot(page, "meeting-minutes-phone")
