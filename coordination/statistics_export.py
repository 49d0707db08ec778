"""The statistics table out of the platform: CSV for spreadsheets and a PDF for the steering group's papers.

Both take the table ``statistics.statistics_table`` made, so they show exactly what the page shows: the same
"< 5" and "–", never a hidden count.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from slt.core import branding
from slt.core.pdf import fonts, numbered_canvas
from slt.core.spreadsheet import csv_text


def header_row(table) -> list[str]:
    """The columns, in the reader's language."""
    return [_("Group"), *table["periods"], _("Total")]


def body_rows(table) -> list[list[str]]:
    rows = [[row["label"], *row["cells"], row["total"]] for row in table["rows"]]
    rows.append([_("Total"), *table["column_totals"], table["total"]])
    return rows


def period_text(table) -> str:
    return _("%(grouping)s, %(start)s–%(end)s") % {
        "grouping": table["grouping"],
        "start": formats.date_format(table["start"], "d.m.Y"),
        "end": formats.date_format(table["end"], "d.m.Y"),
    }


def suppression_text() -> str:
    return _(
        "Counts under 5 are shown as “< 5”. A total that would let a hidden count be computed back is shown as “–”."
    )


def statistics_csv(table) -> str:
    """UTF-8 with a byte order mark (spreadsheet programs then read æøå right), semicolons, headers translated."""
    return csv_text([[period_text(table)], header_row(table), *body_rows(table), [], [suppression_text()]])


def statistics_pdf(table) -> bytes:
    """A landscape A4 page (or more) with the municipality's name and logo, the table and the rule."""
    font, bold = fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=font, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=styles["Title"], fontName=bold, fontSize=18, leading=22, alignment=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=bold, textColor=colors.white)
    number = ParagraphStyle("number", parent=cell, alignment=2)
    head_number = ParagraphStyle("headnumber", parent=head, alignment=2)

    municipality = branding.municipality_name()
    title = _("Statistics")
    out = BytesIO()
    pagesize = landscape(A4)
    doc = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"{title} – {municipality}",
        author=municipality,
        subject=table["grouping"],
    )
    story = []
    logo = branding.logo_file()
    heading = [Paragraph(escape(municipality), small), Paragraph(escape(title), h1)]
    if logo:
        try:
            image = Image(logo, width=22 * mm, height=22 * mm, kind="proportional")
            story.append(Table([[image, heading]], colWidths=[26 * mm, None], hAlign="LEFT"))
        except (OSError, ValueError):
            story.extend(heading)
    else:
        story.extend(heading)
    story.append(Paragraph(escape(period_text(table)), body))
    story.append(Paragraph(escape(suppression_text()), small))
    story.append(Spacer(1, 4 * mm))

    header = header_row(table)
    data = [
        [Paragraph(escape(header[0]), head), *(Paragraph(escape(text), head_number) for text in header[1:])],
        *(
            [Paragraph(escape(row[0]), cell), *(Paragraph(escape(text), number) for text in row[1:])]
            for row in body_rows(table)
        ),
    ]
    label_width = 60 * mm
    other = (doc.width - label_width) / (len(header) - 1)
    grid = Table(data, colWidths=[label_width] + [other] * (len(header) - 1), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#12466b")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f2f5f8")]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LINEABOVE", (0, -1), (-1, -1), 0.75, colors.black),
            ]
        )
    )
    story.append(grid)
    story.append(Spacer(1, 3 * mm))
    counted = formats.date_format(timezone.localtime(table["computed_at"]), "j. F Y H:i")
    story.append(Paragraph(escape(_("Counted %(when)s.") % {"when": counted}), small))

    def footer(page_canvas, page, total):
        page_canvas.saveState()
        page_canvas.setFont(font, 7.5)
        page_canvas.drawString(14 * mm, 9 * mm, f"{title} · {municipality}")
        page_canvas.drawRightString(
            pagesize[0] - 14 * mm, 9 * mm, _("Page %(number)d of %(total)d") % {"number": page, "total": total}
        )
        page_canvas.restoreState()

    doc.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()
