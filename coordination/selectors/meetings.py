"""Reads of forums, meetings and agenda items.

Forums are open to every signed-in user; a meeting (with its agenda and minutes) to coordinators, its
invitees and the members of its forum.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import AgendaItem, Forum, Meeting, MeetingAttachment
from ..permissions import can_change_meeting, can_manage_forums, is_active_user, is_coordinator
from .action_items import action_items_visible_to


def forums_visible_to(user) -> QuerySet[Forum]:
    if not is_active_user(user):
        return Forum.objects.none()
    return Forum.objects.all()


def get_forum_for_user(user, pk) -> Forum:
    return get_object_or_404(forums_visible_to(user).prefetch_related("member_agencies", "members__agency"), pk=pk)


def get_forum_for_change(user, pk) -> Forum:
    """The forum for coordinators; 403 for everyone else who reads it."""
    forum = get_forum_for_user(user, pk)
    if not can_manage_forums(user):
        raise PermissionDenied
    return forum


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Coordinators; invitees; members of the meeting's forum."""
    if not is_active_user(user):
        return Meeting.objects.none()
    if is_coordinator(user):
        return Meeting.objects.all()
    invited = Meeting.invitees.through.objects.filter(meeting_id=OuterRef("pk"), user_id=user.pk)
    member = Forum.members.through.objects.filter(forum_id=OuterRef("forum_id"), user_id=user.pk)
    return Meeting.objects.filter(Exists(invited) | Exists(member))


def meeting_list(user, *, forum=None, upcoming=None) -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user).select_related("forum")
    if forum:
        meetings = meetings.filter(forum=forum)
    now = timezone.now()
    if upcoming is True:
        return meetings.filter(ends_at__gte=now).order_by("starts_at", "id")
    if upcoming is False:
        return meetings.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return meetings.order_by("-starts_at", "-id")


def upcoming_meetings(user, *, limit=5):
    return meeting_list(user, upcoming=True)[:limit]


def get_meeting_for_user(user, pk) -> Meeting:
    """The meeting with its agenda, people and the action items the user may read; 404 if unreadable."""
    return get_object_or_404(
        meetings_visible_to(user)
        .select_related("forum", "secretary", "minutes_approved_by", "created_by")
        .prefetch_related(
            "invitees__agency",
            "attendees",
            "attending_agencies",
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "id")),
            Prefetch("attachments", queryset=MeetingAttachment.objects.order_by("created_at", "id")),
            Prefetch(
                "action_items",
                queryset=action_items_visible_to(user).select_related("responsible_agency").order_by("due_date", "id"),
            ),
        ),
        pk=pk,
    )


def get_meeting_for_change(user, pk) -> Meeting:
    """The meeting for coordinators and its secretary; 404 if unreadable, 403 if only readable."""
    meeting = get_meeting_for_user(user, pk)
    if not can_change_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def get_agenda_item_for_user(user, meeting_pk, pk) -> AgendaItem:
    """An agenda item of a meeting the user may read (with its meeting); 404 otherwise, also when the item
    belongs to another meeting than the one in the address."""
    items = AgendaItem.objects.filter(meeting__in=meetings_visible_to(user), meeting_id=meeting_pk)
    return get_object_or_404(items.select_related("meeting__forum", "meeting__secretary"), pk=pk)


def get_agenda_item_for_change(user, meeting_pk, pk) -> AgendaItem:
    """The agenda item for those who may change its meeting; 404 if unreadable, 403 if only readable."""
    item = get_agenda_item_for_user(user, meeting_pk, pk)
    if not can_change_meeting(user, item.meeting):
        raise PermissionDenied
    return item


def get_attachment_for_user(user, meeting_pk, pk) -> MeetingAttachment:
    """An attachment of a meeting the user may read; 404 otherwise, also when it belongs to another meeting
    than the one in the address."""
    attachments = MeetingAttachment.objects.filter(meeting__in=meetings_visible_to(user), meeting_id=meeting_pk)
    return get_object_or_404(attachments.select_related("meeting__secretary"), pk=pk)


def get_attachment_for_change(user, meeting_pk, pk) -> MeetingAttachment:
    """The attachment for those who may change its meeting; 404 if unreadable, 403 if only readable."""
    attachment = get_attachment_for_user(user, meeting_pk, pk)
    if not can_change_meeting(user, attachment.meeting):
        raise PermissionDenied
    return attachment
