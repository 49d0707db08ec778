"""The youth plan meeting as an iCalendar (RFC 5545) file: the case number, never the youth's name."""

from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _

PRODID = "-//SLT//Ungdomsoppfolging//NB"


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
    if len(line.encode("utf-8")) <= 75:
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


def plan_meeting_calendar(case, meeting, request) -> str:
    url = request.build_absolute_uri(case.get_absolute_url())
    host = request.get_host().split(":")[0]
    summary = _("Youth plan meeting %(number)s") % {"number": case.number}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:slt-youth-plan-meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(meeting.place)}",
        f"DESCRIPTION:{_escape(url)}",
        f"URL:{url}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        "CLASS:CONFIDENTIAL",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
