"""The sender: exactly once, retries with backoff, failed for good, lease, refusing and hanging servers."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from slt.notifications import dispatcher
from slt.notifications.models import Notification, ReminderDelivery
from tests.coordination.factories import ConcernFactory, ConcernShareFactory
from tests.factories import AgencyFactory, UserFactory

from .backends import REFUSED, outbox_ids
from .conftest import deliveries

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State


@pytest.fixture
def agency():
    return AgencyFactory(name="Politiet")


@pytest.fixture
def members(agency):
    return [UserFactory(username=f"medlem{n}", agency=agency) for n in range(3)]


@pytest.fixture
def shared(agency, now):
    concern = ConcernFactory(reference="2037-0007")
    ConcernShareFactory(concern=concern, agency=agency, shared_at=now - timedelta(minutes=1))
    return concern


def test_rows_are_inserted_before_anything_is_sent_and_a_second_pass_adds_none(shared, members, now):
    result = dispatcher.dispatch(now=now)
    assert result.by_kind["concern_shared"] == 3
    assert deliveries(state=State.PENDING).count() == 3 and mail.outbox == []
    dispatcher.dispatch(now=now + timedelta(minutes=5))  # overlapping window: same keys, ignored
    assert deliveries().count() == 3
    stats = dispatcher.deliver(now=now)
    assert stats["sent"] == 3 and stats["emails"] == 3
    assert sorted(outbox_ids()) == sorted(deliveries().values_list("pk", flat=True))
    assert dispatcher.deliver(now=now + timedelta(hours=1)) == {}
    assert len(mail.outbox) == 3


def test_each_mail_has_html_and_plain_text_and_a_stable_message_id(shared, members, now):
    dispatcher.dispatch(now=now)
    dispatcher.deliver(now=now)
    message = mail.outbox[0]
    row = ReminderDelivery.objects.get(pk=message.extra_headers["X-SLT-Delivery"])
    assert message.extra_headers["Message-ID"] == f"<slt-delivery-{row.pk}@127.0.0.1>"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nb">' in html and "2037-0007" in html
    assert "http://127.0.0.1:8000/bekymringer/" in message.body


def test_the_notice_is_created_with_the_sent_mark(shared, members, now):
    dispatcher.dispatch(now=now)
    dispatcher.deliver(now=now)
    for row in deliveries():
        assert row.state == State.SENT and row.sent_at == now and row.tries == 1
        notice = Notification.objects.get(delivery=row)
        assert (notice.recipient_id, notice.reference, notice.kind) == (row.recipient_id, "2037-0007", "concern_shared")


def test_a_refused_recipient_does_not_stop_the_others_and_is_retried_with_backoff(
    agency, members, shared, now, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    settings.NOTIFICATIONS_RETRY_BACKOFF = 60
    settings.NOTIFICATIONS_MAX_TRIES = 3
    refused = UserFactory(username="avvist", agency=agency, email=REFUSED)
    dispatcher.dispatch(now=now)
    stats = dispatcher.deliver(now=now)
    assert stats["sent"] == 3 and stats["retry"] == 1
    row = deliveries(recipient=refused).get()
    assert (row.state, row.tries) == (State.RETRY, 1)
    assert row.next_attempt_at == now + timedelta(seconds=60)
    assert row.last_error.startswith("SMTPRecipientsRefused")
    assert not Notification.objects.filter(recipient=refused).exists()
    # not before the backoff; then 120 s; then failed for good after the third try
    assert dispatcher.deliver(now=now + timedelta(seconds=59)) == {}
    dispatcher.deliver(now=now + timedelta(seconds=60))
    row.refresh_from_db()
    assert (row.state, row.tries, row.next_attempt_at) == (State.RETRY, 2, now + timedelta(seconds=180))
    dispatcher.deliver(now=now + timedelta(seconds=180))
    row.refresh_from_db()
    assert (row.state, row.tries) == (State.FAILED, 3)
    assert dispatcher.deliver(now=now + timedelta(days=1)) == {}
    assert len(mail.outbox) == 3


def test_a_failed_delivery_is_visible_and_read_only_in_the_admin(admin, client_for, agency, shared, now, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    settings.NOTIFICATIONS_MAX_TRIES = 1
    UserFactory(username="avvist", agency=agency, email=REFUSED)
    dispatcher.dispatch(now=now)
    dispatcher.deliver(now=now)
    row = deliveries(state=State.FAILED).get()
    client = client_for(admin)
    listing = client.get(reverse("admin:notifications_reminderdelivery_changelist"), {"state__exact": "failed"})
    assert listing.status_code == 200
    assert "2037-0007" in listing.text and listing.context["cl"].result_count == 1
    detail = client.get(reverse("admin:notifications_reminderdelivery_change", args=[row.pk]))
    assert detail.status_code == 200 and "SMTPRecipientsRefused" in detail.text
    assert client.post(reverse("admin:notifications_reminderdelivery_delete", args=[row.pk])).status_code == 403
    assert ReminderDelivery.objects.filter(pk=row.pk).exists()


@pytest.fixture
def hanging_smtp_server():
    """A mail server that accepts the connection and then says nothing."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for connection in accepted:
        connection.close()
    server.close()


def test_a_hanging_mail_server_times_out_without_holding_up_in_app_notices(
    hanging_smtp_server, shared, members, agency, now, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hanging_smtp_server
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    nomail = UserFactory(username="uten-epost", agency=agency, email="")
    dispatcher.dispatch(now=now)
    started = time.monotonic()
    stats = dispatcher.deliver(now=now)
    assert time.monotonic() - started < 10
    assert stats["retry"] == 3 and stats["sent"] == 1
    assert deliveries(recipient=nomail).get().state == State.SENT
    assert all("timed out" in row.last_error or "Timeout" in row.last_error for row in deliveries(state=State.RETRY))


def test_a_row_whose_sender_died_is_taken_again_after_the_lease(shared, members, now, settings):
    settings.NOTIFICATIONS_LEASE = 600
    dispatcher.dispatch(now=now)
    _token, rows = dispatcher.claim(now=now, limit=10)  # a sender claims and dies before sending
    assert len(rows) == 3 and deliveries(state=State.SENDING).count() == 3
    assert dispatcher.deliver(now=now + timedelta(minutes=9)) == {}
    stats = dispatcher.deliver(now=now + timedelta(minutes=11))
    assert stats["sent"] == 3
    assert sorted(outbox_ids()) == sorted(deliveries().values_list("pk", flat=True))
    assert set(deliveries().values_list("tries", flat=True)) == {2}


def test_the_late_sender_cannot_mark_a_row_another_sender_took_over(shared, members, now):
    dispatcher.dispatch(now=now)
    token, rows = dispatcher.claim(now=now, limit=10)
    dispatcher.deliver(now=now + timedelta(minutes=11))  # the lease ran out: another sender sent them
    stats = dispatcher.process(token, rows, now + timedelta(minutes=12))  # the first one wakes up
    assert stats == {"lost": 3}
    assert len(mail.outbox) == 3 and Notification.objects.count() == 3
    assert set(deliveries().values_list("claimed_by", flat=True)) != {token}


def test_a_sender_short_of_time_gives_rows_back_uncounted(shared, members, now, settings, monkeypatch):
    settings.NOTIFICATIONS_LEASE = 0
    dispatcher.dispatch(now=now)
    token, rows = dispatcher.claim(now=now, limit=10)
    stats = dispatcher.process(token, rows, now)
    assert stats["released"] == 3 and mail.outbox == []
    assert set(deliveries().values_list("state", "tries")) == {(State.PENDING, 0)}


def test_a_kind_nobody_registers_is_skipped(members, now):
    ReminderDelivery.objects.create(
        kind="gone",
        record_type="x.y",
        record_id=1,
        recipient=members[0],
        slot="a",
        due_at=now,
        url="/",
        reference="X",
        next_attempt_at=now,
    )
    dispatcher.deliver(now=now)
    assert deliveries("gone").get().skip_reason == "unknown_kind"


def test_the_window_runs_from_the_last_pass_with_an_overlap_and_at_most_a_day(now):
    first = dispatcher.dispatch(now=now)
    assert first.since == now - dispatcher.FIRST_LOOKBACK
    second = dispatcher.dispatch(now=now + timedelta(minutes=5))
    assert second.since == now - dispatcher.OVERLAP and second.until == now + timedelta(minutes=5)
    late = dispatcher.dispatch(now=now + timedelta(days=3))
    assert late.since == now + timedelta(days=2)
