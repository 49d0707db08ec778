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


def points(observations):
    return [
        {
            "number": observation.number,
            "lat": float(observation.latitude),
            "lng": float(observation.longitude),
            "category": observation.get_category_display(),
            "colour": observation.colour,
            "text": observation.description[:120],
            "url": observation.get_absolute_url(),
        }
        for observation in observations
    ]


def legend(observations):
    present = {observation.category for observation in observations}
    return [
        {"category": value, "label": label, "colour": Observation.COLOURS[value]}
        for value, label in Observation.Category.choices
        if value in present
    ]
