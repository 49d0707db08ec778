"""The walk map with 500 observations opens and is usable in headless Chromium within a second."""

import datetime
import random
import re

import pytest
from playwright.sync_api import expect

from slt.accounts.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import DESKTOP, sign_in
from tests.factories import PASSWORD, AreaFactory, UserFactory
from walks.models import Observation, SafetyWalk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OBSERVATIONS = 500
BUDGET_MS = 1000


@pytest.fixture
def big_walk(settings):
    # No internet on the test server, and tiles from a port that refuses: the map runs without tiles.
    settings.WALKS_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    coordinator = UserFactory(username="koordinator", role=User.Role.COORDINATOR)
    walk = SafetyWalk.objects.create(
        title="Stor vandring",
        date=datetime.date.today() - datetime.timedelta(days=1),
        start_time=datetime.time(19, 0),
        light=SafetyWalk.Light.AFTER_DARK,
        meeting_point="Torget",
        status=SafetyWalk.Status.COMPLETED,
        area=AreaFactory(name="Sandnes sentrum"),
        organiser=coordinator,
        created_by=coordinator,
    )
    rng = random.Random(13)
    categories = Observation.Category.values
    Observation.objects.bulk_create(
        Observation(
            walk=walk,
            number=index + 1,  # as observation_add numbers them: 1, 2, 3 … per walk
            category=categories[index % len(categories)],
            description=f"Observasjon {index + 1}: mørkt parti langs gangveien.",
            safety_rating=1 + index % 5,
            suggested_measure="Sett opp lys.",
            latitude=round(58.84 + rng.random() * 0.04, 6),
            longitude=round(5.70 + rng.random() * 0.08, 6),
            created_by=coordinator,
        )
        for index in range(OBSERVATIONS)
    )
    return walk


# The observations the map shows: each single marker, and each cluster's count ("×12").
SHOWN = """() => {
  const singles = document.querySelectorAll('#walk-map .walk-marker-icon').length;
  const clustered = [...document.querySelectorAll('#walk-map .walk-cluster [aria-hidden=true]')]
    .reduce((sum, node) => sum + parseInt(node.textContent.replace('×', ''), 10), 0);
  return singles + clustered;
}"""


def test_a_walk_map_with_500_observations_is_usable_within_a_second(page, big_walk):
    sign_in(page, "koordinator", PASSWORD)
    page.set_viewport_size(DESKTOP)
    page.goto(f"/trygghetsvandringer/{big_walk.pk}/", wait_until="commit")  # warm the server once
    page.wait_for_function(f"() => ({SHOWN})() === {OBSERVATIONS}")

    page.goto(f"/trygghetsvandringer/{big_walk.pk}/", wait_until="commit")
    page.wait_for_function(f"() => ({SHOWN})() === {OBSERVATIONS}")
    # Overlapping markers are gathered in clusters, so the map draws far fewer than 500 elements.
    assert page.locator("#walk-map .walk-cluster-icon").count() > 0
    # The browser's own clock, from the first byte of the answer until the map shows its 500 observations:
    # parsing, styles, Leaflet and the markers. The server's part is the benchmark's "walk page" row
    # (tests/benchmarks); this live server (shared with the other tests' load) varies too much to hold to a budget.
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return {first_byte: n.responseStart, ready: performance.now()}; }"
    )
    opened_ms = timing["ready"] - timing["first_byte"]
    assert opened_ms <= BUDGET_MS, (
        f"the map with {OBSERVATIONS} observations took {opened_ms:.0f} ms to open "
        f"(the server answered after {timing['first_byte']:.0f} ms)"
    )

    # Usable: a marker reached from the keyboard opens its observation, and the map still zooms.
    marker = page.locator("#walk-map .walk-marker-icon").last
    number = int(marker.inner_text())
    marker.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(f"{number}.")
    observation = big_walk.observations.get(number=number)
    expect(popup.get_by_role("link")).to_have_attribute("href", f"/trygghetsvandringer/observasjoner/{observation.pk}/")
    page.locator("#walk-map .leaflet-control-zoom-in").click()
    expect(page.locator("#walk-map")).to_have_class(re.compile(r"leaflet-container"))

    assert_accessible(page, "the walk map with 500 observations")
