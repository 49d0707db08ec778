"""A real Celery worker on Redis is killed (SIGKILL) in the middle of a dispatch; another is started; every
due mail is sent exactly once.

Runs when CELERY_CRASH_TEST=1 (CI sets it, with REDIS_URL and a PostgreSQL DATABASE_URL, in its own step of
.ci/run); skipped otherwise, because it needs Redis, PostgreSQL and about half a minute.

The first worker's mail backend accepts some messages and then hangs on the next, like a mail server that
stops answering; the worker is killed there, with a batch claimed ("sending") and tasks unacknowledged.
The second worker gets the unacknowledged task back from Redis (acks_late, visibility timeout), takes the
stale rows again after the lease and sends the rest. The window between a mail server's accept and the
"sent" mark (docs/notifications.md) is not where this kill lands: no design can make that window exact.
"""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from coordination.models import ActionItem
from slt.notifications import dispatcher, tasks
from slt.notifications.models import ReminderDelivery
from tests.coordination.factories import ActionItemFactory
from tests.factories import AgencyFactory, UserFactory

from .conftest import MONDAY, oslo

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("CELERY_CRASH_TEST") != "1",
        reason="needs a real Celery worker on Redis and PostgreSQL: set CELERY_CRASH_TEST=1 (CI does)",
    ),
    pytest.mark.django_db(transaction=True),
]

EXPECTED = 60
STALL_AFTER = 7


def _worker(env, name, log):
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "slt",
            "worker",
            "--pool=solo",
            "--loglevel=info",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"{name}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait(condition, timeout, what, log_file=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    log = log_file.read_text(errors="replace")[-4000:] if log_file else ""
    raise AssertionError(f"timed out waiting for {what}: {_states()}\n{log}")


def _mailed(folder) -> Counter:
    """How often each delivery was accepted by the mail server: the files are named by the deliveries an
    e-mail carries (a recipient's reminders of one batch share one)."""
    return Counter(int(pk) for path in folder.glob("*.eml") for pk in path.name.split("-", 1)[0].split(","))


def _states():
    return Counter(ReminderDelivery.objects.values_list("state", flat=True))


def test_a_killed_worker_leaves_no_mail_unsent_and_none_sent_twice(tmp_path, settings):
    settings.NOTIFICATIONS_BATCH = 20  # as in crash_settings: three send tasks of 20 ids
    assert connection.vendor == "postgresql", "the crash test runs on PostgreSQL"
    assert settings.REDIS_URL, "the crash test needs REDIS_URL"
    for a in range(3):
        agency = AgencyFactory(name=f"Krasj {a}")
        for m in range(4):
            UserFactory(username=f"k{a}m{m}", agency=agency)
        for _ in range(5):
            ActionItemFactory(responsible_agency=agency, due_date=MONDAY.date())
    # made long ago: the workers' own passes (real clock) find nothing new to send about them
    ActionItem.objects.update(created_at=oslo(MONDAY).replace(year=2000))
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    ids = list(ReminderDelivery.objects.values_list("pk", flat=True))
    assert len(ids) == EXPECTED
    # due "now" for the workers, which run on the real clock
    ReminderDelivery.objects.update(next_attempt_at=oslo(MONDAY).replace(year=2000))

    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.crash_settings",
        "DJANGO_SECRET_KEY": "crash-test-only",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CRASH_MAIL_DIR": str(tmp_path),
    }
    from slt.celery import app

    app.control.purge()
    log = (tmp_path / "workers.log").open("ab")
    first = _worker({**env, "CRASH_STALL_AFTER": str(STALL_AFTER)}, "crash-first", log)
    second = None
    try:
        with transaction.atomic():
            tasks.queue_sending(ids)  # three tasks of 20 ids, sent to Redis on commit
        _wait(lambda: (tmp_path / "stalled").exists(), 60, "the first worker to hang mid-batch")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        states = _states()
        assert states["sent"] == sum(_mailed(tmp_path).values()) and states["sending"] > 0, states

        second = _worker(env, "crash-second", log)
        # a beat tick as well, as in production every five minutes (after the lease it re-queues stale rows)
        time.sleep(6)
        tasks.dispatch.delay()
        _wait(
            lambda: _states() == {"sent": EXPECTED}, 90, "every delivery to be sent", log_file=tmp_path / "workers.log"
        )
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
                    worker.wait(5)
        app.control.purge()

    sent = _mailed(tmp_path)
    assert set(sent) == set(ids)
    assert [pk for pk, count in sent.items() if count > 1] == []
    assert sum(sent.values()) == EXPECTED
