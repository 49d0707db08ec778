"""Every walk URL asks an anonymous visitor to sign in and reveals nothing."""

import pytest
from django.urls import reverse

from walks.models import Observation, SafetyWalk

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


def test_every_walk_url_needs_sign_in(client, walk, lighting_company):
    observation = ObservationFactory(walk=walk)
    item = WalkActionItemFactory(responsible_agency=lighting_company)
    observation.action_items.add(item)
    urls = [
        reverse("walks:walk_list"),
        reverse("walks:walk_create"),
        reverse("walks:follow_up"),
        reverse("walks:walk_detail", args=[walk.pk]),
        reverse("walks:walk_update", args=[walk.pk]),
        reverse("walks:walk_status", args=[walk.pk]),
        reverse("walks:observation_create", args=[walk.pk]),
        reverse("walks:observations_csv", args=[walk.pk]),
        reverse("walks:observations_geojson", args=[walk.pk]),
        reverse("walks:action_create", args=[walk.pk]),
        reverse("walks:action_status", args=[walk.pk, item.pk]),
        reverse("walks:walk_report", args=[walk.pk]),
        reverse("walks:walk_publish", args=[walk.pk]),
        reverse("walks:walk_report_pdf", args=[walk.pk]),
        reverse("walks:observation_detail", args=[observation.pk]),
    ]
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
    assert SafetyWalk.objects.get().status == "planned"
    assert Observation.objects.count() == 1
