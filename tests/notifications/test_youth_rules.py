"""Youth follow-up: the next follow-up due in three days, today and overdue (daily, at most 14 days), the plan due,
the period ending in 30 days; only to youth coordinators and the case's follow-up team; the case number only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from slt.accounts.models import User
from slt.notifications import dispatcher
from slt.notifications.models import Notification, NotificationPreference, ReminderDelivery
from slt.notifications.selectors import preference_kinds
from slt.notifications.services import calendar_token_renew
from tests.factories import AgencyFactory, UserFactory
from tests.youthfollowup.factories import YOUTH_FAMILY, YOUTH_GIVEN, case_in, youth_coordinator_user
from youthfollowup import services
from youthfollowup.models import TeamMember, YouthCase, YouthPlan
from youthfollowup.states import CaseState

from .conftest import MONDAY, deliveries, oslo, sent_to

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State
KINDS = (
    "youth_follow_up_due_soon",
    "youth_follow_up_due_today",
    "youth_follow_up_overdue",
    "youth_plan_due",
    "youth_period_ending",
)


@pytest.fixture
def youth_coordinator():
    return youth_coordinator_user()


@pytest.fixture
def member():
    return UserFactory(
        username="teammedlem",
        role=User.Role.AGENCY,
        agency=AgencyFactory(name="NAV Sandnes", kind="nav"),
        preferred_language="en",
    )


@pytest.fixture
def outsiders(admin, coordinator, police, radicalisation_contact):
    """Nobody here may read the case: an administrator, an SLT coordinator, the police, a radicalisation contact,
    and a colleague at the team member's agency who is not on the team."""
    return [admin, coordinator, police, radicalisation_contact, UserFactory(username="nav-kollega")]


@pytest.fixture
def following(youth_coordinator, member):
    """A case in follow-up, the member on its team (the plan meeting's participant)."""
    case = case_in(CaseState.IN_FOLLOW_UP, youth_coordinator, team=[member])
    assert TeamMember.objects.filter(case=case, user=member, removed_at__isnull=True).exists()
    return case


def _follow_up_due(case, day):
    YouthCase.objects.filter(pk=case.pk).update(next_follow_up_due=day)


def _no_personal_data(message, case):
    case.refresh_from_db()
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        assert case.number in message.subject
        for secret in (YOUTH_GIVEN, YOUTH_FAMILY, case.initials, case.birth_date.isoformat(), "Tyveri", "Vik"):
            assert secret not in text
        assert case.birth_date.strftime("%d.%m.%Y") not in text


def test_follow_up_due_in_three_days_at_seven_to_the_coordinator_and_the_team_only(
    following, youth_coordinator, member, outsiders, run_pass
):
    _follow_up_due(following, MONDAY.date() + timedelta(days=3))
    run_pass(oslo(MONDAY, 6, 59))
    assert not deliveries("youth_follow_up_due_soon").exists()
    run_pass(oslo(MONDAY, 7, 1))
    rows = deliveries("youth_follow_up_due_soon")
    assert set(rows.values_list("recipient__username", flat=True)) == {youth_coordinator.username, member.username}
    assert set(rows.values_list("record_type", "record_id", "slot", "reference")) == {
        ("youthfollowup.youthcase", following.pk, "2036-03-06", following.number)
    }
    [message] = sent_to(youth_coordinator, "youth_follow_up_due_soon")
    assert message.subject == f"Oppfølging om tre dager: ungdomssak {following.number}"
    assert f"Neste oppfølging i ungdomssak {following.number} har frist 06.03.2036." in message.body
    assert f"http://127.0.0.1:8000/ungdomsoppfolging/{following.pk}/" in message.body
    _no_personal_data(message, following)
    for outsider in outsiders:  # the coordinator gets the Monday digest, and nothing about the case
        assert not ReminderDelivery.objects.filter(kind__startswith="youth", recipient=outsider).exists()
        assert not Notification.objects.filter(kind__startswith="youth", recipient=outsider).exists()
        assert not [m for m in mail.outbox if m.to == [outsider.email] and following.number in m.subject + m.body]


def test_follow_up_due_today_in_each_recipients_language(following, youth_coordinator, member, run_pass):
    _follow_up_due(following, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 5))
    assert sent_to(youth_coordinator, "youth_follow_up_due_today")[0].subject == (
        f"Oppfølging i dag: ungdomssak {following.number}"
    )
    english = sent_to(member, "youth_follow_up_due_today")[0]
    assert english.subject == f"Follow-up due today: youth case {following.number}"
    assert "Open it in SLT" in english.body
    _no_personal_data(english, following)
    notice = Notification.objects.get(recipient=member, kind="youth_follow_up_due_today")
    assert (notice.reference, notice.url) == (following.number, following.get_absolute_url())


def test_follow_up_overdue_once_a_day_for_at_most_fourteen_days(following, youth_coordinator, run_pass):
    _follow_up_due(following, MONDAY.date() - timedelta(days=1))
    for day in range(20):
        moment = oslo(MONDAY, 7, 1) + timedelta(days=day)
        run_pass(moment, since=moment - timedelta(minutes=10))
        run_pass(moment + timedelta(minutes=5))  # a second pass the same morning adds nothing
    overdue = sent_to(youth_coordinator, "youth_follow_up_overdue")
    assert len(overdue) == 14
    assert overdue[0].subject == f"Forfalt oppfølging: ungdomssak {following.number}"
    slots = sorted(deliveries("youth_follow_up_overdue", recipient=youth_coordinator).values_list("slot", flat=True))
    assert slots[0] == "2036-03-03" and slots[-1] == "2036-03-16"


def test_a_held_follow_up_moves_the_deadline_and_the_old_reminder_is_skipped(following, youth_coordinator):
    _follow_up_due(following, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    _follow_up_due(following, MONDAY.date() + timedelta(days=31))
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    assert set(deliveries().filter(kind__startswith="youth").values_list("state", "skip_reason")) == {
        (State.SKIPPED, "not_due")
    }
    assert mail.outbox == []


def test_plan_due_in_three_days_to_the_coordinator(youth_coordinator, outsiders, run_pass):
    case = case_in(CaseState.DECIDED, youth_coordinator)
    YouthCase.objects.filter(pk=case.pk).update(plan_due=MONDAY.date() + timedelta(days=3))
    run_pass(oslo(MONDAY, 7, 1))
    [message] = sent_to(youth_coordinator, "youth_plan_due")
    assert message.subject == f"Ungdomsplan om tre dager: ungdomssak {case.number}"
    assert f"Ungdomsplanen i ungdomssak {case.number} har frist 06.03.2036." in message.body
    _no_personal_data(message, case)
    assert set(deliveries("youth_plan_due").values_list("recipient_id", flat=True)) == {youth_coordinator.pk}


def test_period_ending_in_thirty_days(following, youth_coordinator, member, run_pass):
    YouthPlan.objects.filter(case=following).update(period_end=MONDAY.date() + timedelta(days=30))
    run_pass(oslo(MONDAY, 7, 1))
    [message] = sent_to(youth_coordinator, "youth_period_ending")
    assert message.subject == f"Oppfølgingsperioden slutter om 30 dager: ungdomssak {following.number}"
    assert f"Oppfølgingsperioden i ungdomssak {following.number} slutter 02.04.2036." in message.body
    assert sent_to(member, "youth_period_ending")[0].subject == (
        f"Follow-up period ends in 30 days: youth case {following.number}"
    )
    _no_personal_data(message, following)


def test_a_team_member_removed_before_sending_is_skipped(following, youth_coordinator, member):
    _follow_up_due(following, MONDAY.date())
    dispatcher.dispatch(now=oslo(MONDAY, 7, 1))
    services.team_member_remove(
        actor=youth_coordinator, case=following, member=TeamMember.objects.get(case=following, user=member)
    )
    dispatcher.deliver(now=oslo(MONDAY, 7, 2))
    row = deliveries(recipient=member).get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "not_visible")
    assert sent_to(member) == [] and not Notification.objects.filter(recipient=member).exists()
    assert deliveries(recipient=youth_coordinator).get().state == State.SENT
    assert [m.to for m in mail.outbox] == [[youth_coordinator.email]]


def test_a_removed_member_gets_no_new_reminders(following, youth_coordinator, member, run_pass):
    services.team_member_remove(
        actor=youth_coordinator, case=following, member=TeamMember.objects.get(case=following, user=member)
    )
    _follow_up_due(following, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 1))
    assert set(deliveries().values_list("recipient_id", flat=True)) == {youth_coordinator.pk}


def test_a_closed_case_gets_no_reminders(following, youth_coordinator, run_pass):
    _follow_up_due(following, MONDAY.date())
    services.case_end(
        actor=youth_coordinator, case=following, outcome=CaseState.COMPLETED, ended_on=timezone.localdate()
    )
    run_pass(oslo(MONDAY, 7, 1))
    assert not deliveries().filter(kind__startswith="youth").exists()


def test_the_kinds_can_be_turned_off_and_are_listed_only_for_case_readers(
    following, youth_coordinator, member, outsiders, run_pass
):
    for kind in KINDS:
        assert kind in {source.key for source in preference_kinds(youth_coordinator)}
        assert kind in {source.key for source in preference_kinds(member)}
        for outsider in outsiders:
            assert kind not in {source.key for source in preference_kinds(outsider)}
    NotificationPreference.objects.create(user=member, kind="youth_follow_up_due_today", by_email=False, in_app=False)
    _follow_up_due(following, MONDAY.date())
    run_pass(oslo(MONDAY, 7, 1))
    assert deliveries(recipient=member).get().skip_reason == "opted_out"
    assert sent_to(member) == [] and len(sent_to(youth_coordinator)) == 1


def test_the_calendar_feed_shows_the_deadlines_to_case_readers_only(following, youth_coordinator, member, outsiders):
    today = timezone.localdate()
    _follow_up_due(following, today + timedelta(days=4))
    YouthPlan.objects.filter(case=following).update(period_end=today + timedelta(days=90))
    follow_up = f"slt-youth-next-follow-up-due-{following.pk}@127.0.0.1"
    period = f"slt-youth-period-end-{following.pk}@127.0.0.1"
    for reader in (youth_coordinator, member):
        response = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=reader)]))
        events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
        assert events[follow_up]["DTSTART"].dt == today + timedelta(days=4)
        assert events[period]["DTSTART"].dt == today + timedelta(days=90)
        assert following.number in str(events[follow_up]["SUMMARY"])
        assert YOUTH_GIVEN not in response.content.decode() and YOUTH_FAMILY not in response.content.decode()
    nb = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=youth_coordinator)]))
    assert f"Oppfølging innen: ungdomssak {following.number}" in nb.content.decode()
    for outsider in outsiders:
        response = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=outsider)]))
        assert b"slt-youth-" not in response.content


def test_the_plan_meeting_is_in_the_calendar_feed_of_its_invitees_only(youth_coordinator, member, outsiders):
    case = case_in(CaseState.DECIDED, youth_coordinator)
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    meeting = services.plan_meeting_save(
        actor=youth_coordinator,
        case=case,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Konfliktrådet",
        participants=[member],
    )
    uid = f"slt-youth-plan-meeting-{meeting.pk}@127.0.0.1"

    response = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=member)]))
    events = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert events[uid]["DTSTART"].dt == starts
    assert str(events[uid]["SUMMARY"]) == f"Youth plan meeting: youth case {case.number}"  # the member reads English
    assert YOUTH_GIVEN not in response.content.decode() and YOUTH_FAMILY not in response.content.decode()

    not_invited = [youth_coordinator, *outsiders]  # the youth coordinator may read the case but was not invited
    for user in not_invited:
        feed = Client().get(reverse("notifications:calendar_feed", args=[calendar_token_renew(actor=user)]))
        assert uid.encode() not in feed.content
