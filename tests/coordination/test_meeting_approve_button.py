"""'Approve minutes' is offered once the meeting has started and has minutes or a decision to approve."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import AgendaItem
from tests.coordination.factories import MeetingFactory

pytestmark = pytest.mark.django_db
BUTTON = "Godkjenn referat"


def _meeting(*, started, minutes):
    offset = -timedelta(hours=1) if started else timedelta(days=2)
    meeting = MeetingFactory(starts_at=timezone.now() + offset, ends_at=timezone.now() + offset + timedelta(hours=2))
    AgendaItem.objects.create(
        meeting=meeting, title="Rus i helgene", minutes="Mer alkohol på fester." if minutes else ""
    )
    return meeting


@pytest.mark.parametrize(
    ("started", "minutes", "offered"), [(True, True, True), (True, False, False), (False, True, False)]
)
def test_the_button_waits_for_the_meeting_and_its_minutes(client_for, coordinator, started, minutes, offered):
    meeting = _meeting(started=started, minutes=minutes)
    page = client_for(coordinator).get(meeting.get_absolute_url()).text
    assert (BUTTON in page) is offered


def test_approved_minutes_are_not_offered_again(client_for, coordinator):
    meeting = _meeting(started=True, minutes=True)
    meeting.minutes_approved_at = timezone.now()
    meeting.save(update_fields=["minutes_approved_at"])
    assert BUTTON not in client_for(coordinator).get(meeting.get_absolute_url()).text


def test_printed_minutes_mark_a_draft_in_the_title_and_approved_minutes_not(client_for, coordinator):
    meeting = _meeting(started=True, minutes=True)
    url = reverse("coordination:meeting_minutes", args=[meeting.pk])
    draft = client_for(coordinator).get(url).text
    heading = draft.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Utkast – ikke godkjent" in heading and draft.count("Utkast – ikke godkjent") == 1

    meeting.minutes_approved_at, meeting.minutes_approved_by = timezone.now(), coordinator
    meeting.save(update_fields=["minutes_approved_at", "minutes_approved_by"])
    approved = client_for(coordinator).get(url).text
    assert "Utkast" not in approved and "Godkjent" in approved
