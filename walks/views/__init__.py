"""Views of the walks app, one module per subdomain: walks, observations, the action list, the report."""

from .actions import action_create, action_status, follow_up
from .observations import observation_create, observation_detail, photo, photo_thumbnail
from .reports import observations_csv, observations_geojson, walk_publish, walk_report, walk_report_pdf_view
from .walks import walk_create, walk_detail, walk_list, walk_status, walk_update

__all__ = [
    "action_create",
    "action_status",
    "follow_up",
    "observation_create",
    "observation_detail",
    "observations_csv",
    "observations_geojson",
    "photo",
    "photo_thumbnail",
    "walk_create",
    "walk_detail",
    "walk_list",
    "walk_publish",
    "walk_report",
    "walk_report_pdf_view",
    "walk_status",
    "walk_update",
]
