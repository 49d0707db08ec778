"""WCAG 2.1 AA with axe-core on every page of the demo site, as every demo user, on a desktop (1366×800) and on a
phone (390×844): no serious or critical violation. The pages are found by following the site's links as that
user (tests/crawl.py), so detail pages, forms and Django admin (for the administrator) are included, and a
page another helper adds is checked as soon as a link leads to it."""

import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coordination.demo.registry import USERS
from slt.accounts.models import User
from tests.crawl import START, crawl
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import PHONE, sign_in
from walks.models import SafetyWalk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP_WIDE = {"width": 1366, "height": 800}
VIEWPORTS = {"desktop": DESKTOP_WIDE, "phone": PHONE}
# Pages without a login: checked once per viewport, with the first user's test.
ANONYMOUS_PAGES = ("/accounts/login/", "/accounts/password_reset/")


def pages_of(user):
    """The HTML pages the user reaches by following links (one address per view), in crawl order."""
    open_walk = SafetyWalk.objects.filter(status__in=SafetyWalk.OPEN_FOR_OBSERVATIONS).order_by("pk").first()
    start = START + ((f"/trygghetsvandringer/{open_walk.pk}/observasjoner/ny/",) if open_walk else ())
    # Reached by a button, not a link: the measure from a walk's observations (its agency picker).
    walk_with_observations = SafetyWalk.objects.filter(observations__isnull=False).order_by("pk").first()
    start += (reverse("walks:action_create", args=[walk_with_observations.pk]),) if walk_with_observations else ()
    client = Client()
    client.force_login(user)
    return [
        visit.url
        for visit in crawl(client, start=start)
        if visit.status == 200
        and visit.content_type.startswith("text/html")
        and not visit.url.startswith("/admin/r/")  # a redirect to the site's own page
    ]


def check(page, url, found):
    """Open the page, run axe-core, and add each violation to `found`: {(rule, element): [pages]}."""
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.wait_for_load_state("load")
    for violation in axe_violations(page):
        for node in violation["nodes"]:
            found.setdefault((f"[{violation['impact']}] {violation['id']}", node), []).append(url)


def report(found):
    return "\n".join(
        f"{rule}: {node}\n    on {len(urls)} page(s): {' '.join(urls[:4])}" for (rule, node), urls in found.items()
    )


def forget_axe_stylesheets(page_problems):
    """axe-core re-reads the page's style sheets by adding <style> elements, which the policy blocks: that is the
    test's own doing, not the site's."""
    for problem in page_problems.take():
        if "style-src-elem blocked inline" not in problem:
            page_problems.found.append(problem)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("username", [user.username for user in USERS])
def test_every_page_has_no_serious_accessibility_violation(new_page, page_problems, settings, username, viewport):
    settings.WALKS_TILE_URL = ""  # no tile server here
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = User.objects.get(username=username)
    urls = pages_of(user)
    page = new_page(viewport=VIEWPORTS[viewport])
    found, started = {}, time.monotonic()
    if username == USERS[0].username:
        for url in ANONYMOUS_PAGES:
            check(page, url, found)
    sign_in(page, username, "demo")
    for url in urls:
        check(page, url, found)
    page_problems.settle(page.context)
    forget_axe_stylesheets(page_problems)
    print(f"\naxe: {len(urls)} pages as {username} ({viewport}) in {time.monotonic() - started:.0f} s")
    assert len(urls) > 5, urls
    assert not found, f"serious/critical violations as {username} ({viewport}):\n{report(found)}"
