from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from slt.audit.models import AuditEvent
from walks.models import SafetyWalk

from .factories import ObservationFactory, WalkActionItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_walk(walk, lighting_company):
    SafetyWalk.objects.filter(pk=walk.pk).update(
        title="Vandring på Ruten – høsten",
        status="published",
        published_at="2026-10-01T10:00:00Z",
        conclusion="Sentrum er trygt; belysningen må bli bedre.",
    )
    walk.refresh_from_db()
    for n in range(3):
        observation = ObservationFactory(walk=walk, category="lighting", description=f"Mørk bakgård {n}")
        observation.action_items.add(
            WalkActionItemFactory(title=f"Nytt gatelys {n}", responsible_agency=lighting_company)
        )
    ObservationFactory(walk=walk, category="litter", description="Søppel ved kiosken")
    return walk


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_the_title_summary_and_action_list(client_for, coordinator, published_walk):
    response = client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[published_walk.pk]))
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Vandring på Ruten – høsten" in text
    assert "Oppsummering per kategori" in text
    assert "3 av 3 tiltak gjelder belysning." in text
    assert "Belysning" in text
    assert "Søppel" in text
    assert "Sandnes gatelys AS" in text
    assert "belysningen må bli bedre" in text
    assert AuditEvent.objects.filter(action="export", object_id=str(published_walk.pk)).count() == 1


def test_every_signed_in_role_downloads_it(client_for, any_role_user, published_walk):
    response = client_for(any_role_user).get(reverse("walks:walk_report_pdf", args=[published_walk.pk]))
    assert response.status_code == 200
    assert "Vandring på Ruten" in pdf_text(response)


def test_an_unknown_walk_is_404_and_not_logged(client_for, coordinator):
    assert client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[999])).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_anonymous_visitors_get_no_pdf(client, published_walk):
    response = client.get(reverse("walks:walk_report_pdf", args=[published_walk.pk]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="export").exists()


def test_each_page_says_which_page_of_how_many(client_for, coordinator, published_walk):
    for n in range(40):  # enough observations for several pages
        ObservationFactory(walk=published_walk, category="litter", description=f"Søppel ved benk {n} " * 20)
    response = client_for(coordinator).get(reverse("walks:walk_report_pdf", args=[published_walk.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    pages = PdfReader(BytesIO(content)).pages
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} av {total}" in page.extract_text()
