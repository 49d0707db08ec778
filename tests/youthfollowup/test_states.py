"""The state machine's table: every allowed move works, every other move is refused and changes nothing."""

from itertools import product

import pytest
from django.core.exceptions import ValidationError

from youthfollowup import states
from youthfollowup.models import YouthCase
from youthfollowup.states import CLOSED_STATES, OPEN_STATES, TRANSITIONS, CaseState

S = CaseState
ALLOWED = {
    (S.REFERRED, S.CONSENTS_OBTAINED),
    (S.REFERRED, S.WITHDRAWN),
    (S.CONSENTS_OBTAINED, S.REFERRED),
    (S.CONSENTS_OBTAINED, S.DECIDED),
    (S.CONSENTS_OBTAINED, S.NOT_SUITABLE),
    (S.CONSENTS_OBTAINED, S.WITHDRAWN),
    (S.DECIDED, S.PLAN_MEETING_PLANNED),
    (S.DECIDED, S.RETURNED),
    (S.DECIDED, S.WITHDRAWN),
    (S.PLAN_MEETING_PLANNED, S.IN_FOLLOW_UP),
    (S.PLAN_MEETING_PLANNED, S.RETURNED),
    (S.PLAN_MEETING_PLANNED, S.WITHDRAWN),
    (S.IN_FOLLOW_UP, S.COMPLETED),
    (S.IN_FOLLOW_UP, S.RETURNED),
    (S.IN_FOLLOW_UP, S.WITHDRAWN),
}
ALL_PAIRS = list(product(CaseState.values, repeat=2))


def test_the_table_is_exactly_the_documented_moves():
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED
    assert set(TRANSITIONS) == set(CaseState.values)


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_every_allowed_move_is_made(current, target):
    case = YouthCase(state=current)
    states.move(case, target)
    assert case.state == target
    assert states.can_move(current, target)


@pytest.mark.parametrize(("current", "target"), [pair for pair in ALL_PAIRS if pair not in ALLOWED])
def test_every_other_move_is_refused_in_norwegian(current, target):
    case = YouthCase(state=current)
    with pytest.raises(ValidationError) as refused:
        states.move(case, target)
    assert case.state == current
    assert not states.can_move(current, target)
    message = refused.value.messages[0]
    assert message.startswith("En sak som er «") and "kan ikke bli «" in message


def test_open_and_closed_states():
    assert {S.COMPLETED, S.RETURNED, S.WITHDRAWN, S.NOT_SUITABLE} == CLOSED_STATES
    assert set(CaseState.values) == OPEN_STATES | CLOSED_STATES
    assert all(not TRANSITIONS[state] for state in CLOSED_STATES)
