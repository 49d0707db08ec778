"""What safety walks tell people about, for slt.notifications (registered in panels.py): the invitation
(when a walk is planned or its time or meeting point changes), a reminder the day before, and the
published report. Derived from the data; references only, never names or places."""

import hashlib
from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.models import Agency
from slt.accounts.models import User
from slt.accounts.roles import is_active_user
from slt.core.registry import CalendarEvent, Due

from . import selectors
from .models import SafetyWalk

WALK = "walks.safetywalk"
UPCOMING = (SafetyWalk.Status.PLANNED, SafetyWalk.Status.IN_PROGRESS)


def walk_reference(pk) -> str:
    return f"V-{pk}"


def starts_at(walk) -> datetime:
    return timezone.make_aware(datetime.combine(walk.date, walk.start_time))


def schedule_slot(walk) -> str:
    """The walk's time and meeting point as one token: a new token is a new invitation."""
    place = hashlib.sha256(walk.meeting_point.encode()).hexdigest()[:8]
    return f"{walk.date.isoformat()}T{walk.start_time:%H%M}@{place}"


def _participants(walk_ids, *, with_organiser=False) -> dict[int, set[int]]:
    """Invited users, active members of invited agencies (and the organiser)."""
    people = defaultdict(set)
    through_users = SafetyWalk.invited_users.through.objects.filter(safetywalk_id__in=walk_ids, user__is_active=True)
    for walk_id, user_id in through_users.values_list("safetywalk_id", "user_id"):
        people[walk_id].add(user_id)
    agencies = defaultdict(set)
    through_agencies = SafetyWalk.invited_agencies.through.objects.filter(safetywalk_id__in=walk_ids)
    for walk_id, agency_id in through_agencies.values_list("safetywalk_id", "agency_id"):
        agencies[agency_id].add(walk_id)
    members = User.objects.filter(agency_id__in=list(agencies), is_active=True).values_list("pk", "agency_id")
    for user_id, agency_id in members:
        for walk_id in agencies[agency_id]:
            people[walk_id].add(user_id)
    if with_organiser:
        organisers = SafetyWalk.objects.filter(pk__in=walk_ids, organiser__is_active=True)
        for walk_id, organiser_id in organisers.values_list("pk", "organiser_id"):
            people[walk_id].add(organiser_id)
    return people


def _walk_due(kind, walks, *, slot, due_at, essential=False, with_organiser=False):
    walks = list(walks)
    people = _participants([walk.pk for walk in walks], with_organiser=with_organiser)
    for walk in walks:
        recipients = people.get(walk.pk)
        if recipients:
            yield Due(
                kind=kind,
                record=WALK,
                record_id=walk.pk,
                recipient_ids=sorted(recipients),
                slot=slot(walk),
                url=walk.get_absolute_url(),
                reference=walk_reference(walk.pk),
                essential=essential,
                due_at=due_at(walk),
            )


def walk_invitation_due(t0, t1):
    walks = SafetyWalk.objects.filter(
        updated_at__gt=t0, updated_at__lte=t1, status=SafetyWalk.Status.PLANNED, date__gte=timezone.localdate(t1)
    )
    return _walk_due("walk_invitation", walks, slot=schedule_slot, due_at=lambda walk: walk.updated_at, essential=True)


def walk_invitation_current(pairs, now):
    walks = {walk.pk: walk for walk in SafetyWalk.objects.filter(pk__in={pk for pk, _s in pairs}, status__in=UPCOMING)}
    return {(pk, slot) for pk, slot in pairs if pk in walks and schedule_slot(walks[pk]) == slot}


def walk_day_before_due(t0, t1):
    """The day before: 24 hours before the walk starts."""
    first, last = timezone.localdate(t0 + timedelta(days=1)), timezone.localdate(t1 + timedelta(days=1))
    candidates = SafetyWalk.objects.filter(date__gte=first, date__lte=last, status__in=UPCOMING)
    walks = [walk for walk in candidates if t0 < starts_at(walk) - timedelta(days=1) <= t1]
    return _walk_due(
        "walk_reminder_day", walks, slot=starts_at, due_at=lambda walk: starts_at(walk) - timedelta(days=1)
    )


def walk_start_current(pairs, now):
    from slt.notifications.dispatcher import slot_key

    walks = {walk.pk: walk for walk in SafetyWalk.objects.filter(pk__in={pk for pk, _s in pairs}, status__in=UPCOMING)}
    return {(pk, slot) for pk, slot in pairs if pk in walks and slot_key(starts_at(walks[pk])) == slot}


def walk_report_due(t0, t1):
    walks = SafetyWalk.objects.filter(published_at__gt=t0, published_at__lte=t1)
    return _walk_due(
        "walk_report_published",
        walks,
        slot=lambda walk: "published",
        due_at=lambda walk: walk.published_at,
        with_organiser=True,
    )


def visible_walks(user, ids):
    return set(selectors.walks_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def still_visible(user, pk):
    return pk in visible_walks(user, [pk])


def calendar_walks(user, start, end):
    """Walks the user organises or is invited to (in person or through the agency)."""
    if not is_active_user(user):
        return []
    from slt.notifications.mail import site_host

    mine = Q(organiser=user) | Q(invited_users=user)
    if user.agency_id is not None:
        mine |= Q(invited_agencies=Agency(pk=user.agency_id))
    walks = (
        selectors.walks_visible_to(user)
        .filter(mine, date__gte=start.date(), date__lt=end.date())
        .select_related("area")
        .distinct()
        .order_by("date", "id")
    )
    return [
        CalendarEvent(
            uid=f"slt-walk-{walk.pk}@{site_host()}",
            title=_("Safety walk %(reference)s (%(area)s)") % {"reference": walk_reference(walk.pk), "area": walk.area},
            start=starts_at(walk),
            end=starts_at(walk) + timedelta(hours=2),
            url=walk.get_absolute_url(),
        )
        for walk in walks
    ]


SOURCES = [
    {
        "key": "walk_invitation",
        "order": 40,
        "title": gettext_lazy("Safety walk invitations and changes"),
        "subject": gettext_lazy("Invitation: safety walk %(reference)s"),
        "text": gettext_lazy("You are invited to safety walk %(reference)s, or its time or place has changed."),
        "due": walk_invitation_due,
        "still_due": walk_invitation_current,
        "essential": True,
    },
    {
        "key": "walk_reminder_day",
        "order": 41,
        "title": gettext_lazy("Safety walk reminders the day before"),
        "subject": gettext_lazy("Reminder: safety walk %(reference)s tomorrow"),
        "text": gettext_lazy("Safety walk %(reference)s starts %(when)s."),
        "due": walk_day_before_due,
        "still_due": walk_start_current,
    },
    {
        "key": "walk_report_published",
        "order": 42,
        "title": gettext_lazy("Safety walk reports published"),
        "subject": gettext_lazy("Report published: safety walk %(reference)s"),
        "text": gettext_lazy("The report of safety walk %(reference)s is published."),
        "due": walk_report_due,
    },
]
