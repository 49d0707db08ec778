"""The walk's report: the page, publishing it, and the exports (PDF, CSV, GeoJSON), each one audited."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from slt.audit.services import record_export
from slt.core.shortcuts import form_service
from slt.core.spreadsheet import csv_cell, csv_response

from .. import selectors, services
from ..forms import PublishForm
from ..models import Observation
from ..report import headline, walk_report_pdf
from .maps import legend, map_settings, points


def _report_context(request, walk):
    observations = list(selectors.observations_for_walk(walk))
    items = list(selectors.action_items_for_walk(walk))
    for item in items:
        item.main_category = selectors.main_category(item)
    summary = selectors.category_summary(observations, items)
    return {
        "walk": walk,
        "observations": observations,
        "items": items,
        "summary": summary,
        "headline": headline(summary, items),
        "categories": Observation.Category.choices,
        "progress": selectors.progress(items),
        "rating_average": (
            sum(observation.safety_rating for observation in observations) / len(observations) if observations else None
        ),
        "map_settings": map_settings(),
        "points": points(observations),
        "legend": legend(observations),
        "can_change": selectors.can_change_walk(request.user, walk),
        "publish_form": PublishForm(initial={"conclusion": walk.conclusion}),
    }


def walk_report(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    return render(request, "walks/report.html", _report_context(request, walk))


def walk_publish(request, pk):
    walk = selectors.get_walk_for_change(request.user, pk)
    form = PublishForm(request.POST or None, initial={"conclusion": walk.conclusion})
    if request.method == "POST" and form.is_valid():
        published, _walk = form_service(
            form,
            services.walk_publish,
            actor=request.user,
            walk=walk,
            conclusion=form.cleaned_data["conclusion"],
            confirm_future_date=form.cleaned_data["confirm_future_date"],
        )
        if published:
            messages.success(request, _("The report was published."))
            return redirect("walks:walk_report", pk=walk.pk)
    if request.method == "POST":
        messages.error(request, _("The report was not published. Correct the fields marked below."))
    context = _report_context(request, walk)
    context["publish_form"] = form
    return render(request, "walks/report.html", context)


def _filename(walk, extension):
    return f"trygghetsvandring-{walk.pk}-{slugify(walk.title)[:40]}.{extension}"


def walk_report_pdf_view(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    observations = list(selectors.observations_for_walk(walk))
    items = list(selectors.action_items_for_walk(walk))
    for item in items:
        item.main_category = selectors.main_category(item)
    pdf = walk_report_pdf(
        walk=walk,
        observations=observations,
        items=items,
        summary=selectors.category_summary(observations, items),
        progress=selectors.progress(items),
    )
    record_export(actor=request.user, obj=walk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(walk, "pdf")}"'
    return response


def csv_header() -> list[str]:
    """The columns, in the reader's language (a spreadsheet shows them as they are)."""
    return [
        _("Number"),
        _("Category code"),
        _("Category"),
        _("Description"),
        _("Safety (1–5)"),
        _("Suggested measure"),
        _("Latitude"),
        _("Longitude"),
        _("Recorded"),
        _("Photos"),
        _("Action items"),
    ]


def observations_csv(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    observations = selectors.observations_for_walk(walk)
    rows = [
        [
            observation.number,
            observation.category,
            observation.get_category_display(),
            observation.description,
            observation.safety_rating,
            observation.suggested_measure,
            observation.latitude,
            observation.longitude,
            timezone.localtime(observation.created_at).strftime("%Y-%m-%d %H:%M"),
            len(observation.photos.all()),
            ", ".join(csv_cell(item.title) for item in observation.action_items.all()),
        ]
        for observation in observations
    ]
    response = csv_response(_filename(walk, "csv"), csv_header(), rows)
    record_export(actor=request.user, obj=walk)
    return response


def observations_geojson(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    features = selectors.observation_features(walk)
    body = {
        "type": "FeatureCollection",
        "name": walk.title,
        "features": features,
    }
    record_export(actor=request.user, obj=walk)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(walk, "geojson")}"'
    return response
