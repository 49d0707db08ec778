"""Who may change what in coordination (DESIGN.md section 3): predicates only, never a query.

Each takes the user (anonymous included) and, where the rule depends on it, the record with what its door
already loaded (a concern's prefetched shares). Role rules come from `slt.accounts.roles`; who may *read*
a record is decided by the `*_visible_to` selectors, which the doors in `selectors` use.
"""

from slt.accounts.roles import can_manage_registry, can_see_statistics, has_case_role, is_active_user, is_coordinator

from .models import ActionItemSource, ConcernNote, ConcernStatus

__all__ = [
    "can_manage_registry",
    "can_see_statistics",
    "has_case_role",
    "is_active_user",
    "is_coordinator",
]

# --- forums and meetings -----------------------------------------------------------------------------------


def can_manage_forums(user) -> bool:
    return is_coordinator(user)


def can_plan_meetings(user) -> bool:
    return is_coordinator(user)


def can_change_meeting(user, meeting) -> bool:
    """Agenda, attendance, minutes and decisions: coordinators and the meeting's secretary."""
    return is_coordinator(user) or (is_active_user(user) and meeting.secretary_id == user.pk)


# --- action items ------------------------------------------------------------------------------------------


def can_manage_action_items(user) -> bool:
    """Create measures of one's own and change what a measure is, who has it and its deadline: coordinators."""
    return is_coordinator(user)


def can_update_action_item(user, item) -> bool:
    """Status and progress notes: coordinators and members of the responsible agency."""
    if is_coordinator(user):
        return True
    return is_active_user(user) and user.agency_id is not None and user.agency_id == item.responsible_agency_id


def can_give_action_item(user, *, source: str, meeting=None, concern=None) -> bool:
    """Who may give out a measure where it comes from: the meeting's managers for a decision, coordinators
    for a concern or on their own. A safety walk's measures are given out by the walk's managers, which the
    walks app checks for the walk; coordination asks only that the person does case work."""
    if source == ActionItemSource.MEETING:
        return meeting is not None and can_change_meeting(user, meeting)
    if source == ActionItemSource.CONCERN:
        return concern is not None and can_manage_concerns(user)
    if source == ActionItemSource.WALK:
        return has_case_role(user)
    return can_manage_action_items(user)


def can_set_action_item_status(user, item) -> bool:
    """As `can_update_action_item`; a safety walk's measure is also moved by the walk's managers, whom the
    walks app checks for the walk (coordination asks only that the person does case work)."""
    if can_update_action_item(user, item):
        return True
    return item.source == ActionItemSource.WALK and has_case_role(user)


# --- concerns ----------------------------------------------------------------------------------------------


def can_log_concern(user) -> bool:
    """Coordinators, the police and agency staff (schools and others) log concerns; not steering or admin."""
    return has_case_role(user)


def can_edit_concern(user, concern) -> bool:
    """What was logged: coordinators; the reporter until the concern is taken up for assessment. Nobody once
    the concern is anonymised."""
    if concern.anonymised_at is not None:
        return False
    if is_coordinator(user):
        return True
    return is_active_user(user) and concern.reporter_id == user.pk and concern.status == ConcernStatus.NEW


def can_manage_concerns(user) -> bool:
    """Status, shares, identity and measures of concerns: coordinators."""
    return is_coordinator(user)


def can_see_identity(user, concern, shares) -> bool:
    """Coordinators, the reporter, and agencies whose active share includes identity."""
    if is_coordinator(user) or (is_active_user(user) and concern.reporter_id == user.pk):
        return True
    return any(
        share.agency_id == user.agency_id and share.revoked_at is None and share.includes_identity for share in shares
    )


def active_share_for(user, shares):
    """The active share to the user's agency among the concern's shares, if any."""
    if not is_active_user(user) or user.agency_id is None:
        return None
    return next((s for s in shares if s.agency_id == user.agency_id and s.revoked_at is None), None)


def can_acknowledge(user, share) -> bool:
    """The receiving agency confirms it has read a concern shared with it."""
    return has_case_role(user) and share.revoked_at is None and share.agency_id == user.agency_id


SHARE_STEPS = (ConcernNote.Kind.SHARE, ConcernNote.Kind.REVOKE, ConcernNote.Kind.ACKNOWLEDGE)


def timeline_for(user, notes, shares) -> list:
    """The timeline entries the user may read. A share, a revocation or an acknowledgement names the agency
    (its name is the entry's text): coordinators see them all, an agency only those about its own share
    (DESIGN.md section 3: an agency sees only its own share). `shares` are the concern's shares with their
    agencies, as the door loaded them."""
    if can_manage_concerns(user):
        return list(notes)
    own = {share.agency.name for share in shares if is_active_user(user) and share.agency_id == user.agency_id}
    return [note for note in notes if note.kind not in SHARE_STEPS or note.text in own]
