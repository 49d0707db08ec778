"""An iCalendar (RFC 5545) file for a meeting, written by hand: one VEVENT, no personal data."""

from datetime import UTC

from django.utils import timezone

PRODID = "-//SLT//Samordning//NB"


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_calendar(meeting, request) -> str:
    agenda = "\n".join(f"{item.position}. {item.title}" for item in meeting.agenda.all())
    url = request.build_absolute_uri(meeting.get_absolute_url())
    description = f"{meeting.forum.name}\n\n{agenda}\n\n{url}" if agenda else f"{meeting.forum.name}\n\n{url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:slt-meeting-{meeting.pk}@{request.get_host().split(':')[0]}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{_escape(meeting.title)}",
        f"LOCATION:{_escape(meeting.location)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{url}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
