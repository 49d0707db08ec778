"""CSV exports, written by `csv_response` (UTF-8 with BOM, `;`, no spreadsheet formulas)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from slt.core.spreadsheet import csv_response


def action_items_csv(filename, items, request):
    header = [
        _("Number"),
        _("Title"),
        _("Responsible agency"),
        _("Deadline"),
        _("Status"),
        _("Overdue"),
        _("Reason"),
        _("Source"),
        _("Meeting"),
        _("Concern"),
        _("Completed"),
        _("Link"),
    ]
    rows = (
        [
            item.pk,
            item.title,
            item.responsible_agency.name,
            item.due_date.isoformat(),
            item.get_status_display(),
            _("yes") if item.is_overdue else _("no"),
            item.status_reason,
            item.get_source_display(),
            item.meeting.title if item.meeting and item.shows_meeting else "",
            item.concern.reference if item.concern and item.shows_concern else "",
            timezone.localtime(item.completed_at).strftime("%Y-%m-%d %H:%M") if item.completed_at else "",
            request.build_absolute_uri(item.get_absolute_url()),
        ]
        for item in items.iterator(chunk_size=2000)
    )
    return csv_response(filename, header, rows)
