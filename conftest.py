"""Loaded before any test module: tests run production-like (debug off) with a throwaway key."""

import os

import django
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# Tests sign users in with force_login and the e2e sign_in helper (password only), so the second factor is
# relaxed as in the demo; tests/accounts/test_second_factor*.py and tests/e2e/test_second_factor_journey.py
# switch it on (settings.REQUIRE_SECOND_FACTOR = True) and walk the required path.
os.environ.setdefault("DJANGO_REQUIRE_2FA", "0")
django.setup()

# Hashing with a million PBKDF2 rounds per test user is the slowest thing a test would do.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test starts with an empty cache of its own (tests/conftest.py clears it).
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
