"""Retention of concerns (docs/retention.md): a closed concern is anonymised after its `retain_until` date.

Anonymising blanks who the concern is about and every free text about them, on the concern and on its timeline
and measures (action items), and keeps what the statistics count: dates, age and age band, gender, school,
area, categories, risk, status and outcome, who reported and with which agencies it was shared. The daily job
in `slt.core.retention` calls these through the registry (`coordination/panels.py`).
"""

from datetime import date, datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from ..models import ActionItem, ActionItemNote, Concern, ConcernNote

# What a text that must not be empty (a database rule) holds once anonymised.
REDACTED = "–"


def concern_retention_date(closed_on: date, years: int | None = None) -> date:
    """The last day a closed concern keeps its identity and texts (29 February becomes 28 February)."""
    years = settings.CONCERN_RETENTION_YEARS if years is None else years
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


def concerns_due_for_anonymisation(now: datetime) -> QuerySet[Concern]:
    """Closed concerns whose date has passed (the date itself is still kept) and are not anonymised yet."""
    return Concern.objects.filter(
        status=Concern.Status.CLOSED, retain_until__lt=timezone.localdate(now), anonymised_at__isnull=True
    ).order_by("retain_until", "id")


def concern_anonymise(*, concern: Concern, now: datetime) -> dict | None:
    """Anonymise one concern (the caller holds the transaction and writes the audit event). Locks the row and
    checks again that it is due; returns None when there is nothing to do, else counts for the audit event."""
    concern = Concern.objects.select_for_update().filter(pk=concern.pk).first()
    if concern is None or not concerns_due_for_anonymisation(now).filter(pk=concern.pk).exists():
        return None
    concern.full_name = ""
    concern.birth_date = None
    concern.legal_basis = ""
    concern.legal_basis_detail = ""
    concern.description = ""
    concern.outcome_note = ""
    concern.anonymised_at = now
    concern.save(
        update_fields=[
            "full_name",
            "birth_date",
            "legal_basis",
            "legal_basis_detail",
            "description",
            "outcome_note",
            "anonymised_at",
            "updated_at",
        ]
    )
    # Notes are free text; share, revocation and acknowledgement entries hold an agency's name and stay.
    notes = ConcernNote.objects.filter(concern=concern, kind=ConcernNote.Kind.NOTE).update(text=REDACTED)
    measures = ActionItem.objects.filter(concern=concern)
    count = measures.update(title=REDACTED, description="")
    measures.filter(status=ActionItem.Status.WONT_DO).update(status_reason=REDACTED)
    measures.exclude(status=ActionItem.Status.WONT_DO).update(status_reason="")
    ActionItemNote.objects.filter(item__concern=concern).update(text=REDACTED)
    return {"notes": notes, "action_items": count}
