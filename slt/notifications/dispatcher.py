"""The dispatcher: which reminders fell due (asked of every registered reminder source), one delivery row
each, and the sender that claims rows and sends them exactly once (see docs/notifications.md).

    dispatch(now=...)   one pass over (high-water mark − overlap, now]: insert the delivery rows
    deliver(now=...)    claim waiting rows in batches and send them (e-mail and/or in-app notice)

The Celery tasks (tasks.py) and ``manage.py dispatch_reminders`` call these same functions.
"""

import logging
import os
import socket
import time as time_module
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from slt.accounts.roles import is_active_user
from slt.core.registry import Due, registry

from . import mail
from .models import DispatchRun, Notification, NotificationPreference, ReminderDelivery

logger = logging.getLogger(__name__)

RUN_NAME = "reminders"
# Each pass starts this long before the last one ended: a record saved in a transaction that committed
# after the last pass had looked is still seen. The unique delivery key makes the overlap harmless.
OVERLAP = timedelta(minutes=15)
FIRST_LOOKBACK = timedelta(hours=1)  # the very first pass
MAX_WINDOW = timedelta(days=1)  # after a long stop, old occasions are not all sent at once
INSERT_CHUNK = 2000
WORKER = f"{socket.gethostname()}:{os.getpid()}"

State = ReminderDelivery.State
Skip = ReminderDelivery.SkipReason
WAITING = (State.PENDING, State.RETRY)


def clock() -> datetime:
    """The moment a pass runs for (tests and `dispatch_reminders --now` pass their own)."""
    return timezone.now()


def slot_key(slot) -> str:
    """The text form of a slot in the unique key: a datetime in UTC, a date, or the source's own token."""
    if isinstance(slot, datetime):
        return slot.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(slot, date):
        return slot.isoformat()
    return str(slot)[:40]


def slot_moment(slot: str):
    """The datetime or date a slot names, or None for a version or event token."""
    try:
        if len(slot) == 20 and slot.endswith("Z"):
            return datetime.strptime(slot, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        if len(slot) == 10:
            return date.fromisoformat(slot)
    except ValueError:
        return None
    return None


# --- one pass: what fell due ------------------------------------------------------------------------------


@dataclass
class DispatchResult:
    since: datetime
    until: datetime
    offered: int = 0
    by_kind: Counter = field(default_factory=Counter)


def _window(run: DispatchRun, now: datetime) -> tuple[datetime, datetime]:
    since = run.until - OVERLAP if run.until is not None and run.until <= now else now - FIRST_LOOKBACK
    return max(since, now - MAX_WINDOW), now


def _recipients(due: Due) -> Iterable[int]:
    ids = due.recipient_ids() if callable(due.recipient_ids) else due.recipient_ids
    return sorted(set(ids))


def delivery_values(dues: Iterable[Due], *, now: datetime) -> Iterable[tuple]:
    """(kind, record_type, record_id, recipient_id, slot, due_at, url, reference, essential) per recipient."""
    for due in dues:
        slot = slot_key(due.slot)
        due_at, url, reference = due.due_at or now, due.url[:300], str(due.reference)[:60]
        for recipient_id in _recipients(due):
            yield (due.kind, due.record, due.record_id, recipient_id, slot, due_at, url, reference, due.essential)


COLUMNS = ("kind", "record_type", "record_id", "recipient_id", "slot", "due_at", "url", "reference", "essential")

# PostgreSQL: one statement per chunk, the rows as column arrays; the Django model is not built per row.
INSERT_SQL = """
INSERT INTO notifications_reminderdelivery
    (kind, record_type, record_id, recipient_id, slot, due_at, url, reference, essential,
     state, tries, next_attempt_at, claimed_by, by_email, skip_reason, last_error, created_at)
SELECT kind, record_type, record_id, recipient_id, slot, due_at, url, reference, essential,
       'pending', 0, %(now)s, '', false, '', '', %(now)s
  FROM unnest(%(kind)s::varchar[], %(record_type)s::varchar[], %(record_id)s::bigint[], %(recipient_id)s::bigint[],
              %(slot)s::varchar[], %(due_at)s::timestamptz[], %(url)s::varchar[], %(reference)s::varchar[],
              %(essential)s::boolean[])
       AS new (kind, record_type, record_id, recipient_id, slot, due_at, url, reference, essential)
ON CONFLICT DO NOTHING
"""


def _insert_chunk(chunk: list[tuple], now: datetime) -> None:
    if connection.vendor == "postgresql":
        columns = dict(zip(COLUMNS, (list(column) for column in zip(*chunk, strict=True)), strict=True))
        with connection.cursor() as cursor:
            cursor.execute(INSERT_SQL, {"now": now, **columns})
        return
    ReminderDelivery.objects.bulk_create(
        [
            ReminderDelivery(**dict(zip(COLUMNS, values, strict=True)), next_attempt_at=now, created_at=now)
            for values in chunk
        ],
        ignore_conflicts=True,
    )


def insert_deliveries(rows: Iterable[tuple], *, now: datetime) -> int:
    """Insert before anything is sent; a row that exists already (same key) is left as it is."""
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= INSERT_CHUNK:
            _insert_chunk(chunk, now)
            count, chunk = count + len(chunk), []
    if chunk:
        _insert_chunk(chunk, now)
        count += len(chunk)
    return count


# A pass that offers this many rows refreshes the table's statistics before the senders claim them: otherwise
# the planner still sees the table as it was (autovacuum analyzes it minutes later), takes the "claimable" index
# for nearly empty and sorts every waiting row for each claim of a batch (60 ms a claim at 100,000 rows, on
# disk; 0.5 ms read from the index once the statistics know). ANALYZE reads a sample: about 0.2 s at 100,000.
ANALYZE_AFTER = 5_000


def _refresh_statistics() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(ReminderDelivery._meta.db_table)}")


def dispatch(*, now: datetime | None = None, kinds: set[str] | None = None, lookback: timedelta | None = None):
    """Ask every reminder source what fell due in the window and insert one delivery row per recipient.

    The high-water mark row is locked for the pass, so two dispatchers take turns; ``kinds`` limits the
    pass to some sources (and leaves the mark alone), ``lookback`` widens its window.
    """
    now = now or clock()
    with transaction.atomic():
        DispatchRun.objects.get_or_create(name=RUN_NAME)
        run = DispatchRun.objects.select_for_update().get(name=RUN_NAME)
        since, until = _window(run, now)
        if lookback is not None:
            since = min(since, now - lookback)
        result = DispatchResult(since=since, until=until)
        for source in registry.reminder_sources():
            if kinds is not None and source.key not in kinds:
                continue
            dues = [due for due in source.due(since, until) if due.kind == source.key]
            offered = insert_deliveries(delivery_values(dues, now=now), now=now)
            result.by_kind[source.key] += offered
            result.offered += offered
        if result.offered >= ANALYZE_AFTER:
            _refresh_statistics()
        if kinds is None:
            run.until = max(run.until, until) if run.until else until
            run.finished_at = timezone.now()
            run.created_count = result.offered
            run.save(update_fields=["until", "finished_at", "created_count"])
    return result


def claimable_ids(*, now: datetime | None = None, limit: int = 1_000_000) -> list[int]:
    """Waiting rows whose time has come, and rows whose sender died (stuck in "sending" past the lease)."""
    now = now or clock()
    # By recipient: a send task's batch then holds a person's reminders together, for one e-mail.
    waiting = ReminderDelivery.objects.filter(state__in=WAITING, next_attempt_at__lte=now).order_by(
        "recipient_id", "id"
    )
    stale = ReminderDelivery.objects.filter(state=State.SENDING, claimed_at__lt=now - _lease())
    return list(stale.values_list("pk", flat=True)[:limit]) + list(waiting.values_list("pk", flat=True)[:limit])


# --- the sender -------------------------------------------------------------------------------------------


def _lease() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_LEASE)


def claim(*, now: datetime, limit: int, ids: list[int] | None = None) -> tuple[str, list[ReminderDelivery]]:
    """Take up to ``limit`` rows in a short transaction: ``select_for_update(skip_locked=True)`` so that two
    senders never wait for or take the same rows; each taken row is marked "sending" with the claim time
    and this sender's token, and its try is counted."""
    token = f"{WORKER}:{uuid.uuid4().hex[:12]}"
    stale = Q(state=State.SENDING, claimed_at__lt=now - _lease())
    waiting = Q(state__in=WAITING, next_attempt_at__lte=now)
    with transaction.atomic():
        picked = []
        for condition, order in ((stale, ("claimed_at", "id")), (waiting, ("next_attempt_at", "id"))):
            rows = ReminderDelivery.objects.select_for_update(skip_locked=True).filter(condition)
            if ids is not None:
                rows = rows.filter(pk__in=ids)
            picked += rows.order_by(*order).values_list("pk", flat=True)[: limit - len(picked)]
            if len(picked) >= limit:
                break
        if not picked:
            return token, []
        taken = ReminderDelivery.objects.filter(pk__in=picked)
        if not connection.features.has_select_for_update_skip_locked:
            # SQLite has no row locks: the condition again, so a row another sender took meanwhile is not taken
            # twice. (Where the rows are locked, the condition would only lead the planner astray: a pass that
            # just inserted 100,000 rows makes the partial indexes look empty to it.)
            taken = taken.filter(stale | waiting)
        taken.update(state=State.SENDING, claimed_at=now, claimed_by=token, tries=F("tries") + 1)
    rows = list(
        ReminderDelivery.objects.filter(pk__in=picked, claimed_by=token, state=State.SENDING)
        .select_related("recipient")
        .order_by("id")
    )
    return token, rows


def _preferences(rows) -> dict[tuple[int, str], tuple[bool, bool]]:
    users = {row.recipient_id for row in rows}
    kinds = {row.kind for row in rows}
    return {
        (pref.user_id, pref.kind): (pref.by_email, pref.in_app)
        for pref in NotificationPreference.objects.filter(user_id__in=users, kind__in=kinds)
    }


def _verdicts(rows, now) -> dict[int, str]:
    """Why each row is skipped ("" when it goes out): inactive recipient, record no longer readable
    (asked of the app's own selector now), occasion no longer current."""
    verdicts = {}
    wanted = defaultdict(lambda: defaultdict(set))  # kind → recipient → record ids
    for row in rows:
        source = registry.reminder_source(row.kind)
        if source is None:
            verdicts[row.pk] = Skip.UNKNOWN_KIND
        elif not is_active_user(row.recipient):
            verdicts[row.pk] = Skip.INACTIVE
        else:
            wanted[row.kind][row.recipient].add(row.record_id)
    readable = {kind: _readable(registry.reminder_source(kind), readers) for kind, readers in wanted.items()}
    due_checks = defaultdict(list)
    for row in rows:
        if row.pk in verdicts:
            continue
        if row.record_id in readable[row.kind].get(row.recipient_id, ()):
            verdicts[row.pk] = ""
            due_checks[row.kind].append(row)
        else:
            verdicts[row.pk] = Skip.NOT_VISIBLE
    for kind, kind_rows in due_checks.items():
        source = registry.reminder_source(kind)
        if source.still_due is None:
            continue
        current = source.still_due({(row.record_id, row.slot) for row in kind_rows}, now)
        for row in kind_rows:
            if (row.record_id, row.slot) not in current:
                verdicts[row.pk] = Skip.NOT_DUE
    return verdicts


def _readable(source, readers) -> dict[int, set]:
    """recipient id → the records (of those asked) that recipient may read now."""
    readers = {user: sorted(ids) for user, ids in readers.items()}
    if source.visible_ids_many is not None:
        return source.visible_ids_many(readers)
    if source.visible_ids is not None:
        return {user.pk: set(source.visible_ids(user, ids)) for user, ids in readers.items()}
    return {user.pk: {pk for pk in ids if source.still_visible(user, pk)} for user, ids in readers.items()}


def _notice(row, now) -> Notification:
    return Notification(
        recipient_id=row.recipient_id,
        delivery_id=row.pk,
        kind=row.kind,
        reference=row.reference,
        url=row.url,
        slot=row.slot,
        due_at=row.due_at,
        created_at=now,
    )


def _mine(token, pks):
    return ReminderDelivery.objects.filter(pk__in=pks, claimed_by=token, state=State.SENDING)


MARK_SENT_SQL = """
WITH done AS (
    UPDATE notifications_reminderdelivery
       SET state = 'sent', sent_at = %(now)s, by_email = %(by_email)s, last_error = ''
     WHERE id = ANY(%(ids)s) AND claimed_by = %(token)s AND state = 'sending'
 RETURNING id, recipient_id, kind, reference, url, slot, due_at
), notes AS (
    INSERT INTO notifications_notification (recipient_id, delivery_id, kind, reference, url, slot, due_at, created_at)
    SELECT recipient_id, id, kind, reference, url, slot, due_at, %(now)s FROM done WHERE id = ANY(%(notice_ids)s)
)
SELECT count(*) FROM done
"""


def _mark_sent(token, rows, now, *, by_email, notices):
    """The "sent" mark and the in-app notices in one transaction; a row whose claim another sender took
    over (lease expired) is left to that sender. On PostgreSQL it is one statement (one round trip, atomic
    by itself); elsewhere the same through the ORM in a transaction."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        ids = [row.pk for row in rows]
        with connection.cursor() as cursor:
            cursor.execute(
                MARK_SENT_SQL,
                {
                    "now": now,
                    "by_email": by_email,
                    "ids": ids,
                    "token": token,
                    "notice_ids": [pk for pk in ids if pk in notices],
                },
            )
            return cursor.fetchone()[0]
    with transaction.atomic():
        mine = set(_mine(token, [row.pk for row in rows]).select_for_update().values_list("pk", flat=True))
        done_rows = [row for row in rows if row.pk in mine]
        _mine(token, mine).update(state=State.SENT, sent_at=now, by_email=by_email, last_error="")
        notes = [_notice(row, now) for row in done_rows if row.pk in notices]
        if notes:
            Notification.objects.bulk_create(notes)
    return len(done_rows)


def _mark_failed(token, row, now, error):
    message = f"{type(error).__name__}: {error}"[:500]
    if row.tries >= settings.NOTIFICATIONS_MAX_TRIES:
        changes = {"state": State.FAILED}
    else:
        wait = settings.NOTIFICATIONS_RETRY_BACKOFF * 2 ** max(row.tries - 1, 0)
        changes = {"state": State.RETRY, "next_attempt_at": now + timedelta(seconds=wait)}
    _mine(token, [row.pk]).update(last_error=message, **changes)
    logger.warning("Delivery %s failed (try %s): %s", row.pk, row.tries, type(error).__name__)
    return changes["state"]


def _release(token, rows):
    """Give back rows this sender has no time left for (their try is not counted)."""
    _mine(token, [row.pk for row in rows]).update(
        state=State.PENDING, claimed_at=None, claimed_by="", tries=F("tries") - 1
    )


def process(token: str, rows: list[ReminderDelivery], now: datetime) -> Counter:
    """Send one claimed batch. Each e-mail is sent and then marked sent in its own short transaction, so
    a crash leaves at most the one mail in flight to be sent again; a refusing or hanging mail server fails
    that one delivery (EMAIL_TIMEOUT), never the others."""
    stats = Counter()
    started = time_module.monotonic()
    # Still ours? A sender that stalled past the lease finds its rows taken over and leaves them alone.
    mine = set(_mine(token, [row.pk for row in rows]).values_list("pk", flat=True))
    stats["lost"] += len(rows) - len(mine)
    rows = [row for row in rows if row.pk in mine]
    if not rows:
        return +stats
    verdicts = _verdicts(rows, now)
    preferences = _preferences(rows)

    skipped = defaultdict(list)
    app_only, by_mail = [], []
    wants_notice = set()
    for row in rows:
        reason = verdicts.get(row.pk, "")
        if reason:
            skipped[reason].append(row.pk)
            continue
        source = registry.reminder_source(row.kind)
        email_on, app_on = (
            (True, True) if source.essential else preferences.get((row.recipient_id, row.kind), (True, True))
        )
        send_mail = email_on and bool(row.recipient.email)
        if app_on:
            wants_notice.add(row.pk)
        if send_mail:
            by_mail.append(row)
        elif app_on:
            app_only.append(row)
        else:
            skipped[Skip.OPTED_OUT].append(row.pk)

    for reason, pks in skipped.items():
        stats["skipped"] += _mine(token, pks).update(state=State.SKIPPED, skip_reason=reason)
    if app_only:
        stats["sent"] += _mark_sent(token, app_only, now, by_email=False, notices=wants_notice)

    if by_mail:
        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
        budget = _lease().total_seconds() / 2
        messages = _messages(by_mail)
        try:
            for index, group in enumerate(messages):
                if time_module.monotonic() - started > budget:
                    rest = [row for later in messages[index:] for row in later]
                    _release(token, rest)
                    stats["released"] += len(rest)
                    break
                try:
                    if len(group) == 1:
                        message = mail.reminder_message(group[0], connection=connection)
                    else:
                        message = mail.reminders_message(group, connection=connection)
                    if connection.send_messages([message]) != 1:
                        raise RuntimeError("the mail server did not accept the message")
                except Exception as error:  # one e-mail fails; the others go on
                    for row in group:
                        stats[_mark_failed(token, row, now, error)] += 1
                    _close_quietly(connection)
                    continue
                stats["sent"] += _mark_sent(token, group, now, by_email=True, notices=wants_notice)
                stats["emails"] += 1
        finally:
            _close_quietly(connection)
    return +stats


def _messages(rows) -> list[list[ReminderDelivery]]:
    """The e-mails of a batch: a recipient's groupable reminders share one (see `mail.groupable`), every
    other delivery has its own. A crash between sending an e-mail and marking its rows leaves that one
    e-mail to be sent again, whether it carries one reminder or several."""
    groups, single = defaultdict(list), []
    for row in rows:
        if mail.groupable(row):
            groups[row.recipient_id].append(row)
        else:
            single.append([row])
    return single + list(groups.values())


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:  # a dead connection cannot be closed politely
        logger.debug("closing the mail connection failed", exc_info=True)


def _relaxed_commits():
    """PostgreSQL: this session's commits return before the WAL reaches the disk (it does so within
    a fraction of a second, wal_writer_delay). A killed worker loses nothing by it: the commit is already in
    the server. Only a crash of the database server itself may lose the last fraction of a second of "sent"
    marks, and those mails would be sent again (docs/notifications.md)."""
    if settings.NOTIFICATIONS_RELAXED_COMMIT and connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")


def deliver(*, now: datetime | None = None, ids: list[int] | None = None, batch: int | None = None) -> Counter:
    """Claim and send batches until nothing (of ``ids``, if given) is left to send now."""
    batch = batch or settings.NOTIFICATIONS_BATCH
    _relaxed_commits()
    stats = Counter()
    while True:
        moment = now or clock()
        token, rows = claim(now=moment, limit=batch, ids=ids)
        if not rows:
            return stats
        stats.update(process(token, rows, moment))
