"""The walk map in a browser: overlapping markers are clustered and spread out, numbered as in the list."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from slt.accounts.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import PHONE, screenshot, sign_in
from tests.factories import PASSWORD, UserFactory
from tests.walks.factories import ObservationFactory, SafetyWalkFactory, WalkActionItemFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def walk_with_a_crowded_corner(settings):
    settings.WALKS_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # no tiles here: the map works without them
    UserFactory(username="koordinator", role=User.Role.COORDINATOR)
    walk = SafetyWalkFactory(title="Vandring ved stasjonen")
    # Other walks' observations first, so that database ids and numbers differ.
    ObservationFactory.create_batch(3)
    for category in ("lighting", "graffiti", "litter"):  # three at the very same spot
        ObservationFactory(walk=walk, category=category, latitude=Decimal("58.851200"), longitude=Decimal("5.738400"))
    ObservationFactory(walk=walk, category="traffic", latitude=Decimal("58.853900"), longitude=Decimal("5.744900"))
    return walk


def test_overlapping_markers_are_clustered_and_spread(new_page, walk_with_a_crowded_corner):
    walk = walk_with_a_crowded_corner
    page = new_page(viewport=PHONE)
    sign_in(page, "koordinator", PASSWORD)
    page.goto(walk.get_absolute_url())
    walk_map = page.locator("#walk-map")
    cluster = walk_map.locator(".walk-cluster")
    expect(cluster).to_have_count(1)
    expect(cluster).to_contain_text("×3")
    expect(cluster.locator(".visually-hidden")).to_have_text("3 observasjoner her. Zoom inn for å se dem.")
    # Only the lone observation is drawn on its own, with its number 4 (the list says 4 too).
    expect(walk_map.locator(".walk-marker")).to_have_count(1)
    expect(walk_map.locator(".walk-marker")).to_have_text("4")
    expect(
        page.locator("section[aria-labelledby=observations-heading]").get_by_role("link", name="4. Trafikksikkerhet")
    ).to_be_visible()
    screenshot(page, "walk-map-cluster-phone")

    assert_accessible(page, "the walk map with a cluster")

    # The three at one spot cannot be told apart by zooming: a click spreads them, each with its own number.
    cluster.click()
    expect(walk_map.locator(".walk-marker")).to_have_count(4)
    numbers = sorted(walk_map.locator(".walk-marker").all_inner_texts())
    assert numbers == ["1", "2", "3", "4"]
    walk_map.locator(".walk-marker", has_text="2").click()
    expect(walk_map.locator(".leaflet-popup")).to_contain_text("2. Tagging eller hærverk")


def test_the_walk_page_fits_a_phone_with_long_measures(new_page, walk_with_a_crowded_corner):
    """An observation card keeps to the screen: a long measure title wraps instead of widening the page."""
    walk = walk_with_a_crowded_corner
    observation = walk.observations.order_by("number").first()
    item = WalkActionItemFactory(title="Montere nye lysarmaturer langs hele gangstien ved jernbaneundergangen")
    observation.action_items.add(item)
    page = new_page(viewport=PHONE)
    sign_in(page, "koordinator", PASSWORD)
    page.goto(walk.get_absolute_url())
    expect(page.get_by_text("Montere nye lysarmaturer", exact=False).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
