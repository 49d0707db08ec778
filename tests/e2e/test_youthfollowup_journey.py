"""Youth follow-up in the browser: from the referral through both consents, the prosecutor's decision, the youth
plan meeting and the plan, to the first follow-up meeting; then a police officer on the team writes a note."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from slt.accounts.models import User
from tests.e2e.conftest import DESKTOP, PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, UserFactory
from youthfollowup.models import FollowUpMeeting, ProgressNote, YouthCase
from youthfollowup.states import CaseState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    mediation = AgencyFactory(name="Konfliktrådet Sør-Vest", kind="other")
    police_station = AgencyFactory(name="Sandnes politistasjon", kind="police")
    return {
        "youth_coordinator": UserFactory(
            username="ungdomskoordinator",
            first_name="Unni",
            last_name="Ungdomskoordinator",
            role=User.Role.AGENCY,
            agency=mediation,
            is_youth_coordinator=True,
        ),
        "police": UserFactory(
            username="politi", first_name="Petter", last_name="Politi", role=User.Role.POLICE, agency=police_station
        ),
    }


def test_a_youth_case_from_referral_to_the_first_follow_up_meeting(new_page, people):
    today = timezone.localdate()
    offence_on = today - timedelta(days=40)
    birth_date = offence_on.replace(year=offence_on.year - 16) - timedelta(days=90)

    page = new_page(viewport=DESKTOP)
    sign_in(page, "ungdomskoordinator", PASSWORD)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ungdomsoppfølging").click()
    page.get_by_role("link", name="Registrer henvisning").click()
    expect(page.get_by_role("heading", name="Registrer henvisning")).to_be_visible()

    # The referral: the youth, the prosecutor, the offence and the guardian.
    page.get_by_label("Fornavn").fill("Mathias")
    page.get_by_label("Etternavn").fill("Sørbø")
    page.get_by_label("Fødselsdato").fill(birth_date.isoformat())
    page.get_by_label("Ungdommens telefon").fill("912 34 567")
    page.get_by_label("Påtalejurist").fill("Politiadvokat Hanne Vik")
    page.get_by_label("Påtalemyndighet", exact=False).first.fill("Sør-Vest politidistrikt")
    page.get_by_role("textbox", name=re.compile(r"^Lovbruddet")).fill("Innbrudd i bod og tyveri av sykkel.")
    page.get_by_label("Dato for lovbruddet").fill(offence_on.isoformat())
    page.get_by_label("Strafferamme").select_option(label="Inntil 1 år")
    page.get_by_label("Foresattes navn").fill("Liv Sørbø")
    page.get_by_label("Foresattes relasjon").select_option(label="Mor")
    screenshot(page, "youth-01-referral")
    page.get_by_role("button", name="Registrer henvisningen").click()

    case = YouthCase.objects.get()
    expect(page.get_by_role("heading", name=re.compile(f"Sak {case.number}"))).to_be_visible()
    expect(page.get_by_text(f"Henvisningen er registrert som sak {case.number}.")).to_be_visible()
    assert (case.state, case.initials, case.age_at_offence) == (CaseState.REFERRED, "M.S.", 16)

    # Both consents: the youth's, then the guardian's.
    page.get_by_role("link", name="Registrer samtykke").first.click()
    page.get_by_label("Ungdommen").check()
    page.get_by_label("Signert skjema").check()
    page.get_by_role("button", name="Registrer samtykket").click()
    expect(page.get_by_text("Samtykket er registrert.")).to_be_visible()
    expect(page.get_by_text("Mangler fortsatt: Liv Sørbø.")).to_be_visible()
    page.get_by_role("link", name="Registrer samtykke").first.click()
    expect(page.get_by_label("Liv Sørbø (mor)")).to_be_checked()
    page.get_by_label("Muntlig, i et møte").check()
    page.get_by_role("button", name="Registrer samtykket").click()
    expect(page.get_by_text("Alle samtykker er på plass. Neste steg: påtalevedtaket.")).to_be_visible()
    screenshot(page, "youth-02-consents")

    # The prosecutor's decision.
    page.get_by_role("link", name="Registrer påtalevedtak").click()
    page.get_by_label("Ungdomsoppfølging er en egnet reaksjon").check()
    page.get_by_label("Periode").select_option(label="12 måneder")
    page.get_by_label("Vilkår").fill("Ingen nye lovbrudd i perioden.")
    page.get_by_role("button", name="Registrer vedtaket").click()
    expect(page.get_by_text("Vedtaket er registrert.")).to_be_visible()

    # The youth plan meeting, with the police officer invited.
    page.get_by_role("link", name="Planlegg ungdomsplanmøte").click()
    page.get_by_label("Dato").fill(today.isoformat())
    page.get_by_label("Starter").fill("08:00")
    page.get_by_label("Slutter").fill("09:30")
    page.get_by_label("Sted").fill("Konfliktrådet, Stavanger")
    page.get_by_label("Petter Politi", exact=True).check()
    page.get_by_role("button", name="Planlegg møtet").click()
    expect(page.get_by_text("Ungdomsplanmøtet er planlagt.")).to_be_visible()
    expect(page.get_by_role("link", name="Legg i kalender (.ics)")).to_be_visible()

    # The plan: the aim and a measure, then approval.
    page.get_by_role("link", name="Skriv ungdomsplanen").click()
    page.get_by_role("textbox", name="Målet med planen").fill("Fullføre skoleåret og holde seg unna rus.")
    page.get_by_role("button", name="Lagre målet").click()
    expect(page.get_by_text("Planen er lagret.")).to_be_visible()
    page.get_by_role("link", name="Legg til tiltak").click()
    page.get_by_label("Tiltak", exact=False).first.select_option(label="Rusforbud med testing")
    page.get_by_label("Detaljer").fill("Urinprøve hos politiet hver måned.")
    page.get_by_role("group", name="Ansvarlig person").get_by_label("Petter Politi", exact=True).check()
    page.get_by_label("Slutter").fill((today + timedelta(days=180)).isoformat())
    page.get_by_role("button", name="Legg til tiltaket").click()
    expect(page.get_by_text("Tiltaket er lagret.")).to_be_visible()
    expect(page.get_by_text("Urinprøve hos politiet hver måned.")).to_be_visible()
    screenshot(page, "youth-03-plan")
    page.get_by_role("button", name="Godkjenn planen").click()
    expect(page.get_by_text("Planen er godkjent, og oppfølgingen har startet.")).to_be_visible()
    case.refresh_from_db()
    assert case.state == CaseState.IN_FOLLOW_UP
    assert case.next_follow_up_due == today + timedelta(days=31)

    # The first follow-up meeting, held an hour ago (not before today's approval).
    held_at = max(timezone.localtime() - timedelta(hours=1), timezone.make_aware(datetime.combine(today, time.min)))
    page.get_by_role("link", name="Legg til oppfølgingsmøte").first.click()
    page.get_by_label("Dato").fill(held_at.date().isoformat())
    page.get_by_label("Tid").fill(held_at.strftime("%H:%M"))
    page.get_by_label("Sted").fill("Politistasjonen")
    page.get_by_label("Møtet er avholdt").check()
    page.get_by_label("Sammendrag").fill("Første oppfølgingsmøte: prøven var negativ, skolen går bra.")
    page.get_by_role("button", name="Lagre møtet").click()
    expect(page.get_by_text("Oppfølgingsmøtet er lagret.")).to_be_visible()
    expect(page.locator("#follow-up").get_by_text("Avholdt")).to_be_visible()
    expect(page.get_by_text("Plan godkjent, i oppfølging").first).to_be_visible()
    screenshot(page, "youth-04-follow-up")
    meeting = FollowUpMeeting.objects.get()
    assert meeting.held
    case.refresh_from_db()
    assert case.next_follow_up_due == held_at.date() + timedelta(days=31)

    # The police officer is on the team: finds the case by number and initials and notes the measure.
    phone = new_page(viewport=PHONE)
    sign_in(phone, "politi", PASSWORD)
    phone.goto("/ungdomsoppfolging/")
    expect(phone.get_by_role("link", name=case.number)).to_be_visible()
    expect(phone.get_by_text("M.S.")).to_be_visible()
    expect(phone.get_by_text("Mathias")).to_have_count(0)
    phone.get_by_role("link", name=case.number).click()
    expect(phone.get_by_role("link", name="Endre")).to_have_count(0)
    phone.get_by_role("link", name=re.compile("Skriv notat")).first.click()
    phone.get_by_label("Notat").fill("Urinprøve tatt i dag.")
    phone.get_by_label("Rustest").select_option(label="Negativ")
    phone.get_by_role("button", name="Lagre notatet").click()
    expect(phone.get_by_text("Notatet er lagret.")).to_be_visible()
    phone.locator("#notes").scroll_into_view_if_needed()
    screenshot(phone, "youth-05-team-member-phone")
    note = ProgressNote.objects.get()
    assert (note.written_by.username, note.drug_test, note.measure.kind) == ("politi", "negative", "no_intoxicants")
