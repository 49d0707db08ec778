"""Meetings: invitation (planned, moved), cancellation, the day before, two hours before, minutes approved."""

from datetime import timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from coordination.models import Meeting
from coordination.services import meeting_cancel, meeting_save
from slt.notifications.models import ReminderDelivery
from tests.coordination.factories import ForumFactory, MeetingFactory
from tests.factories import UserFactory

from .conftest import deliveries, sent_to

pytestmark = pytest.mark.django_db
State = ReminderDelivery.State


@pytest.fixture
def invitee():
    return UserFactory(username="invitert", email="invitert@sandnes.example")


@pytest.fixture
def meeting(now, invitee):
    meeting = MeetingFactory(starts_at=now + timedelta(days=3), invitees=[invitee])
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=now - timedelta(minutes=3))
    return meeting


def _calendar(message):
    name, content, mimetype = message.attachments[0]
    assert name == "invite.ics"
    return Calendar.from_ical(content), mimetype


def test_a_planned_meeting_sends_one_invitation_with_a_calendar_request(meeting, invitee, now, run_pass):
    run_pass(now)
    [message] = sent_to(invitee, "meeting_invitation")
    assert message.subject == f"Invitasjon: møte M-{meeting.pk}"
    calendar, mimetype = _calendar(message)
    assert "method=REQUEST" in mimetype
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"slt-meeting-{meeting.pk}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].dt == meeting.starts_at
    assert meeting.title not in message.body and meeting.title not in str(event["SUMMARY"])
    # the next pass (overlapping window) sends nothing again
    mail.outbox.clear()
    run_pass(now + timedelta(minutes=5))
    assert sent_to(invitee) == []


def test_moving_the_meeting_raises_the_sequence_and_sends_the_new_version(meeting, invitee, coordinator, now, run_pass):
    run_pass(now)
    meeting.starts_at += timedelta(hours=1)
    meeting.ends_at += timedelta(hours=1)
    meeting_save(actor=coordinator, meeting=meeting, invitees=[invitee])
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=now + timedelta(minutes=4))
    mail.outbox.clear()
    run_pass(now + timedelta(minutes=5))
    [message] = sent_to(invitee, "meeting_invitation")
    [event] = _calendar(message)[0].walk("VEVENT")
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == f"slt-meeting-{meeting.pk}@127.0.0.1"


def test_saving_without_moving_keeps_the_sequence_and_sends_nothing_new(meeting, invitee, coordinator, now, run_pass):
    run_pass(now)
    meeting.title = "Nytt navn"
    meeting_save(actor=coordinator, meeting=meeting, invitees=[invitee])
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=now + timedelta(minutes=4))
    mail.outbox.clear()
    run_pass(now + timedelta(minutes=5))
    assert sent_to(invitee) == []


def test_an_invitation_superseded_before_it_was_sent_is_skipped(meeting, invitee, now):
    from slt.notifications import dispatcher

    dispatcher.dispatch(now=now)
    Meeting.objects.filter(pk=meeting.pk).update(sequence=1)
    dispatcher.deliver(now=now)
    row = deliveries("meeting_invitation", recipient=invitee).get()
    assert (row.state, row.skip_reason) == (State.SKIPPED, "not_due")
    assert mail.outbox == []


def test_cancelling_sends_a_calendar_cancel_to_every_invitee(meeting, invitee, coordinator, now, run_pass):
    run_pass(now)
    meeting_cancel(actor=coordinator, meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(cancelled_at=now + timedelta(minutes=2))
    mail.outbox.clear()
    run_pass(now + timedelta(minutes=5))
    [message] = sent_to(invitee, "meeting_cancelled")
    assert message.subject == f"Avlyst: møte M-{meeting.pk}"
    calendar, mimetype = _calendar(message)
    assert calendar["METHOD"] == "CANCEL" and "method=CANCEL" in mimetype
    [event] = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    # and no more reminders for it
    mail.outbox.clear()
    run_pass(meeting.starts_at - timedelta(hours=2))
    assert sent_to(invitee) == []


def test_the_day_before_and_two_hours_before(meeting, invitee, now, run_pass):
    starts = meeting.starts_at
    run_pass(now)  # the invitation
    mail.outbox.clear()
    run_pass(starts - timedelta(days=1, minutes=5))
    assert sent_to(invitee, "meeting_reminder_day") == []
    run_pass(starts - timedelta(days=1) + timedelta(minutes=1))
    [day_before] = sent_to(invitee, "meeting_reminder_day")
    assert day_before.subject == f"Påminnelse: møte M-{meeting.pk} i morgen"
    assert "06.03.2036 09:00" in day_before.body  # when, in Oslo time
    run_pass(starts - timedelta(hours=2, minutes=5))
    assert sent_to(invitee, "meeting_reminder_soon") == []
    run_pass(starts - timedelta(hours=2) + timedelta(minutes=3))
    assert len(sent_to(invitee, "meeting_reminder_soon")) == 1
    run_pass(starts - timedelta(hours=1))
    assert len(sent_to(invitee, "meeting_reminder_day")) == len(sent_to(invitee, "meeting_reminder_soon")) == 1


def test_a_moved_meeting_is_reminded_at_its_new_time_only(meeting, invitee, now, run_pass):
    from slt.notifications import dispatcher

    old_start = meeting.starts_at
    dispatcher.dispatch(now=old_start - timedelta(days=1) + timedelta(minutes=1))  # row made, not yet sent
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=old_start + timedelta(days=1), ends_at=old_start + timedelta(days=1, hours=2)
    )
    dispatcher.deliver(now=old_start - timedelta(days=1) + timedelta(minutes=2))
    assert deliveries("meeting_reminder_day").get().skip_reason == "not_due"
    run_pass(old_start + timedelta(minutes=1), since=old_start - timedelta(minutes=5))
    assert deliveries("meeting_reminder_day", state=State.SENT).count() == 1


def test_minutes_approved_go_to_invitees_and_forum_members_but_not_the_approver(invitee, coordinator, now, run_pass):
    member = UserFactory(username="medlem")
    forum = ForumFactory(members=[member, coordinator])
    meeting = MeetingFactory(forum=forum, starts_at=now - timedelta(days=2), invitees=[invitee, coordinator])
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_approved_at=now - timedelta(minutes=1), minutes_approved_by=coordinator
    )
    run_pass(now)
    recipients = set(deliveries("minutes_approved").values_list("recipient__username", flat=True))
    assert recipients == {"invitert", "medlem"}
    assert sent_to(member, "minutes_approved")[0].subject == f"Referat godkjent: møte M-{meeting.pk}"


def test_a_forum_member_who_is_not_invited_gets_no_invitation(now, invitee, run_pass):
    member = UserFactory(username="medlem")
    meeting = MeetingFactory(
        forum=ForumFactory(members=[member]), starts_at=now + timedelta(days=3), invitees=[invitee]
    )
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=now - timedelta(minutes=1))
    run_pass(now)
    assert set(deliveries("meeting_invitation").values_list("recipient__username", flat=True)) == {"invitert"}


def test_the_cancel_view_is_for_coordinators_only(client_for, meeting, invitee, coordinator):
    from django.urls import reverse

    url = reverse("coordination:meeting_cancel", args=[meeting.pk])
    assert client_for(invitee).post(url).status_code == 403
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None and meeting.sequence == 0
    outsider = UserFactory(username="utenfor")
    assert client_for(outsider).post(url).status_code == 404
    response = client_for(coordinator).post(url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None and meeting.sequence == 1
    detail = client_for(coordinator).get(meeting.get_absolute_url())
    assert "Avlyst" in detail.text and url not in detail.text


def test_a_cancelled_or_started_meeting_cannot_be_cancelled_or_changed(meeting, coordinator, invitee):
    from django.core.exceptions import ValidationError

    meeting_cancel(actor=coordinator, meeting=meeting)
    with pytest.raises(ValidationError):
        meeting_cancel(actor=coordinator, meeting=meeting)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        meeting_save(actor=coordinator, meeting=meeting, invitees=[invitee])
    started = MeetingFactory(starts_at=meeting.starts_at.replace(year=2020))
    with pytest.raises(ValidationError):
        meeting_cancel(actor=coordinator, meeting=started)
    started.refresh_from_db()
    assert started.cancelled_at is None
