"""Celery tasks. They take delivery ids only (no personal data), are queued after the transaction that
made the rows commits, and are acknowledged late: a worker killed mid-task leaves the message for another,
and the delivery table makes the second run harmless."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction

from . import dispatcher, services

DIGEST_KIND = "weekly_digest"


def queue_sending(ids: list[int]) -> int:
    """One `send_deliveries` task per batch of ids, queued when the current transaction commits."""
    size = settings.NOTIFICATIONS_BATCH
    chunks = [ids[start : start + size] for start in range(0, len(ids), size)]
    for chunk in chunks:
        transaction.on_commit(lambda chunk=chunk: send_deliveries.delay(chunk))
    return len(chunks)


@shared_task(acks_late=True)
def dispatch() -> dict:
    """Every five minutes (beat): what fell due since the last pass, then the sending, spread over workers."""
    with transaction.atomic():
        result = dispatcher.dispatch()
        tasks = queue_sending(dispatcher.claimable_ids())
    return {"offered": result.offered, "tasks": tasks}


@shared_task(acks_late=True)
def weekly_digest() -> dict:
    """Monday 07:00 Europe/Oslo (beat): the coordinators' digest, even if the regular pass lagged."""
    with transaction.atomic():
        result = dispatcher.dispatch(kinds={DIGEST_KIND}, lookback=timedelta(hours=6))
        tasks = queue_sending(dispatcher.claimable_ids())
    return {"offered": result.offered, "tasks": tasks}


@shared_task(acks_late=True)
def send_deliveries(delivery_ids: list[int]) -> dict:
    return dict(dispatcher.deliver(ids=[int(pk) for pk in delivery_ids]))


@shared_task(acks_late=True)
def prune() -> int:
    return services.notices_prune()
