"""Concerns (shared with my agency, a new note) and safety walks (invited, the day before, report published)."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coordination.models import ConcernNote, ConcernShare
from slt.accounts.models import User
from slt.notifications.models import ReminderDelivery
from tests.coordination.factories import ActionItemFactory, ConcernFactory, ConcernNoteFactory, ConcernShareFactory
from tests.factories import AgencyFactory, UserFactory
from tests.walks.factories import SafetyWalkFactory
from walks.models import SafetyWalk

from .conftest import MONDAY, deliveries, oslo, sent_to

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State


@pytest.fixture
def child_welfare():
    return AgencyFactory(name="Barnevernet")


@pytest.fixture
def caseworker(child_welfare):
    return UserFactory(username="barnevern", agency=child_welfare)


@pytest.fixture
def reporter():
    return UserFactory(username="laerer")


@pytest.fixture
def concern(reporter):
    return ConcernFactory(reporter=reporter, reference="2037-0042")


def test_a_share_notifies_the_agency_with_a_neutral_subject(concern, child_welfare, caseworker, now, run_pass):
    outsider = UserFactory(username="utenfor")
    ConcernShareFactory(concern=concern, agency=child_welfare, shared_at=now - timedelta(minutes=2))
    run_pass(now)
    [message] = sent_to(caseworker, "concern_shared")
    assert message.subject == "Ny bekymring delt med aktøren din — 2037-0042"
    assert concern.description not in message.body and concern.description not in message.alternatives[0][0]
    assert f"http://127.0.0.1:8000/bekymringer/{concern.pk}/" in message.body
    assert sent_to(outsider) == []
    assert caseworker.notifications.get().reference == "2037-0042"


def test_a_share_revoked_before_sending_is_skipped(concern, child_welfare, caseworker, now):
    from slt.notifications import dispatcher

    share = ConcernShareFactory(concern=concern, agency=child_welfare, shared_at=now - timedelta(minutes=2))
    dispatcher.dispatch(now=now)
    ConcernShare.objects.filter(pk=share.pk).update(revoked_at=now)
    dispatcher.deliver(now=now)
    row = deliveries("concern_shared").get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "not_visible")
    assert mail.outbox == []


def test_shares_cannot_be_turned_off(concern, child_welfare, caseworker, now, run_pass):
    from slt.notifications.models import NotificationPreference

    NotificationPreference.objects.create(user=caseworker, kind="concern_shared", by_email=False, in_app=False)
    ConcernShareFactory(concern=concern, agency=child_welfare, shared_at=now - timedelta(minutes=2))
    run_pass(now)
    assert len(sent_to(caseworker, "concern_shared")) == 1
    assert caseworker.notifications.count() == 1


def test_a_new_note_reaches_everyone_who_may_read_the_concern_except_its_author(
    concern, reporter, child_welfare, caseworker, coordinator, now, run_pass
):
    ConcernShareFactory(concern=concern, agency=child_welfare, shared_at=now - timedelta(days=3))
    revoked = AgencyFactory(name="Helsestasjonen")
    UserFactory(username="helse", agency=revoked)
    ConcernShareFactory(concern=concern, agency=revoked, shared_at=now - timedelta(days=3), revoked_at=now)
    UserFactory(username="utenfor")
    note = ConcernNoteFactory(concern=concern, author=caseworker, created_at=now - timedelta(minutes=1))
    ConcernNoteFactory(concern=concern, author=coordinator, kind=ConcernNote.Kind.STATUS, created_at=now)
    run_pass(now)
    recipients = set(deliveries("concern_note").values_list("recipient__username", flat=True))
    coordinators = set(User.objects.filter(role=User.Role.COORDINATOR).values_list("username", flat=True))
    assert coordinator.username in coordinators
    assert recipients == {"laerer"} | coordinators  # not the author, not the revoked agency, not outsiders
    assert deliveries("concern_note").first().slot == f"note:{note.pk}"
    assert sent_to(reporter, "concern_note")[0].subject == "Nytt notat på bekymring 2037-0042"
    assert note.text not in sent_to(reporter, "concern_note")[0].body


def test_notes_can_be_turned_off_by_email_keeping_the_notice(concern, reporter, coordinator, now, run_pass):
    from slt.notifications.models import NotificationPreference

    NotificationPreference.objects.create(user=reporter, kind="concern_note", by_email=False, in_app=True)
    ConcernNoteFactory(concern=concern, author=coordinator, created_at=now - timedelta(minutes=1))
    run_pass(now)
    assert sent_to(reporter) == []
    assert reporter.notifications.count() == 1
    row = deliveries("concern_note", recipient=reporter).get()
    assert (row.state, row.by_email) == (State.SENT, False)


def test_a_kind_turned_off_entirely_is_skipped_as_opted_out(concern, reporter, coordinator, now, run_pass):
    from slt.notifications.models import NotificationPreference

    NotificationPreference.objects.create(user=reporter, kind="concern_note", by_email=False, in_app=False)
    ConcernNoteFactory(concern=concern, author=coordinator, created_at=now - timedelta(minutes=1))
    run_pass(now)
    assert deliveries("concern_note", recipient=reporter).get().skip_reason == "opted_out"
    assert not reporter.notifications.exists()


def test_a_user_without_email_gets_the_notice_in_the_app_only(concern, child_welfare, now, run_pass):
    nomail = UserFactory(username="uten-epost", agency=child_welfare, email="")
    ConcernShareFactory(concern=concern, agency=child_welfare, shared_at=now - timedelta(minutes=2))
    run_pass(now)
    assert mail.outbox == []
    assert nomail.notifications.get().kind == "concern_shared"
    assert deliveries(recipient=nomail).get().state == State.SENT


# --- walks ----------------------------------------------------------------------------------------------


@pytest.fixture
def walk(child_welfare, reporter):
    walk = SafetyWalkFactory(date=MONDAY.date() + timedelta(days=4), start_time=time(19, 30))
    walk.invited_agencies.set([child_welfare])
    walk.invited_users.set([reporter])
    SafetyWalk.objects.filter(pk=walk.pk).update(updated_at=oslo(MONDAY, 8, 59))
    return walk


def test_invited_to_a_walk_as_a_person_or_through_the_agency(walk, caseworker, reporter, run_pass, now):
    UserFactory(username="utenfor")
    run_pass(now)
    recipients = set(deliveries("walk_invitation").values_list("recipient__username", flat=True))
    assert recipients == {"barnevern", "laerer"}
    assert sent_to(caseworker, "walk_invitation")[0].subject == f"Invitasjon: trygghetsvandring V-{walk.pk}"
    assert walk.meeting_point not in sent_to(caseworker, "walk_invitation")[0].body


def test_a_walk_moved_to_another_day_invites_again_a_retitled_one_does_not(walk, caseworker, run_pass, now):
    run_pass(now)
    SafetyWalk.objects.filter(pk=walk.pk).update(title="Ny tittel", updated_at=now + timedelta(minutes=1))
    run_pass(now + timedelta(minutes=5))
    assert len(sent_to(caseworker, "walk_invitation")) == 1
    SafetyWalk.objects.filter(pk=walk.pk).update(
        date=walk.date + timedelta(days=1), updated_at=now + timedelta(minutes=6)
    )
    run_pass(now + timedelta(minutes=10))
    assert len(sent_to(caseworker, "walk_invitation")) == 2


def test_the_day_before_a_walk(walk, caseworker, run_pass):
    starts = oslo(datetime.combine(walk.date, time()), 19, 30)
    run_pass(starts - timedelta(days=1, minutes=3))
    assert sent_to(caseworker, "walk_reminder_day") == []
    run_pass(starts - timedelta(days=1) + timedelta(minutes=2))
    [message] = sent_to(caseworker, "walk_reminder_day")
    assert message.subject == f"Påminnelse: trygghetsvandring V-{walk.pk} i morgen"
    assert "07.03.2036 19:30" in message.body


def test_the_published_report_goes_to_participants_and_the_organiser(walk, caseworker, now, run_pass):
    SafetyWalk.objects.filter(pk=walk.pk).update(
        status=SafetyWalk.Status.PUBLISHED, published_at=now - timedelta(minutes=1), conclusion="Ferdig"
    )
    run_pass(now)
    recipients = set(deliveries("walk_report_published").values_list("recipient__username", flat=True))
    assert recipients == {"barnevern", "laerer", walk.organiser.username}


def test_the_weekly_digest_goes_to_coordinators_on_monday_at_seven(coordinator, caseworker, run_pass):
    UserFactory(username="koordinator-2", role=User.Role.COORDINATOR, is_active=False)
    run_pass(oslo(MONDAY, 6, 59))
    assert not deliveries("weekly_digest").exists()
    run_pass(oslo(MONDAY, 7, 1))
    [message] = sent_to(coordinator, "weekly_digest")
    assert message.subject == "SLT denne uken — 2036-W10"
    assert "Åpne tiltak" not in message.body and ": 0" not in message.body  # zero counts are left out
    assert "Ingenting åpent, forfalt, nytt eller på vei denne uken." in message.body
    assert set(deliveries("weekly_digest").values_list("recipient__username", flat=True)) == {coordinator.username}
    run_pass(oslo(MONDAY, 7, 1) + timedelta(days=1), since=oslo(MONDAY, 6, 50) + timedelta(days=1))
    assert deliveries("weekly_digest").count() == 1


def test_the_weekly_digest_names_only_the_counts_that_are_not_zero(coordinator, run_pass):
    today = timezone.localdate()
    ActionItemFactory(title="Nye lyspærer", due_date=today - timedelta(days=1))  # open and overdue
    ActionItemFactory(title="Klipp hekken", due_date=today + timedelta(days=10))
    run_pass(oslo(MONDAY, 7, 1))
    [message] = sent_to(coordinator, "weekly_digest")
    assert "Åpne tiltak: 2" in message.body and "Forfalte tiltak: 1" in message.body
    assert "Nye bekymringer" not in message.body and "Møter de neste" not in message.body
    assert "Ingenting åpent" not in message.body
    html = message.alternatives[0][0]
    assert "<li>Åpne tiltak: 2</li>" in html and "Møter de neste" not in html
