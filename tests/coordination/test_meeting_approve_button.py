"""'Approve minutes' is offered once the meeting has started and has minutes or a decision to approve."""

from datetime import timedelta

import pytest
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
