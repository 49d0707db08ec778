"""Redis down: the pages that use the cache still answer, /healthz names the part that is down within 2 s,
and celery_ping gives up within its timeout."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from slt.celery import app as celery_app
from tests.coordination.factories import ConcernFactory

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:1/0"  # nobody listens on port 1: a connection is refused at once


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "slt.core.cache.FailSoftRedisCache",
            "LOCATION": CLOSED,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", CLOSED)
    monkeypatch.setattr(celery_app.conf, "result_backend", CLOSED)


@pytest.mark.parametrize("url", [reverse("core:dashboard"), reverse("coordination:statistics")])
def test_the_dashboard_and_statistics_are_counted_without_the_cache(redis_down, client_for, coordinator, url):
    ConcernFactory.create_batch(5, reporter=coordinator, area__name="Lura")
    response = client_for(coordinator).get(url)
    assert response.status_code == 200
    assert "Bekymringer etter kategori" in response.text
    assert "Talt " in response.text


def test_the_cache_reads_miss_and_writes_are_dropped(redis_down):
    from django.core.cache import cache

    started = time.monotonic()
    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    cache.set("key", 1)
    assert cache.get_or_set("key", 2) == 2
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("key")
    assert time.monotonic() - started < 2


def test_healthz_names_the_cache_when_redis_is_down(redis_down):
    started = time.monotonic()
    response = Client().get("/healthz")
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error", "broker": "ok"}


def test_healthz_names_cache_and_broker_within_two_seconds(redis_down, broker_down):
    started = time.monotonic()
    response = Client().get("/healthz")
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error", "broker": "error"}


def test_healthz_gives_up_on_a_check_that_hangs(monkeypatch, settings):
    from slt.core import views

    settings.HEALTHZ_TIMEOUT = 0.5
    monkeypatch.setattr(views, "_broker_ok", lambda: time.sleep(5) or True)
    started = time.monotonic()
    response = Client().get("/healthz")
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["cache"] == "ok"


def test_celery_ping_fails_within_its_timeout(broker_down):
    started = time.monotonic()
    with pytest.raises(CommandError, match="No answer from a Celery worker within 1 s"):
        call_command("celery_ping", "--timeout", "1")
    assert time.monotonic() - started < 3
