"""Every calendar file is built with `icalendar`: a carriage return, a line break or ";,\\" in a title or
place stays inside its value and cannot add a property or an event. Each file is parsed back."""

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from slt.core.registry import CalendarEvent
from slt.notifications.ical import feed, invitation
from tests.coordination.factories import ForumFactory, MeetingFactory
from tests.youthfollowup.factories import case_in
from youthfollowup.models import PlanMeeting

pytestmark = pytest.mark.django_db

NASTY = [
    "Møte\rBEGIN:VEVENT\rSUMMARY:Falsk",
    "Møte\nATTENDEE:mailto:x@example.com",
    "Møte\r\nX-INJECTED:1",
    "Semi;kolon, komma og \\ skråstrek",
]


def _events(body) -> list:
    calendar = Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


def _normalised(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _no_injected_property(event):
    assert "ATTENDEE" not in event and "X-INJECTED" not in event


@pytest.mark.parametrize("title", NASTY)
def test_the_meeting_download_keeps_title_and_place_in_their_values(client_for, coordinator, title):
    meeting = MeetingFactory(title=title, location=title)
    response = client_for(coordinator).get(reverse("coordination:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "\r" not in body.replace("\r\n", "")  # no lone carriage return left in the file
    (event,) = _events(response.content)
    assert str(event["SUMMARY"]) == _normalised(title)
    assert str(event["LOCATION"]) == _normalised(title)
    assert event["DTSTART"].dt == meeting.starts_at.replace(microsecond=0)
    _no_injected_property(event)


@pytest.mark.parametrize("place", NASTY)
def test_the_youth_plan_meeting_download_keeps_the_place_in_its_value(client_for, youth_coordinator, place):
    case = case_in("plan_meeting_planned", youth_coordinator)
    PlanMeeting.objects.filter(case=case).update(place=place)
    response = client_for(youth_coordinator).get(reverse("youthfollowup:plan_meeting_ical", args=[case.pk]))
    assert response.status_code == 200
    (event,) = _events(response.content)
    assert str(event["LOCATION"]) == _normalised(place)
    assert str(event["CLASS"]) == "CONFIDENTIAL"
    _no_injected_property(event)


@pytest.mark.parametrize("title", NASTY)
def test_invitations_and_the_feed_keep_the_title_in_its_value(title):
    now = timezone.now()
    item = CalendarEvent(uid="slt-meeting-1@x", title=title, start=now, end=now, url="/moter/1/")
    (event,) = _events(invitation(item, attendee_email="a@example.com"))
    assert str(event["SUMMARY"]) == _normalised(title)
    assert "X-INJECTED" not in event
    (event,) = _events(feed([item], name="SLT"))
    assert str(event["SUMMARY"]) == _normalised(title)
    _no_injected_property(event)


def test_a_forum_name_with_line_breaks_stays_in_the_feed_title(client_for, agency_member):
    from slt.notifications.services import calendar_token_renew

    forum = ForumFactory(name="Forum\rBEGIN:VEVENT", members=[agency_member])
    MeetingFactory(forum=forum, starts_at=timezone.now() + timezone.timedelta(days=2))
    secret = calendar_token_renew(actor=agency_member)
    response = client_for(agency_member).get(reverse("notifications:calendar_feed", args=[secret]))
    events = _events(response.content)
    assert len(events) == 1
    assert "Forum\nBEGIN:VEVENT" in str(events[0]["SUMMARY"])
