"""Loaded before any test module: tests run production-like (debug off) with a throwaway key."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slt.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
django.setup()
