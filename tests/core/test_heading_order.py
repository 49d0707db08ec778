"""Headings do not jump levels (WCAG 1.3.1, axe-core's "heading-order", which the browser tests do not fail on
because axe rates it moderate): on every page of the demo site, as every demo user, each page has one <h1> and
a heading is at most one level deeper than the one before it."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from coordination.demo.registry import USERS
from slt.accounts.models import User
from tests.crawl import crawl

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def heading_jumps(html):
    """The headings that are more than one level below the previous one, and the number of <h1>."""
    main = html.split('<main id="main"', 1)[-1] if '<main id="main"' in html else html
    levels = [(int(level), TAG.sub("", text).strip()[:60]) for level, text in HEADING.findall(main)]
    jumps, previous = [], 1
    for level, text in levels:
        if level > previous + 1:
            jumps.append(f"h{previous} → h{level} “{text}”")
        previous = level
    return jumps, sum(1 for level, _ in levels if level == 1)


def test_headings_do_not_skip_levels_on_any_page_as_any_demo_user():
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    problems = {}
    for spec in USERS:
        client = Client()
        client.force_login(User.objects.get(username=spec.username))
        for visit in crawl(client):
            if visit.status != 200 or not visit.body or visit.url.startswith("/admin/"):
                continue
            jumps, h1s = heading_jumps(visit.body)
            if h1s != 1:
                jumps.append(f"{h1s} <h1>")
            if jumps:
                problems.setdefault(visit.view_name, (visit.url, jumps))
    assert not problems, "\n".join(f"{url} ({name}): {'; '.join(jumps)}" for name, (url, jumps) in problems.items())


def test_a_jump_is_found():
    assert heading_jumps('<main id="main"><h1>A</h1><h3>C</h3></main>') == (["h1 → h3 “C”"], 1)
    assert heading_jumps('<main id="main"><h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2></main>') == ([], 1)
