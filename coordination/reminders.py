"""What coordination tells people about, for slt.notifications (registered in panels.py).

Each source answers "what fell due in (t0, t1], for whom" from the data alone (no service sends anything):
a meeting's change time and sequence, its start, its minutes' approval; action items' deadlines and
creation; concern shares and notes; the coordinators' weekly digest. Before sending, the notifications app
asks again with this app's own selectors whether the recipient may still read the record, and whether the
occasion is still current (not moved, cancelled, done or revoked). Messages carry references only.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from slt.accounts.models import User
from slt.accounts.roles import has_case_role, is_coordinator, takes_part_in_meetings
from slt.core.registry import Attachment, CalendarEvent, Due

from . import selectors
from .models import ActionItem, ConcernNote, ConcernShare, Forum, Meeting

MORNING = time(7, 0)  # reminders about dates go out at 07:00 Europe/Oslo
OVERDUE_DAYS = 14
MEETING = "coordination.meeting"
ACTION_ITEM = "coordination.actionitem"
CONCERN = "coordination.concern"


def morning(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, MORNING))


def mornings_in(t0: datetime, t1: datetime) -> list[date]:
    """The days whose 07:00 falls in (t0, t1]."""
    day = timezone.localtime(t0).date() - timedelta(days=1)
    last = timezone.localtime(t1).date()
    days = []
    while day <= last:
        if t0 < morning(day) <= t1:
            days.append(day)
        day += timedelta(days=1)
    return days


def meeting_reference(pk) -> str:
    return f"M-{pk}"


def action_item_reference(pk) -> str:
    return f"T-{pk}"


def _active(ids) -> list[int]:
    return list(User.objects.filter(pk__in=set(ids), is_active=True).values_list("pk", flat=True))


def _agency_members(agency_ids) -> dict[int, list[int]]:
    members = defaultdict(list)
    for user_id, agency_id in User.objects.filter(agency_id__in=set(agency_ids), is_active=True).values_list(
        "pk", "agency_id"
    ):
        members[agency_id].append(user_id)
    return members


def _visible(queryset_for):
    def visible_ids(user, ids):
        return set(queryset_for(user).filter(pk__in=ids).values_list("pk", flat=True))

    return visible_ids


def _one(visible_ids):
    return lambda user, pk: pk in visible_ids(user, [pk])


# --- meetings ---------------------------------------------------------------------------------------------

visible_meetings = _visible(selectors.meetings_visible_to)


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


def _meeting_before(kind, ahead):
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


# --- action items -----------------------------------------------------------------------------------------

visible_action_items = _visible(selectors.action_items_visible_to)


def _item_due(kind, pairs, *, slot):
    """pairs: (item, day the reminder is for) → the responsible agency's active members."""
    pairs = list(pairs)
    members = _agency_members({item.responsible_agency_id for item, _day in pairs})
    for item, day in pairs:
        recipients = members.get(item.responsible_agency_id, [])
        if recipients:
            yield Due(
                kind=kind,
                record=ACTION_ITEM,
                record_id=item.pk,
                recipient_ids=recipients,
                slot=slot(item, day),
                url=item.get_absolute_url(),
                reference=action_item_reference(item.pk),
                due_at=morning(day),
            )


def _open_items(**filters):
    return ActionItem.objects.filter(status__in=ActionItem.OPEN_STATUSES, **filters).only(
        "pk", "responsible_agency_id", "due_date"
    )


def action_item_due_in_3_days(t0, t1):
    pairs = [(item, day) for day in mornings_in(t0, t1) for item in _open_items(due_date=day + timedelta(days=3))]
    return _item_due("action_item_due_soon", pairs, slot=lambda item, day: item.due_date)


def action_item_due_today(t0, t1):
    pairs = [(item, day) for day in mornings_in(t0, t1) for item in _open_items(due_date=day)]
    return _item_due("action_item_due_today", pairs, slot=lambda item, day: item.due_date)


def action_item_overdue(t0, t1):
    """Once a day (07:00) from the day after the deadline, for at most 14 days."""
    pairs = [
        (item, day)
        for day in mornings_in(t0, t1)
        for item in _open_items(due_date__lt=day, due_date__gte=day - timedelta(days=OVERDUE_DAYS))
    ]
    return _item_due("action_item_overdue", pairs, slot=lambda item, day: day)


def _open_due_dates(pairs):
    return dict(
        ActionItem.objects.filter(pk__in={pk for pk, _slot in pairs}, status__in=ActionItem.OPEN_STATUSES).values_list(
            "pk", "due_date"
        )
    )


def action_item_deadline_current(pairs, now):
    due_dates = _open_due_dates(pairs)
    return {(pk, slot) for pk, slot in pairs if pk in due_dates and due_dates[pk].isoformat() == slot}


def action_item_overdue_current(pairs, now):
    due_dates = _open_due_dates(pairs)
    current = set()
    for pk, slot in pairs:
        if pk in due_dates:
            day = date.fromisoformat(slot)
            if 0 < (day - due_dates[pk]).days <= OVERDUE_DAYS:
                current.add((pk, slot))
    return current


def action_item_assigned(t0, t1):
    items = ActionItem.objects.filter(created_at__gt=t0, created_at__lte=t1).only(
        "pk", "responsible_agency_id", "created_at", "created_by_id"
    )
    items = list(items)
    members = _agency_members({item.responsible_agency_id for item in items})
    for item in items:
        recipients = [pk for pk in members.get(item.responsible_agency_id, []) if pk != item.created_by_id]
        if recipients:
            yield Due(
                kind="action_item_assigned",
                record=ACTION_ITEM,
                record_id=item.pk,
                recipient_ids=recipients,
                slot=f"agency:{item.responsible_agency_id}",
                url=item.get_absolute_url(),
                reference=action_item_reference(item.pk),
                due_at=item.created_at,
            )


def action_item_assigned_current(pairs, now):
    agencies = dict(
        ActionItem.objects.filter(pk__in={pk for pk, _slot in pairs}).values_list("pk", "responsible_agency_id")
    )
    return {(pk, slot) for pk, slot in pairs if pk in agencies and slot == f"agency:{agencies[pk]}"}


# --- concerns ---------------------------------------------------------------------------------------------

visible_concerns = _visible(selectors.concerns_visible_to)


def concern_shared_due(t0, t1):
    """A concern shared with my agency: the agency's active members, once per share."""
    shares = list(
        ConcernShare.objects.filter(shared_at__gt=t0, shared_at__lte=t1, revoked_at__isnull=True)
        .select_related("concern")
        .only("pk", "agency_id", "shared_at", "concern__id", "concern__reference")
    )
    members = _agency_members({share.agency_id for share in shares})
    for share in shares:
        recipients = members.get(share.agency_id, [])
        if recipients:
            yield Due(
                kind="concern_shared",
                record=CONCERN,
                record_id=share.concern_id,
                recipient_ids=recipients,
                slot=f"share:{share.pk}",
                url=share.concern.get_absolute_url(),
                reference=share.concern.reference,
                essential=True,
                due_at=share.shared_at,
            )


def concern_share_current(pairs, now):
    share_ids = {int(slot.split(":", 1)[1]) for _pk, slot in pairs}
    active = set(ConcernShare.objects.filter(pk__in=share_ids, revoked_at__isnull=True).values_list("concern_id", "pk"))
    return {(pk, slot) for pk, slot in pairs if (pk, int(slot.split(":", 1)[1])) in active}


def concern_note_due(t0, t1):
    """A new note on a concern I may read: coordinators, the reporter and members of agencies with an
    active share; not the note's author."""
    notes = list(
        ConcernNote.objects.filter(created_at__gt=t0, created_at__lte=t1, kind=ConcernNote.Kind.NOTE)
        .select_related("concern")
        .only("pk", "author_id", "created_at", "concern__id", "concern__reference", "concern__reporter_id")
    )
    if not notes:
        return
    coordinators = list(
        User.objects.filter(role=User.Role.COORDINATOR, is_active=True, agency__isnull=False).values_list(
            "pk", flat=True
        )
    )
    shared = defaultdict(set)
    for concern_id, agency_id in ConcernShare.objects.filter(
        concern_id__in={note.concern_id for note in notes}, revoked_at__isnull=True
    ).values_list("concern_id", "agency_id"):
        shared[concern_id].add(agency_id)
    members = _agency_members({agency for agencies in shared.values() for agency in agencies})
    reporters = set(_active({note.concern.reporter_id for note in notes}))
    for note in notes:
        recipients = set(coordinators)
        if note.concern.reporter_id in reporters:
            recipients.add(note.concern.reporter_id)
        for agency_id in shared.get(note.concern_id, ()):
            recipients.update(members.get(agency_id, []))
        recipients.discard(note.author_id)
        if recipients:
            yield Due(
                kind="concern_note",
                record=CONCERN,
                record_id=note.concern_id,
                recipient_ids=sorted(recipients),
                slot=f"note:{note.pk}",
                url=note.concern.get_absolute_url(),
                reference=note.concern.reference,
                due_at=note.created_at,
            )


def concern_note_current(pairs, now):
    note_ids = {int(slot.split(":", 1)[1]) for _pk, slot in pairs}
    existing = set(ConcernNote.objects.filter(pk__in=note_ids).values_list("concern_id", "pk"))
    return {(pk, slot) for pk, slot in pairs if (pk, int(slot.split(":", 1)[1])) in existing}


# --- the coordinators' weekly digest ----------------------------------------------------------------------

DIGEST = "accounts.user"


def weekly_digest_due(t0, t1):
    """Monday 07:00 Europe/Oslo: every active coordinator, once a week."""
    for day in mornings_in(t0, t1):
        if day.weekday() != 0:
            continue
        year, week, _weekday = day.isocalendar()
        for user_id in User.objects.filter(role=User.Role.COORDINATOR, is_active=True).values_list("pk", flat=True):
            yield Due(
                kind="weekly_digest",
                record=DIGEST,
                record_id=user_id,
                recipient_ids=[user_id],
                slot=day,
                url="/",
                reference=f"{year}-W{week:02d}",
                due_at=morning(day),
            )


def digest_visible(user, ids):
    return {pk for pk in ids if pk == user.pk and is_coordinator(user)}


def digest_details(user, record_id, slot) -> list[str]:
    """Counts only (what the coordinator may read), never records."""
    today = timezone.localdate()
    now = timezone.now()
    items = selectors.action_items_visible_to(user).filter(status__in=ActionItem.OPEN_STATUSES)
    new_concerns = selectors.concerns_visible_to(user).filter(created_at__gte=now - timedelta(days=7))
    meetings = selectors.meetings_visible_to(user).filter(
        starts_at__gte=now, starts_at__lt=now + timedelta(days=7), cancelled_at__isnull=True
    )
    return [
        _("Open action items: %(count)s") % {"count": items.count()},
        _("Overdue action items: %(count)s") % {"count": items.filter(due_date__lt=today).count()},
        _("New concerns in the last 7 days: %(count)s") % {"count": new_concerns.count()},
        _("Meetings in the next 7 days: %(count)s") % {"count": meetings.count()},
    ]


# --- the personal calendar feed ---------------------------------------------------------------------------


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
        "due": _meeting_before("meeting_reminder_day", timedelta(days=1)),
        "still_due": meeting_start_current,
        "visible_ids": visible_meetings,
        "audience": takes_part_in_meetings,
    },
    {
        "key": "meeting_reminder_soon",
        "order": 13,
        "title": gettext_lazy("Meeting reminders two hours before"),
        "subject": gettext_lazy("Reminder: meeting %(reference)s in two hours"),
        "text": gettext_lazy("Meeting %(reference)s starts %(when)s."),
        "due": _meeting_before("meeting_reminder_soon", timedelta(hours=2)),
        "still_due": meeting_start_current,
        "visible_ids": visible_meetings,
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
    return _one(source["visible_ids"])


__all__ = ["SOURCES", "calendar_deadlines", "calendar_meetings", "still_visible_for"]
