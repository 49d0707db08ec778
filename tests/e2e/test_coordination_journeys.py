"""Browser journeys through coordination: a concern shared with the police, and a meeting that gives a
school an action item which the school then marks done."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import ActionItem, Concern, ConcernShare, Forum
from slt.accounts.models import User
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, AreaFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    area = AreaFactory(name="Lura")
    slt = AgencyFactory(name="Sandnes kommune – SLT", kind="other_municipal", area=area)
    police = AgencyFactory(name="Sandnes politistasjon", kind="police", area=area)
    school = AgencyFactory(name="Lura ungdomsskole", kind="school", area=area)
    return {
        "koordinator": UserFactory(
            username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR, agency=slt
        ),
        "politi": UserFactory(username="politi", first_name="Petter", role=User.Role.POLICE, agency=police),
        "skole": UserFactory(username="skole", first_name="Sara", role=User.Role.AGENCY, agency=school),
    }


def test_a_concern_is_logged_shared_with_the_police_and_hidden_from_the_school(page, new_page, people):
    sign_in(page, "koordinator", PASSWORD)
    page.get_by_role("link", name="Meld bekymring").first.click()
    expect(page.get_by_role("heading", name="Meld bekymring")).to_be_visible()
    page.get_by_label("Alder", exact=True).fill("14")
    page.get_by_label("Gutt").check()
    page.get_by_label("Område").select_option(label="Lura")
    page.get_by_label("Narkotika").check()
    page.get_by_label("Skolefravær").check()
    page.get_by_label("Høy").check()
    page.get_by_label("Hva ble observert").fill("Sett med eldre ungdom ved kjøpesenteret i skoletiden.")
    page.get_by_role("button", name="Meld bekymring").click()

    concern = Concern.objects.get()
    expect(page.get_by_role("heading", name=f"Bekymring {concern.reference}")).to_be_visible()
    expect(page.get_by_text("Anonym: navn eller fødselsdato er ikke registrert.")).to_be_visible()

    page.get_by_role("group", name="Del med").get_by_label("Sandnes politistasjon", exact=True).check()
    page.get_by_role("button", name="Del", exact=True).click()
    expect(page.get_by_text("Bekymringen er delt med Sandnes politistasjon.")).to_be_visible()
    assert ConcernShare.objects.get().agency.name == "Sandnes politistasjon"
    screenshot(page, "coordination-concern-coordinator")

    police = new_page()
    sign_in(police, "politi", PASSWORD)
    inbox = police.get_by_role("region", name="Nye bekymringer delt med min aktør")
    expect(inbox.get_by_role("link", name=concern.reference)).to_be_visible()
    police.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Bekymringer").click()
    police.get_by_role("link", name="Delt med min aktør").click()
    police.get_by_role("link", name=concern.reference).click()
    police.get_by_label("Notat").fill("Kjent for politiet fra en tidligere hendelse.")
    police.get_by_role("button", name="Legg til notat").click()
    expect(police.get_by_text("Kjent for politiet fra en tidligere hendelse.")).to_be_visible()
    police.get_by_role("button", name="Kvitter for mottak").click()
    expect(police.get_by_text("Du har bekreftet at aktøren din har mottatt bekymringen.")).to_be_visible()
    screenshot(police, "coordination-concern-police")
    assert concern.notes.filter(kind="note", author__username="politi").exists()

    school = new_page()
    sign_in(school, "skole", PASSWORD)
    response = school.goto(concern.get_absolute_url())
    assert response.status == 404
    expect(school.get_by_role("heading", name="Fant ikke siden")).to_be_visible()
    school.goto("/bekymringer/")
    expect(school.get_by_text(concern.reference)).to_have_count(0)


def test_a_meeting_gives_the_school_an_action_item_that_the_school_marks_done(page, new_page, people):
    forum = Forum.objects.create(name="SLT koordineringsgruppe", kind="coordination", mandate="Følge opp tiltak.")
    forum.members.set([people["koordinator"], people["skole"]])
    now = timezone.localtime()
    start, end = now - timedelta(hours=1), now + timedelta(hours=1)

    sign_in(page, "koordinator", PASSWORD)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Møter").click()
    page.get_by_role("link", name="Planlegg møte").click()
    page.get_by_label("Forum").select_option(label="SLT koordineringsgruppe")
    page.get_by_label("Tittel").fill("Koordineringsgruppen desember")
    page.get_by_label("Starter").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Slutter").fill(end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Sted").fill("Rådhuset")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Koordineringsgruppen desember")).to_be_visible()

    page.get_by_label("Tittel").fill("Rus i helgene")
    page.get_by_role("button", name="Legg til", exact=True).click()
    expect(page.get_by_text("Saken er lagt til.")).to_be_visible()
    item = page.get_by_role("article", name="1. Rus i helgene")
    item.get_by_label("Referat").fill("Skolen melder om mer alkohol på fester.")
    item.get_by_label("Vedtak").fill("Foreldremøte om rus på Lura.")
    item.get_by_role("button", name="Lagre sak 1").click()
    expect(page.get_by_role("region", name="Saksliste og referat").get_by_role("status")).to_contain_text("Lagret")
    page.get_by_role("link", name="Tiltak fra vedtak i sak 1").click()
    page.get_by_label("Tittel").fill("Foreldremøte om rus")
    page.get_by_role("group", name="Ansvarlig aktør").get_by_label("Lura ungdomsskole", exact=True).check()
    page.get_by_label("Frist").fill((timezone.localdate() + timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Opprett tiltak").click()
    expect(page.get_by_role("link", name="Foreldremøte om rus")).to_be_visible()
    page.get_by_label(people["skole"].get_full_name(), exact=False).first.check()
    page.get_by_role("checkbox", name="Lura ungdomsskole", exact=True).check()
    page.get_by_role("button", name="Lagre oppmøte").click()
    page.get_by_role("button", name="Godkjenn referat").click()
    expect(page.get_by_text("Referatet er godkjent.")).to_be_visible()
    screenshot(page, "coordination-meeting")
    page.get_by_role("link", name="Referat for utskrift").click()
    expect(page.get_by_text("Foreldremøte om rus på Lura.")).to_be_visible()
    screenshot(page, "coordination-minutes")

    item = ActionItem.objects.get()
    assert (item.responsible_agency.name, item.source, item.agenda_item.title) == (
        "Lura ungdomsskole",
        "meeting",
        "Rus i helgene",
    )

    school = new_page()
    sign_in(school, "skole", PASSWORD)
    mine = school.get_by_role("region", name="Åpne tiltak for min aktør")
    mine.get_by_role("link", name="Foreldremøte om rus").click()
    school.get_by_label("Status").select_option(label="Utført")
    school.get_by_role("button", name="Lagre status").click()
    expect(school.get_by_text("Statusen er lagret.")).to_be_visible()
    item.refresh_from_db()
    assert item.status == "done"
    school.goto("/")
    expect(school.get_by_text("Ingen åpne tiltak for aktøren din.")).to_be_visible()


def test_dashboards_with_demo_data(new_page, settings):
    settings.DEBUG = True
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    coordinator = new_page()
    sign_in(coordinator, "koordinator", "demo")
    # The dashboard's statistics are a compact table (no charts), with a way to the whole statistics page.
    statistics = coordinator.get_by_role("region", name="Statistikk")
    expect(statistics.get_by_role("heading", name="Bekymringer etter kategori")).to_be_visible()
    expect(statistics.get_by_role("link", name="All statistikk")).to_be_visible()
    screenshot(coordinator, "coordination-dashboard-coordinator")
    concern = Concern.objects.exclude(full_name="").order_by("created_at").first()
    coordinator.goto(concern.get_absolute_url())
    screenshot(coordinator, "coordination-concern-demo")
    coordinator.goto("/bekymringer/")
    screenshot(coordinator, "coordination-concern-list")
    coordinator.goto("/tiltak/")
    screenshot(coordinator, "coordination-action-items")

    school = new_page()
    sign_in(school, "skole", "demo")
    expect(school.get_by_role("region", name="Åpne tiltak for min aktør")).to_be_visible()
    screenshot(school, "coordination-dashboard-school")

    steering = new_page()
    sign_in(steering, "styring", "demo")
    expect(steering.get_by_role("link", name="Bekymringer", exact=True)).to_have_count(0)
    steering.wait_for_timeout(1500)
    screenshot(steering, "coordination-dashboard-steering")

    phone = new_page(viewport=PHONE)
    sign_in(phone, "skole", "demo")
    phone.goto("/bekymringer/ny/")
    screenshot(phone, "coordination-concern-form-phone")
    expect(phone.get_by_role("button", name="Meld bekymring")).to_be_visible()
    assert re.search(r"/bekymringer/ny/$", phone.url)


def test_the_school_filters_its_action_items_and_adds_a_note_without_page_loads(page, people):
    """htmx: the filter swaps the results and the address follows; a progress note is added in place."""
    school = people["skole"].agency
    due = timezone.localdate() + timedelta(days=10)
    ActionItem.objects.create(title="Nettvett i 8. trinn", responsible_agency=school, due_date=due)
    ActionItem.objects.create(title="Foreldremøte om rus", responsible_agency=school, due_date=due, status="done")

    sign_in(page, "skole", PASSWORD)
    page.goto("/tiltak/")
    page.evaluate("window.samePage = true")
    page.locator("form[role=search]").get_by_label("Status").select_option(label="Utført")
    expect(page.get_by_role("link", name="Nettvett i 8. trinn")).to_have_count(0)
    expect(page.get_by_role("link", name="Foreldremøte om rus")).to_be_visible()
    assert "status=done" in page.url
    assert page.evaluate("window.samePage") is True

    page.goto("/tiltak/?status=open")
    page.get_by_role("link", name="Nettvett i 8. trinn").click()
    page.evaluate("window.samePage = true")
    page.get_by_label("Notat").fill("Opplegget er bestilt.")
    page.get_by_role("button", name="Legg til fremdriftsnotat").click()
    expect(page.get_by_text("Fremdriftsnotatet er lagt til.")).to_be_visible()
    expect(page.get_by_text("Opplegget er bestilt.")).to_be_visible()
    assert page.evaluate("window.samePage") is True
    assert ActionItem.objects.get(title="Nettvett i 8. trinn").notes.get().text == "Opplegget er bestilt."
