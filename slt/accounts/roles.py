"""The role policy in one place (DESIGN.md sections 2 and 3).

Navigation, dashboards, views and selectors of every app ask these predicates; nothing else compares a
user's role. Each takes any user object (anonymous included) and never queries the database.
"""

from django.conf import settings

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


SECOND_FACTOR_ROLES = frozenset({User.Role.ADMIN, User.Role.COORDINATOR, User.Role.POLICE})


def second_factor_expected(user) -> bool:
    """The people whose accounts open the most: administrators, coordinators, police liaisons, radicalisation
    contacts and youth coordinators. Everyone else is offered a second factor but not made to use one."""
    return is_active_user(user) and (
        user.role in SECOND_FACTOR_ROLES or user.is_radicalisation_contact or user.is_youth_coordinator
    )


def must_use_second_factor(user) -> bool:
    """Whether the user is sent to set up a second factor and let nowhere else until done. Relaxed for every
    role only while the REQUIRE_SECOND_FACTOR setting is off (the demo; the production default is on)."""
    return settings.REQUIRE_SECOND_FACTOR and second_factor_expected(user)


def can_remove_second_factor(user) -> bool:
    """A user who is not required to use a second factor may switch it off again."""
    return is_active_user(user) and not must_use_second_factor(user)


def can_reset_second_factor(user) -> bool:
    """Administrators reset another user's second factor (a lost phone)."""
    return is_admin(user) and user.is_staff
