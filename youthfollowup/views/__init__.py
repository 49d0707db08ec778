"""Youth follow-up pages, one module per subdomain. Each view: the door, the form, the service, the redirect.

Every page that shows a case writes a VIEW audit event; the youth's name appears only on the case page itself.
"""

from .cases import (
    case_create,
    case_detail,
    case_end,
    case_list,
    case_update,
    consent_add,
    consent_withdraw,
    decision,
    guardian_add,
    offence_add,
    statistics_page,
    team_add,
    team_remove,
)
from .follow_up import breach_add, follow_up_add, follow_up_held, measure_note, note_add
from .plans import measure_add, measure_update, plan, plan_approve, plan_meeting, plan_meeting_ical

__all__ = [
    "breach_add",
    "case_create",
    "case_detail",
    "case_end",
    "case_list",
    "case_update",
    "consent_add",
    "consent_withdraw",
    "decision",
    "follow_up_add",
    "follow_up_held",
    "guardian_add",
    "measure_add",
    "measure_note",
    "measure_update",
    "note_add",
    "offence_add",
    "plan",
    "plan_approve",
    "plan_meeting",
    "plan_meeting_ical",
    "statistics_page",
    "team_add",
    "team_remove",
]
