"""Bulk data for query budgets: many observations with photos and linked measures, made cheaply."""

from decimal import Decimal

from coordination.models import ActionItem
from walks.models import Observation, ObservationPhoto

from .factories import WalkActionItemFactory


def fill_walk(walk, count, agency):
    categories = Observation.Category.values
    first = walk.observations.count() + 1
    observations = Observation.objects.bulk_create(
        Observation(
            walk=walk,
            number=first + i,
            category=categories[i % len(categories)],
            description=f"Observasjon {i}",
            safety_rating=1 + i % 5,
            latitude=Decimal("58.85") + Decimal(i) / Decimal(100000),
            longitude=Decimal("5.73"),
        )
        for i in range(count)
    )
    ObservationPhoto.objects.bulk_create(
        ObservationPhoto(observation=observation, image="walks/photos/x.jpg", thumbnail="walks/thumbnails/x.jpg")
        for observation in observations
    )
    statuses = ActionItem.Status.values
    links = []
    for i, observation in enumerate(observations[: max(1, count // 2)]):
        item = WalkActionItemFactory(
            responsible_agency=agency,
            status=statuses[i % len(statuses)],
            status_reason="Ikke prioritert" if statuses[i % len(statuses)] == "wont_do" else "",
        )
        links.append(Observation.action_items.through(observation_id=observation.pk, actionitem_id=item.pk))
    Observation.action_items.through.objects.bulk_create(links)
    return observations
