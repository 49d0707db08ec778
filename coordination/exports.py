"""CSV exports. Text cells go through `csv_cell`, so that a spreadsheet never runs one as a formula."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

from slt.core.spreadsheet import csv_cell


def write_action_items_csv(response, items, request) -> None:
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
    for item in items.iterator(chunk_size=2000):
        writer.writerow(
            [
                item.pk,
                csv_cell(item.title),
                csv_cell(item.responsible_agency.name),
                item.due_date.isoformat(),
                item.get_status_display(),
                _("yes") if item.is_overdue else _("no"),
                csv_cell(item.status_reason),
                item.get_source_display(),
                csv_cell(item.meeting.title) if item.meeting and item.shows_meeting else "",
                item.concern.reference if item.concern and item.shows_concern else "",
                timezone.localtime(item.completed_at).strftime("%Y-%m-%d %H:%M") if item.completed_at else "",
                request.build_absolute_uri(item.get_absolute_url()),
            ]
        )
