"""The action trail is an explicit state machine: a test for every allowed and every refused move."""

from itertools import pairwise, product

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from extremism import services
from extremism.models import ALLOWED_MOVES, STEP_ORDER, Case, Step, TrailStep, is_forward, moves_from
from slt.audit.models import AuditEvent

from .factories import CaseFactory

pytestmark = pytest.mark.django_db

REFUSED_MOVES = sorted(set(product(STEP_ORDER, STEP_ORDER)) - ALLOWED_MOVES)


def test_the_table_of_moves():
    assert len(ALLOWED_MOVES) == 15
    assert len(REFUSED_MOVES) == 36 - 15
    # One step forward and one step back along the trail are always allowed.
    for here, there in pairwise(STEP_ORDER):
        assert (here, there) in ALLOWED_MOVES
        assert (there, here) in ALLOWED_MOVES
    # From every step before it, a case can go straight to the police.
    assert all((step, Step.REPORTED) in ALLOWED_MOVES for step in STEP_ORDER[:-1])
    assert moves_from(Step.CLARIFICATION) == [
        Step.DISCUSSED,
        Step.LOCAL_MEASURES,
        Step.INTERDISCIPLINARY,
        Step.REPORTED,
    ]


@pytest.mark.parametrize(("from_step", "to_step"), sorted(ALLOWED_MOVES))
def test_every_allowed_move(radicalisation_contact, from_step, to_step):
    case = CaseFactory(created_by=radicalisation_contact, step=from_step)
    move = services.case_move(actor=radicalisation_contact, case=case, to_step=to_step, reason="Ny kunnskap.")
    case.refresh_from_db()
    assert case.step == to_step
    assert (move.from_step, move.to_step, move.reason, move.moved_by) == (
        from_step,
        to_step,
        "Ny kunnskap.",
        radicalisation_contact,
    )
    assert move.is_forward == is_forward(from_step, to_step)
    assert case.moved_at == move.moved_at
    assert AuditEvent.objects.filter(action="update", object_type="extremism.case", object_id=str(case.pk)).exists()


@pytest.mark.parametrize(("from_step", "to_step"), REFUSED_MOVES)
def test_every_refused_move(radicalisation_contact, from_step, to_step):
    case = CaseFactory(created_by=radicalisation_contact, step=from_step)
    with pytest.raises(ValidationError) as error:
        services.case_move(actor=radicalisation_contact, case=case, to_step=to_step, reason="Ny kunnskap.")
    assert "kan ikke flyttes fra" in error.value.message_dict["to_step"][0]
    case.refresh_from_db()
    assert case.step == from_step
    assert TrailStep.objects.filter(case=case).count() == 1


def test_an_unknown_step_is_refused(radicalisation_contact):
    case = CaseFactory(created_by=radicalisation_contact)
    with pytest.raises(ValidationError) as error:
        services.case_move(actor=radicalisation_contact, case=case, to_step="prison", reason="Ukjent.")
    assert error.value.message_dict["to_step"] == ["Velg et steg i handlingsløypa."]
    assert Case.objects.get(pk=case.pk).step == Step.CONCERN_NOTED


def test_a_closed_case_does_not_move(radicalisation_contact):
    case = CaseFactory(created_by=radicalisation_contact)
    services.case_close(actor=radicalisation_contact, case=case, outcome="resolved")
    with pytest.raises(ValidationError, match="avsluttet"):
        services.case_move(actor=radicalisation_contact, case=case, to_step=Step.DISCUSSED, reason="Likevel.")
    assert Case.objects.get(pk=case.pk).step == Step.CONCERN_NOTED


def test_the_page_offers_only_the_allowed_moves_and_the_history_shows_who_and_why(
    client_for, case, radicalisation_contact
):
    client = client_for(radicalisation_contact)
    response = client.post(
        reverse("extremism:case_move", args=[case.pk]), {"to_step": Step.DISCUSSED, "reason": "Drøftet med rektor."}
    )
    assert response.status_code == 302
    page = client.get(case.get_absolute_url())
    options = [value for value, label in page.context["move_form"].fields["to_step"].widget.choices]
    assert options == ["", Step.CONCERN_NOTED, Step.CLARIFICATION, Step.REPORTED]
    assert "Drøftet med rektor." in page.text
    assert "Bekymring registrert → Drøftet med leder" in page.text
    back = client.post(
        reverse("extremism:case_move", args=[case.pk]), {"to_step": Step.CONCERN_NOTED, "reason": "Feil steg."}
    )
    assert back.status_code == 302
    assert [m.is_forward for m in TrailStep.objects.filter(case=case).order_by("moved_at", "id")] == [True, True, False]
