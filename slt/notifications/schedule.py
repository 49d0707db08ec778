"""When reminders about dates go out: 07:00 Europe/Oslo on the day, and for at most two weeks overdue.
Shared by every app's reminder sources."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

MORNING = time(7, 0)
OVERDUE_DAYS = 14


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
