"""Reads of action items: coordinators; members of the responsible agency; invitees of its meeting; a safety
walk's measures are read by all staff."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import ActionItem, ActionItemNote, Meeting
from ..permissions import (
    can_manage_action_items,
    can_update_action_item,
    has_case_role,
    is_active_user,
    is_coordinator,
)


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    if not is_active_user(user):
        return ActionItem.objects.none()
    if is_coordinator(user):
        return ActionItem.objects.all()
    invited = Meeting.invitees.through.objects.filter(meeting_id=OuterRef("meeting_id"), user_id=user.pk)
    visible = Q(source=ActionItem.Source.WALK) | Exists(invited)
    if user.agency_id is not None:
        visible |= Q(responsible_agency_id=user.agency_id)
    return ActionItem.objects.filter(visible)


def with_visible_sources(items: QuerySet[ActionItem], user) -> QuerySet[ActionItem]:
    """Annotate `shows_concern` and `shows_meeting`: may the user read the concern or meeting the item comes
    from? Only then do pages, lists and exports name it (its reference, its title). One subquery each in the
    same query, never a query per row."""
    if is_coordinator(user):
        return items.annotate(shows_concern=Value(True), shows_meeting=Value(True))
    from .concerns import concerns_visible_to
    from .meetings import meetings_visible_to

    return items.annotate(
        shows_concern=Exists(concerns_visible_to(user).filter(pk=OuterRef("concern_id"))),
        shows_meeting=Exists(meetings_visible_to(user).filter(pk=OuterRef("meeting_id"))),
    )


def action_item_list(user, *, status="", agency=None, source="", overdue=False, search="") -> QuerySet[ActionItem]:
    items = with_visible_sources(
        action_items_visible_to(user).select_related("responsible_agency", "meeting", "concern"), user
    )
    if status:
        items = items.filter(status=status)
    if agency:
        items = items.filter(responsible_agency=agency)
    if source:
        items = items.filter(source=source)
    if overdue:
        items = items.overdue(timezone.localdate())
    if search:
        items = items.filter(Q(title__icontains=search) | Q(description__icontains=search))
    # Open items first (the most overdue at the top), then the settled ones.
    return items.order_by("is_settled", "due_date", "id")


def my_open_action_items(user, *, limit=10):
    """The dashboard: open measures of the user's agency, the earliest deadline first."""
    if not has_case_role(user):
        return ActionItem.objects.none()
    return (
        action_items_visible_to(user)
        .open()
        .filter(responsible_agency_id=user.agency_id, is_settled=0)  # is_settled: the index's column (same rows)
        .select_related("responsible_agency", "meeting")
        .order_by("due_date", "id")[:limit]
    )


def get_action_item_for_user(user, pk) -> ActionItem:
    return get_object_or_404(
        with_visible_sources(action_items_visible_to(user), user)
        .select_related("responsible_agency", "meeting", "agenda_item", "concern", "created_by")
        .prefetch_related(Prefetch("notes", queryset=ActionItemNote.objects.select_related("author__agency"))),
        pk=pk,
    )


def get_action_item_for_change(user, pk) -> ActionItem:
    """The item for a status change or a progress note: coordinators and the responsible agency; 404 if
    unreadable, 403 if only readable."""
    item = get_action_item_for_user(user, pk)
    if not can_update_action_item(user, item):
        raise PermissionDenied
    return item


def get_action_item_for_edit(user, pk) -> ActionItem:
    """The item for changing what it is, who has it and its deadline: coordinators; 404 if unreadable, 403 if
    only readable."""
    item = get_action_item_for_user(user, pk)
    if not can_manage_action_items(user):
        raise PermissionDenied
    return item
