"""Observations on the map, and their photos."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from slt.core.shortcuts import form_service

from .. import selectors, services
from ..forms import ObservationForm
from .maps import map_settings, points


def observation_create(request, pk):
    walk = selectors.get_walk_for_observation(request.user, pk)
    # Bound on every POST, even an empty one (an unbound form has no errors to show, nor cleaned data).
    posted = request.method == "POST"
    form = ObservationForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and walk.is_open_for_observations and form.is_valid():
        data = form.cleaned_data
        saved, observation = form_service(
            form,
            services.observation_add,
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
        if saved:
            number = observation.number
            if "done" in request.POST:
                messages.success(request, _("Observation %(number)d was saved.") % {"number": number})
                return redirect(walk)
            messages.success(
                request,
                _("Observation %(number)d was saved. Add the next one, or go back to the walk.") % {"number": number},
            )
            return redirect("walks:observation_create", pk=walk.pk)
    if posted and not walk.is_open_for_observations:
        form.is_valid()  # the fields are checked as well (and add_error needs the cleaned data)
        form.add_error(None, _("The walk is closed; observations can no longer be added."))
    if request.method == "POST":
        messages.error(request, _("The observation was not saved. Correct the fields marked below."))
    observations = list(
        walk.observations.only("id", "number", "latitude", "longitude", "category", "description", "walk_id")
    )
    return render(
        request,
        "walks/observation_form.html",
        {
            "walk": walk,
            "form": form,
            "map_settings": map_settings(),
            "points": points(observations),
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
            "points": points([observation]),
        },
    )


def photo(request, pk):
    return _photo_response(selectors.get_photo_for_user(request.user, pk).image)


def photo_thumbnail(request, pk):
    return _photo_response(selectors.get_photo_for_user(request.user, pk).thumbnail)


def _photo_response(field):
    # No cache (slt.core.security.NoStoreMiddleware): a photo may show people, cars and house numbers.
    response = FileResponse(field.open("rb"))
    response["X-Content-Type-Options"] = "nosniff"
    return response
