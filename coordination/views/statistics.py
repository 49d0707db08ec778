"""The statistics page and its exports: every signed-in user, aggregated counts only (DESIGN.md section 3)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent
from slt.audit.services import record_event

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


def _export(request, kind):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponseBadRequest(" ".join(messages), content_type="text/plain; charset=utf-8")
    query = form.query()
    table = statistics_table(query)
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
    return table


def _filename(extension):
    name = _("statistics")
    return f"{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


def statistics_export_csv(request):
    table = _export(request, "csv")
    if isinstance(table, HttpResponse):
        return table
    response = HttpResponse(statistics_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def statistics_export_pdf(request):
    table = _export(request, "pdf")
    if isinstance(table, HttpResponse):
        return table
    response = HttpResponse(statistics_pdf(table), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename("pdf")}"'
    return response
