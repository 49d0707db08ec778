"""A person's reminders of one pass share one e-mail; invitations and shares keep their own."""

from datetime import timedelta

import pytest
from django.core import mail

from coordination.models import ActionItem
from slt.notifications.models import Notification, ReminderDelivery
from tests.coordination.factories import ActionItemFactory, ConcernFactory, ConcernShareFactory
from tests.factories import AgencyFactory, UserFactory

from .backends import delivery_ids
from .conftest import MONDAY, deliveries, oslo

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State


@pytest.fixture
def agency():
    return AgencyFactory(name="Sandnes skole")


def _items(agency, count, **kwargs):
    items = [
        ActionItemFactory(responsible_agency=agency, due_date=MONDAY.date(), title=f"Elevsak Ola {n}", **kwargs)
        for n in range(count)
    ]
    ActionItem.objects.filter(pk__in=[item.pk for item in items]).update(created_at=oslo(MONDAY) - timedelta(days=30))
    return items


def test_three_deadlines_today_make_one_e_mail_with_every_reference_and_link(agency, run_pass):
    teacher = UserFactory(username="laerer", agency=agency, email="laerer@sandnes.example")
    items = _items(agency, 3)
    run_pass(oslo(MONDAY, 7, 1))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    rows = deliveries("action_item_due_today", recipient=teacher)
    assert sorted(delivery_ids(message)) == sorted(rows.values_list("pk", flat=True))
    assert message.subject == "SLT: 3 påminnelser"
    html, _mimetype = message.alternatives[0]
    for item in items:
        assert f"T-{item.pk}" in message.body and f"http://127.0.0.1:8000/tiltak/{item.pk}/" in message.body
        assert f'href="http://127.0.0.1:8000/tiltak/{item.pk}/"' in html
    # no personal data: the titles stay in SLT
    assert "Ola" not in message.body and "Ola" not in html and "Ola" not in message.subject
    assert set(rows.values_list("state", flat=True)) == {State.SENT}
    assert Notification.objects.filter(recipient=teacher).count() == 3


def test_the_grouped_e_mail_is_in_the_recipients_language(agency, run_pass):
    UserFactory(username="teacher", agency=agency, email="teacher@sandnes.example", preferred_language="en")
    _items(agency, 2)
    run_pass(oslo(MONDAY, 7, 1))
    (message,) = mail.outbox
    assert message.subject == "SLT: 2 reminders"
    assert "You have 2 reminders from SLT:" in message.body


def test_each_person_gets_their_own_e_mail(agency, run_pass):
    people = [UserFactory(username=f"laerer{n}", agency=agency) for n in range(3)]
    _items(agency, 4)
    run_pass(oslo(MONDAY, 7, 1))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in people)
    for message in mail.outbox:
        recipients = set(
            ReminderDelivery.objects.filter(pk__in=delivery_ids(message)).values_list("recipient__email", flat=True)
        )
        assert recipients == set(message.to) and len(delivery_ids(message)) == 4


def test_a_share_keeps_its_own_e_mail_beside_the_grouped_reminders(agency, run_pass):
    teacher = UserFactory(username="laerer", agency=agency)
    _items(agency, 2)
    concern = ConcernFactory(reference="2037-0042")
    ConcernShareFactory(concern=concern, agency=agency, shared_at=oslo(MONDAY, 7, 0))
    run_pass(oslo(MONDAY, 7, 1))

    subjects = sorted(message.subject for message in mail.outbox if message.to == [teacher.email])
    assert subjects == ["Ny bekymring delt med aktøren din — 2037-0042", "SLT: 2 påminnelser"]
    share = deliveries("concern_shared", recipient=teacher).get()
    (share_mail,) = [m for m in mail.outbox if m.to == [teacher.email] and "2037-0042" in m.subject]
    assert delivery_ids(share_mail) == [share.pk]


def test_a_refused_grouped_e_mail_retries_every_reminder_in_it_and_the_others_go_out(agency, run_pass, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    refused = UserFactory(username="avvist", agency=agency, email="avvist@sandnes.example")
    accepted = UserFactory(username="godtatt", agency=agency)
    _items(agency, 2)
    run_pass(oslo(MONDAY, 7, 1))

    assert set(deliveries(recipient=refused).values_list("state", flat=True)) == {State.RETRY}
    assert set(deliveries(recipient=accepted).values_list("state", flat=True)) == {State.SENT}
    assert not Notification.objects.filter(recipient=refused).exists()
    assert [message.to for message in mail.outbox] == [[accepted.email]]
