"""One downloadable calendar event (RFC 5545), built with the `icalendar` library: it escapes and folds
every text value (a carriage return, a line break, ";", "," or "\\" in a title or place cannot start a new
property or event)."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//SLT//Samordning//NB"


def event_file(
    *, uid, starts_at, ends_at, summary, location, description, url, last_modified, classification="", prodid=PRODID
) -> str:
    """Times are written in UTC ("...Z"), which every calendar reads without a VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", ends_at.astimezone(UTC))
    event.add("summary", str(summary))
    if location:
        event.add("location", str(location))
    event.add("description", str(description))
    event.add("url", url)
    event.add("last-modified", last_modified.astimezone(UTC))
    if classification:
        event.add("class", classification)
    calendar.add_component(event)
    return calendar.to_ical().decode()
