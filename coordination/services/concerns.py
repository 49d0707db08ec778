"""Writes of concerns: log, change, move the status, share and revoke, notes, acknowledgements, measures."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from ..models import ActionItem, Agency, Concern, ConcernCategory, ConcernNote, ConcernShare, ConcernYearCounter
from ..permissions import can_acknowledge, can_edit_concern, can_log_concern, can_manage_concerns, is_coordinator
from ..selectors.concerns import concern_identity_matches, concerns_visible_to
from .action_items import action_item_create
from .retention import concern_retention_date

REFERENCE_ATTEMPTS = 5


def _next_reference(year: int) -> str:
    """Take the next number of the year. The UPDATE locks the counter row until the transaction ends,
    so two people saving at the same moment get different numbers (PostgreSQL and SQLite alike)."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        if ConcernYearCounter.objects.filter(year=year).update(last_number=F("last_number") + 1):
            number = ConcernYearCounter.objects.select_for_update().get(year=year).last_number
            return f"{year}-{number:04d}"
        try:
            with transaction.atomic():
                ConcernYearCounter.objects.create(year=year, last_number=1)
            return f"{year}-0001"
        except IntegrityError:
            continue  # someone else created the year's row just now: take a number from it
    raise RuntimeError("Could not take a concern reference number")


def _clean_categories(categories) -> list[str]:
    categories = sorted(set(categories))
    if not categories:
        raise ValidationError({"categories": _("Choose at least one category.")})
    return categories


def _apply_identity_rules(concern: Concern):
    if not concern.has_identity:
        concern.legal_basis = ""
        concern.legal_basis_detail = ""


def _refuse_anonymised(concern: Concern):
    if Concern.objects.filter(pk=concern.pk, anonymised_at__isnull=False).exists():
        raise ValidationError(_("The concern is anonymised and can no longer be changed."))


def _lock_concern_to_manage(actor, pk) -> Concern:
    concern = Concern.objects.select_for_update().get(pk=pk)
    if not can_manage_concerns(actor):
        raise PermissionDenied
    return concern


@transaction.atomic
def concern_create(*, actor, concern: Concern, categories) -> Concern:
    """Log a new concern. The reference number is taken in the same transaction: the counter row's lock
    makes concurrent savers wait (SQLite: the whole database, as transactions begin IMMEDIATE)."""
    if not can_log_concern(actor):
        raise PermissionDenied
    categories = _clean_categories(categories)
    concern.reporter = actor
    concern.reporter_agency = actor.agency
    concern.status = Concern.Status.NEW
    _apply_identity_rules(concern)
    concern.full_clean(exclude=["reference"])
    concern.reference = _next_reference(timezone.localtime(concern.created_at).year)
    concern.save()
    ConcernCategory.objects.bulk_create([ConcernCategory(concern=concern, category=c) for c in categories])
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=concern)
    return concern


@transaction.atomic
def concern_update(*, actor, concern: Concern, categories) -> Concern:
    """Change what was logged. Identity fields are changed by coordinators only (the form leaves them out)."""
    stored = Concern.objects.select_for_update().get(pk=concern.pk)
    if not can_edit_concern(actor, stored):
        raise PermissionDenied
    categories = _clean_categories(categories)
    concern.status = stored.status
    if not is_coordinator(actor):
        concern.full_name, concern.birth_date = stored.full_name, stored.birth_date
        concern.legal_basis, concern.legal_basis_detail = stored.legal_basis, stored.legal_basis_detail
    _apply_identity_rules(concern)
    if not concern.has_identity and concern.shares.filter(revoked_at__isnull=True, includes_identity=True).exists():
        raise ValidationError(
            _("The identity has been shared with an agency. Revoke that share before you remove the identity.")
        )
    concern.full_clean()
    concern.save()
    concern.categories.exclude(category__in=categories).delete()
    existing = set(concern.categories.values_list("category", flat=True))
    ConcernCategory.objects.bulk_create(
        [ConcernCategory(concern=concern, category=c) for c in categories if c not in existing]
    )
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=concern)
    return concern


def concern_record_view(*, actor, concern: Concern) -> None:
    """Every opening of a concern page is logged (who, when; no content). It refuses nothing: the audit
    trail records what happened."""
    record_event(actor=actor, action=AuditEvent.Action.VIEW, obj=concern)


@transaction.atomic
def concern_identity_search(*, actor, name: str, birth_date=None) -> list[Concern]:
    """Search concerns by the youth's name (and birth date): coordinators only. Finding a concern by a name
    reads its identity, so the search is logged with the concerns it found (their ids; never the name)."""
    if not can_manage_concerns(actor):
        raise PermissionDenied
    concerns = concern_identity_matches(actor, name=name, birth_date=birth_date)
    record_event(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        object_type=Concern._meta.label_lower,
        details={"identity_search": [concern.pk for concern in concerns]},
    )
    return concerns


def _timeline(concern, actor, kind, *, text="", new_status="", outcome=""):
    """An entry on the concern's timeline. A status change is kept as codes, never as words in the actor's
    language: the timeline puts it into words for each reader (`ConcernNote.summary`)."""
    note = ConcernNote(
        concern=concern,
        kind=kind,
        author=actor,
        author_agency=actor.agency,
        text=text,
        new_status=new_status,
        outcome=outcome,
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def concern_set_status(*, actor, concern: Concern, status: str, outcome: str = "", outcome_note: str = "") -> Concern:
    concern = _lock_concern_to_manage(actor, concern.pk)
    if status not in Concern.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if concern.status == Concern.Status.CLOSED:
        raise ValidationError({"status": _("The concern is closed.")})
    concern.status = status
    if status == Concern.Status.CLOSED:
        concern.outcome = outcome
        concern.outcome_note = outcome_note.strip()
        concern.closed_at = timezone.now()
        concern.retain_until = concern_retention_date(timezone.localdate(concern.closed_at))
    concern.full_clean()
    concern.save(update_fields=["status", "outcome", "outcome_note", "closed_at", "retain_until", "updated_at"])
    _timeline(concern, actor, ConcernNote.Kind.STATUS, new_status=status, outcome=concern.outcome)
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=concern)
    return concern


@transaction.atomic
def concern_share(
    *,
    actor,
    concern: Concern,
    agency: Agency,
    legal_basis: str,
    includes_identity: bool = False,
    legal_basis_detail: str = "",
) -> ConcernShare:
    """Share a concern with an agency, recording who, when, on what basis and whether identity goes along.
    The concern's row is locked, so that two coordinators cannot share it with the same agency at once."""
    concern = _lock_concern_to_manage(actor, concern.pk)
    _refuse_anonymised(concern)
    errors = {}
    if not agency.is_active:
        errors["agency"] = [_("The agency is inactive and cannot receive concerns.")]
    elif concern.shares.filter(agency=agency, revoked_at__isnull=True).exists():
        errors["agency"] = [_("The concern is already shared with this agency.")]
    if includes_identity and not concern.has_identity:
        errors["includes_identity"] = [_("The concern has no identity to share.")]
    share = ConcernShare(
        concern=concern,
        agency=agency,
        includes_identity=includes_identity,
        legal_basis=legal_basis,
        legal_basis_detail=legal_basis_detail.strip(),
        shared_by=actor,
    )
    try:
        share.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    share.save()
    _timeline(concern, actor, ConcernNote.Kind.SHARE, text=agency.name)
    record_event(actor=actor, action=AuditEvent.Action.SHARE, obj=concern)
    return share


@transaction.atomic
def concern_share_revoke(*, actor, share: ConcernShare) -> ConcernShare:
    share = ConcernShare.objects.select_for_update(of=("self",)).select_related("agency", "concern").get(pk=share.pk)
    if not can_manage_concerns(actor):
        raise PermissionDenied
    if share.revoked_at is not None:
        raise ValidationError(_("The share is already revoked."))
    share.revoked_at = timezone.now()
    share.revoked_by = actor
    share.save(update_fields=["revoked_at", "revoked_by"])
    _timeline(share.concern, actor, ConcernNote.Kind.REVOKE, text=share.agency.name)
    record_event(actor=actor, action=AuditEvent.Action.REVOKE, obj=share.concern)
    return share


@transaction.atomic
def concern_add_note(*, actor, concern: Concern, text: str) -> ConcernNote:
    """Whoever may read the concern adds to its timeline."""
    if not concerns_visible_to(actor).filter(pk=concern.pk).exists():
        raise PermissionDenied
    _refuse_anonymised(concern)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a note.")})
    note = _timeline(concern, actor, ConcernNote.Kind.NOTE, text=text)
    Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=concern)
    return note


@transaction.atomic
def concern_acknowledge(*, actor, concern: Concern) -> ConcernShare:
    """The receiving agency confirms it has read the concern (once; the share's row is locked)."""
    share = (
        ConcernShare.objects.select_for_update()
        .filter(concern=concern, agency_id=actor.agency_id, revoked_at__isnull=True)
        .select_related("agency")
        .first()
    )
    if share is None or not can_acknowledge(actor, share):
        raise PermissionDenied
    if share.acknowledged_at is None:
        share.acknowledged_at = timezone.now()
        share.acknowledged_by = actor
        share.save(update_fields=["acknowledged_at", "acknowledged_by"])
        _timeline(concern, actor, ConcernNote.Kind.ACKNOWLEDGE, text=share.agency.name)
        record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=concern)
    return share


@transaction.atomic
def concern_measure_create(
    *, actor, concern: Concern, title: str, responsible_agency: Agency, due_date: date, description: str = ""
) -> ActionItem:
    """A measure for a concern is an action item linked to it; the concern moves to "measures in progress"."""
    concern = _lock_concern_to_manage(actor, concern.pk)
    if concern.status == Concern.Status.CLOSED:
        raise ValidationError(_("The concern is closed."))
    item = action_item_create(
        actor=actor,
        title=title,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=ActionItem.Source.CONCERN,
        description=description,
        concern=concern,
    )
    if concern.status in (Concern.Status.NEW, Concern.Status.ASSESSMENT):
        concern_set_status(actor=actor, concern=concern, status=Concern.Status.MEASURES)
    return item
