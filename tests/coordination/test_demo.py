"""The demo data for coordination is complete and can be loaded twice."""

import pytest
from django.core.management import call_command

from coordination.models import ActionItem, Concern, ConcernNote, ConcernShare, Forum, Meeting
from slt.audit.models import AuditEvent

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


def test_the_demo_is_made_through_the_services(settings):
    """Agenda numbers, audit rows, progress notes and timeline codes are what the services write."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)

    for meeting in Meeting.objects.all():
        positions = list(meeting.agenda.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))
    approved = Meeting.objects.filter(minutes_approved_at__isnull=False)
    assert approved.exists() and all(m.minutes_approved_by.username == "koordinator" for m in approved)
    created = AuditEvent.objects.filter(action=AuditEvent.Action.CREATE)
    assert created.filter(object_type="coordination.meeting").count() == Meeting.objects.count()
    items = ActionItem.objects.exclude(source="walk")
    assert created.filter(object_type="coordination.actionitem").count() >= items.count()
    assert all(item.notes.exists() for item in items.filter(status="in_progress"))
    assert all(item.status_reason for item in items.filter(status="wont_do"))
    status_entries = ConcernNote.objects.filter(kind=ConcernNote.Kind.STATUS)
    assert status_entries.exists() and not status_entries.filter(new_status="").exists()
    assert (
        Concern.objects.filter(status="closed").exclude(outcome="").count()
        == Concern.objects.filter(status="closed").count()
    )
