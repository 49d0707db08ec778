"""Extremism measures: due in three days, due today, overdue once a day for at most 14 days; only to the
people who may read the case (radicalisation contacts and the case's members); references only."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from extremism import services
from extremism.models import Case, CaseMember, Measure
from slt.accounts.models import User
from slt.notifications import dispatcher
from slt.notifications.models import Notification, NotificationPreference, ReminderDelivery
from slt.notifications.selectors import preference_kinds
from slt.notifications.services import calendar_token_renew
from tests.extremism.factories import CaseFactory, MeasureFactory
from tests.factories import AgencyFactory, UserFactory

from .conftest import MONDAY, deliveries, oslo, sent_to

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State
KINDS = ("extremism_measure_due_soon", "extremism_measure_due_today", "extremism_measure_overdue")
NAME, BIRTH_DATE = "Kari Nordmann", date(2021, 5, 17)
SUMMARY = "Deler ekstreme ytringer i klassechat"
TITLE = "Samtale med Kari hos helsesykepleier"


@pytest.fixture
def contact():
    return UserFactory(username="radkontakt", role=User.Role.AGENCY, is_radicalisation_contact=True)


@pytest.fixture
def member():
    return UserFactory(
        username="barnevern", role=User.Role.AGENCY, agency=AgencyFactory(name="Barnevernet"), preferred_language="en"
    )


@pytest.fixture
def responsible_agency():
    return AgencyFactory(name="Helsestasjon for ungdom", kind="health")


@pytest.fixture
def outsiders(admin, coordinator, police, responsible_agency):
    """Nobody here may read the case: an administrator, a coordinator, the police, and a member of the agency
    responsible for the measure (who is not a member of the case)."""
    worker = UserFactory(username="helsesykepleier", role=User.Role.AGENCY, agency=responsible_agency)
    return [admin, coordinator, police, worker]


@pytest.fixture
def case(contact, member):
    case = CaseFactory(created_by=contact, members=[member], summary=SUMMARY)
    Case.objects.filter(pk=case.pk).update(
        full_name=NAME, birth_date=BIRTH_DATE, legal_basis="consent", risk_assessment="Høy risiko."
    )
    return case


def _measure(case, responsible_agency, due, **kwargs):
    return MeasureFactory(case=case, responsible_agency=responsible_agency, due_date=due, title=TITLE, **kwargs)


def _no_personal_data(message):
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        for secret in (NAME, "Kari", "17.05.2021", "2021-05-17", SUMMARY, TITLE, "Høy risiko"):
            assert secret not in text


def test_three_days_before_at_seven_to_the_contacts_and_members_only(
    case, contact, member, outsiders, responsible_agency, run_pass
):
    measure = _measure(case, responsible_agency, MONDAY.date() + timedelta(days=3))
    run_pass(oslo(MONDAY, 6, 59))
    assert not deliveries().exists()
    run_pass(oslo(MONDAY, 7, 1))
    rows = deliveries("extremism_measure_due_soon")
    assert set(rows.values_list("recipient__username", flat=True)) == {"radkontakt", "barnevern"}
    assert set(rows.values_list("record_type", "record_id", "slot", "reference")) == {
        ("extremism.measure", measure.pk, "2036-03-06", case.reference)
    }
    [message] = sent_to(contact, "extremism_measure_due_soon")
    assert message.subject == f"Frist om tre dager: et tiltak i sak {case.reference}"
    assert f"Et tiltak i sak {case.reference} har frist 06.03.2036." in message.body
    assert f"http://127.0.0.1:8000/ekstremisme/saker/{case.pk}/" in message.body
    _no_personal_data(message)
    for outsider in outsiders:  # the coordinator gets the Monday digest, and nothing about the case
        assert not ReminderDelivery.objects.filter(kind__startswith="extremism", recipient=outsider).exists()
        assert not Notification.objects.filter(kind__startswith="extremism", recipient=outsider).exists()
        assert not [m for m in mail.outbox if m.to == [outsider.email] and case.reference in m.subject + m.body]
    assert {m.to[0] for m in mail.outbox if case.reference in m.subject} == {contact.email, member.email}


def test_due_today_in_each_recipients_language_and_the_notice_is_neutral(
    case, contact, member, responsible_agency, run_pass
):
    _measure(case, responsible_agency, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 5))
    assert (
        sent_to(contact, "extremism_measure_due_today")[0].subject == f"Frist i dag: et tiltak i sak {case.reference}"
    )
    english = sent_to(member, "extremism_measure_due_today")[0]
    assert english.subject == f"Deadline today: a measure in case {case.reference}"
    assert "Open it in SLT" in english.body
    _no_personal_data(english)
    notice = Notification.objects.get(recipient=member)
    assert (notice.kind, notice.reference, notice.url) == (
        "extremism_measure_due_today",
        case.reference,
        case.get_absolute_url(),
    )
    page = Client()
    page.force_login(member)
    listed = page.get(reverse("notifications:notice_list")).content.decode()
    assert case.reference in listed and NAME not in listed and TITLE not in listed


def test_overdue_once_a_day_for_at_most_fourteen_days(case, contact, responsible_agency, run_pass):
    _measure(case, responsible_agency, MONDAY.date() - timedelta(days=1))
    for day in range(20):
        moment = oslo(MONDAY, 7, 1) + timedelta(days=day)
        run_pass(moment, since=moment - timedelta(minutes=10))
        run_pass(moment + timedelta(minutes=5))  # a second pass the same morning adds nothing
    overdue = sent_to(contact, "extremism_measure_overdue")
    assert len(overdue) == 14
    assert overdue[0].subject == f"Forfalt: et tiltak i sak {case.reference}"
    slots = sorted(deliveries("extremism_measure_overdue", recipient=contact).values_list("slot", flat=True))
    assert slots[0] == "2036-03-03" and slots[-1] == "2036-03-16"


def test_a_member_removed_before_sending_is_skipped_and_the_contact_still_gets_it(
    case, contact, member, responsible_agency
):
    _measure(case, responsible_agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    services.member_remove(actor=contact, member=CaseMember.objects.get(case=case, user=member))
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    row = deliveries(recipient=member).get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "not_visible")
    assert sent_to(member) == [] and not Notification.objects.filter(recipient=member).exists()
    assert deliveries(recipient=contact).get().state == State.SENT
    assert [m.to for m in mail.outbox] == [[contact.email]]


def test_a_contact_whose_flag_is_taken_away_before_sending_is_skipped(case, contact, responsible_agency):
    _measure(case, responsible_agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    User.objects.filter(pk=contact.pk).update(is_radicalisation_contact=False)
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    assert deliveries(recipient=contact).get().skip_reason == "not_visible"
    assert sent_to(contact) == []


def test_a_done_measure_a_closed_case_and_a_moved_deadline_send_nothing_stale(
    case, contact, responsible_agency, run_pass
):
    done = _measure(case, responsible_agency, MONDAY.date())
    moved = _measure(case, responsible_agency, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    Measure.objects.filter(pk=done.pk).update(status=Measure.Status.DONE)
    Measure.objects.filter(pk=moved.pk).update(due_date=MONDAY.date() + timedelta(days=10))
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    assert set(deliveries().values_list("state", "skip_reason")) == {(State.SKIPPED, "not_due")}
    assert mail.outbox == []
    closed = CaseFactory(created_by=contact)
    _measure(closed, responsible_agency, MONDAY.date() + timedelta(days=1))
    Case.objects.filter(pk=closed.pk).update(
        status=Case.Status.CLOSED, outcome="resolved", closed_at=oslo(MONDAY), retain_until=date(2040, 1, 1)
    )
    run_pass(oslo(MONDAY, 7, 1) + timedelta(days=1), since=oslo(MONDAY, 7, 0) + timedelta(days=1))
    assert not deliveries(record_id__in=closed.measures.values("pk")).exists()


def test_the_kinds_can_be_turned_off_and_are_listed_only_for_case_readers(
    case, contact, member, outsiders, responsible_agency, run_pass
):
    for kind in KINDS:
        assert kind in {source.key for source in preference_kinds(contact)}
        assert kind in {source.key for source in preference_kinds(member)}
        for outsider in outsiders:
            assert kind not in {source.key for source in preference_kinds(outsider)}
    NotificationPreference.objects.create(
        user=contact, kind="extremism_measure_due_today", by_email=False, in_app=False
    )
    _measure(case, responsible_agency, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 1))
    assert deliveries(recipient=contact).get().skip_reason == "opted_out"
    assert sent_to(contact) == [] and len(sent_to(member)) == 1


def test_the_calendar_feed_shows_the_deadlines_to_case_readers_only(
    case, contact, member, outsiders, responsible_agency
):
    from django.utils import timezone

    measure = _measure(case, responsible_agency, timezone.localdate() + timedelta(days=5))
    uid = f"slt-extremism-measure-{measure.pk}@127.0.0.1"
    for reader in (contact, member):
        response = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=reader)]))
        events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
        assert str(events[uid]["SUMMARY"]).startswith(("Frist for et tiltak i sak", "Deadline for a measure in case"))
        assert case.reference in str(events[uid]["SUMMARY"])
        assert events[uid]["DTSTART"].dt == measure.due_date
        assert NAME not in response.content.decode() and TITLE not in response.content.decode()
    for outsider in outsiders:
        response = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=outsider)]))
        assert b"slt-extremism-measure" not in response.content
