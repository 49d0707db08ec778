"""CSV exports. Cells that a spreadsheet would run as a formula are quoted."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_action_items_csv(response, items, request) -> int:
    response.write("\ufeff")  # Excel reads UTF-8 with the byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
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
    )
    count = 0
    for item in items.iterator(chunk_size=2000):
        writer.writerow(
            [
                item.pk,
                _cell(item.title),
                _cell(item.responsible_agency.name),
                item.due_date.isoformat(),
                item.get_status_display(),
                _("yes") if item.is_overdue else _("no"),
                _cell(item.status_reason),
                item.get_source_display(),
                _cell(item.meeting.title) if item.meeting else "",
                item.concern.reference if item.concern else "",
                timezone.localtime(item.completed_at).strftime("%Y-%m-%d %H:%M") if item.completed_at else "",
                request.build_absolute_uri(item.get_absolute_url()),
            ]
        )
        count += 1
    return count
