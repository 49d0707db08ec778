"""Bad input on the case page: a clear Norwegian message on the form, and nothing saved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from extremism.models import Case, CaseMember, Measure, Step, TrailStep
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _case_state(case):
    case.refresh_from_db()
    return (
        case.step,
        case.full_name,
        case.birth_date,
        case.legal_basis,
        TrailStep.objects.filter(case=case).count(),
        Measure.objects.filter(case=case).count(),
        CaseMember.objects.filter(case=case).count(),
    )


@pytest.fixture
def contact_client(client_for, radicalisation_contact):
    return client_for(radicalisation_contact)


def _post(client, case, name, data):
    return client.post(reverse(f"extremism:{name}", args=[case.pk]), data)


def test_a_move_without_a_reason(contact_client, case):
    before = _case_state(case)
    response = _post(contact_client, case, "case_move", {"to_step": Step.DISCUSSED, "reason": "  "})
    assert response.status_code == 400
    assert "Skriv hvorfor saken flyttes." in response.text
    assert response.context["move_form"].errors["reason"] == ["Skriv hvorfor saken flyttes."]
    assert _case_state(case) == before


def test_a_move_the_trail_does_not_allow(contact_client, case):
    before = _case_state(case)
    response = _post(contact_client, case, "case_move", {"to_step": Step.LOCAL_MEASURES, "reason": "Hopper over."})
    assert response.status_code == 400
    assert response.context["move_form"].errors["to_step"] == [
        "Saken kan ikke flyttes fra «Bekymring registrert» til «Lokale tiltak»."
    ]
    assert _case_state(case) == before


def test_an_unknown_move(contact_client, case):
    before = _case_state(case)
    response = _post(contact_client, case, "case_move", {"to_step": "fengsel", "reason": "Ukjent steg."})
    assert response.status_code == 400
    assert response.context["move_form"].errors["to_step"] == ["Velg et steg i handlingsløypa."]
    assert _case_state(case) == before


@pytest.mark.parametrize(
    "data",
    [
        {"full_name": "Ola Nordmann", "birth_date": "", "legal_basis": "", "legal_basis_detail": ""},
        {"full_name": "", "birth_date": "2010-03-14", "legal_basis": "", "legal_basis_detail": ""},
    ],
)
def test_identity_without_a_legal_basis(contact_client, case, data):
    before = _case_state(case)
    response = _post(contact_client, case, "case_identity", data)
    assert response.status_code == 200
    assert response.context["form"].errors["legal_basis"] == [
        "Navn og fødselsdato kan bare registreres med et rettslig grunnlag."
    ]
    assert _case_state(case) == before


def test_identity_on_a_statutory_duty_that_is_not_named(contact_client, case):
    before = _case_state(case)
    response = _post(
        contact_client,
        case,
        "case_identity",
        {"full_name": "Ola Nordmann", "birth_date": "", "legal_basis": "statutory_duty", "legal_basis_detail": ""},
    )
    assert response.context["form"].errors["legal_basis_detail"] == ["Navngi den lovpålagte plikten eller unntaket."]
    assert _case_state(case) == before


def test_identity_with_a_legal_basis_is_saved(contact_client, case):
    response = _post(
        contact_client,
        case,
        "case_identity",
        {"full_name": "Ola Nordmann", "birth_date": "2010-03-14", "legal_basis": "consent_guardian"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.full_name, str(case.birth_date), case.legal_basis) == (
        "Ola Nordmann",
        "2010-03-14",
        "consent_guardian",
    )


def _measure(agency, due):
    return {"title": "Samtale", "responsible_agency": agency.pk, "due_date": due.isoformat(), "description": ""}


def test_a_measure_for_an_inactive_agency(contact_client, case):
    closed = AgencyFactory(name="Nedlagt fritidsklubb", is_active=False)
    before = _case_state(case)
    response = _post(contact_client, case, "measure_create", _measure(closed, timezone.localdate() + timedelta(days=3)))
    assert response.status_code == 400
    assert response.context["measure_form"].errors["responsible_agency"] == ["Velg en aktiv aktør."]
    assert "Velg en aktiv aktør." in response.text
    assert _case_state(case) == before


def test_a_measure_with_a_deadline_in_the_past(contact_client, case, other_agency):
    before = _case_state(case)
    response = _post(
        contact_client, case, "measure_create", _measure(other_agency, timezone.localdate() - timedelta(days=1))
    )
    assert response.status_code == 400
    assert response.context["measure_form"].errors["due_date"] == ["Fristen kan ikke være tilbake i tid."]
    assert _case_state(case) == before


def test_a_member_who_is_not_an_active_user(contact_client, case):
    gone = UserFactory(username="sluttet", is_active=False)
    before = _case_state(case)
    response = _post(contact_client, case, "member_add", {"user": gone.pk})
    assert response.status_code == 400
    assert response.context["member_form"].errors["user"] == ["Velg en aktiv bruker."]
    assert _case_state(case) == before


def test_closing_without_an_outcome(contact_client, case):
    response = _post(contact_client, case, "case_close", {"outcome": "", "outcome_note": "Ferdig."})
    assert response.status_code == 400
    assert response.context["close_form"].errors["outcome"] == ["Velg et utfall når saken avsluttes."]
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_will_not_be_done_without_a_reason(client_for, radicalisation_contact, case, other_agency):
    from .factories import MeasureFactory

    measure = MeasureFactory(case=case, responsible_agency=other_agency)
    client = client_for(radicalisation_contact)
    response = client.post(
        reverse("extremism:measure_status", args=[case.pk, measure.pk]),
        {f"m{measure.pk}-status": "wont_do", f"m{measure.pk}-reason": ""},
        follow=True,
    )
    assert "Skriv hvorfor tiltaket ikke blir utført." in response.text
    measure.refresh_from_db()
    assert measure.status == "open"


def test_a_move_without_a_step(contact_client, case):
    before = _case_state(case)
    response = _post(contact_client, case, "case_move", {"to_step": "", "reason": "Glemte steget."})
    assert response.status_code == 400
    assert response.context["move_form"].errors["to_step"] == ["Velg et steg i handlingsløypa."]
    assert _case_state(case) == before
