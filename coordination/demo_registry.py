"""Kept for `tests/walks/test_demo.py`, which imports the registry seeders from here; they live in
`coordination.demo.registry`. Remove this module once that test imports from there."""

from .demo.registry import seed_registry, seed_users

__all__ = ["seed_registry", "seed_users"]
