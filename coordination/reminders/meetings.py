"""Meetings: reminder sources for slt.notifications."""

from collections import defaultdict
from dataclasses import replace

from django.utils.translation import gettext as _

from slt.core.registry import Attachment, CalendarEvent, Due

from .. import selectors
from ..models import Forum, Meeting
from .common import MEETING, meeting_reference, visible_ids_many_of, visible_ids_of

visible_meetings = visible_ids_of(selectors.meetings_visible_to)
visible_meetings_many = visible_ids_many_of(selectors.meetings_visible_to)


def _invitees(meeting_ids) -> dict[int, list[int]]:
    invited = defaultdict(list)
    rows = Meeting.invitees.through.objects.filter(meeting_id__in=meeting_ids, user__is_active=True)
    for meeting_id, user_id in rows.values_list("meeting_id", "user_id"):
        invited[meeting_id].append(user_id)
    return invited


def _meeting_due(kind, meetings, *, slot, due_at, essential=False, extra=None):
    meetings = list(meetings)
    invited = _invitees([m.pk for m in meetings])
    for meeting in meetings:
        recipients = set(invited.get(meeting.pk, []))
        if extra:
            recipients |= set(extra.get(meeting.pk, []))
        if recipients:
            yield Due(
                kind=kind,
                record=MEETING,
                record_id=meeting.pk,
                recipient_ids=sorted(recipients),
                slot=slot(meeting),
                url=meeting.get_absolute_url(),
                reference=meeting_reference(meeting.pk),
                essential=essential,
                due_at=due_at(meeting),
            )


def meeting_invitation_due(t0, t1):
    """Planned or moved: a meeting saved in the window, once per calendar version (sequence) and invitee.
    An invitee added later gets the current version; saving without moving sends nothing again."""
    meetings = Meeting.objects.filter(updated_at__gt=t0, updated_at__lte=t1, cancelled_at__isnull=True, ends_at__gt=t1)
    return _meeting_due(
        "meeting_invitation",
        meetings.only("pk", "sequence", "updated_at"),
        slot=lambda m: f"v{m.sequence}",
        due_at=lambda m: m.updated_at,
        essential=True,
    )


def meeting_invitation_current(pairs, now):
    meetings = dict(
        Meeting.objects.filter(
            pk__in={pk for pk, _slot in pairs}, cancelled_at__isnull=True, starts_at__gt=now
        ).values_list("pk", "sequence")
    )
    return {(pk, slot) for pk, slot in pairs if pk in meetings and slot == f"v{meetings[pk]}"}


def meeting_cancelled_due(t0, t1):
    meetings = Meeting.objects.filter(cancelled_at__gt=t0, cancelled_at__lte=t1).only("pk", "cancelled_at")
    return _meeting_due(
        "meeting_cancelled", meetings, slot=lambda m: "cancelled", due_at=lambda m: m.cancelled_at, essential=True
    )


def meeting_cancelled_current(pairs, now):
    cancelled = set(
        Meeting.objects.filter(pk__in={pk for pk, _slot in pairs}, cancelled_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return {(pk, slot) for pk, slot in pairs if pk in cancelled}


def meeting_before(kind, ahead):
    def due(t0, t1):
        meetings = Meeting.objects.filter(
            starts_at__gt=t0 + ahead, starts_at__lte=t1 + ahead, cancelled_at__isnull=True
        ).only("pk", "starts_at")
        return _meeting_due(kind, meetings, slot=lambda m: m.starts_at, due_at=lambda m: m.starts_at - ahead)

    return due


def meeting_start_current(pairs, now):
    from slt.notifications.dispatcher import slot_key

    starts = dict(
        Meeting.objects.filter(
            pk__in={pk for pk, _slot in pairs}, cancelled_at__isnull=True, starts_at__gt=now
        ).values_list("pk", "starts_at")
    )
    return {(pk, slot) for pk, slot in pairs if pk in starts and slot == slot_key(starts[pk])}


def minutes_approved_due(t0, t1):
    meetings = list(
        Meeting.objects.filter(minutes_approved_at__gt=t0, minutes_approved_at__lte=t1).only(
            "pk", "forum_id", "minutes_approved_at", "minutes_approved_by_id"
        )
    )
    members = defaultdict(set)
    forum_ids = {m.forum_id for m in meetings}
    for forum_id, user_id in Forum.members.through.objects.filter(
        forum_id__in=forum_ids, user__is_active=True
    ).values_list("forum_id", "user_id"):
        members[forum_id].add(user_id)
    extra = {m.pk: members.get(m.forum_id, set()) for m in meetings}
    for due in _meeting_due(
        "minutes_approved", meetings, slot=lambda m: "minutes", due_at=lambda m: m.minutes_approved_at, extra=extra
    ):
        approver = next(m.minutes_approved_by_id for m in meetings if m.pk == due.record_id)
        recipients = [pk for pk in due.recipient_ids if pk != approver]
        if recipients:
            yield replace(due, recipient_ids=recipients)


def meeting_event(meeting) -> CalendarEvent:
    from slt.notifications.mail import site_host

    return CalendarEvent(
        uid=f"slt-meeting-{meeting.pk}@{site_host()}",
        title=_("SLT meeting %(reference)s (%(forum)s)")
        % {"reference": meeting_reference(meeting.pk), "forum": meeting.forum.name},
        start=meeting.starts_at,
        end=meeting.ends_at,
        url=meeting.get_absolute_url(),
        sequence=meeting.sequence,
        cancelled=meeting.cancelled_at is not None,
    )


def meeting_invitation_file(record_id, slot, user):
    from slt.notifications.ical import invitation

    meeting = Meeting.objects.select_related("forum").filter(pk=record_id).first()
    if meeting is None or not user.email:
        return None
    method = "cancel" if meeting.cancelled_at else "request"
    return Attachment(
        filename="invite.ics",
        content=invitation(meeting_event(meeting), attendee_email=user.email),
        mimetype=f"text/calendar; method={method.upper()}; charset=utf-8",
    )
