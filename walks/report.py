"""The walk report as a PDF (reportlab): local fonts, local images, no network."""

import logging
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from slt.core import branding
from slt.core.pdf import fonts, numbered_canvas

from .models import Observation
from .tiles import render_map_png

MAP_PIXELS = (1100, 760)

logger = logging.getLogger(__name__)


def headline(summary, items) -> str:
    """'7 of 11 measures concern lighting' for the category with the most measures."""
    if not items:
        return ""
    top = max(summary, key=lambda row: row["actions"])
    return _("%(count)d of %(total)d measures concern %(category)s.") % {
        "count": top["actions"],
        "total": len(items),
        "category": str(top["label"]).lower(),
    }


def external_participants(walk) -> str:
    """'3 beboere, 1 fra ungdomsrådet, 1 annen': each group in its own plural, the empty ones left out."""
    parts = [
        (walk.residents_count, ngettext("%(count)d resident", "%(count)d residents", walk.residents_count)),
        (
            walk.youth_council_count,
            ngettext("%(count)d from the youth council", "%(count)d from the youth council", walk.youth_council_count),
        ),
        (walk.landlords_count, ngettext("%(count)d landlord", "%(count)d landlords", walk.landlords_count)),
        (
            walk.other_external_count,
            ngettext("%(count)d other", "%(count)d others", walk.other_external_count),
        ),
    ]
    return ", ".join(text % {"count": count} for count, text in parts if count)


def counts_sentence(observations: int, measures: int) -> str:
    """'1 observasjon og 2 tiltak.' — with the right plurals; no measures: only the observations."""
    observations_text = ngettext("%(count)d observation", "%(count)d observations", observations) % {
        "count": observations
    }
    if not measures:
        return _("%(observations)s, no measures yet.") % {"observations": observations_text}
    measures_text = ngettext("%(count)d measure", "%(count)d measures", measures) % {"count": measures}
    return _("%(observations)s and %(measures)s.") % {"observations": observations_text, "measures": measures_text}


def progress_sentence(progress) -> str:
    """'2 av 3 tiltak er utført eller avklart (67 %); 1 er forfalt.' — the overdue part only when some are."""
    text = ngettext(
        "%(handled)d of %(total)d measure is done or settled (%(percent)d %%).",
        "%(handled)d of %(total)d measures are done or settled (%(percent)d %%).",
        progress["total"],
    ) % {"handled": progress["handled"], "total": progress["total"], "percent": progress["percent"]}
    if progress["overdue"]:
        text += " " + ngettext("%(count)d is overdue.", "%(count)d are overdue.", progress["overdue"]) % {
            "count": progress["overdue"]
        }
    return text


def _letterhead(width, style, bold):
    """The municipality's logo and name above the title, as on its other documents."""
    name = ParagraphStyle("letterhead", parent=style, fontName=bold, fontSize=10, leading=12)
    text = [_p(branding.municipality_name(), name), _p(_("Safety walk report"), style)]
    logo = branding.logo_file()
    picture = None
    if logo:
        try:
            picture = Image(logo, width=14 * mm, height=14 * mm, kind="proportional")
        except (OSError, ValueError):
            logger.warning("The municipality's logo %s could not be read for the walk report", logo)
    if picture is None:
        return KeepTogether(text)
    table = Table([[picture, text]], colWidths=[17 * mm, width - 17 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _share(count, percent) -> str:
    """'7 (64 %)', and a dash for none: a column of '0 (0 %)' hides the numbers that matter."""
    return f"{count} ({percent} %)" if count else "–"


def _p(text, style):
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _map_section(observations, summary, width, font, caption_style):
    """The street map (tiles fetched at render time, see walks.tiles) with the legend beside it; the plain map
    when the tiles cannot be had."""
    png = render_map_png(observations, width=MAP_PIXELS[0], height=MAP_PIXELS[1])
    if png is None:
        return [_map_drawing(observations, summary, width, font)]
    map_width = width * 0.7
    picture = Image(BytesIO(png), width=map_width, height=map_width * MAP_PIXELS[1] / MAP_PIXELS[0])
    legend = _legend_drawing(summary, width * 0.28, map_width * MAP_PIXELS[1] / MAP_PIXELS[0], font)
    table = Table([[picture, legend]], colWidths=[width * 0.72, width * 0.28], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("BOX", (0, 0), (0, 0), 0.5, colors.grey),
            ]
        )
    )
    caption = _p(_("Background map: %(attribution)s") % {"attribution": settings.WALKS_TILE_ATTRIBUTION}, caption_style)
    return [table, caption]


def _legend_drawing(summary, width, height, font):
    drawing = Drawing(width, height)
    y = height - 10
    for row in summary:
        if not row["observations"]:
            continue
        drawing.add(Circle(6, y + 3, 4, fillColor=colors.HexColor(row["colour"]), strokeColor=None))
        drawing.add(String(14, y, f"{row['label']} ({row['observations']})", fontName=font, fontSize=8))
        y -= 12
    return drawing


def _map_drawing(observations, summary, width, font):
    """A plain map of the points (no tiles): positions scaled into a box, coloured by category, with a legend."""
    height = 85 * mm
    drawing = Drawing(width, height + 6 * mm)
    drawing.add(Rect(0, 0, width * 0.7, height, fillColor=colors.HexColor("#eef2f6"), strokeColor=colors.grey))
    if observations:
        lats = [float(o.latitude) for o in observations]
        lngs = [float(o.longitude) for o in observations]
        pad = 0.0005
        south, north = min(lats) - pad, max(lats) + pad
        west, east = min(lngs) - pad, max(lngs) + pad
        box_w, box_h = width * 0.7 - 8, height - 8
        for observation in observations:
            x = 4 + (float(observation.longitude) - west) / (east - west) * box_w
            y = 4 + (float(observation.latitude) - south) / (north - south) * box_h
            drawing.add(
                Circle(x, y, 5, fillColor=colors.HexColor(observation.colour), strokeColor=colors.white, strokeWidth=1)
            )
            if len(observations) <= 60:
                drawing.add(String(x + 6, y - 3, str(observation.number), fontName=font, fontSize=6))
    y = height - 10
    for row in summary:
        if not row["observations"]:
            continue
        drawing.add(Circle(width * 0.73, y + 3, 4, fillColor=colors.HexColor(row["colour"]), strokeColor=None))
        drawing.add(String(width * 0.73 + 8, y, f"{row['label']} ({row['observations']})", fontName=font, fontSize=8))
        y -= 12
    return drawing


def walk_report_pdf(*, walk, observations, items, summary, progress) -> bytes:
    font, bold = fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=font, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=styles["Title"], fontName=bold, fontSize=18, leading=22, alignment=0)
    # keepWithNext: a heading never stands alone at the foot of a page.
    h2 = ParagraphStyle(
        "h2", parent=styles["Heading2"], fontName=bold, fontSize=13, leading=16, spaceBefore=8, keepWithNext=1
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5)
    cell_bold = ParagraphStyle("cellb", parent=cell, fontName=bold)
    head = ParagraphStyle("head", parent=cell_bold, textColor=colors.white)

    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=walk.title,
        author=branding.municipality_name(),
        subject=_("Safety walk report"),
    )
    width = doc.width
    story = [
        _letterhead(width, small, bold),
        _p(walk.title, h1),
        _p(
            _("%(area)s · %(date)s at %(time)s · %(light)s")
            % {
                "area": walk.area,
                "date": formats.date_format(walk.date, "DATE_FORMAT"),
                "time": formats.time_format(walk.start_time, "TIME_FORMAT"),
                "light": walk.get_light_display(),
            },
            body,
        ),
        _p(
            _("Meeting point: %(place)s. Organiser: %(name)s.") % {"place": walk.meeting_point, "name": walk.organiser},
            body,
        ),
    ]
    agencies = ", ".join(agency.name for agency in walk.invited_agencies.all())
    if agencies:
        story.append(_p(_("Agencies: %(names)s.") % {"names": agencies}, body))
    if walk.external_count:
        story.append(_p(_("External participants: %(list)s.") % {"list": external_participants(walk)}, body))
    if walk.published_at:
        story.append(
            _p(
                _("Published %(date)s.")
                % {"date": formats.date_format(timezone.localtime(walk.published_at), "DATE_FORMAT")},
                small,
            )
        )
    else:
        story.append(_p(_("Draft: the report is not published yet."), small))

    story += [_p(_("Conclusion"), h2), _p(walk.conclusion or "–", body)]

    story.append(_p(_("Summary by category"), h2))
    line = headline(summary, items)
    story.append(_p(counts_sentence(len(observations), len(items)) + (" " + line if line else ""), body))
    rows = [[_p(_("Category"), head), _p(_("Observations"), head), _p(_("Measures"), head)]]
    for row in summary:
        rows.append(
            [
                _p(row["label"], cell),
                _p(_share(row["observations"], row["observation_share"]), cell),
                _p(_share(row["actions"], row["action_share"]), cell),
            ]
        )
    table = Table(rows, colWidths=[width * 0.5, width * 0.25, width * 0.25], repeatRows=1, splitInRow=1)
    table.setStyle(_table_style())
    story += [table, Spacer(1, 4 * mm)]

    # keepWithNext does not reach into a KeepTogether: a heading followed by one goes inside it instead.
    story.append(
        KeepTogether([_p(_("Map of the observations"), h2), *_map_section(observations, summary, width, font, small)])
    )

    story.append(_p(_("Action list"), h2))
    if progress["total"]:
        story.append(_p(progress_sentence(progress), body))
    rows = [
        [
            _p(_("Measure"), head),
            _p(_("Category"), head),
            _p(_("Responsible"), head),
            _p(_("Deadline"), head),
            _p(_("Status"), head),
        ]
    ]
    labels = dict(Observation.Category.choices)
    for item in items:
        status = item.get_status_display()
        if item.status_reason:
            status = f"{status}: {item.status_reason}"
        rows.append(
            [
                _p(item.title, cell),
                _p(labels.get(item.main_category, item.main_category), cell),
                _p(item.responsible_agency.name, cell),
                _p(formats.date_format(item.due_date, "SHORT_DATE_FORMAT"), cell),
                _p(status, cell),
            ]
        )
    if not items:
        rows.append([_p(_("No measures yet."), cell), "", "", "", ""])
    # A row with a long reason splits across pages (splitInRow) instead of failing the whole report.
    table = Table(
        rows,
        colWidths=[width * 0.28, width * 0.15, width * 0.2, width * 0.14, width * 0.23],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(_table_style())
    story.append(table)

    observations_heading = _p(_("Observations"), h2)
    if not observations:
        story.append(observations_heading)
    for observation in observations:
        # The heading and the photos stay together; the texts are plain paragraphs below them, outside any
        # table, so a long description flows on to the next page instead of making the report fail.
        heading = _p(
            f"{observation.number}. {observation.get_category_display()} – "
            + _("feels safe: %(rating)d of 5") % {"rating": observation.safety_rating},
            cell_bold,
        )
        photos = list(observation.photos.all())[:2]
        images = []
        for photo in photos:
            try:
                images.append(Image(photo.thumbnail.path, width=30 * mm, height=22 * mm, kind="proportional"))
            except (OSError, ValueError, NotImplementedError):
                # A missing or unreadable thumbnail must not cost the whole report; say so in the log.
                logger.warning("Photo %s left out of the PDF of walk %s: thumbnail unreadable", photo.pk, walk.pk)
        head_block = [heading]
        if images:
            head_block.append(Table([images], hAlign="LEFT", style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])))
        if observations_heading is not None:  # the section's heading stays with its first observation
            head_block.insert(0, observations_heading)
            observations_heading = None
        story.append(KeepTogether(head_block))
        story.append(_p(observation.description, cell))
        if observation.suggested_measure:
            story.append(_p(_("Suggested measure: %(text)s") % {"text": observation.suggested_measure}, cell))
        story.append(HRFlowable(width="100%", thickness=0.25, color=colors.lightgrey, spaceBefore=2, spaceAfter=4))

    def footer(page_canvas, number, total):
        page_canvas.saveState()
        page_canvas.setFont(font, 7.5)
        page_canvas.drawString(16 * mm, 9 * mm, f"{walk.title} · {branding.municipality_name()}")
        page_canvas.drawRightString(
            A4[0] - 16 * mm, 9 * mm, _("Page %(number)d of %(total)d") % {"number": number, "total": total}
        )
        page_canvas.restoreState()

    doc.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def _table_style():
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#12466b")),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f8")]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ]
    )
