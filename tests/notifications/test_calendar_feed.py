"""The personal calendar feed: parsed with `icalendar`, obeying the access matrix at fetch time."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coordination.models import Meeting
from slt.accounts.models import User
from slt.notifications.services import calendar_token_renew
from tests.coordination.factories import ActionItemFactory, ForumFactory, MeetingFactory
from tests.factories import UserFactory
from tests.walks.factories import SafetyWalkFactory

pytestmark = pytest.mark.django_db


def _feed(user):
    secret = calendar_token_renew(actor=user)
    return reverse("notifications:calendar_feed", args=[secret])


def _events(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_my_meetings_walks_and_deadlines_and_nothing_else(agency_member, police):
    soon = timezone.now() + timedelta(days=3)
    invited = MeetingFactory(starts_at=soon, invitees=[agency_member], title="Ola Nordmann og familien")
    member = MeetingFactory(forum=ForumFactory(members=[agency_member]), starts_at=soon)
    hidden = MeetingFactory(starts_at=soon, invitees=[police])
    deadline = ActionItemFactory(responsible_agency=agency_member.agency, title="Snakke med Ola")
    other_deadline = ActionItemFactory(responsible_agency=police.agency)
    walk = SafetyWalkFactory()
    walk.invited_agencies.set([agency_member.agency])
    other_walk = SafetyWalkFactory()

    events = _events(_feed(agency_member))
    assert f"slt-meeting-{invited.pk}@127.0.0.1" in events
    assert f"slt-meeting-{member.pk}@127.0.0.1" in events
    assert f"slt-meeting-{hidden.pk}@127.0.0.1" not in events
    assert f"slt-action-item-{deadline.pk}@127.0.0.1" in events
    assert f"slt-action-item-{other_deadline.pk}@127.0.0.1" not in events
    assert f"slt-walk-{walk.pk}@127.0.0.1" in events
    assert f"slt-walk-{other_walk.pk}@127.0.0.1" not in events
    meeting_event = events[f"slt-meeting-{invited.pk}@127.0.0.1"]
    assert str(meeting_event["SUMMARY"]) == f"SLT-møte M-{invited.pk} ({invited.forum.name})"
    assert meeting_event["DTSTART"].dt == invited.starts_at.replace(microsecond=0)
    titles = " ".join(str(event["SUMMARY"]) for event in events.values())
    assert "Ola" not in titles
    assert events[f"slt-action-item-{deadline.pk}@127.0.0.1"]["DTSTART"].dt == deadline.due_date


def test_the_feed_follows_the_policy_at_fetch_time(agency_member):
    meeting = MeetingFactory(starts_at=timezone.now() + timedelta(days=3), invitees=[agency_member])
    url = _feed(agency_member)
    assert f"slt-meeting-{meeting.pk}@127.0.0.1" in _events(url)
    meeting.invitees.clear()
    assert _events(url) == {}


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled_with_a_raised_sequence(agency_member):
    meeting = MeetingFactory(starts_at=timezone.now() + timedelta(days=3), invitees=[agency_member])
    Meeting.objects.filter(pk=meeting.pk).update(cancelled_at=timezone.now(), sequence=2)
    event = _events(_feed(agency_member))[f"slt-meeting-{meeting.pk}@127.0.0.1"]
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 2


def test_the_feed_speaks_the_owners_language(agency_member):
    User.objects.filter(pk=agency_member.pk).update(preferred_language="en")
    agency_member.refresh_from_db()
    meeting = MeetingFactory(starts_at=timezone.now() + timedelta(days=3), invitees=[agency_member])
    event = _events(_feed(agency_member))[f"slt-meeting-{meeting.pk}@127.0.0.1"]
    assert str(event["SUMMARY"]).startswith(f"SLT meeting M-{meeting.pk}")


def test_an_unknown_revoked_or_deactivated_token_answers_404(agency_member):
    assert Client().get(reverse("notifications:calendar_feed", args=["ukjent"])).status_code == 404
    url = _feed(agency_member)
    User.objects.filter(pk=agency_member.pk).update(is_active=False)
    assert Client().get(url).status_code == 404


def test_the_feed_needs_no_sign_in_and_is_not_cached(agency_member):
    response = Client().get(_feed(agency_member))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_steering_group_gets_its_forums_meetings_but_no_deadlines(steering):
    forum = ForumFactory(members=[steering])
    meeting = MeetingFactory(forum=forum, starts_at=timezone.now() + timedelta(days=3))
    ActionItemFactory(responsible_agency=steering.agency)
    events = _events(_feed(steering))
    assert list(events) == [f"slt-meeting-{meeting.pk}@127.0.0.1"]


def test_an_admin_without_case_data_gets_an_empty_feed(admin):
    MeetingFactory(starts_at=timezone.now() + timedelta(days=3))
    assert _events(_feed(admin)) == {}
    assert UserFactory  # the factories module is shared with the other tests
