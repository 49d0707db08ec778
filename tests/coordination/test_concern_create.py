"""Logging a concern: fast, anonymous by default, identity only with a legal basis."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import Concern, LegalBasis
from slt.audit.models import AuditEvent
from tests.factories import AreaFactory

from .factories import ConcernFactory

pytestmark = pytest.mark.django_db

URL = reverse("coordination:concern_create")


def _form(**overrides):
    data = {
        "age": "14",
        "gender": "boy",
        "categories": ["drugs", "absence"],
        "risk_level": "high",
        "observed_on": timezone.localdate().isoformat(),
        "description": "Sett sammen med eldre ungdom ved kjøpesenteret i skoletiden.",
    }
    data.update(overrides)
    return data


def test_the_school_logs_an_anonymous_concern(client_for, agency_member):
    area = AreaFactory(name="Lura")
    response = client_for(agency_member).post(URL, _form(area=area.pk))

    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response.url == concern.get_absolute_url()
    assert re.fullmatch(rf"{timezone.localdate().year}-\d{{4}}", concern.reference)
    assert concern.reporter == agency_member
    assert concern.reporter_agency == agency_member.agency
    assert concern.status == Concern.Status.NEW
    assert concern.age_band == Concern.AgeBand.AGE_13_15  # derived from the age
    assert sorted(c.category for c in concern.categories.all()) == ["absence", "drugs"]
    assert not concern.has_identity and concern.legal_basis == ""
    assert AuditEvent.objects.filter(action="create", object_type="coordination.concern").count() == 1


def test_the_form_is_one_page_with_anonymous_defaults(client_for, police):
    response = client_for(police).get(URL)
    assert response.status_code == 200
    assert re.search(r'type="checkbox"[^>]*name="categories" value="radicalisation"', response.text)
    assert re.search(r'type="radio"[^>]*name="risk_level" value="moderate"[^>]*checked', response.text)
    assert "Identitet (bare med rettslig grunnlag)" in response.text


def test_identity_without_a_legal_basis_is_refused_and_nothing_is_saved(client_for, coordinator):
    response = client_for(coordinator).post(URL, _form(full_name="Ola Nordmann", birth_date="2011-04-01"))

    assert response.status_code == 200
    assert "Navn og fødselsdato kan bare registreres med et rettslig grunnlag." in response.text
    assert not Concern.objects.exists()
    assert not AuditEvent.objects.filter(object_type="coordination.concern").exists()


def test_identity_with_consent_is_saved(client_for, coordinator):
    client_for(coordinator).post(
        URL, _form(full_name="Ola Nordmann", birth_date="2011-04-01", legal_basis=LegalBasis.CONSENT_GUARDIAN)
    )
    concern = Concern.objects.get()
    assert concern.full_name == "Ola Nordmann"
    assert concern.legal_basis == LegalBasis.CONSENT_GUARDIAN


def test_a_statutory_duty_must_be_named(client_for, coordinator):
    response = client_for(coordinator).post(URL, _form(full_name="Ola Nordmann", legal_basis=LegalBasis.STATUTORY_DUTY))
    assert "Navngi den lovpålagte plikten eller unntaket." in response.text
    assert not Concern.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"categories": []}, "Velg minst én kategori."),
        ({"age": "", "age_band": ""}, "Oppgi alder eller aldersgruppe."),
        ({"age": "40"}, "Bekymringer gjelder barn og unge"),
        ({"observed_on": "2030-01-01"}, "Observasjonsdatoen kan ikke være fram i tid."),
    ],
)
def test_bad_input_gets_a_norwegian_message(client_for, coordinator, overrides, message):
    response = client_for(coordinator).post(URL, _form(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not Concern.objects.exists()


def test_a_legal_basis_without_identity_is_not_kept(client_for, coordinator):
    client_for(coordinator).post(URL, _form(legal_basis=LegalBasis.CONSENT_YOUTH))
    assert Concern.objects.get().legal_basis == ""


def test_the_reporter_edits_until_assessed_but_not_the_identity(client_for, agency_member):
    concern = ConcernFactory(reporter=agency_member, full_name="", description="Første versjon")
    url = reverse("coordination:concern_update", args=[concern.pk])
    client = client_for(agency_member)

    page = client.get(url)
    assert 'name="full_name"' not in page.text
    response = client.post(url, _form(description="Rettet versjon", full_name="Smuglet Navn"))
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.description == "Rettet versjon"
    assert concern.full_name == ""

    Concern.objects.filter(pk=concern.pk).update(status=Concern.Status.ASSESSMENT)
    response = client.post(url, _form(description="For sent"))
    assert response.status_code == 403
    concern.refresh_from_db()
    assert concern.description == "Rettet versjon"


def test_steering_and_admin_cannot_log_concerns(client_for, steering, admin):
    for user in (steering, admin):
        response = client_for(user).post(URL, _form())
        assert response.status_code == 403
    assert not Concern.objects.exists()
