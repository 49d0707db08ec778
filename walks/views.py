import csv
import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.models import ActionItem
from coordination.selectors import agencies_visible_to

from . import selectors, services
from .forms import ActionFromObservationsForm, ActionStatusForm, ObservationForm, PublishForm, WalkForm, WalkStatusForm
from .models import Observation, SafetyWalk
from .report import headline, walk_report_pdf

WALKS_PER_PAGE = 25


def _add_errors(form, exc: ValidationError):
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def map_settings():
    south, west, north, east = settings.WALKS_BOUNDS
    return {
        "tileUrl": settings.WALKS_TILE_URL,
        "attribution": settings.WALKS_TILE_ATTRIBUTION,
        "center": list(settings.WALKS_MAP_CENTER),
        "zoom": settings.WALKS_MAP_ZOOM,
        "bounds": [[south, west], [north, east]],
    }


def _points(observations):
    return [
        {
            "id": observation.pk,
            "lat": float(observation.latitude),
            "lng": float(observation.longitude),
            "category": observation.get_category_display(),
            "colour": observation.colour,
            "text": observation.description[:120],
            "url": observation.get_absolute_url(),
        }
        for observation in observations
    ]


def _legend(observations):
    present = {observation.category for observation in observations}
    return [
        {"label": label, "colour": Observation.COLOURS[value]}
        for value, label in Observation.Category.choices
        if value in present
    ]


def walk_list(request):
    status = request.GET.get("status", "")
    if status not in SafetyWalk.Status.values:
        status = ""
    walks = selectors.walk_list(request.user, status=status)
    page = Paginator(walks, WALKS_PER_PAGE).get_page(request.GET.get("page"))
    progress = selectors.walks_for_progress(page.object_list)
    rows = [(walk, progress.get(walk.pk)) for walk in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "walks/walk_list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": SafetyWalk.Status.choices,
            "query": query.urlencode(),
            "can_plan": selectors.can_plan_walks(request.user),
        },
    )


def walk_create(request):
    if not selectors.can_plan_walks(request.user):
        raise PermissionDenied
    return _walk_form(request, SafetyWalk())


def walk_update(request, pk):
    return _walk_form(request, selectors.get_walk_for_change(request.user, pk))


def _walk_form(request, walk):
    creating = walk.pk is None
    form = WalkForm(request.POST or None, instance=walk, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            walk = services.walk_save(
                actor=request.user,
                walk=form.save(commit=False),
                invited_agencies=form.cleaned_data["invited_agencies"],
                invited_users=form.cleaned_data["invited_users"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The walk was planned.") if creating else _("The walk was saved."))
            return redirect(walk)
    if request.method == "POST":
        messages.error(request, _("The walk was not saved. Correct the fields marked below."))
    return render(request, "walks/walk_form.html", {"form": form, "walk": walk, "creating": creating})


def walk_detail(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    observations = list(selectors.observations_for_walk(walk))
    items = list(selectors.action_items_for_walk(walk))
    can_change = selectors.can_change_walk(request.user, walk)
    for item in items:
        item.can_set_status = selectors.can_set_action_status(request.user, walk, item)
    return render(
        request,
        "walks/walk_detail.html",
        {
            "walk": walk,
            "observations": observations,
            "items": items,
            "progress": selectors.progress(items),
            "can_change": can_change,
            "can_add_observation": selectors.can_add_observation(request.user, walk),
            "map_settings": map_settings(),
            "points": _points(observations),
            "legend": _legend(observations),
            "action_form": ActionFromObservationsForm(walk=walk) if can_change else None,
            "status_choices": ActionItem.Status.choices,
        },
    )


@require_POST
def walk_status(request, pk):
    walk = selectors.get_walk_for_change(request.user, pk)
    form = WalkStatusForm(request.POST)
    if form.is_valid():
        try:
            walk = services.walk_set_status(actor=request.user, walk=walk, status=form.cleaned_data["status"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The walk is now: %(status)s.") % {"status": walk.get_status_display()})
    else:
        messages.error(request, _("Unknown status."))
    return redirect(walk)


def observation_create(request, pk):
    walk = selectors.get_walk_for_observation(request.user, pk)
    form = ObservationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and walk.is_open_for_observations and form.is_valid():
        data = form.cleaned_data
        try:
            services.observation_add(
                actor=request.user,
                walk=walk,
                category=data["category"],
                description=data["description"],
                safety_rating=data["safety_rating"],
                suggested_measure=data["suggested_measure"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                photos=data["photos"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            number = walk.observations.count()
            if "done" in request.POST:
                messages.success(request, _("Observation %(number)d was saved.") % {"number": number})
                return redirect(walk)
            messages.success(
                request,
                _("Observation %(number)d was saved. Add the next one, or go back to the walk.") % {"number": number},
            )
            return redirect("walks:observation_create", pk=walk.pk)
    if request.method == "POST" and not walk.is_open_for_observations:
        form.add_error(None, _("The walk is closed; observations can no longer be added."))
    if request.method == "POST":
        messages.error(request, _("The observation was not saved. Correct the fields marked below."))
    observations = list(walk.observations.only("id", "latitude", "longitude", "category", "description", "walk_id"))
    return render(
        request,
        "walks/observation_form.html",
        {
            "walk": walk,
            "form": form,
            "map_settings": map_settings(),
            "points": _points(observations),
            "observation_count": len(observations),
        },
    )


def observation_detail(request, pk):
    observation = selectors.get_observation_for_user(request.user, pk)
    return render(
        request,
        "walks/observation_detail.html",
        {
            "observation": observation,
            "walk": observation.walk,
            "map_settings": map_settings(),
            "points": _points([observation]),
        },
    )


def photo(request, pk):
    return _photo_response(selectors.get_photo_for_user(request.user, pk).image)


def photo_thumbnail(request, pk):
    return _photo_response(selectors.get_photo_for_user(request.user, pk).thumbnail)


def _photo_response(field):
    response = FileResponse(field.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def action_create(request, pk):
    walk = selectors.get_walk_for_change(request.user, pk)
    form = ActionFromObservationsForm(request.POST or None, walk=walk, initial=_action_initial(request, walk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.walk_action_create(
                actor=request.user,
                walk=walk,
                observations=data["observations"],
                title=data["title"],
                description=data["description"],
                responsible_agency=data["responsible_agency"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The measure was added to the action list for %(agency)s.") % {"agency": data["responsible_agency"]},
            )
            return redirect(walk.get_absolute_url() + "#actions")
    if request.method == "POST":
        messages.error(request, _("The measure was not saved. Correct the fields marked below."))
    return render(request, "walks/action_form.html", {"walk": walk, "form": form})


def _action_initial(request, walk):
    """Start from the ticked observations: the first suggested measure as title, a deadline a month on."""
    ids = [value for value in request.GET.getlist("observations") if value.isdigit()]
    chosen = list(walk.observations.filter(pk__in=ids).order_by("created_at", "id"))
    suggestion = next((o.suggested_measure for o in chosen if o.suggested_measure), "")
    return {
        "observations": [observation.pk for observation in chosen],
        "title": suggestion.splitlines()[0][:200] if suggestion else "",
        "due_date": max(timezone.localdate(), walk.date) + timedelta(days=30),
    }


@require_POST
def action_status(request, pk, item_pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    item = selectors.get_walk_action_for_user(request.user, walk, item_pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.walk_action_set_status(
                actor=request.user,
                walk=walk,
                item=item,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status of “%(title)s” was saved.") % {"title": item.title})
    else:
        messages.error(request, _("Unknown status."))
    return redirect(walk.get_absolute_url() + "#actions")


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
        "points": _points(observations),
        "legend": _legend(observations),
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
        try:
            walk = services.walk_publish(actor=request.user, walk=walk, conclusion=form.cleaned_data["conclusion"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
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
    services.export_recorded(actor=request.user, walk=walk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(walk, "pdf")}"'
    return response


CSV_HEADER = [
    "id",
    "category",
    "category_label",
    "description",
    "safety_rating",
    "suggested_measure",
    "latitude",
    "longitude",
    "recorded_at",
    "photos",
    "action_items",
]


def observations_csv(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    observations = selectors.observations_for_walk(walk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(walk, "csv")}"'
    response.write("\ufeff")  # so that spreadsheet programs read æøå right
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for observation in observations:
        writer.writerow(
            [
                observation.pk,
                observation.category,
                observation.get_category_display(),
                _csv_safe(observation.description),
                observation.safety_rating,
                _csv_safe(observation.suggested_measure),
                observation.latitude,
                observation.longitude,
                timezone.localtime(observation.created_at).isoformat(timespec="minutes"),
                len(observation.photos.all()),
                ", ".join(_csv_safe(item.title) for item in observation.action_items.all()),
            ]
        )
    services.export_recorded(actor=request.user, walk=walk)
    return response


def _csv_safe(text):
    """No formulas in spreadsheet cells: a leading = + - @ is quoted with an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def observations_geojson(request, pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    features = [
        {
            "type": "Feature",
            "id": observation.pk,
            "geometry": {"type": "Point", "coordinates": [float(observation.longitude), float(observation.latitude)]},
            "properties": {
                "category": observation.category,
                "category_label": str(observation.get_category_display()),
                "colour": observation.colour,
                "description": observation.description,
                "safety_rating": observation.safety_rating,
                "suggested_measure": observation.suggested_measure,
                "recorded_at": timezone.localtime(observation.created_at).isoformat(timespec="minutes"),
                "action_items": [
                    {"title": item.title, "status": item.status, "responsible_agency": item.responsible_agency.name}
                    for item in observation.action_items.all()
                ],
            },
        }
        for observation in selectors.observations_for_walk(walk)
    ]
    body = {
        "type": "FeatureCollection",
        "name": walk.title,
        "features": features,
    }
    services.export_recorded(actor=request.user, walk=walk)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(walk, "geojson")}"'
    return response


def follow_up(request):
    agency_id = request.GET.get("agency", "")
    category = request.GET.get("category", "")
    if category not in Observation.Category.values:
        category = ""
    agency = agencies_visible_to(request.user).filter(pk=agency_id).first() if agency_id.isdigit() else None
    summary = selectors.follow_up(request.user)
    items = list(selectors.open_walk_actions(request.user, agency=agency, category=category))
    for item in items:
        walks = {observation.walk_id: observation.walk for observation in item.observations.all()}
        item.walks = list(walks.values())
        item.main_category = selectors.main_category(item)
    totals = summary["totals"]
    return render(
        request,
        "walks/follow_up.html",
        {
            **summary,
            "items": items,
            "agency": agency,
            "category": category,
            "categories": Observation.Category.choices,
            "done_percent": round(100 * totals["done"] / totals["total"]) if totals["total"] else 0,
            "handled_percent": round(100 * (totals["done"] + totals["wont_do"]) / totals["total"])
            if totals["total"]
            else 0,
            "today": timezone.localdate(),
        },
    )
