"""iCalendar (RFC 5545 / 5546) written with the `icalendar` library: meeting invitations sent by e-mail
and the personal calendar feed. Titles carry references, never personal data."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from slt.core.registry import CalendarEvent

from .mail import absolute

PRODID = "-//SLT//Samordning//NB"


def _calendar(method: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _event(item: CalendarEvent) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", timezone.now())
    if isinstance(item.start, datetime):
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
    else:
        event.add("dtstart", item.start)  # a whole day (a deadline)
        if isinstance(item.end, date):
            event.add("dtend", item.end)
    event.add("summary", item.title)
    event.add("url", absolute(item.url))
    event.add("description", absolute(item.url))
    event.add("sequence", item.sequence)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    return event


def invitation(item: CalendarEvent, *, attendee_email: str) -> str:
    """One event as an iTIP message: REQUEST for a planned or moved meeting, CANCEL for a cancelled one.
    The UID stays the same and the SEQUENCE is raised on each change, so calendars replace the event."""
    calendar = _calendar("CANCEL" if item.cancelled else "REQUEST")
    event = _event(item)
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = vText("SLT")
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def feed(events, *, name: str) -> bytes:
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")
    for item in events:
        calendar.add_component(_event(item))
    return calendar.to_ical()


def _address(from_email: str) -> str:
    if "<" in from_email:
        return from_email.split("<", 1)[1].rstrip(">").strip()
    return from_email.strip()
