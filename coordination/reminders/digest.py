"""The coordinators' weekly digest: reminder sources for slt.notifications."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from slt.accounts.models import User
from slt.accounts.roles import is_coordinator
from slt.core.registry import Due
from slt.notifications.schedule import morning, mornings_in

from .. import selectors
from ..models import ActionItem

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
    """Counts only (what the coordinator may read), never records; the ones that are zero are left out."""
    today = timezone.localdate()
    now = timezone.now()
    items = selectors.action_items_visible_to(user).filter(status__in=ActionItem.OPEN_STATUSES)
    new_concerns = selectors.concerns_visible_to(user).filter(created_at__gte=now - timedelta(days=7))
    meetings = selectors.meetings_visible_to(user).filter(
        starts_at__gte=now, starts_at__lt=now + timedelta(days=7), cancelled_at__isnull=True
    )
    counts = [
        (_("Open action items: %(count)s"), items.count()),
        (_("Overdue action items: %(count)s"), items.filter(due_date__lt=today).count()),
        (_("New concerns in the last 7 days: %(count)s"), new_concerns.count()),
        (_("Meetings in the next 7 days: %(count)s"), meetings.count()),
    ]
    lines = [text % {"count": count} for text, count in counts if count]  # a zero says nothing: left out
    return lines or [_("Nothing open, overdue, new or coming up this week.")]
