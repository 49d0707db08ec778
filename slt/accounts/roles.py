"""The role policy in one place (DESIGN.md sections 2 and 3).

Navigation, dashboards, views and selectors of every app ask these predicates; nothing else compares a
user's role. Each takes any user object (anonymous included) and never queries the database.
"""

from .models import User

CASE_ROLES = frozenset({User.Role.COORDINATOR, User.Role.POLICE, User.Role.AGENCY})


def is_active_user(user) -> bool:
    """Signed in with an account that has not been deactivated."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return is_active_user(user) and user.is_admin


def is_coordinator(user) -> bool:
    return is_active_user(user) and user.is_coordinator


def is_steering(user) -> bool:
    return is_active_user(user) and user.is_steering


def has_case_role(user) -> bool:
    """Coordinators, police liaisons and agency members with an agency: the people who do the case work
    (log concerns, work on action items, plan walks). Administrators and the steering group do not."""
    return is_active_user(user) and user.role in CASE_ROLES and user.agency_id is not None


def takes_part_in_meetings(user) -> bool:
    """Everyone but administrators, who see no case data by virtue of being admin (least privilege)."""
    return is_active_user(user) and not user.is_admin


def can_see_statistics(user) -> bool:
    """DESIGN.md section 3: every signed-in user sees the aggregated statistics (small counts suppressed)."""
    return is_active_user(user)


def can_manage_registry(user) -> bool:
    """Agencies and areas: administrators and coordinators change them."""
    return is_active_user(user) and (user.is_admin or user.is_coordinator)


def is_radicalisation_contact(user) -> bool:
    """May see and manage cases in the extremism module (a flag, whatever the role)."""
    return is_active_user(user) and user.is_radicalisation_contact


def is_youth_coordinator(user) -> bool:
    """May see and manage youth follow-up cases (a flag, whatever the role)."""
    return is_active_user(user) and user.is_youth_coordinator
