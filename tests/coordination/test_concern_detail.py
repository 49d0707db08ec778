"""The concern page: who sees the identity, the timeline, acknowledgement, the access log."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ConcernNote, LegalBasis
from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from tests.budget import queries_for, report

from .factories import ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(other_reporter):
    return ConcernFactory(
        reporter=other_reporter,
        full_name="Ola Nordmann",
        birth_date="2011-04-01",
        legal_basis=LegalBasis.CONSENT_GUARDIAN,
    )


def test_each_opening_writes_a_view_event(client_for, coordinator, concern):
    client = client_for(coordinator)
    client.get(concern.get_absolute_url())
    client.get(concern.get_absolute_url())
    events = AuditEvent.objects.filter(action="view", object_type="coordination.concern", object_id=str(concern.pk))
    assert events.count() == 2
    assert events.first().actor == coordinator


def test_identity_is_shown_to_coordinator_and_reporter(client_for, coordinator, other_reporter, concern):
    for user in (coordinator, other_reporter):
        assert "Ola Nordmann" in client_for(user).get(concern.get_absolute_url()).text


def test_identity_is_hidden_from_an_anonymous_share(client_for, police, concern):
    ConcernShareFactory(concern=concern, agency=police.agency, includes_identity=False)
    page = client_for(police).get(concern.get_absolute_url())
    assert page.status_code == 200
    assert "Ola Nordmann" not in page.text
    assert "2011" not in page.text
    assert "Koordinatoren kjenner identiteten, men den er ikke delt med aktøren din." in page.text


def test_identity_is_shown_where_the_share_includes_it(client_for, police, concern):
    ConcernShareFactory(concern=concern, agency=police.agency, includes_identity=True, legal_basis="consent_guardian")
    assert "Ola Nordmann" in client_for(police).get(concern.get_absolute_url()).text


def test_identity_is_hidden_after_an_identity_share_is_revoked_and_shared_anonymously(client_for, police, concern):
    ConcernShareFactory(
        concern=concern,
        agency=police.agency,
        includes_identity=True,
        legal_basis="consent_guardian",
        revoked_at=timezone.now(),
    )
    ConcernShareFactory(concern=concern, agency=police.agency, includes_identity=False)
    assert "Ola Nordmann" not in client_for(police).get(concern.get_absolute_url()).text


def test_the_police_add_a_note_and_acknowledge(client_for, police, concern):
    ConcernShareFactory(concern=concern, agency=police.agency)
    client = client_for(police)

    client.post(reverse("coordination:concern_note", args=[concern.pk]), {"text": "Kjent for politiet fra før."})
    client.post(reverse("coordination:concern_acknowledge", args=[concern.pk]))

    note = concern.notes.get(kind=ConcernNote.Kind.NOTE)
    assert (note.author, note.author_agency, note.text) == (police, police.agency, "Kjent for politiet fra før.")
    share = concern.shares.get()
    assert share.acknowledged_by == police and share.acknowledged_at is not None
    page = client.get(concern.get_absolute_url())
    assert "Kjent for politiet fra før." in page.text
    assert "Kvitter for mottak" not in page.text
    assert concern.reference not in client.get(reverse("core:dashboard")).text  # no longer new in the inbox


def test_an_empty_note_is_refused(client_for, coordinator, concern):
    response = client_for(coordinator).post(reverse("coordination:concern_note", args=[concern.pk]), {"text": " "})
    assert response.status_code == 400
    assert not concern.notes.exists()


def test_coordinators_see_who_opened_the_concern(client_for, coordinator, police, concern):
    ConcernShareFactory(concern=concern, agency=police.agency)
    client_for(police).get(concern.get_absolute_url())
    coordinator_page = client_for(coordinator).get(concern.get_absolute_url())
    assert "Hvem har åpnet bekymringen" in coordinator_page.text
    log = coordinator_page.text.split("Hvem har åpnet bekymringen")[1]
    # the person's name and agency, not a username
    assert police.get_full_name() in log and police.agency.name in log
    assert f"· {police.username}" not in log

    police_page = client_for(police).get(concern.get_absolute_url())
    assert "Hvem har åpnet bekymringen" not in police_page.text


def test_a_radicalisation_concern_points_to_the_extremism_module(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter, categories=["radicalisation", "online"])
    page = client_for(coordinator).get(concern.get_absolute_url())
    assert "Denne bekymringen gjelder radikalisering." in page.text
    plain = ConcernFactory(reporter=other_reporter, categories=["theft"])
    assert "gjelder radikalisering" not in client_for(coordinator).get(plain.get_absolute_url()).text


@pytest.mark.parametrize("role", ["coordinator", "police"])
def test_the_page_costs_the_same_with_10_and_500_rows(request, client_for, concern, role):
    user = request.getfixturevalue(role)
    ConcernShareFactory(concern=concern, agency=user.agency)
    client = client_for(user)

    def fill(count):
        ConcernNote.objects.bulk_create(
            ConcernNote(concern=concern, author=user, author_agency=user.agency, text=f"n{i}") for i in range(count)
        )
        for _ in range(count // 10):
            record_event(actor=user, action="view", obj=concern)
        ConcernFactory.create_batch(count // 10, reporter=user)

    fill(10)
    small = queries_for(client, concern.get_absolute_url())
    fill(490)
    large = queries_for(client, concern.get_absolute_url())
    report(f"concern detail ({role})", small, large)
    assert small == large


def test_the_page_reads_in_english_for_a_user_who_chose_it(client_for, coordinator, concern):
    coordinator.preferred_language = "en"
    coordinator.save(update_fields=["preferred_language"])
    page = client_for(coordinator).get(concern.get_absolute_url())
    assert f"Concern {concern.reference}" in page.text
    assert "Who has opened this concern" in page.text
    assert "Consent of the guardian" in page.text
