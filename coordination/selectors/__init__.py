"""Reads for coordination, one module per subdomain. Views reach records only through these functions.

One door per protected record:

- ``get_<thing>_for_user(user, pk)`` filters ``<things>_visible_to(user)``: a record the user may not read
  answers 404, never 403 (its existence is not revealed).
- ``get_<thing>_for_change(user, pk)`` (and ``..._for_edit`` where a record has a second kind of change) is
  the write door: 404 when the record is unreadable, 403 when it is readable but not changeable, decided by
  a predicate of ``coordination.permissions``.

Views never fetch a record themselves and never check after fetching; the write services re-check the
same predicates (see ``coordination.services``).
"""

from .action_items import (
    action_item_list,
    action_items_visible_to,
    get_action_item_for_change,
    get_action_item_for_edit,
    get_action_item_for_user,
    my_open_action_items,
)
from .agencies import agencies_visible_to, agency_list, get_agency_for_change, get_agency_for_user
from .concerns import (
    concern_access_log,
    concern_identity_matches,
    concern_inbox,
    concern_list,
    concerns_visible_to,
    get_concern_for_change,
    get_concern_for_edit,
    get_concern_for_user,
    get_concern_share_for_change,
    new_concerns_for_coordinator,
)
from .meetings import (
    forums_visible_to,
    get_agenda_item_for_change,
    get_agenda_item_for_user,
    get_attachment_for_change,
    get_attachment_for_user,
    get_forum_for_change,
    get_forum_for_user,
    get_meeting_for_change,
    get_meeting_for_user,
    meeting_list,
    meetings_visible_to,
    upcoming_meetings,
)

__all__ = [
    "action_item_list",
    "action_items_visible_to",
    "agencies_visible_to",
    "agency_list",
    "concern_access_log",
    "concern_identity_matches",
    "concern_inbox",
    "concern_list",
    "concerns_visible_to",
    "forums_visible_to",
    "get_action_item_for_change",
    "get_action_item_for_edit",
    "get_action_item_for_user",
    "get_agency_for_change",
    "get_agency_for_user",
    "get_agenda_item_for_change",
    "get_agenda_item_for_user",
    "get_attachment_for_change",
    "get_attachment_for_user",
    "get_concern_for_change",
    "get_concern_for_edit",
    "get_concern_for_user",
    "get_concern_share_for_change",
    "get_forum_for_change",
    "get_forum_for_user",
    "get_meeting_for_change",
    "get_meeting_for_user",
    "meeting_list",
    "meetings_visible_to",
    "my_open_action_items",
    "new_concerns_for_coordinator",
    "upcoming_meetings",
]
