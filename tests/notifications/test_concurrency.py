"""Two dispatchers over the same due set at the same moment send each mail once."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections

from slt.notifications import dispatcher
from slt.notifications.models import Notification, ReminderDelivery
from tests.coordination.factories import ActionItemFactory
from tests.factories import AgencyFactory, UserFactory

from .backends import delivery_ids, outbox_ids
from .conftest import MONDAY, oslo


def _due_set(agencies=10, members=4, items=5):
    for a in range(agencies):
        agency = AgencyFactory(name=f"Aktør {a}")
        for m in range(members):
            UserFactory(username=f"a{a}m{m}", agency=agency)
        for _ in range(items):
            ActionItemFactory(responsible_agency=agency, due_date=MONDAY.date())
    return agencies * members * items


def _one_dispatcher(moment, barrier, errors):
    try:
        barrier.wait(10)
        dispatcher.dispatch(now=moment)
        dispatcher.deliver(now=moment, batch=25)
    except Exception as error:  # reported by the test
        errors.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_send_each_mail_once():
    expected = _due_set()
    moment = oslo(MONDAY, 7, 1)
    if connection.vendor == "postgresql":
        barrier, errors = threading.Barrier(2), []
        threads = [threading.Thread(target=_one_dispatcher, args=(moment, barrier, errors)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert errors == []
    else:
        # SQLite has no row locks and one writer at a time: the two passes run one after the other here;
        # the claim's guarded UPDATE is what keeps them apart (PostgreSQL runs them as real threads).
        dispatcher.dispatch(now=moment)
        token, half = dispatcher.claim(now=moment, limit=expected // 2)
        dispatcher.dispatch(now=moment + timedelta(seconds=1))
        dispatcher.deliver(now=moment, batch=25)
        dispatcher.process(token, half, moment)
    ids = outbox_ids()
    assert len(ids) == expected == len(set(ids))
    assert ReminderDelivery.objects.filter(kind="action_item_due_today", state="sent").count() == expected
    assert Notification.objects.count() == expected
    # A person's reminders of one batch share an e-mail: fewer e-mails, each to the one recipient its
    # deliveries are for.
    recipients = dict(ReminderDelivery.objects.values_list("pk", "recipient__email"))
    assert len(mail.outbox) < expected
    for message in mail.outbox:
        assert {recipients[pk] for pk in delivery_ids(message)} == set(message.to)


@pytest.mark.django_db(transaction=True)
def test_relaxed_commits_are_asked_for_only_when_configured(settings):
    def synchronous_commit():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    if connection.vendor != "postgresql":
        settings.NOTIFICATIONS_RELAXED_COMMIT = True
        assert dispatcher.deliver(now=oslo(MONDAY)) == {}  # SQLite has no such setting: nothing to change
        return
    settings.NOTIFICATIONS_RELAXED_COMMIT = False
    dispatcher.deliver(now=oslo(MONDAY))
    assert synchronous_commit() == "on"
    settings.NOTIFICATIONS_RELAXED_COMMIT = True
    dispatcher.deliver(now=oslo(MONDAY))
    assert synchronous_commit() == "off"
    connections.close_all()  # the next test gets a connection with the default
