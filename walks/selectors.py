"""Reads for safety walks. Views reach walks, observations and photos only through these functions.

Policy (DESIGN.md section 3): every signed-in staff user reads walks, observations and reports;
coordinators and the walk's organiser change them; participants (invited users and members of
invited agencies) add observations.
"""

from collections import Counter, defaultdict
from typing import NamedTuple

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Substr
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Agency
from slt.accounts.roles import has_case_role, is_active_user, is_coordinator

from .models import Observation, ObservationPhoto, SafetyWalk


def can_plan_walks(user) -> bool:
    """Coordinators, police and agency members plan walks; administrators and the steering group do not."""
    return has_case_role(user)


def can_change_walk(user, walk: SafetyWalk) -> bool:
    return is_active_user(user) and (is_coordinator(user) or walk.organiser_id == user.pk)


def is_participant(user, walk: SafetyWalk) -> bool:
    """Invited as a person or as a member of an invited agency (uses the walk's prefetched invitations)."""
    if not is_active_user(user):
        return False
    if any(invited.pk == user.pk for invited in walk.invited_users.all()):
        return True
    return user.agency_id is not None and any(agency.pk == user.agency_id for agency in walk.invited_agencies.all())


def can_add_observation(user, walk: SafetyWalk) -> bool:
    return walk.is_open_for_observations and (can_change_walk(user, walk) or is_participant(user, walk))


def can_set_action_status(user, walk: SafetyWalk, item: ActionItem) -> bool:
    """The walk's managers, and members of the agency responsible for the measure (as in coordination)."""
    if not is_active_user(user):
        return False
    return can_change_walk(user, walk) or (user.agency_id is not None and user.agency_id == item.responsible_agency_id)


def walks_done_between(start, end) -> int:
    """How many walks were done (completed or reported) on a date in [start, end): for the dashboard's summary."""
    done = (SafetyWalk.Status.COMPLETED, SafetyWalk.Status.PUBLISHED)
    return SafetyWalk.objects.filter(status__in=done, date__gte=start, date__lt=end).count()


def walks_visible_to(user) -> QuerySet[SafetyWalk]:
    if not is_active_user(user):
        return SafetyWalk.objects.none()
    return SafetyWalk.objects.all()


def walk_list(user, *, status: str = "", area=None, search: str = "") -> QuerySet[SafetyWalk]:
    walks = (
        walks_visible_to(user)
        .select_related("area", "organiser")
        # A correlated count: PostgreSQL evaluates it after the sort and limit, for the listed walks only (a
        # grouped count read all observations of all walks).
        .annotate(
            observation_count=Coalesce(
                Subquery(
                    Observation.objects.filter(walk_id=OuterRef("pk"))
                    .order_by()
                    .values("walk_id")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )
        )
    )
    if status:
        walks = walks.filter(status=status)
    if area is not None:
        walks = walks.filter(area=area)
    if search:
        walks = walks.filter(Q(title__icontains=search) | Q(meeting_point__icontains=search))
    return walks.order_by("-date", "-start_time", "-id")


def _walk_queryset(user) -> QuerySet[SafetyWalk]:
    return (
        walks_visible_to(user)
        .select_related("area", "organiser", "organiser__agency")
        .prefetch_related(
            Prefetch("invited_agencies", queryset=Agency.objects.order_by("name")),
            "invited_users",
        )
    )


def get_walk_for_user(user, pk) -> SafetyWalk:
    """The walk for reading; 404 if the user may not read it."""
    return get_object_or_404(_walk_queryset(user), pk=pk)


def get_walk_for_change(user, pk) -> SafetyWalk:
    """The walk for coordinators and its organiser; 404 if unreadable, 403 if only readable."""
    walk = get_walk_for_user(user, pk)
    if not can_change_walk(user, walk):
        raise PermissionDenied
    return walk


def get_walk_for_observation(user, pk) -> SafetyWalk:
    """The walk for someone who adds an observation; 403 for readers who do not take part."""
    walk = get_walk_for_user(user, pk)
    if not (can_change_walk(user, walk) or is_participant(user, walk)):
        raise PermissionDenied
    return walk


def _card_prefetches() -> tuple[Prefetch, ...]:
    """What an observation's card shows beside its own fields: its photos and the measures made of it."""
    return (
        Prefetch("photos", queryset=ObservationPhoto.objects.order_by("id")),
        Prefetch("action_items", queryset=ActionItem.objects.select_related("responsible_agency")),
    )


def observations_for_walk(walk: SafetyWalk) -> QuerySet[Observation]:
    return walk.observations.select_related("created_by").prefetch_related(*_card_prefetches()).order_by("number")


class Markers(NamedTuple):
    points: list[dict]  # as the map draws them, in number order
    ids: list[int]  # the observations' ids, in the same order
    categories: set[str]  # the categories present, for the legend


def observation_markers(walk: SafetyWalk) -> Markers:
    """Every observation of the walk as the map draws it (number, position, category, colour, the start of its
    text, its address), from one value query: no model instances for a walk of 500 observations."""
    labels = dict(Observation.Category.choices)
    address = reverse("walks:observation_detail", args=[0]).removesuffix("0/")
    rows = list(
        walk.observations.order_by("number")
        .annotate(start=Substr("description", 1, 120))
        .values_list("pk", "number", "category", "latitude", "longitude", "start")
    )
    points = [
        {
            "number": number,
            "lat": float(latitude),
            "lng": float(longitude),
            "category": labels.get(category, category),
            "colour": Observation.COLOURS.get(category, Observation.DEFAULT_COLOUR),
            "text": start,
            "url": f"{address}{pk}/",
        }
        for pk, number, category, latitude, longitude, start in rows
    ]
    return Markers(points, [row[0] for row in rows], {row[2] for row in rows})


def observation_cards(walk: SafetyWalk, ids: list[int]) -> list[Observation]:
    """One page of the walk's observation cards (the observations `ids`), with their photos and measures."""
    if not ids:
        return []
    return list(walk.observations.filter(pk__in=ids).prefetch_related(*_card_prefetches()).order_by("number"))


def observation_features(walk: SafetyWalk) -> list[dict]:
    """The walk's observations as GeoJSON features, from two value queries (no model instances): the export and
    the map read 500 observations in a few milliseconds."""
    labels = dict(Observation.Category.choices)
    links = defaultdict(list)
    for observation_id, title, status, agency in (
        Observation.action_items.through.objects.filter(observation__walk_id=walk.pk)
        .order_by("actionitem__due_date", "actionitem_id")
        .values_list(
            "observation_id", "actionitem__title", "actionitem__status", "actionitem__responsible_agency__name"
        )
    ):
        links[observation_id].append({"title": title, "status": status, "responsible_agency": agency})
    rows = (
        Observation.objects.filter(walk_id=walk.pk)
        .order_by("number")
        .values_list(
            "pk",
            "number",
            "category",
            "description",
            "safety_rating",
            "suggested_measure",
            "latitude",
            "longitude",
            "created_at",
        )
    )
    return [
        {
            "type": "Feature",
            "id": number,
            "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
            "properties": {
                "number": number,
                "category": category,
                "category_label": str(labels.get(category, category)),
                "colour": Observation.COLOURS.get(category, "#393b79"),
                "description": description,
                "safety_rating": rating,
                "suggested_measure": measure,
                "recorded_at": timezone.localtime(created_at).isoformat(timespec="minutes"),
                "action_items": links.get(pk, []),
            },
        }
        for pk, number, category, description, rating, measure, latitude, longitude, created_at in rows
    ]


def get_observation_for_user(user, pk) -> Observation:
    return get_object_or_404(
        Observation.objects.filter(walk__in=walks_visible_to(user))
        .select_related("walk", "walk__area", "created_by")
        .prefetch_related(
            "photos", Prefetch("action_items", queryset=ActionItem.objects.select_related("responsible_agency"))
        ),
        pk=pk,
    )


def get_photo_for_user(user, pk) -> ObservationPhoto:
    return get_object_or_404(ObservationPhoto.objects.filter(observation__walk__in=walks_visible_to(user)), pk=pk)


def action_items_for_walk(walk: SafetyWalk) -> QuerySet[ActionItem]:
    """The walk's measures: action items linked to at least one of its observations."""
    linked = Observation.action_items.through.objects.filter(actionitem_id=OuterRef("pk"), observation__walk_id=walk.pk)
    return (
        ActionItem.objects.filter(Exists(linked))
        .select_related("responsible_agency")
        .prefetch_related(
            Prefetch(
                "observations", queryset=Observation.objects.filter(walk_id=walk.pk).only("id", "category", "walk_id")
            )
        )
        .order_by("due_date", "id")
    )


def get_walk_action_for_change(user, walk: SafetyWalk, item_pk) -> ActionItem:
    """A measure of the walk whose status the user may set; 404 if it is not the walk's, 403 if only readable."""
    item = get_object_or_404(action_items_for_walk(walk), pk=item_pk)
    if not can_set_action_status(user, walk, item):
        raise PermissionDenied
    return item


def main_category(item: ActionItem) -> str:
    """The category an action counts under: the most common among its observations (ties: list order)."""
    counts = Counter(observation.category for observation in item.observations.all())
    if not counts:
        return Observation.Category.OTHER
    order = list(Observation.Category.values)
    return max(counts, key=lambda category: (counts[category], -order.index(category)))


def progress(items) -> dict:
    """How far an action list has come: done and will-not-be-done count as handled."""
    items = list(items)
    total = len(items)
    by_status = Counter(item.status for item in items)
    done = by_status[ActionItem.Status.DONE]
    handled = done + by_status[ActionItem.Status.WONT_DO]
    today = timezone.localdate()
    return {
        "total": total,
        "done": done,
        "handled": handled,
        "wont_do": by_status[ActionItem.Status.WONT_DO],
        "open": by_status[ActionItem.Status.OPEN] + by_status[ActionItem.Status.IN_PROGRESS],
        "overdue": sum(1 for item in items if item.is_open and item.due_date < today),
        "percent": round(100 * handled / total) if total else 0,
        "done_percent": round(100 * done / total) if total else 0,
        "wont_do_percent": (round(100 * handled / total) - round(100 * done / total)) if total else 0,
    }


def category_summary(observations, items) -> list[dict]:
    """Per category: observations and actions with counts and shares, largest first (for the report)."""
    observations = list(observations)
    items = list(items)
    observation_counts = Counter(observation.category for observation in observations)
    action_counts = Counter(main_category(item) for item in items)
    labels = dict(Observation.Category.choices)
    rows = []
    for category in Observation.Category.values:
        observed, acted = observation_counts[category], action_counts[category]
        if not observed and not acted:
            continue
        rows.append(
            {
                "category": category,
                "label": labels[category],
                "colour": Observation.COLOURS[category],
                "observations": observed,
                "observation_share": round(100 * observed / len(observations)) if observations else 0,
                "actions": acted,
                "action_share": round(100 * acted / len(items)) if items else 0,
            }
        )
    rows.sort(key=lambda row: (-row["observations"], -row["actions"]))
    return rows


def walk_action_items(user) -> QuerySet[ActionItem]:
    """Every measure that came from a safety walk, for the follow-up page."""
    if not is_active_user(user):
        return ActionItem.objects.none()
    # EXISTS rather than a join with DISTINCT: the counts below then read each measure once, without sorting.
    linked = Observation.action_items.through.objects.filter(actionitem_id=OuterRef("pk"))
    return ActionItem.objects.filter(Exists(linked), source=ActionItem.Source.WALK)


FOLLOW_UP_CACHE_SECONDS = 300


def follow_up(user) -> dict:
    """Open walk measures across walks: by agency, by category, the share done, and the list overdue first.

    The same numbers for every reader, so they are cached, under a key that changes with the walk measures
    themselves (how many, the last change, how many links to observations, the day): a changed status shows at
    once. At 20,000 walk measures the counts take about half a second; the key, two index-only counts."""
    if not is_active_user(user):
        return _follow_up_counts(user)
    version = ActionItem.objects.filter(source=ActionItem.Source.WALK).aggregate(n=Count("pk"), last=Max("updated_at"))
    links = Observation.action_items.through.objects.count()
    last = version["last"].timestamp() if version["last"] else 0
    key = f"walks:follow-up:{timezone.localdate()}:{version['n']}:{last}:{links}"
    summary = cache.get(key)
    if summary is None:
        summary = _follow_up_counts(user)
        cache.set(key, summary, FOLLOW_UP_CACHE_SECONDS)
    labels = dict(Observation.Category.choices)
    for row in summary["by_category"]:
        row["label"] = labels.get(row["category"], row["category"])  # in the reader's language, never cached
    return summary


def _follow_up_counts(user) -> dict:
    items = walk_action_items(user)
    today = timezone.localdate()
    open_filter = Q(status__in=ActionItem.OPEN_STATUSES)
    overdue_filter = open_filter & Q(due_date__lt=today)
    totals = items.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ActionItem.Status.DONE)),
        wont_do=Count("pk", filter=Q(status=ActionItem.Status.WONT_DO)),
        open=Count("pk", filter=open_filter),
        overdue=Count("pk", filter=overdue_filter),
    )
    by_agency = list(
        ActionItem.objects.filter(pk__in=items.values("pk"))
        .values("responsible_agency_id", "responsible_agency__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=open_filter),
            overdue=Count("pk", filter=overdue_filter),
            done=Count("pk", filter=Q(status=ActionItem.Status.DONE)),
        )
        .order_by("-open", "responsible_agency__name")
    )
    for row in by_agency:
        row["done_percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    labels = dict(Observation.Category.choices)
    by_category_rows = (
        Observation.objects.filter(action_items__in=items.values("pk"))
        .values("category")
        .annotate(
            total=Count("action_items", distinct=True),
            open=Count("action_items", filter=Q(action_items__status__in=ActionItem.OPEN_STATUSES), distinct=True),
            overdue=Count(
                "action_items",
                filter=Q(action_items__status__in=ActionItem.OPEN_STATUSES, action_items__due_date__lt=today),
                distinct=True,
            ),
            done=Count("action_items", filter=Q(action_items__status=ActionItem.Status.DONE), distinct=True),
        )
        .order_by("-open", "category")
    )
    by_category = [
        {
            **row,
            "label": labels.get(row["category"], row["category"]),
            "colour": Observation.COLOURS.get(row["category"], "#393b79"),
            "done_percent": round(100 * row["done"] / row["total"]) if row["total"] else 0,
        }
        for row in by_category_rows
    ]
    return {"totals": totals, "by_agency": by_agency, "by_category": by_category}


def open_walk_actions(user, *, agency=None, category: str = "") -> QuerySet[ActionItem]:
    """Open walk measures, overdue first (the oldest deadline first), with their walk for the link."""
    # No join (EXISTS for the category too), so no duplicates to remove: the list reads the open walk measures in
    # deadline order from the index and stops at the page.
    # is_settled=0 is `.open()` (the column is computed from the status) and is what the index holds; both at once
    # made PostgreSQL misjudge the rows and scan the whole table.
    items = walk_action_items(user).filter(is_settled=0)
    if agency:
        items = items.filter(responsible_agency=agency)
    if category:
        in_category = Observation.action_items.through.objects.filter(
            actionitem_id=OuterRef("pk"), observation__category=category
        )
        items = items.filter(Exists(in_category))
    return (
        items.select_related("responsible_agency")
        .prefetch_related(
            Prefetch(
                "observations",
                queryset=Observation.objects.select_related("walk").only(
                    "id", "category", "walk_id", "walk__id", "walk__title", "walk__date"
                ),
            )
        )
        .order_by("due_date", "id")
    )


def walks_for_progress(walks) -> dict[int, dict]:
    """Progress per walk id for a list of walks, in two queries."""
    walk_ids = [walk.pk for walk in walks]
    links = Observation.action_items.through.objects.filter(observation__walk_id__in=walk_ids).values_list(
        "observation__walk_id", "actionitem_id"
    )
    items_by_walk = defaultdict(set)
    for walk_id, item_id in links:
        items_by_walk[walk_id].add(item_id)
    all_ids = set().union(*items_by_walk.values()) if items_by_walk else set()
    items = {item.pk: item for item in ActionItem.objects.filter(pk__in=all_ids).only("id", "status", "due_date")}
    return {walk_id: progress(items[i] for i in ids) for walk_id, ids in items_by_walk.items()}
