"""The PDF report's words: Norwegian plurals, empty counts left out, headings kept with what follows, and the
municipality's name and logo."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from walks import selectors
from walks.models import SafetyWalk
from walks.report import counts_sentence, external_participants, progress_sentence, walk_report_pdf

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db

HEADINGS = {"Konklusjon", "Oppsummering per kategori", "Kart over observasjonene", "Tiltaksliste", "Observasjoner"}


def _text(content):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _render(walk):
    observations = list(selectors.observations_for_walk(walk))
    items = list(selectors.action_items_for_walk(walk))
    for item in items:
        item.main_category = selectors.main_category(item)
    return walk_report_pdf(
        walk=walk,
        observations=observations,
        items=items,
        summary=selectors.category_summary(observations, items),
        progress=selectors.progress(items),
    )


def test_external_participants_in_the_right_plural_and_without_zeros(walk):
    walk.residents_count, walk.youth_council_count, walk.landlords_count, walk.other_external_count = 3, 1, 0, 1
    assert external_participants(walk) == "3 beboere, 1 fra ungdomsrådet, 1 annen"
    walk.residents_count, walk.youth_council_count, walk.landlords_count, walk.other_external_count = 1, 0, 2, 4
    assert external_participants(walk) == "1 beboer, 2 gårdeiere, 4 andre"


def test_the_counts_in_the_right_plural():
    assert counts_sentence(1, 1) == "1 observasjon og 1 tiltak."
    assert counts_sentence(4, 2) == "4 observasjoner og 2 tiltak."
    assert counts_sentence(2, 0) == "2 observasjoner, ingen tiltak ennå."


def test_the_progress_names_overdue_measures_only_when_there_are_some():
    base = {"handled": 1, "total": 3, "percent": 33}
    assert progress_sentence({**base, "overdue": 0}) == "1 av 3 tiltak er utført eller avklart (33 %)."
    assert progress_sentence({**base, "overdue": 1}).endswith("(33 %). 1 er forfalt.")
    assert progress_sentence({**base, "overdue": 2}).endswith("2 er forfalt.")


def test_the_pdf_says_it_in_norwegian_without_empty_counts(client_for, coordinator, walk, lighting_company):
    SafetyWalk.objects.filter(pk=walk.pk).update(residents_count=2, other_external_count=1)
    walk.refresh_from_db()
    observation = ObservationFactory(walk=walk)
    observation.action_items.add(WalkActionItemFactory(responsible_agency=lighting_company))
    content = client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[walk.pk])).content
    text = _text(content)
    assert "Eksterne deltakere: 2 beboere, 1 annen." in text
    assert "gårdeiere" not in text and "ungdomsrådet" not in text
    assert "1 observasjon og 1 tiltak." in text
    assert "0 av 1 tiltak er utført eller avklart (0 %)." in text
    assert "forfalt" not in text and "forsinket" not in text


def test_a_category_without_measures_shows_a_dash_not_zero(client_for, coordinator, walk, lighting_company):
    ObservationFactory(walk=walk, category="lighting").action_items.add(
        WalkActionItemFactory(responsible_agency=lighting_company)
    )
    ObservationFactory(walk=walk, category="litter")
    text = _text(client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[walk.pk])).content)
    assert "Søppel\n1 (50 %)\n–" in text
    assert "0 (0 %)" not in text


def test_the_pdf_carries_the_municipality_name_and_logo(client_for, coordinator, walk, settings):
    settings.SLT_MUNICIPALITY_NAME = "Bjørnafjorden kommune"
    ObservationFactory(walk=walk)
    content = client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[walk.pk])).content
    reader = PdfReader(BytesIO(content))
    first = reader.pages[0]
    assert first.extract_text().startswith("Bjørnafjorden kommune")
    assert all(f"{walk.title} · Bjørnafjorden kommune" in page.extract_text() for page in reader.pages)  # footer
    assert reader.metadata.author == "Bjørnafjorden kommune"
    assert len(first.images) == 1  # the logo (the map is drawn, not a picture, without tiles)


def test_a_missing_logo_costs_the_report_nothing(client_for, coordinator, walk, settings):
    settings.SLT_MUNICIPALITY_LOGO = "img/finnes-ikke.png"
    response = client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[walk.pk]))
    assert response.status_code == 200
    reader = PdfReader(BytesIO(response.content))
    assert reader.pages[0].extract_text().startswith("Sandnes kommune")
    assert len(reader.pages[0].images) == 0


def test_no_heading_is_left_alone_at_the_foot_of_a_page(walk, lighting_company):
    for n in range(3):
        ObservationFactory(walk=walk, description=f"Mørk sti {n}").action_items.add(
            WalkActionItemFactory(responsible_agency=lighting_company)
        )
    alone = []
    # Longer and longer conclusions move every heading down the pages, line by line.
    for lines in range(0, 64, 2):
        walk.conclusion = "\n".join(f"Linje {n} av konklusjonen." for n in range(lines))
        reader = PdfReader(BytesIO(_render(walk)))
        for number, page in enumerate(reader.pages[:-1], start=1):
            body = [line for line in page.extract_text().splitlines() if "Side " not in line and walk.title not in line]
            if body and body[-1].strip() in HEADINGS:
                alone.append((lines, number, body[-1]))
    assert not alone
