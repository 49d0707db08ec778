"""A case form shows the case: each showing is an audited read, also when a refused POST shows it again."""

import pytest
from django.urls import reverse

from slt.audit.models import AuditEvent
from youthfollowup.states import CaseState

from .factories import case_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(youth_coordinator, team_member):
    return case_in(CaseState.IN_FOLLOW_UP, youth_coordinator, team=[team_member])


def _views(case):
    return AuditEvent.objects.filter(action="view", object_type="youthfollowup.youthcase", object_id=str(case.pk))


def test_a_refused_form_shows_the_case_again_and_is_audited(client_for, youth_coordinator, case):
    notes = case.notes.count()
    response = client_for(youth_coordinator).post(reverse("youthfollowup:note_add", args=[case.pk]), {"text": ""})
    assert response.status_code == 400
    assert _views(case).get().actor == youth_coordinator
    assert case.notes.count() == notes


def test_the_edit_form_is_audited(client_for, youth_coordinator, case):
    response = client_for(youth_coordinator).get(reverse("youthfollowup:case_update", args=[case.pk]))
    assert response.status_code == 200
    assert _views(case).count() == 1
