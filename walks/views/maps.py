"""Helpers the walk views share: the map settings and the points and legend the map draws."""

from django.conf import settings

from ..models import Observation


def map_settings():
    south, west, north, east = settings.WALKS_BOUNDS
    return {
        "tileUrl": settings.WALKS_TILE_URL,
        "attribution": settings.WALKS_TILE_ATTRIBUTION,
        "maxNativeZoom": settings.WALKS_TILE_MAX_ZOOM,
        "center": list(settings.WALKS_MAP_CENTER),
        "zoom": settings.WALKS_MAP_ZOOM,
        "bounds": [[south, west], [north, east]],
    }


def label_observations(observations):
    """Give each observation its category's label and its address, read once for the list: a walk page with 500
    observations otherwise resolves 1,000 addresses and looks the label up in the choices 1,000 times."""
    labels = dict(Observation.Category.choices)
    prefix = None
    for observation in observations:
        if prefix is None:
            # One address resolved; the others follow its pattern (".../observasjoner/<id>/", the id last).
            prefix = observation.get_absolute_url().removesuffix(f"{observation.pk}/")
        observation.category_label = labels.get(observation.category, observation.category)
        observation.url = f"{prefix}{observation.pk}/"
    return observations


def points(observations):
    label_observations(observations)
    return [
        {
            "number": observation.number,
            "lat": float(observation.latitude),
            "lng": float(observation.longitude),
            "category": observation.category_label,
            "colour": observation.colour,
            "text": observation.description[:120],
            "url": observation.url,
        }
        for observation in observations
    ]


def legend(observations):
    return legend_for({observation.category for observation in observations})


def legend_for(categories):
    """The map's legend: the categories present, in the order of the choices."""
    return [
        {"category": value, "label": label, "colour": Observation.COLOURS[value]}
        for value, label in Observation.Category.choices
        if value in categories
    ]
