"""Every page of the demo site, as each demo user, in the browser under the real Content-Security-Policy: no
violation and no script error (the `page_problems` fixture fails the test otherwise). The check itself is
shown to work on a page that breaks the policy."""

import time

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from slt.accounts.models import User
from slt.core.security import stored_reports
from tests.crawl import START, crawl
from tests.e2e.conftest import sign_in
from walks.models import Observation, SafetyWalk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The pages whose scripts matter most: they must be among those visited.
SCRIPTED = {
    "core:dashboard",  # the panels
    "coordination:statistics",  # the print button
    "coordination:concern_list",  # htmx
    "coordination:action_item_list",  # htmx
    "walks:walk_detail",  # Leaflet
    "walks:observation_create",  # Leaflet, picking a point
    "walks:walk_report",  # Leaflet, print
    "youthfollowup:statistics",  # Chart.js
    "extremism:guide_print",
    "admin:accounts_user_change",  # Django admin's own scripts
    "admin:accounts_user_add",
}


def test_every_page_as_every_demo_user_runs_under_the_policy(new_page, settings):
    settings.WALKS_TILE_URL = ""  # no tile server here: the map draws its points without tiles
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    open_walk = SafetyWalk.objects.filter(status__in=SafetyWalk.OPEN_FOR_OBSERVATIONS).order_by("pk").first()
    start = (*START, f"/trygghetsvandringer/{open_walk.pk}/observasjoner/ny/")
    visited, started = set(), time.monotonic()
    for user in User.objects.filter(is_active=True).order_by("username"):
        client = Client()
        client.force_login(user)
        pages = [
            visit
            for visit in crawl(client, start=start)
            if visit.status == 200
            and visit.content_type.startswith("text/html")
            and not visit.url.startswith("/admin/r/")
        ]
        page = new_page()
        sign_in(page, user.username, "demo")
        for visit in pages:
            response = page.goto(visit.url)
            assert response.status == 200, f"{visit.url} as {user.username}"
            visited.add(visit.view_name)
        if user.username == "koordinator":
            scripts_work_under_the_policy(page)
        page.context.close()
    print(f"\nCSP tour: {len(visited)} views in {time.monotonic() - started:.0f} s")
    assert visited >= SCRIPTED, sorted(SCRIPTED - visited)


def scripts_work_under_the_policy(page):
    """Not only no violation: the statistics page's print button works, Leaflet places the markers, htmx swaps
    without eval."""
    page.goto("/statistikk/")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Skriv ut").click()
    page.wait_for_function("() => window.printed === true")
    walk = Observation.objects.order_by("pk").first().walk
    page.goto(walk.get_absolute_url())
    # Every observation is on the map: as its own marker, or counted in a cluster ("×3") of overlapping ones.
    expect(page.locator("#walk-map .walk-marker").first).to_be_visible()
    shown = page.evaluate(
        """() => document.querySelectorAll("#walk-map .walk-marker").length
          + [...document.querySelectorAll("#walk-map .walk-cluster [aria-hidden]")]
              .reduce((sum, el) => sum + parseInt(el.textContent.slice(1), 10), 0)"""
    )
    assert shown == walk.observations.count()
    page.goto("/tiltak/")
    assert page.evaluate("htmx.config.allowEval === false && !document.querySelector('style')")
    page.evaluate("window.samePage = true")
    page.locator("form[role=search]").get_by_label("Status").select_option(value="done")
    page.wait_for_url("**/tiltak/?*status=done*")
    expect(page.locator("#action-item-results")).to_be_visible()
    assert page.evaluate("window.samePage") is True


def test_a_page_that_breaks_the_policy_is_caught(page, page_problems, live_site):
    """A page served with the site's own policy that has an inline script, a handler attribute, a style
    attribute and an image from another site: the browser blocks them, the test sees each, and the report
    endpoint receives them."""
    policy = page.request.get("/accounts/login/").headers["content-security-policy"]
    body = (
        "<!doctype html><html><head><title>Probe</title></head><body>"
        '<p style="color: red">Styled</p>'
        "<script>window.ranInline = true;</script>"
        '<button onclick="window.clicked = true">Click</button>'
        '<img src="https://example.org/pixel.png" alt="">'
        "</body></html>"
    )
    page.route(
        "**/csp-probe/",
        lambda route: route.fulfill(
            status=200, body=body, headers={"Content-Type": "text/html", "Content-Security-Policy": policy}
        ),
    )
    page.goto("/csp-probe/")
    page.get_by_role("button", name="Click").click()
    assert page.evaluate("window.ranInline === undefined && window.clicked === undefined")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(stored_reports()) < 4:
        page.wait_for_timeout(100)
    page_problems.settle(page.context)
    found = "\n".join(page_problems.take())
    assert "style-src-attr blocked inline" in found
    assert "script-src-elem blocked inline" in found
    assert "script-src-attr blocked inline" in found
    assert "img-src blocked https://example.org/pixel.png" in found
    directives = {report["directive"] for report in stored_reports()}
    assert {"style-src-attr", "script-src-elem", "script-src-attr", "img-src"} <= directives
    assert all(report["page"].endswith("/csp-probe/") for report in stored_reports())


def test_a_script_error_is_caught_too(page, page_problems):
    page.route(
        "**/error-probe/",
        lambda route: route.fulfill(
            status=200, body="<!doctype html><title>Probe</title><p>x</p>", headers={"Content-Type": "text/html"}
        ),
    )
    page.goto("/error-probe/")
    page.evaluate("() => setTimeout(() => { throw new Error('probe failure'); })")
    page.wait_for_timeout(200)
    assert any("probe failure" in problem for problem in page_problems.take())
