"""Demo data for a Sandnes-like municipality: the registry, then forums, meetings, action items and
concerns, made through the services as people would make them. Idempotent: what exists is left alone."""

from django.db import transaction

from ..models import ActionItem, Concern, Forum, Meeting
from .concerns import seed_concerns
from .meetings import seed_meetings
from .registry import seed_registry, seed_users

__all__ = ["seed_coordination", "seed_registry", "seed_users"]


@transaction.atomic
def seed_coordination(agencies: dict, users: dict) -> dict:
    """`agencies` by name and `users` by username, as the registry seeder made them."""
    coordinator = users["koordinator"]
    seed_meetings(coordinator, agencies, users)
    seed_concerns(coordinator, agencies, users)
    return {
        "forums": Forum.objects.count(),
        "meetings": Meeting.objects.count(),
        "action_items": ActionItem.objects.count(),
        "concerns": Concern.objects.count(),
    }
