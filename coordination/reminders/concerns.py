"""Concern shares and notes: reminder sources for slt.notifications."""

from collections import defaultdict

from slt.accounts.models import User
from slt.core.registry import Due

from .. import selectors
from ..models import ConcernNote, ConcernShare
from .common import CONCERN, active_user_ids, agency_member_ids, visible_ids_many_of, visible_ids_of

visible_concerns = visible_ids_of(selectors.concerns_visible_to)
visible_concerns_many = visible_ids_many_of(selectors.concerns_visible_to)


def concern_shared_due(t0, t1):
    """A concern shared with my agency: the agency's active members, once per share."""
    shares = list(
        ConcernShare.objects.filter(shared_at__gt=t0, shared_at__lte=t1, revoked_at__isnull=True)
        .select_related("concern")
        .only("pk", "agency_id", "shared_at", "concern__id", "concern__reference")
    )
    members = agency_member_ids({share.agency_id for share in shares})
    for share in shares:
        recipients = members.get(share.agency_id, [])
        if recipients:
            yield Due(
                kind="concern_shared",
                record=CONCERN,
                record_id=share.concern_id,
                recipient_ids=recipients,
                slot=f"share:{share.pk}",
                url=share.concern.get_absolute_url(),
                reference=share.concern.reference,
                essential=True,
                due_at=share.shared_at,
            )


def concern_share_current(pairs, now):
    share_ids = {int(slot.split(":", 1)[1]) for _pk, slot in pairs}
    active = set(ConcernShare.objects.filter(pk__in=share_ids, revoked_at__isnull=True).values_list("concern_id", "pk"))
    return {(pk, slot) for pk, slot in pairs if (pk, int(slot.split(":", 1)[1])) in active}


def concern_note_due(t0, t1):
    """A new note on a concern I may read: coordinators, the reporter and members of agencies with an
    active share; not the note's author."""
    notes = list(
        ConcernNote.objects.filter(created_at__gt=t0, created_at__lte=t1, kind=ConcernNote.Kind.NOTE)
        .select_related("concern")
        .only("pk", "author_id", "created_at", "concern__id", "concern__reference", "concern__reporter_id")
    )
    if not notes:
        return
    coordinators = list(
        User.objects.filter(role=User.Role.COORDINATOR, is_active=True, agency__isnull=False).values_list(
            "pk", flat=True
        )
    )
    shared = defaultdict(set)
    for concern_id, agency_id in ConcernShare.objects.filter(
        concern_id__in={note.concern_id for note in notes}, revoked_at__isnull=True
    ).values_list("concern_id", "agency_id"):
        shared[concern_id].add(agency_id)
    members = agency_member_ids({agency for agencies in shared.values() for agency in agencies})
    reporters = set(active_user_ids({note.concern.reporter_id for note in notes}))
    for note in notes:
        recipients = set(coordinators)
        if note.concern.reporter_id in reporters:
            recipients.add(note.concern.reporter_id)
        for agency_id in shared.get(note.concern_id, ()):
            recipients.update(members.get(agency_id, []))
        recipients.discard(note.author_id)
        if recipients:
            yield Due(
                kind="concern_note",
                record=CONCERN,
                record_id=note.concern_id,
                recipient_ids=sorted(recipients),
                slot=f"note:{note.pk}",
                url=note.concern.get_absolute_url(),
                reference=note.concern.reference,
                due_at=note.created_at,
            )


def concern_note_current(pairs, now):
    note_ids = {int(slot.split(":", 1)[1]) for _pk, slot in pairs}
    existing = set(ConcernNote.objects.filter(pk__in=note_ids).values_list("concern_id", "pk"))
    return {(pk, slot) for pk, slot in pairs if (pk, int(slot.split(":", 1)[1])) in existing}
