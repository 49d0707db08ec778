"""An iCalendar (RFC 5545) file for a meeting: one VEVENT, no personal data (slt.core.ical builds it)."""

from slt.core.ical import event_file


def meeting_calendar(meeting, request) -> str:
    agenda = "\n".join(f"{item.position}. {item.title}" for item in meeting.agenda.all())
    url = request.build_absolute_uri(meeting.get_absolute_url())
    description = f"{meeting.forum.name}\n\n{agenda}\n\n{url}" if agenda else f"{meeting.forum.name}\n\n{url}"
    return event_file(
        uid=f"slt-meeting-{meeting.pk}@{request.get_host().split(':')[0]}",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=meeting.title,
        location=meeting.location,
        description=description,
        url=url,
        last_modified=meeting.updated_at,
    )
