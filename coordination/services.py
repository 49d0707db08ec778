"""Writes for coordination: atomic, validated, audited."""

import random
import time as time_module
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

from .models import (
    ActionItem,
    ActionItemNote,
    Agency,
    AgencyContact,
    AgendaItem,
    Concern,
    ConcernCategory,
    ConcernNote,
    ConcernShare,
    ConcernYearCounter,
    Forum,
    Meeting,
)
from .permissions import (
    can_change_meeting,
    can_edit_concern,
    can_log_concern,
    can_manage_concern,
    can_manage_forums,
    can_plan_meetings,
    can_update_action_item,
    is_coordinator,
)


@transaction.atomic
def agency_save(
    *,
    actor,
    agency: Agency,
    contacts: Iterable[AgencyContact] = (),
    removed_contacts: Iterable[AgencyContact] = (),
) -> Agency:
    """Create or change an agency together with its contact persons."""
    if not actor.can_manage_registry:
        raise PermissionDenied
    created = agency.pk is None
    agency.full_clean()
    agency.save()
    for contact in removed_contacts:
        if contact.agency_id == agency.pk:
            contact.delete()
    for contact in contacts:
        contact.agency = agency
        contact.full_clean()
        contact.save()
    record_event(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=agency,
    )
    return agency


@transaction.atomic
def action_item_create(
    *,
    actor,
    title: str,
    responsible_agency: Agency,
    due_date: date,
    source: str = ActionItem.Source.OTHER,
    description: str = "",
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    concern: Concern | None = None,
) -> ActionItem:
    """A new measure for an agency. Callers check that `actor` may create it in their context."""
    if not responsible_agency.is_active:
        raise ValidationError({"responsible_agency": _("The agency is inactive and cannot be given new tasks.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The deadline cannot be in the past.")})
    item = ActionItem(
        title=title,
        description=description,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=source,
        created_by=actor,
        meeting=meeting or (agenda_item.meeting if agenda_item else None),
        agenda_item=agenda_item,
        concern=concern,
    )
    item.full_clean()
    item.save()
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=item)
    return item


@transaction.atomic
def action_item_set_status(*, actor, item: ActionItem, status: str, reason: str = "") -> ActionItem:
    """Move a measure to another status. "Will not be done" needs a reason that others can read."""
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    reason = reason.strip()
    if status == ActionItem.Status.WONT_DO and not reason:
        raise ValidationError({"status_reason": _("Say why the measure will not be done.")})
    item.status = status
    item.status_reason = reason if status == ActionItem.Status.WONT_DO else ""
    item.completed_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.full_clean()
    item.save(update_fields=["status", "status_reason", "completed_at", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return item


@transaction.atomic
def action_item_update(
    *, actor, item: ActionItem, title: str, responsible_agency: Agency, due_date: date, description: str = ""
) -> ActionItem:
    """Coordinators change what a measure is, who has it and when it is due."""
    if not is_coordinator(actor):
        raise PermissionDenied
    errors = {}
    if responsible_agency.pk != item.responsible_agency_id and not responsible_agency.is_active:
        errors["responsible_agency"] = _("The agency is inactive and cannot be given new tasks.")
    if due_date != item.due_date and due_date < timezone.localdate():
        errors["due_date"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    item.title, item.responsible_agency, item.due_date, item.description = (
        title,
        responsible_agency,
        due_date,
        description,
    )
    item.full_clean()
    item.save(update_fields=["title", "responsible_agency", "due_date", "description", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return item


@transaction.atomic
def action_item_add_note(*, actor, item: ActionItem, text: str) -> ActionItemNote:
    if not can_update_action_item(actor, item):
        raise PermissionDenied
    note = ActionItemNote(item=item, author=actor, text=text.strip())
    note.full_clean()
    note.save()
    ActionItem.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=item)
    return note


# --- forums and meetings ---------------------------------------------------------------------------------


@transaction.atomic
def forum_save(*, actor, forum: Forum, member_agencies=(), members=()) -> Forum:
    if not can_manage_forums(actor):
        raise PermissionDenied
    created = forum.pk is None
    forum.full_clean()
    forum.save()
    forum.member_agencies.set(member_agencies)
    forum.members.set(members)
    record_event(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=forum)
    return forum


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting, invitees=None) -> Meeting:
    """Plan or change a meeting. A new meeting invites the forum's members unless invitees are given."""
    created = meeting.pk is None
    if created and not can_plan_meetings(actor):
        raise PermissionDenied
    if not created and not can_change_meeting(actor, meeting):
        raise PermissionDenied
    if created:
        meeting.created_by = actor
    else:
        stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if stored.cancelled_at is not None:
            raise ValidationError(_("The meeting is cancelled and can no longer be changed."))
        if (stored.starts_at, stored.ends_at, stored.location) != (
            meeting.starts_at,
            meeting.ends_at,
            meeting.location,
        ):
            meeting.sequence = stored.sequence + 1  # calendars replace the invitation they have
    meeting.full_clean()
    meeting.save()
    if invitees is None and created:
        invitees = meeting.forum.members.all()
    if invitees is not None:
        meeting.invitees.set(invitees)
    record_event(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


@transaction.atomic
def meeting_set_attendance(*, actor, meeting: Meeting, attendees=(), agencies=()) -> Meeting:
    if not can_change_meeting(actor, meeting):
        raise PermissionDenied
    meeting.attendees.set(attendees)
    meeting.attending_agencies.set(agencies)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


def _check_minutes_open(meeting: Meeting):
    if meeting.minutes_approved_at is not None:
        raise ValidationError(_("The minutes are approved and can no longer be changed."))


@transaction.atomic
def agenda_item_save(*, actor, item: AgendaItem) -> AgendaItem:
    """Add or change an agenda item, its minutes and its decision."""
    if not can_change_meeting(actor, item.meeting):
        raise PermissionDenied
    _check_minutes_open(item.meeting)
    created = item.pk is None
    if created:
        last = item.meeting.agenda.order_by("-position").values_list("position", flat=True).first()
        item.position = (last or 0) + 1
    item.full_clean()
    item.save()
    record_event(actor=actor, action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE, obj=item)
    return item


@transaction.atomic
def meeting_approve_minutes(*, actor, meeting: Meeting) -> Meeting:
    if not can_change_meeting(actor, meeting):
        raise PermissionDenied
    _check_minutes_open(meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Minutes can only be approved after the meeting has started."))
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = actor
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by", "updated_at"])
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=meeting)
    return meeting


@transaction.atomic
def decision_action_item_create(
    *, actor, agenda_item: AgendaItem, title: str, responsible_agency: Agency, due_date: date, description: str = ""
) -> ActionItem:
    """Turn a decision of a meeting into an action item for an agency."""
    if not can_change_meeting(actor, agenda_item.meeting):
        raise PermissionDenied
    if not agenda_item.decision.strip():
        raise ValidationError(_("Record the decision before you give out action items."))
    return action_item_create(
        actor=actor,
        title=title,
        responsible_agency=responsible_agency,
        due_date=due_date,
        source=ActionItem.Source.MEETING,
        description=description,
        agenda_item=agenda_item,
    )


# --- concerns --------------------------------------------------------------------------------------------

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


def _apply_identity_rules(concern: Concern):
    if not concern.has_identity:
        concern.legal_basis = ""
        concern.legal_basis_detail = ""


SQLITE_LOCK_RETRIES = 100


def _sqlite_locked(error: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(error)


def concern_create(*, actor, concern: Concern, categories) -> Concern:
    """Log a new concern. The reference number is taken in the same transaction.

    On PostgreSQL the counter row lock makes concurrent savers wait. SQLite locks whole tables and may answer
    "database is locked" at once instead of waiting; then the whole transaction is tried again.
    """
    for attempt in range(SQLITE_LOCK_RETRIES):
        try:
            return _concern_create(actor=actor, concern=concern, categories=categories)
        except OperationalError as error:
            if not _sqlite_locked(error) or connection.in_atomic_block or attempt == SQLITE_LOCK_RETRIES - 1:
                raise
            concern.pk = None
            concern._state.adding = True
            time_module.sleep(random.uniform(0.005, 0.03))
    raise AssertionError("unreachable")


@transaction.atomic
def _concern_create(*, actor, concern: Concern, categories) -> Concern:
    if not can_log_concern(actor):
        raise PermissionDenied
    categories = sorted(set(categories))
    if not categories:
        raise ValidationError({"categories": _("Choose at least one category.")})
    concern.reporter = actor
    concern.reporter_agency = actor.agency
    concern.status = Concern.Status.NEW
    _apply_identity_rules(concern)
    concern.reference = "0000-0000"  # placeholder so that full_clean passes; replaced below
    concern.full_clean(exclude=["reference"])
    concern.reference = _next_reference(timezone.localtime(concern.created_at).year)
    concern.save()
    ConcernCategory.objects.bulk_create([ConcernCategory(concern=concern, category=c) for c in categories])
    record_event(actor=actor, action=AuditEvent.Action.CREATE, obj=concern)
    return concern


@transaction.atomic
def concern_update(*, actor, concern: Concern, categories) -> Concern:
    """Change what was logged. Identity fields are changed by coordinators only (the form leaves them out)."""
    if not can_edit_concern(actor, concern):
        raise PermissionDenied
    categories = sorted(set(categories))
    if not categories:
        raise ValidationError({"categories": _("Choose at least one category.")})
    if not is_coordinator(actor):
        stored = Concern.objects.get(pk=concern.pk)
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
    """Every opening of a concern page is logged (who, when; no content)."""
    record_event(actor=actor, action=AuditEvent.Action.VIEW, obj=concern)


def _timeline(concern, actor, kind, text):
    note = ConcernNote(concern=concern, kind=kind, author=actor, author_agency=actor.agency, text=text)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def concern_set_status(*, actor, concern: Concern, status: str, outcome: str = "", outcome_note: str = "") -> Concern:
    if not can_manage_concern(actor, concern):
        raise PermissionDenied
    if status not in Concern.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if concern.status == Concern.Status.CLOSED:
        raise ValidationError({"status": _("The concern is closed.")})
    concern.status = status
    if status == Concern.Status.CLOSED:
        concern.outcome = outcome
        concern.outcome_note = outcome_note.strip()
        concern.closed_at = timezone.now()
    concern.full_clean()
    concern.save(update_fields=["status", "outcome", "outcome_note", "closed_at", "updated_at"])
    label = concern.get_status_display()
    if status == Concern.Status.CLOSED:
        label = f"{label}: {concern.get_outcome_display()}"
    _timeline(concern, actor, ConcernNote.Kind.STATUS, label)
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
    """Share a concern with an agency, recording who, when, on what basis and whether identity goes along."""
    if not can_manage_concern(actor, concern):
        raise PermissionDenied
    errors = {}
    if not agency.is_active:
        errors["agency"] = _("The agency is inactive and cannot receive concerns.")
    elif concern.shares.filter(agency=agency, revoked_at__isnull=True).exists():
        errors["agency"] = _("The concern is already shared with this agency.")
    if includes_identity and not concern.has_identity:
        errors["includes_identity"] = _("The concern has no identity to share.")
    if includes_identity and legal_basis == ConcernShare.Basis.ANONYMOUS:
        errors["legal_basis"] = _("Sharing the identity needs a legal basis: consent or a named statutory duty.")
    if legal_basis == ConcernShare.Basis.STATUTORY_DUTY and not legal_basis_detail.strip():
        errors["legal_basis_detail"] = _("Name the statutory duty or exception.")
    if errors:
        raise ValidationError(errors)
    share = ConcernShare(
        concern=concern,
        agency=agency,
        includes_identity=includes_identity,
        legal_basis=legal_basis,
        legal_basis_detail=legal_basis_detail.strip(),
        shared_by=actor,
    )
    share.full_clean()
    share.save()
    _timeline(concern, actor, ConcernNote.Kind.SHARE, agency.name)
    record_event(actor=actor, action=AuditEvent.Action.SHARE, obj=concern)
    return share


@transaction.atomic
def concern_share_revoke(*, actor, share: ConcernShare) -> ConcernShare:
    if not can_manage_concern(actor, share.concern):
        raise PermissionDenied
    if share.revoked_at is not None:
        raise ValidationError(_("The share is already revoked."))
    share.revoked_at = timezone.now()
    share.revoked_by = actor
    share.save(update_fields=["revoked_at", "revoked_by"])
    _timeline(share.concern, actor, ConcernNote.Kind.REVOKE, share.agency.name)
    record_event(actor=actor, action=AuditEvent.Action.REVOKE, obj=share.concern)
    return share


@transaction.atomic
def concern_add_note(*, actor, concern: Concern, text: str) -> ConcernNote:
    """Anyone who may read the concern adds to its timeline (the view reached it through the selector)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a note.")})
    note = _timeline(concern, actor, ConcernNote.Kind.NOTE, text)
    Concern.objects.filter(pk=concern.pk).update(updated_at=timezone.now())
    record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=concern)
    return note


@transaction.atomic
def concern_acknowledge(*, actor, concern: Concern) -> ConcernShare:
    """The receiving agency confirms it has read the concern."""
    share = (
        ConcernShare.objects.select_for_update()
        .filter(concern=concern, agency_id=actor.agency_id, revoked_at__isnull=True)
        .first()
    )
    if share is None:
        raise PermissionDenied
    if share.acknowledged_at is None:
        share.acknowledged_at = timezone.now()
        share.acknowledged_by = actor
        share.save(update_fields=["acknowledged_at", "acknowledged_by"])
        _timeline(concern, actor, ConcernNote.Kind.ACKNOWLEDGE, share.agency.name)
        record_event(actor=actor, action=AuditEvent.Action.UPDATE, obj=concern)
    return share


@transaction.atomic
def concern_measure_create(
    *, actor, concern: Concern, title: str, responsible_agency: Agency, due_date: date, description: str = ""
) -> ActionItem:
    """A measure for a concern is an action item linked to it; the concern moves to "measures in progress"."""
    if not can_manage_concern(actor, concern):
        raise PermissionDenied
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


def export_recorded(*, actor, obj=None, object_type: str = "") -> None:
    """Every export (CSV, calendar file) is logged: who, when, what kind of record; never the content."""
    record_event(actor=actor, action=AuditEvent.Action.EXPORT, obj=obj, object_type=object_type)
