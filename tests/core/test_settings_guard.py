"""The settings module refuses to start unsafely, and passes Django's deployment checks when configured."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

BASE_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "slt.settings",
    "HOME": os.environ.get("HOME", "/tmp"),
}


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_a_secret_key_stops_with_one_clear_sentence():
    result = _manage("check")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "DJANGO_SECRET_KEY is not set: set it to a long random value (or set DJANGO_DEBUG=1 for local development)."
    )


def test_debug_on_runs_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_deploy_checks_pass_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="slt.kommune.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_checks_fail_when_security_is_switched_off():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="slt.kommune.example",
        DJANGO_HSTS_SECONDS="0",
    )
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_security_defaults_when_debug_is_off():
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_MAX_AGE == 12 * 60 * 60
