"""Retention of radicalisation cases (docs/retention.md): a closed case is anonymised after `retain_until`.

Anonymising blanks who the case is about and every free text (the summary, the risk assessment, the outcome
note, the reasons of the moves on the trail, the notes on warning signs, the measures' texts) and keeps what is
counted: the steps and their dates, age band, gender, area, agency, risk level, the observed signs, the
measures' kinds of status and deadlines, the outcome. The daily job in `slt.core.retention` calls these
through the registry (`extremism/panels.py`).
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import Case, Measure, ObservedSign, TrailStep

# What a text that must not be empty (a database rule) holds once anonymised.
REDACTED = "–"


def cases_due_for_anonymisation(now: datetime) -> QuerySet[Case]:
    """Closed cases whose date has passed (the date itself is still kept) and are not anonymised yet."""
    return Case.objects.filter(
        status=Case.Status.CLOSED, retain_until__lt=timezone.localdate(now), anonymised_at__isnull=True
    ).order_by("retain_until", "id")


def case_anonymise(*, case: Case, now: datetime) -> dict | None:
    """Anonymise one case (the caller holds the transaction and writes the audit event). Locks the row and
    checks again that it is due; returns None when there is nothing to do, else counts for the audit event."""
    case = Case.objects.select_for_update().filter(pk=case.pk).first()
    if case is None or not cases_due_for_anonymisation(now).filter(pk=case.pk).exists():
        return None
    case.summary = ""
    case.risk_assessment = ""
    case.full_name = ""
    case.birth_date = None
    case.legal_basis = ""
    case.legal_basis_detail = ""
    case.outcome_note = ""
    case.anonymised_at = now
    case.save(
        update_fields=[
            "summary",
            "risk_assessment",
            "full_name",
            "birth_date",
            "legal_basis",
            "legal_basis_detail",
            "outcome_note",
            "anonymised_at",
            "updated_at",
        ]
    )
    moves = TrailStep.objects.filter(case=case).update(reason=REDACTED)
    ObservedSign.objects.filter(case=case).update(note="")
    measures = Measure.objects.filter(case=case)
    count = measures.update(title=REDACTED, description="")
    measures.filter(status=Measure.Status.WONT_DO).update(status_reason=REDACTED)
    measures.exclude(status=Measure.Status.WONT_DO).update(status_reason="")
    return {"moves": moves, "measures": count}
