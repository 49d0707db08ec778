"""What coordination tells people about, for slt.notifications (registered in panels.py).

Each source answers "what fell due in (t0, t1], for whom" from the data alone (no service sends anything):
a meeting's change time and sequence, its start, its minutes' approval; action items' deadlines and
creation; concern shares and notes; the coordinators' weekly digest. Before sending, the notifications app
asks again with this app's own selectors whether the recipient may still read the record, and whether the
occasion is still current (not moved, cancelled, done or revoked). Messages carry references only.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy

from slt.accounts.roles import has_case_role, is_coordinator, takes_part_in_meetings

from .action_items import (
    action_item_assigned,
    action_item_assigned_current,
    action_item_deadline_current,
    action_item_due_in_3_days,
    action_item_due_today,
    action_item_overdue,
    action_item_overdue_current,
    visible_action_items,
    visible_action_items_many,
)
from .calendar import calendar_deadlines, calendar_meetings
from .common import one_visible
from .concerns import (
    concern_note_current,
    concern_note_due,
    concern_share_current,
    concern_shared_due,
    visible_concerns,
    visible_concerns_many,
)
from .digest import digest_details, digest_visible, weekly_digest_due
from .meetings import (
    meeting_before,
    meeting_cancelled_current,
    meeting_cancelled_due,
    meeting_invitation_current,
    meeting_invitation_due,
    meeting_invitation_file,
    meeting_start_current,
    minutes_approved_due,
    visible_meetings,
    visible_meetings_many,
)

# The kinds, in the order of the preferences page. `title` names the kind there.
SOURCES = [
    {
        "key": "meeting_invitation",
        "order": 10,
        "title": gettext_lazy("Meeting invitations and changes"),
        "subject": gettext_lazy("Invitation: meeting %(reference)s"),
        "text": gettext_lazy("You are invited to meeting %(reference)s, or its time or place has changed."),
        "due": meeting_invitation_due,
        "still_due": meeting_invitation_current,
        "visible_ids": visible_meetings,
        "visible_ids_many": visible_meetings_many,
        "attachment": meeting_invitation_file,
        "essential": True,
        "audience": takes_part_in_meetings,
    },
    {
        "key": "meeting_cancelled",
        "order": 11,
        "title": gettext_lazy("Cancelled meetings"),
        "subject": gettext_lazy("Cancelled: meeting %(reference)s"),
        "text": gettext_lazy("Meeting %(reference)s is cancelled."),
        "due": meeting_cancelled_due,
        "still_due": meeting_cancelled_current,
        "visible_ids": visible_meetings,
        "visible_ids_many": visible_meetings_many,
        "attachment": meeting_invitation_file,
        "essential": True,
        "audience": takes_part_in_meetings,
    },
    {
        "key": "meeting_reminder_day",
        "order": 12,
        "title": gettext_lazy("Meeting reminders the day before"),
        "subject": gettext_lazy("Reminder: meeting %(reference)s tomorrow"),
        "text": gettext_lazy("Meeting %(reference)s starts %(when)s."),
        "due": meeting_before("meeting_reminder_day", timedelta(days=1)),
        "still_due": meeting_start_current,
        "visible_ids": visible_meetings,
        "visible_ids_many": visible_meetings_many,
        "audience": takes_part_in_meetings,
    },
    {
        "key": "meeting_reminder_soon",
        "order": 13,
        "title": gettext_lazy("Meeting reminders two hours before"),
        "subject": gettext_lazy("Reminder: meeting %(reference)s in two hours"),
        "text": gettext_lazy("Meeting %(reference)s starts %(when)s."),
        "due": meeting_before("meeting_reminder_soon", timedelta(hours=2)),
        "still_due": meeting_start_current,
        "visible_ids": visible_meetings,
        "visible_ids_many": visible_meetings_many,
        "audience": takes_part_in_meetings,
    },
    {
        "key": "minutes_approved",
        "order": 14,
        "title": gettext_lazy("Minutes approved"),
        "subject": gettext_lazy("Minutes approved: meeting %(reference)s"),
        "text": gettext_lazy("The minutes of meeting %(reference)s are approved."),
        "due": minutes_approved_due,
        "visible_ids": visible_meetings,
        "visible_ids_many": visible_meetings_many,
        "audience": takes_part_in_meetings,
    },
    {
        "key": "action_item_assigned",
        "order": 20,
        "title": gettext_lazy("Action items given to my agency"),
        "subject": gettext_lazy("New action item for your agency: %(reference)s"),
        "text": gettext_lazy("Action item %(reference)s has been given to your agency."),
        "due": action_item_assigned,
        "still_due": action_item_assigned_current,
        "visible_ids": visible_action_items,
        "visible_ids_many": visible_action_items_many,
        "audience": has_case_role,
    },
    {
        "key": "action_item_due_soon",
        "order": 21,
        "title": gettext_lazy("Action items due in three days"),
        "subject": gettext_lazy("Deadline in three days: action item %(reference)s"),
        "text": gettext_lazy("Action item %(reference)s is due %(when)s."),
        "due": action_item_due_in_3_days,
        "still_due": action_item_deadline_current,
        "visible_ids": visible_action_items,
        "visible_ids_many": visible_action_items_many,
        "audience": has_case_role,
    },
    {
        "key": "action_item_due_today",
        "order": 22,
        "title": gettext_lazy("Action items due today"),
        "subject": gettext_lazy("Deadline today: action item %(reference)s"),
        "text": gettext_lazy("Action item %(reference)s is due today."),
        "due": action_item_due_today,
        "still_due": action_item_deadline_current,
        "visible_ids": visible_action_items,
        "visible_ids_many": visible_action_items_many,
        "audience": has_case_role,
    },
    {
        "key": "action_item_overdue",
        "order": 23,
        "title": gettext_lazy("Overdue action items (daily, for up to 14 days)"),
        "subject": gettext_lazy("Overdue: action item %(reference)s"),
        "text": gettext_lazy("Action item %(reference)s is past its deadline."),
        "due": action_item_overdue,
        "still_due": action_item_overdue_current,
        "visible_ids": visible_action_items,
        "visible_ids_many": visible_action_items_many,
        "audience": has_case_role,
    },
    {
        "key": "concern_shared",
        "order": 30,
        "title": gettext_lazy("Concerns shared with my agency"),
        "subject": gettext_lazy("New concern shared with your agency — %(reference)s"),
        "text": gettext_lazy("Concern %(reference)s has been shared with your agency."),
        "due": concern_shared_due,
        "still_due": concern_share_current,
        "visible_ids": visible_concerns,
        "visible_ids_many": visible_concerns_many,
        "essential": True,
        "audience": has_case_role,
    },
    {
        "key": "concern_note",
        "order": 31,
        "title": gettext_lazy("New notes on concerns I may read"),
        "subject": gettext_lazy("New note on concern %(reference)s"),
        "text": gettext_lazy("A new note has been added to concern %(reference)s."),
        "due": concern_note_due,
        "still_due": concern_note_current,
        "visible_ids": visible_concerns,
        "visible_ids_many": visible_concerns_many,
        "audience": has_case_role,
    },
    {
        "key": "weekly_digest",
        "order": 90,
        "title": gettext_lazy("Weekly digest for coordinators (Monday morning)"),
        "subject": gettext_lazy("SLT this week — %(reference)s"),
        "text": gettext_lazy("Your weekly overview for %(reference)s."),
        "due": weekly_digest_due,
        "visible_ids": digest_visible,
        "details": digest_details,
        "audience": is_coordinator,
    },
]


def still_visible_for(source):
    return one_visible(source["visible_ids"])


__all__ = ["SOURCES", "calendar_deadlines", "calendar_meetings", "still_visible_for"]
