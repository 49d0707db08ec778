"""Browser journey through the extremism module: a school logs a concern about radicalisation, the
radicalisation contact opens a case from it, ticks two warning signs, moves it to local measures with a
measure for the school, and the school (not a member) gets 404 on the case. Screenshots of the guide on a
phone and of the case page are saved under var/screenshots/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Concern
from extremism import services
from extremism.demo_content import SECTIONS, SIGNS
from extremism.models import Case, GuideSection, Step, WarningSign
from slt.accounts.models import User
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, AreaFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    area = AreaFactory(name="Lura")
    slt = AgencyFactory(name="Sandnes kommune – SLT", kind="other_municipal", area=area)
    police = AgencyFactory(name="Sandnes politistasjon", kind="police", area=area, phone="02800")
    school = AgencyFactory(name="Lura ungdomsskole", kind="school", area=area)
    youth = AgencyFactory(
        name="Uteseksjonen og fritidsklubbene", kind="culture_leisure", area=area, phone="51 33 90 00"
    )
    contact = UserFactory(
        username="radikalisering",
        first_name="Rune",
        last_name="Radikaliseringskontakt",
        role=User.Role.AGENCY,
        agency=youth,
        is_radicalisation_contact=True,
    )
    for slug, title, kind, order, body in SECTIONS:
        services.section_save(
            actor=contact, section=GuideSection(), slug=slug, title=title, kind=kind, order=order, body=body
        )
    for order, (title, meaning, not_alone, what_to_do) in enumerate(SIGNS):
        services.sign_save(
            actor=contact,
            sign=WarningSign(),
            title=title,
            meaning=meaning,
            not_alone=not_alone,
            what_to_do=what_to_do,
            order=order,
        )
    return {
        "koordinator": UserFactory(
            username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR, agency=slt
        ),
        "politi": UserFactory(username="politi", first_name="Petter", role=User.Role.POLICE, agency=police),
        "skole": UserFactory(username="skole", first_name="Sara", role=User.Role.AGENCY, agency=school),
        "radikalisering": contact,
    }


def test_from_a_schools_concern_to_local_measures_in_a_case_the_school_cannot_see(page, new_page, people):
    # The school logs a concern in the radicalisation category.
    sign_in(page, "skole", PASSWORD)
    page.get_by_role("link", name="Meld bekymring").first.click()
    page.get_by_label("Alder", exact=True).fill("15")
    page.get_by_label("Gutt").check()
    page.get_by_label("Område").select_option(label="Lura")
    page.get_by_label("Radikalisering").check()
    page.get_by_label("Høy").check()
    page.get_by_label("Hva ble observert").fill("Deler memes som hyller en terrorhandling i klassechatten.")
    page.get_by_role("button", name="Meld bekymring").click()
    concern = Concern.objects.get()
    expect(page.get_by_role("heading", name=f"Bekymring {concern.reference}")).to_be_visible()
    # The school is no radicalisation contact: the hint is there, the link to open a case is not.
    expect(page.get_by_text("Denne bekymringen gjelder radikalisering", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name="Opprett en radikaliseringssak fra denne bekymringen")).to_have_count(0)

    # The coordinator shares it with the radicalisation contact's agency.
    coordinator = new_page()
    sign_in(coordinator, "koordinator", PASSWORD)
    coordinator.goto(concern.get_absolute_url())
    coordinator.get_by_role("group", name="Del med").get_by_label("Uteseksjonen og fritidsklubbene", exact=True).check()
    coordinator.get_by_role("button", name="Del", exact=True).click()
    expect(coordinator.get_by_text("Bekymringen er delt med Uteseksjonen og fritidsklubbene.")).to_be_visible()

    # The radicalisation contact opens a case from the concern.
    contact = new_page()
    sign_in(contact, "radikalisering", PASSWORD)
    contact.get_by_role("region", name="Nye bekymringer delt med min aktør").get_by_role(
        "link", name=concern.reference
    ).click()
    contact.get_by_role("link", name="Opprett en radikaliseringssak fra denne bekymringen").click()
    expect(contact.get_by_role("heading", name="Opprett en radikaliseringssak")).to_be_visible()
    expect(contact.get_by_label("Hva bekymringen gjelder")).to_have_value(concern.description)
    contact.get_by_role("button", name="Opprett sak").click()
    case = Case.objects.get()
    expect(contact.get_by_role("heading", name=f"Sak {case.reference}")).to_be_visible()
    assert case.concern == concern

    # Two warning signs, each with a short note.
    contact.get_by_role("link", name="Kryss av varselsignaler").click()
    contact.get_by_role("checkbox", name="Forherliger vold eller terrorhandlinger").check()
    contact.get_by_label("Notat om «Forherliger vold eller terrorhandlinger»").fill(
        "Memes om terrorhandling i klassechat."
    )
    contact.get_by_role("checkbox", name="Bryter med venner og familie").check()
    contact.get_by_label("Notat om «Bryter med venner og familie»").fill("Har trukket seg fra vennegjengen.")
    contact.get_by_role("button", name="Lagre varselsignaler").click()
    expect(contact.get_by_text("Varselsignalene er lagret.")).to_be_visible()

    # Along the trail to local measures, a reason at each move.
    moves = [
        ("Drøftet med leder", "Drøftet med rektor samme dag."),
        ("Avklaring", "Kontaktlærer har snakket med eleven og mor."),
        ("Lokale tiltak", "Ingen planer om vold; skolen følger opp."),
    ]
    move_form = contact.get_by_role("region", name="Flytt saken")
    for step, reason in moves:
        move_form.get_by_label("Flytt til").select_option(label=step)
        move_form.get_by_label("Begrunnelse").fill(reason)
        move_form.get_by_role("button", name="Flytt").click()
        expect(contact.get_by_text("Saken er flyttet.")).to_be_visible()
    expect(contact.locator(".trail li.current")).to_have_text("Lokale tiltak")

    # A measure for the school.
    measures = contact.get_by_role("region", name="Tiltak")
    measures.get_by_role("textbox", name="Tiltak").fill("Ukentlige samtaler med kontaktlærer")
    measures.get_by_role("group", name="Ansvarlig aktør").get_by_label("Lura ungdomsskole", exact=True).check()
    measures.get_by_label("Frist").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    measures.get_by_role("button", name="Legg til tiltak").click()
    expect(contact.get_by_text("Tiltaket er lagt til.")).to_be_visible()
    # The case page's own content fits a 1280 px screen (the shared navigation bar is the core's layout).
    assert contact.evaluate("document.querySelector('main').scrollWidth") <= 1280
    screenshot(contact, "extremism-case")

    case.refresh_from_db()
    assert case.step == Step.LOCAL_MEASURES
    assert list(case.trail.values_list("to_step", flat=True)) == [
        "concern_noted",
        "discussed",
        "clarification",
        "local_measures",
    ]
    assert sorted(case.observed_signs.values_list("sign__title", flat=True)) == [
        "Bryter med venner og familie",
        "Forherliger vold eller terrorhandlinger",
    ]
    assert list(case.measures.values_list("title", "responsible_agency__name")) == [
        ("Ukentlige samtaler med kontaktlærer", "Lura ungdomsskole")
    ]

    # The school is responsible for the measure but is no member: the case does not exist for it.
    response = page.goto(case.get_absolute_url())
    assert response.status == 404
    expect(page.get_by_role("heading", name="Fant ikke siden")).to_be_visible()
    assert page.goto("/ekstremisme/saker/").status == 404
    page.goto("/")
    expect(page.get_by_text("Ukentlige samtaler med kontaktlærer")).to_have_count(0)


def test_the_guide_on_a_phone(new_page, people):
    phone = new_page(viewport=PHONE)
    sign_in(phone, "skole", PASSWORD)
    phone.get_by_role("button", name="Vis meny").click()
    phone.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Radikalisering").click()
    expect(phone.get_by_role("heading", name="Radikalisering", exact=True)).to_be_visible()
    screenshot(phone, "extremism-guide-phone")
    phone.get_by_role("link", name="Varselsignaler").first.click()
    expect(phone.get_by_role("heading", name="Varselsignaler", exact=True)).to_be_visible()
    expect(phone.get_by_role("heading", name="Forherliger vold eller terrorhandlinger")).to_be_visible()
    # Nothing is wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "extremism-signs-phone")
    phone.goto("/ekstremisme/sok/?q=terror")
    expect(phone.locator("mark").first).to_be_visible()
    screenshot(phone, "extremism-search-phone")
