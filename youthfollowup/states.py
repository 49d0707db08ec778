"""The youth case's state machine: the states and, in one table, every move a case may make.

    referred → consents obtained → decided → plan meeting planned → in follow-up (plan approved) → completed
                                 ↘ not suitable          ↘ returned to prosecution
    any open state → withdrawn (consent withdrawn or never given)

Services move a case only through `move()`, so a move that is not in the table cannot happen.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    REFERRED = "referred", _("Referred")
    CONSENTS_OBTAINED = "consents_obtained", _("Consents obtained")
    DECIDED = "decided", _("Decided: youth follow-up")
    PLAN_MEETING_PLANNED = "plan_meeting_planned", _("Plan meeting planned")
    IN_FOLLOW_UP = "in_follow_up", _("Plan approved, in follow-up")
    COMPLETED = "completed", _("Completed")
    RETURNED = "returned", _("Returned to the prosecution")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")
    NOT_SUITABLE = "not_suitable", _("Not suitable")


S = CaseState

# Every allowed move, and nothing else. A state missing on the left has no way out (the case is closed).
TRANSITIONS: dict[str, frozenset[str]] = {
    # All consents in; a refusal or no consent ends the case.
    S.REFERRED: frozenset({S.CONSENTS_OBTAINED, S.WITHDRAWN}),
    # A guardian added later has not consented yet: back to referred. The prosecutor decides.
    S.CONSENTS_OBTAINED: frozenset({S.REFERRED, S.DECIDED, S.NOT_SUITABLE, S.WITHDRAWN}),
    S.DECIDED: frozenset({S.PLAN_MEETING_PLANNED, S.RETURNED, S.WITHDRAWN}),
    S.PLAN_MEETING_PLANNED: frozenset({S.IN_FOLLOW_UP, S.RETURNED, S.WITHDRAWN}),
    S.IN_FOLLOW_UP: frozenset({S.COMPLETED, S.RETURNED, S.WITHDRAWN}),
    S.COMPLETED: frozenset(),
    S.RETURNED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.NOT_SUITABLE: frozenset(),
}

OPEN_STATES = frozenset(state for state, moves in TRANSITIONS.items() if moves)
CLOSED_STATES = frozenset(state for state, moves in TRANSITIONS.items() if not moves)
# The order of the steps, for the progress bar on the case page.
STEPS = [S.REFERRED, S.CONSENTS_OBTAINED, S.DECIDED, S.PLAN_MEETING_PLANNED, S.IN_FOLLOW_UP]


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def move(case, target: str) -> None:
    """Set the case's state to `target`, or refuse with a message when the table has no such move."""
    if not can_move(case.state, target):
        raise ValidationError(
            _("A case that is “%(current)s” cannot become “%(target)s”."),
            code="invalid_move",
            params={"current": S(case.state).label, "target": S(target).label},
        )
    case.state = target
