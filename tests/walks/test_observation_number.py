"""Observation numbers: 1, 2, 3 … per walk, the same number everywhere (never the database id)."""

import csv
import io
import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from pypdf import PdfReader

from walks import services
from walks.models import Observation

from .factories import ObservationFactory, SafetyWalkFactory


def _add(actor, walk, description):
    return services.observation_add(
        actor=actor,
        walk=walk,
        category="lighting",
        description=description,
        safety_rating=2,
        latitude=Decimal("58.8512"),
        longitude=Decimal("5.7384"),
    )


@pytest.fixture
def other_walk_first(organiser):
    """Observations in another walk first, so that database ids and numbers differ."""
    other = SafetyWalkFactory(title="En annen vandring", organiser=organiser)
    for _ in range(5):
        ObservationFactory(walk=other)
    return other


@pytest.fixture
def numbered(walk, organiser, other_walk_first):
    return [_add(organiser, walk, f"Punkt {n}") for n in range(1, 4)]


@pytest.mark.django_db
def test_the_service_numbers_each_walk_from_one(walk, organiser, other_walk_first, numbered):
    assert [o.number for o in numbered] == [1, 2, 3]
    assert [o.pk for o in numbered] != [1, 2, 3]
    assert sorted(other_walk_first.observations.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert _add(organiser, other_walk_first, "Sjette").number == 6


@pytest.mark.django_db
def test_a_number_is_unique_per_walk(walk, numbered):
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.filter(pk=numbered[2].pk).update(number=1)
    assert Observation.objects.get(pk=numbered[2].pk).number == 3


@pytest.mark.django_db
def test_the_saved_message_names_the_number(client_for, organiser, walk, other_walk_first):
    response = client_for(organiser).post(
        reverse("walks:observation_create", args=[walk.pk]),
        {
            "latitude": "58.851200",
            "longitude": "5.738400",
            "category": "litter",
            "description": "Søppel",
            "safety_rating": "3",
            "done": "1",
        },
        follow=True,
    )
    assert "Observasjon 1 er lagret" in response.content.decode()
    assert walk.observations.get().number == 1


@pytest.mark.django_db
def test_map_list_action_form_and_detail_show_the_number(client_for, coordinator, walk, numbered):
    client = client_for(coordinator)
    detail = client.get(reverse("walks:walk_detail", args=[walk.pk]))
    assert [p["number"] for p in detail.context["points"]] == [1, 2, 3]
    assert "id" not in detail.context["points"][0]
    html = detail.content.decode()
    assert "Velg observasjon 3" in html
    assert f">3. {numbered[2].get_category_display()}<" in html

    form = client.get(reverse("walks:action_create", args=[walk.pk]))
    assert "3. Belysning: Punkt 3" in form.content.decode()

    page = client.get(numbered[1].get_absolute_url())
    assert "<h1>" in page.content.decode() and "2. Belysning" in page.content.decode()

    report = client.get(reverse("walks:walk_report", args=[walk.pk]))
    assert [p["number"] for p in report.context["points"]] == [1, 2, 3]
    assert ">2. Belysning<" in report.content.decode()


@pytest.mark.django_db
def test_csv_geojson_and_pdf_carry_the_number(client_for, coordinator, walk, numbered):
    client = client_for(coordinator)
    response = client.get(reverse("walks:observations_csv", args=[walk.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]

    body = json.loads(client.get(reverse("walks:observations_geojson", args=[walk.pk])).content)
    assert [f["id"] for f in body["features"]] == [1, 2, 3]
    assert [f["properties"]["number"] for f in body["features"]] == [1, 2, 3]

    pdf = client.get(reverse("walks:walk_report_pdf", args=[walk.pk])).content
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for observation in numbered:
        assert f"{observation.number}. Belysning" in text
    assert f"{numbered[0].pk}. Belysning" not in text


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_existing_rows_by_creation_order():
    executor = MigrationExecutor(connection)
    executor.migrate([("walks", "0002_text_and_date_bounds")])
    old = executor.loader.project_state([("walks", "0002_text_and_date_bounds")]).apps
    try:
        User = old.get_model("accounts", "User")
        Area = old.get_model("coordination", "Area")
        Walk = old.get_model("walks", "SafetyWalk")
        OldObservation = old.get_model("walks", "Observation")
        user = User.objects.create(username="gammel")
        area = Area.objects.create(name="Gamle sentrum")
        walks = [
            Walk.objects.create(
                title=f"Vandring {n}",
                area=area,
                date="2026-01-10",
                start_time="19:00",
                meeting_point="Torget",
                organiser=user,
            )
            for n in range(2)
        ]
        made = []
        for n, walk in enumerate([walks[0], walks[1], walks[0], walks[0], walks[1]]):
            made.append(
                OldObservation.objects.create(
                    walk=walk,
                    category="litter",
                    description=f"Gammel {n}",
                    safety_rating=3,
                    latitude=Decimal("58.85"),
                    longitude=Decimal("5.73"),
                )
            )
        # Recorded out of id order: the third one (by id) was recorded first.
        OldObservation.objects.filter(pk=made[3].pk).update(created_at=made[0].created_at.replace(year=2025))
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    numbers = {o.description: (o.walk.title, o.number) for o in Observation.objects.select_related("walk")}
    assert numbers == {
        "Gammel 3": ("Vandring 0", 1),
        "Gammel 0": ("Vandring 0", 2),
        "Gammel 2": ("Vandring 0", 3),
        "Gammel 1": ("Vandring 1", 1),
        "Gammel 4": ("Vandring 1", 2),
    }
