"""A safety walk from plan to published report, with the observations taken on a phone."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import ActionItem
from slt.accounts.models import User
from tests.e2e.conftest import DESKTOP, PHONE, screenshot, sign_in
from tests.factories import PASSWORD, AgencyFactory, AreaFactory, UserFactory
from tests.walks.factories import image_bytes
from walks.models import Observation, ObservationPhoto, SafetyWalk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # No internet on the test server, and tiles from a port that refuses: the map runs without tiles.
    settings.WALKS_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    AreaFactory(name="Sandnes sentrum")
    school = AgencyFactory(name="Lura ungdomsskole", kind="school")
    police_station = AgencyFactory(name="Sandnes politistasjon", kind="police")
    AgencyFactory(name="Sandnes gatelys AS", kind="business")
    AgencyFactory(name="Park og vei", kind="technical")
    return {
        "organiser": UserFactory(username="politi", first_name="Petter", role=User.Role.POLICE, agency=police_station),
        "participant": UserFactory(username="skole", first_name="Sara", role=User.Role.AGENCY, agency=school),
        "coordinator": UserFactory(username="koordinator", first_name="Kristin", role=User.Role.COORDINATOR),
    }


def photo(name, colour):
    return {"name": name, "mimeType": "image/jpeg", "buffer": image_bytes(size=(320, 240), colour=colour)}


def add_observation(page, *, at, category, description, rating, measure, picture, finish):
    walk_map = page.locator("#walk-map")
    expect(walk_map).to_have_class(re.compile(r"leaflet-container"))  # the map script has run
    walk_map.click(position=at)
    expect(page.get_by_label("Breddegrad")).not_to_have_value("")
    expect(page.get_by_label("Lengdegrad")).not_to_have_value("")
    expect(walk_map.locator("img.leaflet-marker-icon")).to_have_count(1)
    page.get_by_text(category, exact=True).click()
    page.get_by_label("Beskrivelse").fill(description)
    page.locator(".rating-group label", has_text=str(rating)).click()
    page.get_by_label("Foreslått tiltak").fill(measure)
    page.get_by_label("Bilder").set_input_files(picture)
    button = "Lagre og avslutt" if finish else "Lagre og legg til ny"
    return button


def test_a_walk_from_plan_to_published_report(new_page, people):
    walk_date = timezone.localdate() + datetime.timedelta(days=1)

    # The police liaison plans the walk and invites the school.
    organiser = new_page(viewport=DESKTOP)
    sign_in(organiser, "politi", PASSWORD)
    organiser.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Trygghetsvandringer").click()
    organiser.get_by_role("link", name="Planlegg en vandring").click()
    organiser.get_by_label("Tittel").fill("Kveldsvandring på Ruten")
    organiser.get_by_label("Område").select_option(label="Sandnes sentrum")
    organiser.get_by_label("Dato").fill(walk_date.isoformat())
    organiser.get_by_label("Starttid").fill("20:00")
    organiser.get_by_label("Etter mørkets frembrudd").check()
    organiser.get_by_label("Oppmøtested").fill("Foran rådhuset")
    organiser.get_by_label("Lura ungdomsskole").check()
    organiser.get_by_label("Beboere").fill("5")
    organiser.get_by_role("button", name="Planlegg vandringen").click()
    expect(organiser.get_by_role("heading", name=re.compile("Kveldsvandring på Ruten"))).to_be_visible()
    organiser.get_by_role("button", name="Start vandringen").click()
    expect(organiser.get_by_text("Vandringen er nå: Pågår.")).to_be_visible()
    walk = SafetyWalk.objects.get()
    assert (walk.organiser.username, walk.status, walk.residents_count) == ("politi", "in_progress", 5)

    # A teacher from the invited school records two observations on a phone, tapping the map.
    phone = new_page(viewport=PHONE)
    sign_in(phone, "skole", PASSWORD)
    phone.goto(walk.get_absolute_url())
    phone.get_by_role("link", name="Legg til observasjon").click()
    expect(phone.get_by_role("heading", name="Ny observasjon")).to_be_visible()
    expect(phone.get_by_text("Bakgrunnskartet kunne ikke lastes")).to_be_visible()
    button = add_observation(
        phone,
        at={"x": 120, "y": 110},
        category="Belysning",
        description="Gangstien langs bekken er helt mørk",
        rating=1,
        measure="Nye lysmaster",
        picture=photo("sti.jpg", (20, 20, 60)),
        finish=False,
    )
    phone.get_by_role("button", name=button).click()
    expect(phone.get_by_text("Observasjon 1 er lagret")).to_be_visible()
    button = add_observation(
        phone,
        at={"x": 260, "y": 200},
        category="Vedlikehold",
        description="Ødelagt rekkverk på gangbrua",
        rating=2,
        measure="Reparere rekkverket",
        picture=photo("bru.jpg", (120, 80, 40)),
        finish=True,
    )
    # The first observation is on the map too, as a coloured point.
    expect(phone.locator("#walk-map .walk-marker")).to_have_count(1)
    screenshot(phone, "walk-observation-phone")
    phone.get_by_role("button", name=button).click()
    expect(phone.get_by_role("heading", name=re.compile("Kveldsvandring på Ruten"))).to_be_visible()
    expect(phone.locator("#walk-map .walk-marker")).to_have_count(2)
    screenshot(phone, "walk-map-phone")

    observations = list(Observation.objects.order_by("id"))
    assert [o.category for o in observations] == ["lighting", "maintenance"]
    assert all(o.created_by.username == "skole" for o in observations)
    assert observations[0].latitude != observations[1].latitude
    assert ObservationPhoto.objects.count() == 2

    # The organiser closes the walk. It is dated tomorrow: closing it first asks for a confirmation.
    organiser.reload()
    organiser.get_by_role("button", name="Avslutt vandringen").click()
    expect(organiser.get_by_text("fram i tid. Rett datoen, eller kryss av")).to_be_visible()
    walk.refresh_from_db()
    assert walk.status == "in_progress"
    organiser.get_by_label("Vandringen er datert fram i tid – bekreft").check()
    organiser.get_by_role("button", name="Avslutt vandringen").click()
    expect(organiser.get_by_text("Vandringen er nå: Fullført.")).to_be_visible()

    # The coordinator turns the observations into measures for two agencies and publishes the report.
    coordinator = new_page(viewport=DESKTOP)
    sign_in(coordinator, "koordinator", PASSWORD)
    coordinator.goto(walk.get_absolute_url())
    for number, title, agency in [
        (1, "Lysmaster langs bekken", "Sandnes gatelys AS"),
        (2, "Reparere rekkverk på gangbrua", "Park og vei"),
    ]:
        coordinator.get_by_label(f"Velg observasjon {number}", exact=True).check()
        coordinator.get_by_role("button", name="Lag tiltak av valgte observasjoner").click()
        expect(coordinator.get_by_role("heading", name="Nytt tiltak")).to_be_visible()
        coordinator.get_by_role("textbox", name=re.compile("Tiltak")).fill(title)
        coordinator.get_by_role("group", name="Ansvarlig aktør").get_by_label(agency, exact=True).check()
        coordinator.get_by_label("Frist").fill((walk_date + datetime.timedelta(days=30)).isoformat())
        coordinator.get_by_role("button", name="Legg til i tiltakslisten").click()
        expect(coordinator.get_by_text(f"Tiltaket er lagt til i tiltakslisten for {agency}.")).to_be_visible()
    items = ActionItem.objects.order_by("id")
    assert [(item.responsible_agency.name, item.source) for item in items] == [
        ("Sandnes gatelys AS", "walk"),
        ("Park og vei", "walk"),
    ]
    assert list(items[0].observations.all()) == [observations[0]]

    coordinator.get_by_role("link", name="Skriv konklusjon og publiser").click()
    coordinator.get_by_role("textbox", name=re.compile("Konklusjon")).fill(
        "Området oppleves trygt, men belysningen må bli bedre."
    )
    coordinator.get_by_label("Vandringen er datert fram i tid – bekreft").check()
    coordinator.get_by_role("button", name="Publiser rapporten").click()
    expect(coordinator.get_by_text("Rapporten er publisert.")).to_be_visible()
    expect(coordinator.get_by_text("1 av 2 tiltak gjelder belysning.")).to_be_visible()
    expect(coordinator.get_by_role("cell", name="Sandnes gatelys AS")).to_be_visible()
    expect(coordinator.locator("#walk-map .walk-marker")).to_have_count(2)
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.PUBLISHED
    screenshot(coordinator, "walk-report")

    with coordinator.expect_download() as download:
        coordinator.get_by_role("link", name="Last ned PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
