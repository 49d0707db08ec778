from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from slt.audit.models import AuditEvent
from walks.models import SafetyWalk

from .budget import fill_walk
from .factories import ObservationFactory, SafetyWalkFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


def report_url(walk):
    return reverse("walks:walk_report", args=[walk.pk])


def publish_url(walk):
    return reverse("walks:walk_publish", args=[walk.pk])


@pytest.fixture
def reported_walk(walk, lighting_company, parks):
    """Eleven measures, seven of them about lighting; one will not be done. The walk took place yesterday."""
    SafetyWalk.objects.filter(pk=walk.pk).update(status="completed", date=timezone.localdate() - timedelta(days=1))
    walk.refresh_from_db()
    for n in range(7):
        observation = ObservationFactory(walk=walk, category="lighting", description=f"Mørkt punkt {n}")
        observation.action_items.add(WalkActionItemFactory(title=f"Lys {n}", responsible_agency=lighting_company))
    for n in range(3):
        observation = ObservationFactory(walk=walk, category="maintenance")
        observation.action_items.add(WalkActionItemFactory(title=f"Vedlikehold {n}", responsible_agency=parks))
    observation = ObservationFactory(walk=walk, category="vegetation")
    observation.action_items.add(
        WalkActionItemFactory(
            title="Klippe hekken", responsible_agency=parks, status="wont_do", status_reason="Hekken er fredet"
        )
    )
    return walk


def test_every_signed_in_role_reads_the_report(client_for, any_role_user, reported_walk):
    response = client_for(any_role_user).get(report_url(reported_walk))
    assert response.status_code == 200
    text = response.text
    assert "7 av 11 tiltak gjelder belysning." in text
    assert "Hekken er fredet" in text  # the reason a measure will not be done
    assert "Sandnes gatelys AS" in text


def test_an_unknown_walk_has_no_report(client_for, coordinator):
    assert client_for(coordinator).get(reverse("walks:walk_report", args=[999])).status_code == 404


def test_the_organiser_publishes_the_report(client_for, reported_walk, organiser):
    response = client_for(organiser).post(publish_url(reported_walk), {"conclusion": "Sentrum er trygt, men mørkt."})
    assert response.status_code == 302
    reported_walk.refresh_from_db()
    assert reported_walk.status == SafetyWalk.Status.PUBLISHED
    assert reported_walk.published_at is not None
    assert reported_walk.conclusion == "Sentrum er trygt, men mørkt."
    assert AuditEvent.objects.filter(action="update", object_id=str(reported_walk.pk)).exists()


def test_a_coordinator_publishes_too(client_for, reported_walk, coordinator):
    client_for(coordinator).post(publish_url(reported_walk), {"conclusion": "Ferdig."})
    reported_walk.refresh_from_db()
    assert reported_walk.status == SafetyWalk.Status.PUBLISHED


def test_publishing_needs_a_conclusion(client_for, reported_walk, organiser):
    response = client_for(organiser).post(publish_url(reported_walk), {"conclusion": "  "})
    assert response.status_code == 200
    assert "Feltet er påkrevet" in response.text
    reported_walk.refresh_from_db()
    assert reported_walk.status == SafetyWalk.Status.COMPLETED


def test_only_a_completed_walk_is_published(client_for, walk, organiser):
    response = client_for(organiser).post(publish_url(walk), {"conclusion": "For tidlig"})
    assert response.status_code == 200
    assert "Bare en fullført vandring" in response.text
    walk.refresh_from_db()
    assert walk.status == SafetyWalk.Status.PLANNED


@pytest.mark.parametrize("role", ["admin", "police", "agency_member", "steering"])
def test_others_may_not_publish(request, client_for, reported_walk, role):
    client = client_for(request.getfixturevalue(role))
    assert client.post(publish_url(reported_walk), {"conclusion": "Nei"}).status_code == 403
    reported_walk.refresh_from_db()
    assert (reported_walk.status, reported_walk.conclusion) == ("completed", "")


def test_the_report_has_a_query_budget(client_for, coordinator, lighting_company, page_queries):
    walk = SafetyWalkFactory(status=SafetyWalk.Status.COMPLETED)
    walk.invited_agencies.add(lighting_company)
    fill_walk(walk, 10, lighting_company)
    client = client_for(coordinator)
    few = page_queries(client, report_url(walk))
    fill_walk(walk, 490, lighting_company)
    assert page_queries(client, report_url(walk)) == few
