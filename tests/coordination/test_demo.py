"""The demo data for coordination is complete and can be loaded twice."""

import pytest
from django.core.management import call_command

from coordination.models import ActionItem, Concern, ConcernShare, Forum, Meeting

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_coordination_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = (Forum.objects.count(), Meeting.objects.count(), Concern.objects.count(), ConcernShare.objects.count())
    coordination_items = ActionItem.objects.exclude(source="walk").count()
    call_command("seed_demo", verbosity=0)

    assert counts == (
        Forum.objects.count(),
        Meeting.objects.count(),
        Concern.objects.count(),
        ConcernShare.objects.count(),
    )
    assert ActionItem.objects.exclude(source="walk").count() == coordination_items
    assert counts[0] == 4 and counts[2] == 25
    assert 25 <= coordination_items <= 40
    assert ConcernShare.objects.filter(revoked_at__isnull=False).count() == 1
    assert ConcernShare.objects.filter(agency__name="Sandnes politistasjon").exists()
    assert ConcernShare.objects.filter(agency__kind="school").exists()
    assert Concern.objects.filter(legal_basis__startswith="consent").exclude(full_name="").exists()
    assert Concern.objects.filter(full_name="").count() >= 20
    assert any(item.is_overdue for item in ActionItem.objects.all())
    assert ActionItem.objects.filter(status="done").exists()
    assert Meeting.objects.filter(minutes_approved_at__isnull=False).exists()
