"""Who may change what in coordination (DESIGN.md section 3). Reading goes through selectors."""

from slt.accounts.roles import can_see_statistics, has_case_role, is_active_user, is_coordinator

__all__ = ["can_see_statistics", "has_case_role", "is_active_user", "is_coordinator"]


def can_manage_forums(user) -> bool:
    return is_coordinator(user)


def can_plan_meetings(user) -> bool:
    return is_coordinator(user)


def can_change_meeting(user, meeting) -> bool:
    """Agenda, attendance, minutes and decisions: coordinators and the meeting's secretary."""
    return is_coordinator(user) or (is_active_user(user) and meeting.secretary_id == user.pk)


def can_log_concern(user) -> bool:
    """Coordinators, the police and agency staff (schools and others) log concerns; not steering or admin."""
    return has_case_role(user)


def can_see_concern_list(user) -> bool:
    return can_log_concern(user)


def can_edit_concern(user, concern) -> bool:
    """Coordinators; the reporter until the concern is taken up for assessment."""
    if is_coordinator(user):
        return True
    return is_active_user(user) and concern.reporter_id == user.pk and concern.status == concern.Status.NEW


def can_manage_concern(user, concern=None) -> bool:
    """Status, shares, identity and measures: coordinators."""
    return is_coordinator(user)


def can_see_identity(user, concern, shares) -> bool:
    """Coordinators, the reporter, and agencies whose active share includes identity."""
    if is_coordinator(user) or (is_active_user(user) and concern.reporter_id == user.pk):
        return True
    return any(
        share.agency_id == user.agency_id and share.revoked_at is None and share.includes_identity for share in shares
    )


def active_share_for(user, shares):
    if not is_active_user(user) or user.agency_id is None:
        return None
    return next((s for s in shares if s.agency_id == user.agency_id and s.revoked_at is None), None)


def can_create_action_items(user) -> bool:
    return is_coordinator(user)


def can_update_action_item(user, item) -> bool:
    """Status and progress notes: coordinators and members of the responsible agency."""
    if is_coordinator(user):
        return True
    return is_active_user(user) and user.agency_id is not None and user.agency_id == item.responsible_agency_id
