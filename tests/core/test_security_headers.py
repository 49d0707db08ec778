"""Security headers on every page and export: `Cache-Control: no-store` and a strict Content-Security-Policy with a
nonce; static files keep their cache. The pages are found by following the links of the demo site as each
demo user (tests/crawl.py)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from slt.accounts.models import User
from slt.core.security import NoStoreMiddleware, cache_allowed, url_origin
from slt.notifications.services import calendar_token_renew
from tests.crawl import START, crawl
from tests.walks.factories import image_bytes
from walks.models import Observation, ObservationPhoto, SafetyWalk

pytestmark = pytest.mark.django_db

EXPORTS = {
    "coordination:action_item_export",  # CSV
    "coordination:meeting_ics",
    "walks:observations_csv",
    "walks:observations_geojson",
    "walks:walk_report_pdf",
    "walks:photo",
    "walks:photo_thumbnail",
    "youthfollowup:plan_meeting_ical",
    "notifications:calendar_feed",
}
PAGES = {
    "core:dashboard",
    "core:search",
    "coordination:agency_list",
    "coordination:concern_list",
    "coordination:concern_detail",
    "coordination:concern_create",
    "coordination:meeting_detail",
    "coordination:action_item_detail",
    "coordination:statistics",
    "walks:walk_detail",
    "walks:observation_detail",
    "walks:observation_create",
    "walks:walk_report",
    "extremism:guide",
    "extremism:case_detail",
    "youthfollowup:case_detail",
    "youthfollowup:statistics",
    "notifications:notice_list",
    "notifications:profile",
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:accounts_user_change",
}
# An attribute that runs code or carries a style, and a <script> with code in the page (json_script's data is
# allowed: it is not run).
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)


def policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def demo_site():
    """The demo municipality, a photo on a walk's observation and a calendar link per demo user."""
    call_command("seed_demo", force=True, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    observation = Observation.objects.order_by("pk").first()
    photo = ObservationPhoto(observation=observation)
    photo.image.save("a.jpg", ContentFile(image_bytes()), save=False)
    photo.thumbnail.save("t.jpg", ContentFile(image_bytes(size=(20, 15))), save=False)
    photo.save()
    open_walk = SafetyWalk.objects.filter(status__in=SafetyWalk.OPEN_FOR_OBSERVATIONS).order_by("pk").first()
    extra = [
        observation.get_absolute_url(),
        reverse("walks:observation_create", args=[open_walk.pk]),
        reverse("walks:photo", args=[photo.pk]),
        reverse("walks:photo_thumbnail", args=[photo.pk]),
    ]
    return {
        user: [*extra, reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=user)])]
        for user in User.objects.filter(is_active=True).order_by("username")
    }


def test_every_page_and_export_of_every_demo_user_is_not_stored_and_has_the_policy(demo_site):
    seen, html_pages = set(), 0
    for user, extra in demo_site.items():
        client = Client()
        client.force_login(user)
        for visit in crawl(client, start=START + tuple(extra)):
            seen.add(visit.view_name)
            where = f"{visit.url} as {user.username}"
            assert visit.status < 500, where
            assert "no-store" in visit.headers["Cache-Control"], where
            assert "max-age=0" in visit.headers["Cache-Control"], where
            assert visit.headers["Pragma"] == "no-cache", where
            if visit.content_type.startswith("text/html"):
                html_pages += 1
                assert "'unsafe-inline'" not in visit.headers["Content-Security-Policy"], where
    assert seen >= PAGES, sorted(PAGES - seen)
    assert seen >= EXPORTS, sorted(EXPORTS - seen)
    assert html_pages > 250


def test_no_page_has_inline_scripts_event_handlers_or_style_attributes(demo_site):
    for user in demo_site:
        client = Client()
        client.force_login(user)
        pages = [visit for visit in crawl(client, start=START + tuple(demo_site[user])) if visit.body]
        assert len(pages) > 20
        for visit in pages:
            for pattern in (INLINE_STYLE, EVENT_HANDLER, INLINE_SCRIPT):
                found = pattern.search(visit.body)
                assert found is None, f"{visit.url} as {user.username}: {found and found.group(0)[:120]}"


def test_the_sign_in_page_an_error_page_and_the_health_check_are_not_stored_either(client, coordinator):
    for response in (
        client.get(reverse("login")),
        client.get("/finnes-ikke/"),
        client.get(reverse("core:healthz")),
        Client().get(reverse("admin:login")),
    ):
        assert "no-store" in response["Cache-Control"]
        assert response["Pragma"] == "no-cache"


def test_a_view_may_opt_into_caching():
    @cache_allowed
    def cacheable(request):
        response = HttpResponse("aggregated, no personal data")
        response["Cache-Control"] = "private, max-age=300"
        return response

    def plain(request):
        response = HttpResponse("a page")
        response["Cache-Control"] = "private, max-age=300"
        return response

    request = RequestFactory().get("/")
    assert NoStoreMiddleware(cacheable)(request)["Cache-Control"] == "private, max-age=300"
    assert "Pragma" not in NoStoreMiddleware(cacheable)(request)
    assert "no-store" in NoStoreMiddleware(plain)(request)["Cache-Control"]
    assert "max-age=0" in NoStoreMiddleware(plain)(request)["Cache-Control"]


def test_static_files_keep_their_cache_and_carry_no_policy(settings):
    settings.WHITENOISE_USE_FINDERS = True  # WhiteNoise finds the files without collectstatic
    response = Client().get("/static/css/slt.css")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert "Pragma" not in response
    assert "Content-Security-Policy" not in response


def test_the_policy_is_strict_and_its_nonce_is_on_the_pages_scripts(client_for, coordinator):
    client = client_for(coordinator)
    response = client.get(reverse("coordination:statistics"))
    directives = policy(response)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"][:2] == ["'self'", "data:"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["font-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["report-uri"] == [reverse("core:csp_report")]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    scripts = re.findall(r"<script\b[^>]*\ssrc=[^>]*>", response.content.decode())
    assert len(scripts) >= 2  # Bootstrap and the page's own
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert nonce not in client.get(reverse("coordination:statistics"))["Content-Security-Policy"]


def test_map_tiles_are_allowed_from_the_configured_tile_server_only(client_for, coordinator, settings):
    client = client_for(coordinator)
    assert "https://cache.kartverket.no" in policy(client.get("/"))["img-src"]  # the default, Kartverket's cache
    settings.WALKS_TILE_URL = "https://{s}.kart.kommune.no/tiles/{z}/{x}/{y}.png"
    assert policy(client.get("/"))["img-src"] == ["'self'", "data:", "https://*.kart.kommune.no"]
    settings.WALKS_TILE_URL = ""
    assert policy(client.get("/"))["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.no:8443/{z}/{x}/{y}.png", "https://*.tile.example.no:8443"),
        ("/kart/{z}/{x}/{y}.png", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_the_origin_of_a_tile_url(url, origin):
    assert url_origin(url) == origin


def test_form_action_and_connect_src_take_more_origins_from_the_settings(client_for, coordinator):
    directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["form-action"] is django_settings.CSP_FORM_ACTION_SOURCES
    assert directives["connect-src"] is django_settings.CSP_CONNECT_SOURCES
    django_settings.CSP_FORM_ACTION_SOURCES.append("https://login.kommune.no")
    try:
        assert policy(client_for(coordinator).get("/"))["form-action"] == ["'self'", "https://login.kommune.no"]
    finally:
        django_settings.CSP_FORM_ACTION_SOURCES.remove("https://login.kommune.no")


def test_the_environment_adds_origins_to_form_action_and_connect_src():
    code = (
        "from django.conf import settings as s; "
        "d = s.CONTENT_SECURITY_POLICY['DIRECTIVES']; print(d['form-action'], d['connect-src'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=django_settings.BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "slt.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_CSP_FORM_ACTION": "https://login.kommune.no",
            "DJANGO_CSP_CONNECT_SRC": "https://api.kommune.no,https://login.kommune.no",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "[\"'self'\", 'https://login.kommune.no'] [\"'self'\", 'https://api.kommune.no', 'https://login.kommune.no']"
    )


def test_htmx_runs_without_eval_and_injects_no_style(client_for, coordinator):
    body = client_for(coordinator).get(reverse("coordination:concern_list")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', body).group(1)
    assert '"allowEval":false' in config
    assert '"includeIndicatorStyles":false' in config


def test_every_observation_category_has_its_colour_class():
    css = (Path(django_settings.BASE_DIR) / "static" / "css" / "walks.css").read_text()
    for category, colour in Observation.COLOURS.items():
        assert f".category-{category.value}, .share-bar > .category-{category.value} {{ background: {colour}; }}" in css
    assert all(f".w-pct-{n} {{ width: {n}%; }}" in css for n in range(101))


def test_no_drop_down_offers_django_s_dashes(demo_site):
    """Every select of the site starts with "Velg …" (or the list's own "Alle"), never "---------". Django
    admin is left to its own conventions."""
    for user in demo_site:
        client = Client()
        client.force_login(user)
        for visit in crawl(client, start=START + tuple(demo_site[user])):
            if visit.body and not visit.url.startswith("/admin/"):
                assert "---------" not in visit.body, f"{visit.url} as {user.username}"
