import pytest

from coordination.demo import registry as demo
from coordination.models import ActionItem
from walks.demo import CENTRE_WALK, PLANNED_WALK, seed_walks
from walks.models import Observation, ObservationPhoto, SafetyWalk
from walks.selectors import category_summary, main_category

pytestmark = pytest.mark.django_db


def test_the_demo_walks_are_seeded_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agencies = demo.seed_registry()
    users = demo.seed_users(agencies)
    seed_walks(agencies, users)
    seed_walks(agencies, users)

    walk = SafetyWalk.objects.get(title=CENTRE_WALK)
    assert walk.status == SafetyWalk.Status.PUBLISHED
    assert walk.light == SafetyWalk.Light.AFTER_DARK
    assert walk.conclusion
    assert SafetyWalk.objects.get(title=PLANNED_WALK).status == SafetyWalk.Status.PLANNED
    assert Observation.objects.filter(walk=walk).count() == 15
    assert ObservationPhoto.objects.filter(observation__walk=walk).count() >= 5
    items = list(ActionItem.objects.filter(observations__walk=walk).distinct())
    assert len(items) == 11
    assert {item.responsible_agency.name for item in items} == {
        "Sandnes gatelys AS",
        "Park og vei",
        "Sandnes sentrumsforening",
    }
    assert {item.status for item in items} == set(ActionItem.Status.values)
    assert all(item.status_reason for item in items if item.status == "wont_do")
    lighting = next(row for row in category_summary(walk.observations.all(), items) if row["category"] == "lighting")
    assert lighting["actions"] == 7
    assert sum(main_category(item) == "lighting" for item in items) == 7
