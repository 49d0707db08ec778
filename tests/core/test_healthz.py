import pytest
from django.db import DatabaseError
from django.test import Client

from slt.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_it_answers_without_sign_in_when_all_is_well():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_broker_is_unreachable(monkeypatch):
    # A real broker that nobody listens on: port 1 on loopback refuses at once.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "ok", "broker": "error"}


def test_it_answers_503_when_the_database_fails(monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_it_only_answers_get():
    assert Client().post("/healthz").status_code == 405
