"""Test mail backends: one that refuses one address (as a mail server refusing a recipient would)."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

REFUSED = "avvist@sandnes.example"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


def delivery_ids(message) -> list[int]:
    """The deliveries an e-mail carries (one, or a recipient's grouped reminders)."""
    return [int(pk) for pk in message.extra_headers["X-SLT-Delivery"].split(",")]


def outbox_ids():
    return [pk for message in mail.outbox for pk in delivery_ids(message)]
