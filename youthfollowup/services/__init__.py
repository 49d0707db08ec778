"""Writes for youth follow-up: keyword-only, atomic, validated, audited. One module per subdomain."""

from .cases import (
    case_end,
    case_record_view,
    case_refer,
    case_update,
    consent_record,
    consent_withdraw,
    decision_record,
    guardian_add,
    offence_add,
    plan_meeting_exported,
    team_member_add,
    team_member_remove,
)
from .follow_up import breach_record, follow_up_meeting_add, follow_up_meeting_mark_held, progress_note_add
from .plans import measure_save, plan_approve, plan_meeting_save, plan_save

__all__ = [
    "breach_record",
    "case_end",
    "case_record_view",
    "case_refer",
    "case_update",
    "consent_record",
    "consent_withdraw",
    "decision_record",
    "follow_up_meeting_add",
    "follow_up_meeting_mark_held",
    "guardian_add",
    "measure_save",
    "offence_add",
    "plan_approve",
    "plan_meeting_exported",
    "plan_meeting_save",
    "plan_save",
    "progress_note_add",
    "team_member_add",
    "team_member_remove",
]
