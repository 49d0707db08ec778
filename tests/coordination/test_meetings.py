"""A meeting from agenda to minutes to decisions and action items; iCalendar; printable minutes."""

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Meeting
from slt.audit.models import AuditEvent

from .factories import AgendaItemFactory, ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_coordinator_plans_a_meeting_and_the_forum_is_invited(client_for, coordinator, police, agency_member):
    forum = ForumFactory(members=[police, agency_member])
    start = timezone.now() + timedelta(days=5)
    response = client_for(coordinator).post(
        reverse("coordination:meeting_create"),
        {
            "forum": forum.pk,
            "title": "Koordineringsgruppen",
            "starts_at": _local(start),
            "ends_at": _local(start + timedelta(hours=2)),
            "location": "Rådhuset",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert set(meeting.invitees.all()) == {police, agency_member}
    assert meeting.created_by == coordinator


def test_a_meeting_that_ends_before_it_starts_is_refused(client_for, coordinator):
    forum = ForumFactory()
    start = timezone.now() + timedelta(days=5)
    response = client_for(coordinator).post(
        reverse("coordination:meeting_create"),
        {
            "forum": forum.pk,
            "title": "Baklengs",
            "starts_at": _local(start),
            "ends_at": _local(start - timedelta(hours=1)),
        },
    )
    assert response.status_code == 200
    assert "Møtet må slutte etter at det starter." in response.text
    assert not Meeting.objects.exists()


def test_agenda_minutes_decision_and_action_item(client_for, coordinator, school):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(hours=1))
    client = client_for(coordinator)

    client.post(reverse("coordination:agenda_item_add", args=[meeting.pk]), {"title": "Rus i helgene"})
    item = meeting.agenda.get()
    client.post(
        reverse("coordination:agenda_item_edit", args=[meeting.pk, item.pk]),
        {
            f"item-{item.pk}-title": "Rus i helgene",
            f"item-{item.pk}-minutes": "Mer alkohol på fester.",
            f"item-{item.pk}-decision": "Foreldremøte på Lura.",
        },
    )
    due = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("coordination:agenda_item_action", args=[meeting.pk, item.pk]),
        {"title": "Foreldremøte om rus", "responsible_agency": school.pk, "due_date": due.isoformat()},
    )
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert (action.meeting, action.agenda_item, action.source) == (meeting, item, "meeting")

    client.post(reverse("coordination:meeting_attendance", args=[meeting.pk]), {"agencies": [school.pk]})
    client.post(reverse("coordination:meeting_approve", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.minutes_approved_by == coordinator
    assert list(meeting.attending_agencies.all()) == [school]

    minutes = client.get(reverse("coordination:meeting_minutes", args=[meeting.pk]))
    assert "Foreldremøte på Lura." in minutes.text
    assert "Foreldremøte om rus" in minutes.text
    assert "Godkjent" in minutes.text

    # Approved minutes are locked.
    response = client.post(
        reverse("coordination:agenda_item_edit", args=[meeting.pk, item.pk]),
        {f"item-{item.pk}-title": "Endret", f"item-{item.pk}-minutes": "", f"item-{item.pk}-decision": ""},
    )
    item.refresh_from_db()
    assert item.title == "Rus i helgene"
    assert "Referatet er godkjent og kan ikke lenger endres." in response.text


def test_an_action_item_needs_a_decision_first(client_for, coordinator, school):
    item = AgendaItemFactory(decision="")
    response = client_for(coordinator).post(
        reverse("coordination:agenda_item_action", args=[item.meeting.pk, item.pk]),
        {"title": "Tiltak", "responsible_agency": school.pk, "due_date": "2030-01-01"},
    )
    assert "Skriv vedtaket før du fordeler tiltak." in response.text
    assert not ActionItem.objects.exists()


def test_minutes_of_a_future_meeting_cannot_be_approved(client_for, coordinator):
    meeting = MeetingFactory()
    client_for(coordinator).post(reverse("coordination:meeting_approve", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at is None


def test_attendance_of_someone_not_invited_is_refused(client_for, coordinator, police, agency_member):
    meeting = MeetingFactory(invitees=[police])
    client_for(coordinator).post(
        reverse("coordination:meeting_attendance", args=[meeting.pk]), {"attendees": [agency_member.pk]}
    )
    assert not meeting.attendees.exists()


def test_the_meeting_as_an_icalendar_file(client_for, coordinator):
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    meeting = MeetingFactory(title="SLT; møte, nr. 3", starts_at=start, location="Rådhuset, sal 2")
    AgendaItemFactory(meeting=meeting, position=1, title="Rus")

    response = client_for(coordinator).get(reverse("coordination:meeting_ics", args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert f"UID:slt-meeting-{meeting.pk}@" in body
    assert f"DTSTART:{start.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}" in body
    assert "SUMMARY:SLT\\; møte\\, nr. 3" in body
    assert "LOCATION:Rådhuset\\, sal 2" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert AuditEvent.objects.filter(action="export", object_type="coordination.meeting").count() == 1


def test_the_forum_page_and_form(client_for, coordinator, police, school):
    response = client_for(coordinator).post(
        reverse("coordination:forum_create"),
        {
            "name": "Politirådet",
            "kind": "police_council",
            "mandate": "Trygghet i Sandnes.",
            "member_agencies": [school.pk, police.agency.pk],
            "members": [police.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    page = client_for(police).get(response.url)
    assert "Trygghet i Sandnes." in page.text and school.name in page.text
