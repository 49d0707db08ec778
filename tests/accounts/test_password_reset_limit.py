"""Password reset e-mails are rate-limited per address and per client address; the answer is always the same."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from slt.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAME_ANSWER = "Sjekk e-posten din"


def ask(email, ip="127.0.0.1"):
    return Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip, follow=True)


def test_three_mails_an_hour_per_address_then_the_same_answer_and_no_mail():
    UserFactory(username="glemsk", email="glemsk@sandnes.example")
    for n in range(3):
        assert SAME_ANSWER in ask("glemsk@sandnes.example", ip=f"10.0.0.{n}").content.decode()
    assert len(mail.outbox) == 3
    fourth = ask("GLEMSK@sandnes.example", ip="10.0.0.9")
    assert fourth.status_code == 200
    assert SAME_ANSWER in fourth.content.decode()
    assert len(mail.outbox) == 3


def test_ten_requests_an_hour_per_client_address():
    UserFactory(username="glemsk", email="glemsk@sandnes.example")
    for n in range(10):
        ask(f"ukjent{n}@sandnes.example", ip="10.0.0.7")
    response = ask("glemsk@sandnes.example", ip="10.0.0.7")
    assert SAME_ANSWER in response.content.decode()
    assert mail.outbox == []
    assert len(ask("glemsk@sandnes.example", ip="10.0.0.8").redirect_chain) == 1
    assert len(mail.outbox) == 1


def test_requests_are_audited_with_the_address_only_as_attempted_username():
    UserFactory(username="glemsk", email="glemsk@sandnes.example")
    for _ in range(4):
        ask("glemsk@sandnes.example")
    events = AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_RESET).order_by("id")
    assert [e.details for e in events] == [{"limited": False}] * 3 + [{"limited": True}]
    for event in events:
        assert event.attempted_username == "glemsk@sandnes.example"
        assert event.actor is None and event.actor_username == ""
        assert "glemsk" not in f"{event.object_id} {event.object_type} {event.details}"


def test_an_unknown_address_is_audited_and_answered_the_same():
    response = ask("ukjent@sandnes.example")
    assert SAME_ANSWER in response.content.decode()
    assert (
        AuditEvent.objects.get(action=AuditEvent.Action.PASSWORD_RESET).attempted_username == "ukjent@sandnes.example"
    )
