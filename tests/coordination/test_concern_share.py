"""Sharing a concern with an agency, and revoking the share; the history stays."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ConcernNote, ConcernShare, LegalBasis
from slt.audit.models import AuditEvent
from tests.factories import AgencyFactory

from .factories import ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db


def _share(client, concern, **data):
    return client.post(reverse("coordination:concern_share", args=[concern.pk]), data)


def test_the_coordinator_shares_with_the_police(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    response = _share(client_for(coordinator), concern, agency=police.agency.pk, legal_basis="anonymous")

    assert response.status_code == 302
    share = ConcernShare.objects.get()
    assert (share.agency, share.shared_by, share.includes_identity) == (police.agency, coordinator, False)
    assert share.legal_basis == LegalBasis.ANONYMOUS
    assert share.shared_at is not None and share.revoked_at is None
    assert AuditEvent.objects.filter(action="share", object_id=str(concern.pk)).count() == 1
    assert concern.notes.filter(kind=ConcernNote.Kind.SHARE).exists()
    inbox = client_for(police).get(reverse("coordination:concern_inbox"))
    assert concern.reference in inbox.text


def test_identity_goes_along_only_with_a_legal_basis(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter, full_name="Ola Nordmann", legal_basis=LegalBasis.CONSENT_GUARDIAN)
    client = client_for(coordinator)
    response = _share(client, concern, agency=police.agency.pk, legal_basis="anonymous", includes_identity="on")

    assert response.status_code == 400
    assert "Deling av identitet krever et rettslig grunnlag" in response.text
    assert not ConcernShare.objects.exists()
    assert not AuditEvent.objects.filter(action="share").exists()

    response = _share(client, concern, agency=police.agency.pk, legal_basis="consent_guardian", includes_identity="on")
    assert response.status_code == 302
    assert ConcernShare.objects.get().includes_identity


def test_an_anonymous_concern_offers_no_identity_to_share(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    page = client_for(coordinator).get(concern.get_absolute_url())
    assert 'name="includes_identity"' not in page.text
    # A tampered form that asks for identity anyway shares nothing identifying.
    _share(
        client_for(coordinator), concern, agency=police.agency.pk, legal_basis="consent_youth", includes_identity="on"
    )
    assert not ConcernShare.objects.filter(includes_identity=True).exists()


def test_an_inactive_agency_cannot_receive_a_concern(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    closed_down = AgencyFactory(name="Nedlagt fritidsklubb", is_active=False)
    response = _share(client_for(coordinator), concern, agency=closed_down.pk, legal_basis="anonymous")

    assert response.status_code == 400
    assert "Aktøren er inaktiv og kan ikke motta bekymringer." in response.text
    assert not ConcernShare.objects.exists()


def test_an_unknown_agency_id_is_refused(client_for, coordinator, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    response = _share(client_for(coordinator), concern, agency=999_999, legal_basis="anonymous")
    assert response.status_code == 400
    assert not ConcernShare.objects.exists()


def test_sharing_twice_with_the_same_agency_is_refused(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    ConcernShareFactory(concern=concern, agency=police.agency)
    response = _share(client_for(coordinator), concern, agency=police.agency.pk, legal_basis="anonymous")
    assert "allerede delt med denne aktøren" in response.text
    assert ConcernShare.objects.count() == 1


def test_a_revoked_share_stays_in_the_history_and_closes_the_door(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    share = ConcernShareFactory(concern=concern, agency=police.agency)
    assert client_for(police).get(concern.get_absolute_url()).status_code == 200

    response = client_for(coordinator).post(reverse("coordination:concern_share_revoke", args=[concern.pk, share.pk]))

    assert response.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None and share.revoked_by == coordinator
    assert AuditEvent.objects.filter(action="revoke", object_id=str(concern.pk)).count() == 1
    assert client_for(police).get(concern.get_absolute_url()).status_code == 404
    page = client_for(coordinator).get(concern.get_absolute_url())
    assert "Trukket tilbake" in page.text

    # It can be shared again; both rows stay.
    _share(client_for(coordinator), concern, agency=police.agency.pk, legal_basis="anonymous")
    assert ConcernShare.objects.filter(concern=concern, agency=police.agency).count() == 2


def test_revoking_twice_changes_nothing(client_for, coordinator, police, other_reporter):
    concern = ConcernFactory(reporter=other_reporter)
    revoked_at = timezone.now() - timedelta(days=1)
    share = ConcernShareFactory(concern=concern, agency=police.agency, revoked_at=revoked_at)
    client_for(coordinator).post(reverse("coordination:concern_share_revoke", args=[concern.pk, share.pk]))
    share.refresh_from_db()
    assert share.revoked_at == revoked_at
    assert not AuditEvent.objects.filter(action="revoke").exists()
