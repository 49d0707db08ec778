"""The youth plan meeting as an iCalendar (RFC 5545) file: the case number, never the youth's name."""

from django.utils.translation import gettext as _

from slt.core.ical import event_file

PRODID = "-//SLT//Ungdomsoppfolging//NB"


def plan_meeting_calendar(case, meeting, request) -> str:
    url = request.build_absolute_uri(case.get_absolute_url())
    host = request.get_host().split(":")[0]
    summary = _("Youth plan meeting %(number)s") % {"number": case.number}
    return event_file(
        uid=f"slt-youth-plan-meeting-{meeting.pk}@{host}",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=summary,
        location=meeting.place,
        description=url,
        url=url,
        last_modified=meeting.updated_at,
        classification="CONFIDENTIAL",
        prodid=PRODID,
    )
