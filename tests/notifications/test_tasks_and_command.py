"""The Celery tasks (ids only, queued on commit, acks late) and `manage.py dispatch_reminders --now`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from slt.celery import app
from slt.notifications import tasks
from slt.notifications.models import Notification, ReminderDelivery
from tests.coordination.factories import ActionItemFactory
from tests.factories import AgencyFactory, UserFactory

from .conftest import MONDAY, oslo

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_today():
    agency = AgencyFactory(name="NAV")
    user = UserFactory(username="nav", agency=agency)
    ActionItemFactory(responsible_agency=agency, due_date=MONDAY.date())
    return user


def test_the_command_runs_one_pass_at_the_given_moment(due_today):
    out = StringIO()
    call_command("dispatch_reminders", "--now", "2036-03-03T07:01:00+01:00", stdout=out)
    assert "action_item_due_today: 1" in out.getvalue()
    assert "emails 1" in out.getvalue() and "sent 1" in out.getvalue()
    assert len(mail.outbox) == 1 and Notification.objects.filter(recipient=due_today).count() == 1
    call_command("dispatch_reminders", "--now", "2036-03-03T07:06:00+01:00", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_command_refuses_a_bad_moment():
    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("dispatch_reminders", "--now", "i morgen")


@pytest.fixture
def frozen(monkeypatch):
    """The tasks run for a fixed moment (they take no time argument: ids only)."""
    from slt.notifications import dispatcher

    def freeze(moment):
        monkeypatch.setattr(dispatcher, "clock", lambda: moment)

    return freeze


def test_the_dispatch_task_queues_id_only_send_tasks_after_commit(
    due_today, frozen, monkeypatch, django_capture_on_commit_callbacks
):
    frozen(oslo(MONDAY, 7, 1))
    queued = []
    monkeypatch.setattr(tasks.send_deliveries, "delay", lambda ids: queued.append(ids))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = tasks.dispatch()
    assert result == {"offered": 1, "tasks": 1} and queued == []  # nothing is queued before the commit
    for callback in callbacks:
        callback()
    row = ReminderDelivery.objects.get()
    assert queued == [[row.pk]]
    tasks.send_deliveries(queued[0])
    row.refresh_from_db()
    assert row.state == "sent" and len(mail.outbox) == 1


def test_send_tasks_are_split_in_batches(due_today, frozen, monkeypatch, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_BATCH = 2
    for _ in range(4):
        ActionItemFactory(responsible_agency=due_today.agency, due_date=MONDAY.date())
    frozen(oslo(MONDAY, 7, 1))
    queued = []
    monkeypatch.setattr(tasks.send_deliveries, "delay", lambda ids: queued.append(ids))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.dispatch()
    assert [len(ids) for ids in queued] == [2, 2, 1]
    assert sorted(pk for ids in queued for pk in ids) == sorted(ReminderDelivery.objects.values_list("pk", flat=True))


def test_tasks_are_acknowledged_late_and_registered_on_the_beat():
    for name in ("dispatch", "send_deliveries", "weekly_digest", "prune"):
        task = app.tasks[f"slt.notifications.tasks.{name}"]
        assert task.acks_late is True
    assert settings.CELERY_TASK_ACKS_LATE is True
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["notifications-dispatch"]["schedule"] == 300
    digest = schedule["notifications-weekly-digest"]["schedule"]
    assert (digest.hour, digest.minute, digest.day_of_week) == ({7}, {0}, {1})
    assert settings.CELERY_TIMEZONE == "Europe/Oslo"
    assert schedule["notifications-prune"]["task"] == "slt.notifications.tasks.prune"


def test_notices_older_than_ninety_days_are_pruned(due_today):
    from django.utils import timezone

    from .factories import NoticeFactory

    old = NoticeFactory(recipient=due_today)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    recent = NoticeFactory(recipient=due_today)
    Notification.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=89))
    assert tasks.prune() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_weekly_digest_task_catches_up_on_a_lagging_pass(coordinator, frozen, monkeypatch):
    from slt.notifications import dispatcher

    dispatcher.dispatch(now=oslo(MONDAY, 6, 0))  # the regular pass ran last at 06:00 and then stalled
    frozen(oslo(MONDAY, 9, 30))  # more than the first look-back after 07:00
    monkeypatch.setattr(tasks.send_deliveries, "delay", lambda ids: None)
    assert tasks.weekly_digest()["offered"] == 1
    assert ReminderDelivery.objects.get().kind == "weekly_digest"
