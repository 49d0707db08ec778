"""Benchmark: 100,000 due reminders on PostgreSQL, dispatched by two Celery worker processes on Redis with
Django's file mail backend; the time, and duplicates counted in the written mail.

    .venv/bin/python -m tests.benchmarks.notifications                 # 100,000 deliveries
    .venv/bin/python -m tests.benchmarks.notifications --deliveries 10000

It recreates the PostgreSQL database `slt_notify`, migrates, and fills agencies with members and action
items due on the day of the last 07:00 (members × items = deliveries). Two workers (`celery -A slt worker --pool=solo`, each
one process) wait on Redis (db 12). The clock starts when the dispatch pass begins: one pass inserts the
delivery rows (`bulk_create`, conflicts ignored) and queues one `send_deliveries` task per 500 ids; the
workers claim rows (`select_for_update(skip_locked=True)`), render the e-mail in the recipient's language,
write it, mark it sent and create the in-app notice. The clock stops when no row is waiting or sending.
Results go to standard output as Markdown (copy them into docs/benchmarks.md).
"""

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DB_NAME = "slt_notify"
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/12"


def environment(mail_dir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.notify_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "REDIS_URL": REDIS,
        "BENCH_MAIL_DIR": str(mail_dir),
    }


FILL = """
import django; django.setup()
from django.contrib.auth.hashers import make_password
from coordination.models import ActionItem, Agency
from slt.accounts.models import User
agencies, members, items = {agencies}, {members}, {items}
Agency.objects.bulk_create([Agency(name=f"Aktør {{a:05d}}", kind="other") for a in range(agencies)], batch_size=5000)
ids = list(Agency.objects.order_by("id").values_list("id", flat=True))
password = make_password(None)
users = [
    User(username=f"u{{a}}-{{m}}", email=f"u{{a}}-{{m}}@bench.example", password=password, agency_id=agency_id,
         preferred_language="en" if m == 0 else "nb")
    for a, agency_id in enumerate(ids) for m in range(members)
]
User.objects.bulk_create(users, batch_size=5000)
from slt.notifications.dispatcher import clock
from slt.notifications.schedule import mornings_in
from datetime import timedelta
now = clock()
due = mornings_in(now - timedelta(days=1), now)[-1]  # the day of the last 07:00 Europe/Oslo
ActionItem.objects.bulk_create(
    [ActionItem(title=f"Tiltak {{a}}-{{i}}", responsible_agency_id=agency_id, due_date=due)
     for a, agency_id in enumerate(ids) for i in range(items)], batch_size=5000)
ActionItem.objects.update(created_at="2020-01-01T00:00:00Z")
"""

DISPATCH = """
import django, json, time; django.setup()
from django.db import transaction
from django.utils import timezone
from datetime import timedelta
from slt.notifications import dispatcher, tasks
started = time.monotonic()
with transaction.atomic():
    # the last day: its 07:00 "due today" reminders (the first pass of a fresh database looks back one hour)
    result = dispatcher.dispatch(lookback=timedelta(days=1))
    ids = dispatcher.claimable_ids()
    queued = tasks.queue_sending(ids)
print(json.dumps({"offered": result.offered, "inserted_s": time.monotonic() - started, "tasks": queued}))
"""

STATES = """
import django, json; django.setup()
from collections import Counter
from slt.notifications.models import ReminderDelivery, Notification
print(json.dumps({"states": dict(Counter(ReminderDelivery.objects.values_list("state", flat=True))),
                  "notices": Notification.objects.count()}))
"""


def python(env, code):
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""


def psql(sql):
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAq", "-c", sql, DB_NAME],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def prepare(env, deliveries, members, items):
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    agencies = max(1, deliveries // (members * items))
    python(env, FILL.format(agencies=agencies, members=members, items=items))
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "VACUUM ANALYZE", DB_NAME], check=True)
    return agencies * members * items


def start_worker(env, name, log):
    return subprocess.Popen(
        [str(Path(PYTHON).with_name("celery")), "-A", "slt", "worker", "--pool=solo", "--loglevel=warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--hostname", f"{name}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def cpu_seconds(pid):
    """User and system CPU time of a worker process (Linux /proc), so that a busy machine can be told apart."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def count_mail(mail_dir):
    sent = Counter()
    for path in Path(mail_dir).iterdir():
        # one delivery, or a recipient's grouped reminders: "X-SLT-Delivery: 12,13,14"
        # (a long header is folded onto continuation lines)
        for match in re.finditer(rb"^X-SLT-Delivery:((?:[ \t\d,]|\r?\n[ \t])+)", path.read_bytes(), re.MULTILINE):
            sent.update(int(pk) for pk in re.sub(rb"\s", b"", match.group(1)).split(b","))
    return sent


def count_messages(mail_dir):
    return sum(
        len(re.findall(rb"^X-SLT-Delivery: ", path.read_bytes(), re.MULTILINE)) for path in Path(mail_dir).iterdir()
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deliveries", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--members", type=int, default=4, help="members per agency (recipients)")
    parser.add_argument(
        "--items", type=int, default=25, help="action items due per agency (reminders per person); 1 = one each"
    )
    parser.add_argument("--timeout", type=int, default=900)
    options = parser.parse_args()
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    mail_dir = Path(tempfile.mkdtemp(prefix="slt-bench-mail-"))
    env = environment(mail_dir)
    started = time.monotonic()
    expected = prepare(env, options.deliveries, options.members, options.items)
    print(f"filled {expected:,} due deliveries in {time.monotonic() - started:.0f} s", flush=True)

    log = open(mail_dir.parent / "slt-bench-workers.log", "wb")  # noqa: SIM115
    workers = [start_worker(env, f"bench{n}", log) for n in range(options.workers)]
    try:
        time.sleep(5)  # the workers connect and wait on the queue
        started = time.monotonic()
        import json

        dispatched = json.loads(python(env, DISPATCH))
        while time.monotonic() - started < options.timeout:
            waiting = int(
                psql("SELECT count(*) FROM notifications_reminderdelivery WHERE state IN ('pending','sending','retry')")
            )
            if waiting == 0:
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        cpu = sum(cpu_seconds(worker.pid) for worker in workers)
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(30)
    summary = json.loads(python(env, STATES))
    sent = count_mail(mail_dir)
    duplicates = sum(count - 1 for count in sent.values() if count > 1)
    print(
        f"\n{expected:,} due deliveries ({options.items} per person), {options.workers} worker processes (Celery, solo pool), file mail backend\n"
    )
    print("| step | figure |")
    print("|---|---:|")
    print(
        f"| dispatch pass: rows inserted, {dispatched['tasks']} send tasks queued | {dispatched['inserted_s']:.1f} s |"
    )
    print(f"| dispatch and sending, until no row waits | {elapsed:.1f} s |")
    print(f"| deliveries per second | {expected / elapsed:,.0f} |")
    print(
        f"| CPU time of the two workers (user + system) | {cpu:.1f} s ({cpu * 1000 / expected:.2f} ms per delivery) |"
    )
    print(f"| load average during the run (1 min, at the end) | {os.getloadavg()[0]:.1f} |")
    print(f"| e-mails written | {count_messages(mail_dir):,} |")
    print(f"| distinct deliveries in the mail | {len(sent):,} |")
    print(f"| duplicates | {duplicates} |")
    print(f"| rows by state | {summary['states']} |")
    print(f"| in-app notices | {summary['notices']:,} |")
    subprocess.run(["rm", "-rf", str(mail_dir)], check=False)


if __name__ == "__main__":
    main()
