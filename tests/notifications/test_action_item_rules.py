"""Action items: due in three days, due today, overdue once a day for at most 14 days, assigned to my agency."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.models import ActionItem
from slt.accounts.models import User
from slt.notifications import dispatcher
from slt.notifications.models import ReminderDelivery
from tests.coordination.factories import ActionItemFactory
from tests.factories import AgencyFactory, UserFactory

from .conftest import MONDAY, deliveries, oslo, sent_to

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State


@pytest.fixture
def agency():
    return AgencyFactory(name="Barnevernet")


@pytest.fixture
def worker(agency):
    return UserFactory(username="saksbehandler", agency=agency)


@pytest.fixture
def colleague(agency):
    return UserFactory(username="kollega", agency=agency, preferred_language="en")


def _item(agency, due, **kwargs):
    item = ActionItemFactory(responsible_agency=agency, due_date=due, **kwargs)
    ActionItem.objects.filter(pk=item.pk).update(created_at=oslo(MONDAY) - timedelta(days=30))
    return item


def test_three_days_before_the_deadline_at_seven_in_the_morning(agency, worker, run_pass):
    item = _item(agency, MONDAY.date() + timedelta(days=3))
    run_pass(oslo(MONDAY, 6, 59))
    assert sent_to(worker) == []
    run_pass(oslo(MONDAY, 7, 1))
    [message] = sent_to(worker, "action_item_due_soon")
    assert message.subject == f"Frist om tre dager: tiltak T-{item.pk}"
    assert "06.03.2036" in message.body
    assert item.title not in message.body and item.title not in message.alternatives[0][0]
    assert f"http://127.0.0.1:8000/tiltak/{item.pk}/" in message.body


def test_due_today_and_each_recipient_in_their_own_language(agency, worker, colleague, run_pass):
    item = _item(agency, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 5))
    assert sent_to(worker, "action_item_due_today")[0].subject == f"Frist i dag: tiltak T-{item.pk}"
    english = sent_to(colleague, "action_item_due_today")[0]
    assert english.subject == f"Deadline today: action item T-{item.pk}"
    assert "Open it in SLT" in english.body


def test_overdue_once_a_day_for_at_most_fourteen_days(agency, worker, run_pass):
    item = _item(agency, MONDAY.date() - timedelta(days=1))
    for day in range(20):
        moment = oslo(MONDAY, 7, 1) + timedelta(days=day)
        run_pass(moment, since=moment - timedelta(minutes=10))
        run_pass(moment + timedelta(minutes=5))  # a second pass the same morning adds nothing
    overdue = sent_to(worker, "action_item_overdue")
    assert len(overdue) == 14
    assert overdue[0].subject == f"Forfalt: tiltak T-{item.pk}"
    slots = sorted(deliveries("action_item_overdue").values_list("slot", flat=True))
    assert slots[0] == "2036-03-03" and slots[-1] == "2036-03-16"


def test_a_finished_item_gets_no_more_reminders(agency, worker, run_pass):
    from slt.notifications import dispatcher

    item = _item(agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    ActionItem.objects.filter(pk=item.pk).update(status=ActionItem.Status.DONE)
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    row = deliveries("action_item_due_today").get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "not_due")
    assert mail.outbox == []
    run_pass(oslo(MONDAY, 7, 1) + timedelta(days=1), since=oslo(MONDAY, 7, 0) + timedelta(days=1))
    assert not deliveries("action_item_overdue").exists()


def test_a_moved_deadline_is_reminded_for_the_new_date(agency, worker, run_pass):
    item = _item(agency, MONDAY.date() + timedelta(days=3))
    run_pass(oslo(MONDAY, 7, 1))
    ActionItem.objects.filter(pk=item.pk).update(due_date=MONDAY.date() + timedelta(days=5))
    run_pass(oslo(MONDAY, 7, 1) + timedelta(days=2), since=oslo(MONDAY, 6, 55) + timedelta(days=2))
    assert sorted(deliveries("action_item_due_soon").values_list("slot", flat=True)) == ["2036-03-06", "2036-03-08"]
    assert len(sent_to(worker, "action_item_due_soon")) == 2


def test_assigned_to_my_agency_goes_to_its_members_but_not_the_creator(agency, worker, colleague, run_pass):
    creator = UserFactory(username="oppretter", agency=agency, role=User.Role.COORDINATOR)
    other = UserFactory(username="annen-aktor")
    item = ActionItemFactory(responsible_agency=agency, due_date=MONDAY.date() + timedelta(days=30), created_by=creator)
    ActionItem.objects.filter(pk=item.pk).update(created_at=oslo(MONDAY, 8, 58))
    run_pass(oslo(MONDAY, 9, 0))
    recipients = set(deliveries("action_item_assigned").values_list("recipient__username", flat=True))
    assert recipients == {"saksbehandler", "kollega"}
    assert sent_to(other) == []
    assert sent_to(worker, "action_item_assigned")[0].subject == f"Nytt tiltak for din aktør: T-{item.pk}"


def test_an_inactive_member_gets_nothing(agency, worker, run_pass):
    UserFactory(username="sluttet", agency=agency, is_active=False)
    _item(agency, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 1))
    assert set(deliveries().values_list("recipient__username", flat=True)) == {"saksbehandler"}
    assert [m.to for m in mail.outbox] == [[worker.email]]


def test_a_member_deactivated_after_the_row_was_made_is_skipped(agency, worker):
    from slt.notifications import dispatcher

    _item(agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    User.objects.filter(pk=worker.pk).update(is_active=False)
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    row = deliveries().get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "inactive")
    assert mail.outbox == [] and not worker.notifications.exists()


def test_a_member_who_moved_to_another_agency_no_longer_reads_the_item_and_is_skipped(agency, worker):
    from slt.notifications import dispatcher

    _item(agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    User.objects.filter(pk=worker.pk).update(agency=AgencyFactory(name="Skolen"))
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    row = deliveries().get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "not_visible")
    assert mail.outbox == []


def test_a_deleted_record_is_skipped(agency, worker):
    from slt.notifications import dispatcher

    item = _item(agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    item.delete()
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    assert deliveries().get().skip_reason == "not_visible"
    assert mail.outbox == []


def test_a_large_pass_refreshes_the_planners_statistics_before_the_claims(agency, worker, colleague, monkeypatch):
    """A pass of many rows runs ANALYZE on PostgreSQL (the claim then reads from its index instead of sorting
    every waiting row); a small pass does not, and SQLite has nothing to refresh."""
    _item(agency, MONDAY.date())
    monkeypatch.setattr(dispatcher, "ANALYZE_AFTER", 3)
    with CaptureQueriesContext(connection) as small:
        assert dispatcher.dispatch(now=oslo(MONDAY, 7, 5)).offered == 2
    assert not [q for q in small.captured_queries if q["sql"].startswith("ANALYZE")]

    _item(agency, MONDAY.date() + timedelta(days=3))
    _item(agency, MONDAY.date() + timedelta(days=3))
    with CaptureQueriesContext(connection) as large:
        assert dispatcher.dispatch(now=oslo(MONDAY, 7, 10), lookback=timedelta(hours=1)).offered >= 3
    analyzed = [q["sql"] for q in large.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analyzed == ['ANALYZE "notifications_reminderdelivery"']
    else:
        assert analyzed == []
    assert deliveries(recipient=worker).count() == deliveries(recipient=colleague).count() == 3
