"""Readable, unique references: 2026-0001, 2026-0002 … even when two people save at the same moment."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from coordination import services
from coordination.models import Concern, ConcernYearCounter
from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory


def _new_concern(**fields):
    return Concern(age_band="13-15", description="Uro ved Ruten.", **fields)


@pytest.mark.django_db
def test_references_count_up_per_year(coordinator):
    year = timezone.localdate().year
    first = services.concern_create(actor=coordinator, concern=_new_concern(), categories=["drugs"])
    second = services.concern_create(actor=coordinator, concern=_new_concern(), categories=["alcohol"])
    last_year = services.concern_create(
        actor=coordinator,
        concern=_new_concern(created_at=timezone.now().replace(year=year - 1)),
        categories=["theft"],
    )
    assert (first.reference, second.reference) == (f"{year}-0001", f"{year}-0002")
    assert last_year.reference == f"{year - 1}-0001"
    assert ConcernYearCounter.objects.get(year=year).last_number == 2


@pytest.mark.django_db(transaction=True)
def test_references_stay_unique_when_many_save_at_once():
    reporter = UserFactory(username="koordinator", role=User.Role.COORDINATOR, agency=AgencyFactory(name="SLT"))
    threads_count, per_thread = 8, 5
    start = threading.Barrier(threads_count)
    errors = []

    def log_concerns():
        try:
            start.wait()
            for _ in range(per_thread):
                services.concern_create(actor=reporter, concern=_new_concern(), categories=["violence"])
        except Exception as error:  # reported below; a thread cannot fail the test by itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log_concerns) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    references = list(Concern.objects.values_list("reference", flat=True))
    assert len(references) == threads_count * per_thread
    assert len(set(references)) == len(references)
    year = timezone.localdate().year
    assert sorted(references) == [f"{year}-{n:04d}" for n in range(1, threads_count * per_thread + 1)]
    assert connection.vendor in {"sqlite", "postgresql"}
