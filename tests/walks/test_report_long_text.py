"""A long observation, suggested measure, reason or conclusion flows on to the next pages of the PDF."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from walks.models import SafetyWalk

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db

WORDS = "Gatelyset ved undergangen er knust og det er mørkt langs gangveien mot skolen. "


def _text(length, seed="Start"):
    text = f"{seed} " + WORDS * (length // len(WORDS) + 1)
    return text[: length - 5] + " Slutt"


@pytest.mark.parametrize("length", [5_300, 20_000])
def test_a_long_observation_splits_across_pages(client_for, coordinator, walk, parks, length):
    SafetyWalk.objects.filter(pk=walk.pk).update(status="completed", conclusion=_text(length, "Konklusjon"))
    observation = ObservationFactory(
        walk=walk, description=_text(length, "Beskrivelse"), suggested_measure=_text(length, "Forslag")
    )
    observation.action_items.add(
        WalkActionItemFactory(
            title="Nytt lys", responsible_agency=parks, status="wont_do", status_reason=_text(length, "Grunn")
        )
    )
    ObservationFactory(walk=walk, description="x" * length)  # one unbroken word as well

    response = client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[walk.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) >= (3 if length > 10_000 else 2)
    text = " ".join(page.extract_text() for page in reader.pages)
    for seed in ("Konklusjon", "Beskrivelse", "Forslag", "Grunn"):
        assert seed in text
    assert text.count("Slutt") >= 4  # every long text is there to its end
