"""The statistics page and its exports: every signed-in user, aggregated counts only (DESIGN.md section 3)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event
from slt.core import spreadsheet

from .. import permissions
from ..forms import StatisticsForm
from ..statistics import Unit, statistics_table
from ..statistics_export import statistics_csv, statistics_pdf


def _form(request):
    if not permissions.can_see_statistics(request.user):
        raise PermissionDenied
    return StatisticsForm(request.GET or None)


def statistics(request):
    form = _form(request)
    context = {"form": form, "table": None}
    if not form.is_bound or form.is_valid():
        table = statistics_table(form.query())
        query = request.GET.copy()
        if table["suggest_unit"]:
            query["unit"] = table["suggest_unit"]
            context["suggest_url"] = "?" + query.urlencode()
            context["suggest_label"] = Unit(table["suggest_unit"]).label
        context.update(
            table=table,
            coarsened=form.is_bound and form.coarsened_from is not None,
            unit_label=Unit(table["unit"]).label,
            export_query=request.GET.urlencode(),
        )
    return render(request, "coordination/statistics.html", context)


def _export(request, kind, make_file, content_type):
    """The table as a file: the same choices, suppression and access as the page; bad choices answer 400 with
    the form's messages. Every export is audited (which table and period; never the numbers)."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponseBadRequest(" ".join(messages), content_type="text/plain; charset=utf-8")
    query = form.query()
    response = HttpResponse(make_file(statistics_table(query)), content_type=content_type)
    name = _("statistics")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.{kind}"'
    record_event(
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        object_type="coordination.statistics",
        details={
            "statistics": {
                "format": kind,
                "grouping": query.grouping,
                "unit": query.unit,
                "from": query.start.isoformat(),
                "to": query.end.isoformat(),
            }
        },
    )
    return response


def statistics_export_csv(request):
    return _export(request, "csv", statistics_csv, spreadsheet.CONTENT_TYPE)


def statistics_export_pdf(request):
    return _export(request, "pdf", statistics_pdf, "application/pdf")
