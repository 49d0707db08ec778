import csv
import io
import json

import pytest
from django.urls import reverse

from slt.audit.models import AuditEvent

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def observations(walk, lighting_company):
    first = ObservationFactory(walk=walk, category="lighting", description="Mørk sti ved bekken")
    first.action_items.add(WalkActionItemFactory(title="Nye master", responsible_agency=lighting_company))
    second = ObservationFactory(walk=walk, category="graffiti", description='=HYPERLINK("http://x")')
    return [first, second]


def test_csv_lists_the_observations(client_for, coordinator, walk, observations):
    response = client_for(coordinator).get(reverse("walks:observations_csv", args=[walk.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nummer", "Kategorikode", "Kategori"]  # in the user's language
    assert len(rows) == 3
    assert rows[1][1:4] == ["lighting", "Belysning", "Mørk sti ved bekken"]
    assert rows[1][-1] == "Nye master"
    assert rows[2][3].startswith("'=")  # no spreadsheet formulas
    assert AuditEvent.objects.filter(action="export", object_id=str(walk.pk)).count() == 1


def test_geojson_has_one_point_per_observation(client_for, coordinator, walk, observations):
    response = client_for(coordinator).get(reverse("walks:observations_geojson", args=[walk.pk]))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 2
    feature = body["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.7384, 58.8512]}
    assert feature["properties"]["category"] == "lighting"
    assert feature["properties"]["action_items"][0]["responsible_agency"] == "Sandnes gatelys AS"


@pytest.mark.parametrize("name", ["walks:observations_csv", "walks:observations_geojson"])
def test_every_signed_in_role_exports(client_for, any_role_user, walk, observations, name):
    assert client_for(any_role_user).get(reverse(name, args=[walk.pk])).status_code == 200


@pytest.mark.parametrize("name", ["walks:observations_csv", "walks:observations_geojson"])
def test_anonymous_and_unknown_walks_export_nothing(client, client_for, coordinator, walk, observations, name):
    assert client.get(reverse(name, args=[walk.pk])).status_code == 302
    assert client_for(coordinator).get(reverse(name, args=[999])).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
