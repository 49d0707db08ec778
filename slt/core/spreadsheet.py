"""CSV files that people open in a spreadsheet: one way to write them, so that every export opens right in Excel
(UTF-8 with the byte order mark, `;` between cells, headers in the reader's language) and never runs a formula."""

import csv
import io
import numbers
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"


def csv_cell(value) -> str:
    """Text for one cell. A leading = + - @ (or tab, carriage return) would make a spreadsheet run the cell
    as a formula (CSV injection): such a cell is quoted with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value):
    """Numbers stay numbers (a negative longitude is no formula); text and anything else goes through `csv_cell`."""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return value
    return csv_cell(value)


def csv_text(rows: Iterable[Iterable]) -> str:
    """The rows as CSV text: the byte order mark first (Excel reads UTF-8 only with it), `;` between cells,
    every text cell through `csv_cell`. For a file with more than one table (e.g. a title line above the header)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A download of `rows` under `header` (already translated, e.g. with gettext) as `filename`.

    UTF-8 with the byte order mark and `;` as separator, which is what Excel in Norway expects; every text cell
    goes through `csv_cell`. `rows` may be a generator: it is read once, here."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 only with the byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([csv_cell(title) for title in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return response
