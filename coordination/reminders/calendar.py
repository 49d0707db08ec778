"""The personal calendar feed: reminder sources for slt.notifications."""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from slt.accounts.roles import has_case_role
from slt.core.registry import CalendarEvent

from .. import selectors
from ..models import ActionItem
from .common import action_item_reference
from .meetings import meeting_event


def calendar_meetings(user, start, end):
    """The user's own meetings (invited or member of the forum) that they may read."""
    mine = Q(invitees=user) | Q(forum__members=user)
    meetings = (
        selectors.meetings_visible_to(user)
        .filter(mine, starts_at__gte=start, starts_at__lt=end)
        .select_related("forum")
        .distinct()
        .order_by("starts_at", "id")
    )
    return [meeting_event(meeting) for meeting in meetings]


def calendar_deadlines(user, start, end):
    """Open action items of the user's agency (that the user may read), as whole-day events."""
    if not has_case_role(user):
        return []
    from slt.notifications.mail import site_host

    items = (
        selectors.action_items_visible_to(user)
        .filter(
            responsible_agency_id=user.agency_id,
            status__in=ActionItem.OPEN_STATUSES,
            due_date__gte=start.date(),
            due_date__lt=end.date(),
        )
        .only("pk", "due_date")
        .order_by("due_date", "id")
    )
    return [
        CalendarEvent(
            uid=f"slt-action-item-{item.pk}@{site_host()}",
            title=_("Deadline for action item %(reference)s") % {"reference": action_item_reference(item.pk)},
            start=item.due_date,
            end=item.due_date + timedelta(days=1),
            url=item.get_absolute_url(),
        )
        for item in items
    ]
