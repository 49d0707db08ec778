"""The access log of one user for an administrator: what the user opened or exported in a period, for a data
subject's access request (or an inquiry). The CSV export is itself audited."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from slt.core.pagination import paginate
from slt.core.spreadsheet import csv_response

from . import selectors, services
from .forms import AccessReportForm


def _report(request):
    if not selectors.can_see_access_report(request.user):
        raise PermissionDenied
    form = AccessReportForm(request.GET or None)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    events = selectors.access_events(request.user, subject=data["user"], start=data["start"], end=data["end"])
    return form, events


def access_report(request):
    form, events = _report(request)
    page = query = None
    rows = []
    if events is not None:
        page, query = paginate(request, events, per_page=50, cap=10_000)
        rows = [(event, selectors.record_type_label(event.object_type)) for event in page.object_list]
    response = render(
        request,
        "audit/access_report.html",
        {"form": form, "page": page, "query": query, "rows": rows},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _record_ids(event) -> str:
    """The record's id; for a search by name, the ids of the records it found."""
    found = event.details.get("identity_search") if isinstance(event.details, dict) else None
    if found is not None:
        return " ".join(str(pk) for pk in found)
    return event.object_id


def access_report_csv(request):
    form, events = _report(request)
    if events is None:
        return access_report(request)
    data = form.cleaned_data
    written = 0

    def lines():
        nonlocal written
        for event in events.iterator(chunk_size=2000):
            written += 1
            yield [
                timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor_username,
                event.get_action_display(),
                selectors.record_type_label(event.object_type),
                _record_ids(event),
                event.request_id,
                event.ip or "",
            ]

    response = csv_response(
        f"tilgangslogg-{data['user'].pk}-{data['start']:%Y-%m-%d}-{data['end']:%Y-%m-%d}.csv",
        [_("Time"), _("User"), _("Action"), _("Record type"), _("Record id"), _("Request id"), _("IP address")],
        lines(),
    )
    response["Cache-Control"] = "private, no-store"
    services.access_report_exported(
        actor=request.user, subject=data["user"], start=data["start"], end=data["end"], rows=written
    )
    return response
