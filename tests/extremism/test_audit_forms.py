"""The forms that show a case (its identity, its warning signs) or a concern (opening a case from it) are
reads, and each showing writes a view event; a refused POST that shows the form again does too."""

import pytest
from django.urls import reverse

from coordination.models import LegalBasis
from slt.audit.models import AuditEvent
from tests.coordination.factories import ConcernFactory, ConcernShareFactory

pytestmark = pytest.mark.django_db


def _views(obj, object_type):
    return AuditEvent.objects.filter(action="view", object_type=object_type, object_id=str(obj.pk))


def test_the_identity_form_is_audited(client_for, case, radicalisation_contact):
    case.full_name, case.legal_basis = "Ola Nordmann", LegalBasis.CONSENT_YOUTH
    case.save(update_fields=["full_name", "legal_basis"])
    response = client_for(radicalisation_contact).get(reverse("extremism:case_identity", args=[case.pk]))
    assert response.status_code == 200 and "Ola Nordmann" in response.text
    assert _views(case, "extremism.case").get().actor == radicalisation_contact


def test_a_refused_identity_form_is_audited_and_saves_nothing(client_for, case, radicalisation_contact):
    response = client_for(radicalisation_contact).post(
        reverse("extremism:case_identity", args=[case.pk]), {"full_name": "Kari Nordmann", "legal_basis": ""}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert _views(case, "extremism.case").count() == 1
    case.refresh_from_db()
    assert case.full_name == ""


def test_the_warning_signs_form_is_audited(client_for, case, radicalisation_contact):
    response = client_for(radicalisation_contact).get(reverse("extremism:case_signs", args=[case.pk]))
    assert response.status_code == 200
    assert _views(case, "extremism.case").count() == 1


def test_a_denied_form_writes_no_view_event(client_for, case, coordinator):
    assert client_for(coordinator).get(reverse("extremism:case_identity", args=[case.pk])).status_code == 404
    assert not _views(case, "extremism.case").exists()


def test_opening_a_case_from_a_concern_reads_the_concern(client_for, radicalisation_contact, other_agency):
    concern = ConcernFactory(categories=["radicalisation"], description="Ytringer i klassechat.")
    ConcernShareFactory(concern=concern, agency=radicalisation_contact.agency)
    response = client_for(radicalisation_contact).get(reverse("extremism:case_create_from_concern", args=[concern.pk]))
    assert response.status_code == 200 and "Ytringer i klassechat." in response.text
    assert _views(concern, "coordination.concern").get().actor == radicalisation_contact
