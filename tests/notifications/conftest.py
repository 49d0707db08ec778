"""Time-frozen notification tests: every pass gets a fixed `now` instead of the clock."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from slt.notifications import dispatcher
from slt.notifications.models import DispatchRun, ReminderDelivery

from .backends import delivery_ids

# A Monday. Reminders about dates go out at 07:00 Europe/Oslo.
# Far enough ahead that services checking the clock see it as the future, and within the ten years a date
# may lie ahead (slt.core.limits).
MONDAY = datetime(2036, 3, 3)


def oslo(day: datetime, hour: int = 0, minute: int = 0) -> datetime:
    return timezone.make_aware(day.replace(hour=hour, minute=minute))


@pytest.fixture
def now():
    return oslo(MONDAY, 9, 0)


@pytest.fixture
def run_pass():
    """One pass of the dispatcher and the sender at a fixed moment, as `dispatch_reminders --now` does."""

    def run(moment, *, since=None):
        if since is not None:
            DispatchRun.objects.update_or_create(name=dispatcher.RUN_NAME, defaults={"until": since})
        result = dispatcher.dispatch(now=moment)
        stats = dispatcher.deliver(now=moment)
        return result, stats

    return run


def deliveries(kind=None, **filters):
    rows = ReminderDelivery.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return rows.filter(**filters)


def sent_to(user, kind=None):
    """The e-mails one user got (optionally of one kind), by their delivery id header."""
    ids = set(deliveries(kind, recipient=user).values_list("pk", flat=True))
    return [m for m in mail.outbox if m.to == [user.email] and ids & set(delivery_ids(m))]


def window(start, hours):
    return start, start + timedelta(hours=hours)
