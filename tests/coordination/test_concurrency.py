"""Writes that read and then write lock their row: several people doing the same at the same moment leave
the data as if they had taken turns (PostgreSQL: `select_for_update`; SQLite: transactions begin IMMEDIATE)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from coordination import services
from coordination.models import AgendaItem, ConcernNote, ConcernShare
from slt.accounts.models import User
from tests.factories import AgencyFactory, UserFactory

from .factories import ConcernFactory, ConcernShareFactory, MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(work, count):
    """Run `work(i)` in `count` threads that start together; returns (results, errors)."""
    start = threading.Barrier(count)
    results, errors = [], []

    def run(i):
        try:
            start.wait()
            results.append(work(i))
        except Exception as error:  # collected: a thread cannot fail the test by itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture
def coordinator_():
    return UserFactory(username="koordinator", role=User.Role.COORDINATOR, agency=AgencyFactory(name="SLT"))


def test_agenda_items_added_at_once_get_different_numbers(coordinator_):
    meeting = MeetingFactory()

    def add(i):
        for n in range(3):
            services.agenda_item_save(actor=coordinator_, item=AgendaItem(meeting=meeting, title=f"Sak {i}.{n}"))

    _results, errors = _at_once(add, 6)

    assert errors == []
    assert sorted(meeting.agenda.values_list("position", flat=True)) == list(range(1, 19))


def test_sharing_with_the_same_agency_at_once_makes_one_share(coordinator_):
    concern = ConcernFactory(reporter=coordinator_)
    police = AgencyFactory(name="Politiet")

    def share(_i):
        return services.concern_share(actor=coordinator_, concern=concern, agency=police, legal_basis="anonymous")

    results, errors = _at_once(share, 4)

    assert len(results) == 1
    assert len(errors) == 3 and all(isinstance(error, ValidationError) for error in errors)
    assert ConcernShare.objects.filter(concern=concern, agency=police).count() == 1
    assert ConcernNote.objects.filter(concern=concern, kind=ConcernNote.Kind.SHARE).count() == 1


def test_acknowledging_at_once_is_recorded_once(coordinator_):
    school = AgencyFactory(name="Lura ungdomsskole", kind="school")
    teachers = [UserFactory(username=f"laerer{i}", role=User.Role.AGENCY, agency=school) for i in range(4)]
    concern = ConcernFactory(reporter=coordinator_)
    ConcernShareFactory(concern=concern, agency=school)

    _results, errors = _at_once(lambda i: services.concern_acknowledge(actor=teachers[i], concern=concern), 4)

    assert errors == []
    assert ConcernNote.objects.filter(concern=concern, kind=ConcernNote.Kind.ACKNOWLEDGE).count() == 1
    assert concern.shares.get().acknowledged_by in teachers
