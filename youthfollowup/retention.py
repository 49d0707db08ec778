"""Retention of youth follow-up cases (docs/retention.md): a closed case is anonymised after `retain_until`.

Anonymising blanks the youth's identity and contact details, the guardians', the prosecution's references
and every free text (offences, conditions, the plan, measures, meetings, notes, breaches, the end note) and
keeps what is counted: the states and dates, age at the offence, the offences' dates and maximum penalties,
the decision, the kinds of measures and their periods, reactions and drug-test outcomes, the team. The daily
job in `slt.core.retention` calls these through the registry (`youthfollowup/panels.py`).
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import (
    Breach,
    FollowUpMeeting,
    Guardian,
    Offence,
    PlanMeasure,
    PlanMeeting,
    ProgressNote,
    ProsecutorDecision,
    YouthCase,
    YouthPlan,
)
from .states import CLOSED_STATES

# What a text that must not be empty (a database rule) holds once anonymised.
REDACTED = "–"

IDENTITY_FIELDS = {
    "given_name": "",
    "family_name": "",
    "initials": "",
    "birth_date": None,
    "phone": "",
    "email": "",
    "address": "",
    "prosecutor_name": "",
    "prosecution_reference": "",
    "end_note": "",
}


def cases_due_for_anonymisation(now: datetime) -> QuerySet[YouthCase]:
    """Closed cases whose date has passed (the date itself is still kept) and are not anonymised yet."""
    return YouthCase.objects.filter(
        state__in=sorted(CLOSED_STATES), retain_until__lt=timezone.localdate(now), anonymised_at__isnull=True
    ).order_by("retain_until", "id")


def case_anonymise(*, case: YouthCase, now: datetime) -> dict | None:
    """Anonymise one case (the caller holds the transaction and writes the audit event). Locks the row and
    checks again that it is due; returns None when there is nothing to do, else counts for the audit event."""
    case = YouthCase.objects.select_for_update().filter(pk=case.pk).first()
    if case is None or not cases_due_for_anonymisation(now).filter(pk=case.pk).exists():
        return None
    for name, value in IDENTITY_FIELDS.items():
        setattr(case, name, value)
    case.anonymised_at = now
    case.save(update_fields=[*IDENTITY_FIELDS, "anonymised_at", "updated_at"])
    guardians = Guardian.objects.filter(case=case).update(name="", phone="", email="")
    Offence.objects.filter(case=case).update(description="", police_case_number="")
    ProsecutorDecision.objects.filter(case=case).update(prosecutor_name="", conditions="")
    PlanMeeting.objects.filter(case=case).update(place="", other_participants="")
    YouthPlan.objects.filter(case=case).update(goals="")
    PlanMeasure.objects.filter(plan__case=case).update(details="")
    meetings = FollowUpMeeting.objects.filter(case=case)
    meetings.filter(held=True).update(place="", summary=REDACTED)
    meetings.filter(held=False).update(place="", summary="")
    notes = ProgressNote.objects.filter(case=case).update(text="")
    breaches = Breach.objects.filter(case=case).update(description="")
    return {"guardians": guardians, "notes": notes, "breaches": breaches}
