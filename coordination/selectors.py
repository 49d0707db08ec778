"""Reads for coordination. Views reach records only through these functions."""

from datetime import date, datetime, time

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from slt.audit.models import AuditEvent

from .models import (
    ActionItem,
    ActionItemNote,
    Agency,
    AgendaItem,
    Area,
    Concern,
    ConcernCategory,
    ConcernNote,
    ConcernShare,
    Forum,
    Meeting,
)
from .permissions import can_log_concern, has_case_role, is_active_user, is_coordinator


def agencies_visible_to(user) -> QuerySet[Agency]:
    """The agency registry is open to every signed-in, active user."""
    if not (user.is_authenticated and user.is_active):
        return Agency.objects.none()
    return Agency.objects.all()


def agency_list(user, *, search: str = "", kind: str = "", include_inactive: bool = False) -> QuerySet[Agency]:
    agencies = (
        agencies_visible_to(user)
        .select_related("area")
        .annotate(user_count=Count("users", filter=Q(users__is_active=True)))
    )
    if not include_inactive:
        agencies = agencies.filter(is_active=True)
    if kind:
        agencies = agencies.filter(kind=kind)
    if search:
        digits = search.replace(" ", "")
        agencies = agencies.filter(Q(name__icontains=search) | Q(organisation_number__startswith=digits))
    return agencies.order_by("name")


def get_agency_for_user(user, pk) -> Agency:
    return get_object_or_404(agencies_visible_to(user).select_related("area"), pk=pk)


def get_agency_for_change(user, pk) -> Agency:
    """The agency, for a user who may change the registry; 403 for one who may only read it."""
    agency = get_agency_for_user(user, pk)
    if not user.can_manage_registry:
        raise PermissionDenied
    return agency


def areas_visible_to(user) -> QuerySet[Area]:
    if not (user.is_authenticated and user.is_active):
        return Area.objects.none()
    return Area.objects.filter(is_active=True)


# --- pagination ------------------------------------------------------------------------------------------


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, so that a list over hundreds of thousands of records stays fast."""

    cap = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.count > self.cap


# --- forums and meetings ---------------------------------------------------------------------------------


def forums_visible_to(user) -> QuerySet[Forum]:
    """Forums (names, mandate, members) are open to every signed-in user."""
    if not is_active_user(user):
        return Forum.objects.none()
    return Forum.objects.all()


def get_forum_for_user(user, pk) -> Forum:
    return get_object_or_404(forums_visible_to(user).prefetch_related("member_agencies", "members__agency"), pk=pk)


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Coordinators; invitees; members of the meeting's forum."""
    if not is_active_user(user):
        return Meeting.objects.none()
    if is_coordinator(user):
        return Meeting.objects.all()
    invited = Meeting.invitees.through.objects.filter(meeting_id=OuterRef("pk"), user_id=user.pk)
    member = Forum.members.through.objects.filter(forum_id=OuterRef("forum_id"), user_id=user.pk)
    return Meeting.objects.filter(Exists(invited) | Exists(member))


def meeting_list(user, *, forum=None, upcoming=None) -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user).select_related("forum")
    if forum:
        meetings = meetings.filter(forum=forum)
    now = timezone.now()
    if upcoming is True:
        return meetings.filter(ends_at__gte=now).order_by("starts_at", "id")
    if upcoming is False:
        return meetings.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return meetings.order_by("-starts_at", "-id")


def get_meeting_for_user(user, pk) -> Meeting:
    return get_object_or_404(
        meetings_visible_to(user)
        .select_related("forum", "secretary", "minutes_approved_by", "created_by")
        .prefetch_related(
            "invitees__agency",
            "attendees",
            "attending_agencies",
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "id")),
            Prefetch(
                "action_items",
                queryset=action_items_visible_to(user).select_related("responsible_agency").order_by("due_date", "id"),
            ),
        ),
        pk=pk,
    )


def get_agenda_item_for_user(user, meeting, pk) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.filter(meeting=meeting), pk=pk)


# --- action items ----------------------------------------------------------------------------------------


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    """Coordinators; members of the responsible agency; invitees of its meeting; walk items: all staff."""
    if not is_active_user(user):
        return ActionItem.objects.none()
    if is_coordinator(user):
        return ActionItem.objects.all()
    invited = Meeting.invitees.through.objects.filter(meeting_id=OuterRef("meeting_id"), user_id=user.pk)
    visible = Q(source=ActionItem.Source.WALK) | Exists(invited)
    if user.agency_id is not None:
        visible |= Q(responsible_agency_id=user.agency_id)
    return ActionItem.objects.filter(visible)


def action_item_list(
    user, *, status="", agency=None, source="", overdue=False, search="", open_only=False
) -> QuerySet[ActionItem]:
    items = action_items_visible_to(user).select_related("responsible_agency", "meeting", "concern")
    if status:
        items = items.filter(status=status)
    if open_only:
        items = items.filter(status__in=ActionItem.OPEN_STATUSES)
    if agency:
        items = items.filter(responsible_agency=agency)
    if source:
        items = items.filter(source=source)
    if overdue:
        items = items.filter(status__in=ActionItem.OPEN_STATUSES, due_date__lt=timezone.localdate())
    if search:
        items = items.filter(Q(title__icontains=search) | Q(description__icontains=search))
    # Open items first (the most overdue at the top), then the settled ones.
    return items.order_by("is_settled", "due_date", "id")


def get_action_item_for_user(user, pk) -> ActionItem:
    return get_object_or_404(
        action_items_visible_to(user)
        .select_related("responsible_agency", "meeting", "agenda_item", "concern", "created_by")
        .prefetch_related(Prefetch("notes", queryset=ActionItemNote.objects.select_related("author__agency"))),
        pk=pk,
    )


# --- concerns --------------------------------------------------------------------------------------------


def _active_share_to(agency_id):
    return ConcernShare.objects.filter(concern_id=OuterRef("pk"), agency_id=agency_id, revoked_at__isnull=True)


def concerns_visible_to(user) -> QuerySet[Concern]:
    """Coordinators; the reporter; members of agencies it is actively shared with."""
    if not can_log_concern(user):
        return Concern.objects.none()
    if is_coordinator(user):
        return Concern.objects.all()
    return Concern.objects.filter(Q(reporter_id=user.pk) | Exists(_active_share_to(user.agency_id)))


def concern_list(
    user,
    *,
    status="",
    category="",
    area=None,
    risk="",
    age_band="",
    agency=None,
    overdue=False,
    search="",
    inbox=False,
) -> QuerySet[Concern]:
    concerns = concerns_visible_to(user)
    if inbox:
        concerns = concerns.filter(Exists(_active_share_to(user.agency_id)))
    if status:
        concerns = concerns.filter(status=status)
    if category:
        concerns = concerns.filter(Exists(ConcernCategory.objects.filter(concern_id=OuterRef("pk"), category=category)))
    if area:
        concerns = concerns.filter(area=area)
    if risk:
        concerns = concerns.filter(risk_level=risk)
    if age_band:
        concerns = concerns.filter(age_band=age_band)
    if agency:
        concerns = concerns.filter(Q(reporter_agency=agency) | Exists(_active_share_to(agency.pk)))
    if overdue:
        concerns = concerns.filter(
            Exists(
                ActionItem.objects.filter(
                    concern_id=OuterRef("pk"),
                    status__in=ActionItem.OPEN_STATUSES,
                    due_date__lt=timezone.localdate(),
                )
            )
        )
    if search:
        search = search.strip()
        match = Q(reference__startswith=search) | Q(description__icontains=search)
        if is_coordinator(user):
            match |= Q(full_name__icontains=search)
        concerns = concerns.filter(match)
    return (
        concerns.select_related("area", "school", "reporter_agency")
        .prefetch_related("categories")
        .order_by("-created_at", "-id")
    )


def get_concern_for_user(user, pk) -> Concern:
    return get_object_or_404(
        concerns_visible_to(user)
        .select_related("area", "school", "reporter__agency", "reporter_agency")
        .prefetch_related(
            "categories",
            Prefetch("shares", queryset=ConcernShare.objects.select_related("agency", "shared_by", "revoked_by")),
            Prefetch("notes", queryset=ConcernNote.objects.select_related("author", "author_agency")),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("responsible_agency").order_by("due_date", "id"),
            ),
        ),
        pk=pk,
    )


def concern_access_log(user, concern, *, limit=100) -> QuerySet[AuditEvent]:
    """Who opened the concern: coordinators only (DESIGN.md section 3, audit log)."""
    if not is_coordinator(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        object_type="coordination.concern", object_id=str(concern.pk), action=AuditEvent.Action.VIEW
    ).select_related("agency")[:limit]


def concern_inbox(user, *, limit=10) -> QuerySet[ConcernShare]:
    """Active shares to the user's agency that nobody there has acknowledged yet."""
    if not can_log_concern(user):
        return ConcernShare.objects.none()
    return (
        ConcernShare.objects.filter(agency_id=user.agency_id, revoked_at__isnull=True, acknowledged_at__isnull=True)
        .select_related("concern__area", "concern__school")
        .prefetch_related("concern__categories")
        .order_by("-shared_at", "-id")[:limit]
    )


# --- dashboard and statistics ----------------------------------------------------------------------------

SMALL_COUNT = 5


def suppress(count: int) -> str:
    """A count under 5 is shown as "< 5" (and never given to a chart)."""
    return "< 5" if count < SMALL_COUNT else str(count)


def chart_value(count: int):
    return None if count < SMALL_COUNT else count


def my_open_action_items(user, *, limit=10):
    if not has_case_role(user):
        return ActionItem.objects.none()
    return (
        action_items_visible_to(user)
        .filter(responsible_agency_id=user.agency_id, status__in=ActionItem.OPEN_STATUSES)
        .select_related("responsible_agency", "meeting")
        .order_by("due_date", "id")[:limit]
    )


def upcoming_meetings(user, *, limit=5):
    return meeting_list(user, upcoming=True)[:limit]


def new_concerns_for_coordinator(user, *, limit=10):
    if not is_coordinator(user):
        return Concern.objects.none()
    return (
        Concern.objects.filter(status=Concern.Status.NEW)
        .select_related("area", "school")
        .prefetch_related("categories")
        .order_by("-created_at", "-id")[:limit]
    )


def _month_starts(today, months):
    """The first day of each of the last `months` months, and the first day of the month after them."""
    starts = []
    for back in range(months - 1, -2, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        starts.append(date(year, month + 1, 1))
    return starts


STATISTICS_CACHE_SECONDS = 300  # aggregated, non-personal counts; a few minutes old is fine


def _statistics_counts(bounds, months):
    """The grouped counts behind the statistics: plain numbers, cached for all users and languages."""

    def per_month(prefix=""):
        return {
            f"m{i}": Count(
                "id", filter=Q(**{f"{prefix}created_at__gte": bounds[i], f"{prefix}created_at__lt": bounds[i + 1]})
            )
            for i in range(months)
        }

    by_category = {
        row["category"]: [row[f"m{i}"] for i in range(months)]
        for row in ConcernCategory.objects.filter(
            concern__created_at__gte=bounds[0], concern__created_at__lt=bounds[-1]
        )
        .values("category")
        .annotate(**per_month("concern__"))
        .order_by()
    }
    by_area = {
        row["area_id"]: row
        for row in Concern.objects.filter(created_at__gte=bounds[0], created_at__lt=bounds[-1])
        .values("area_id")
        .annotate(n=Count("id"), **per_month())
        .order_by()
    }

    by_status = dict(ActionItem.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {"by_category": by_category, "by_area": by_area, "by_status": by_status}


def concern_statistics(*, months=12, today=None):
    """Aggregated counts (no personal data), with small counts suppressed, for tables and charts.

    Each month is a range condition on created_at (index-friendly, no per-row date arithmetic), counted in
    three grouped queries whatever the number of concerns.
    """
    today = today or timezone.localdate()
    starts = _month_starts(today, months)
    month_keys = starts[:-1]
    bounds = [timezone.make_aware(datetime.combine(day, time.min)) for day in starts]

    counts = cache.get_or_set(
        f"coordination:statistics:{bounds[0].isoformat()}:{months}",
        lambda: _statistics_counts(bounds, months),
        STATISTICS_CACHE_SECONDS,
    )
    by_category, by_area, by_status = counts["by_category"], counts["by_area"], counts["by_status"]
    totals = [sum(row[f"m{i}"] for row in by_area.values()) for i in range(months)]

    categories = ConcernCategory.Category.choices
    empty = [0] * months
    month_rows = [
        {
            "month": month,
            "cells": [suppress(by_category.get(code, empty)[i]) for code, _label in categories],
            "total": suppress(totals[i]),
        }
        for i, month in enumerate(month_keys)
    ]
    month_datasets = [
        {"label": str(label), "data": [chart_value(n) for n in by_category.get(code, empty)]}
        for code, label in categories
    ]

    area_counts = [(area.name, by_area.get(area.pk, {}).get("n", 0)) for area in Area.objects.filter(is_active=True)]
    if by_area.get(None):
        area_counts.append((str(_("No area given")), by_area[None]["n"]))
    area_rows = [{"label": name, "count": suppress(n)} for name, n in area_counts]

    status_rows = [
        {"label": str(label), "count": suppress(by_status.get(code, 0))} for code, label in ActionItem.Status.choices
    ]
    return {
        "categories": [str(label) for _code, label in categories],
        "month_rows": month_rows,
        "area_rows": area_rows,
        "status_rows": status_rows,
        "chart": {
            "months": [date_format(m, "M Y") for m in month_keys],
            "month_datasets": month_datasets,
            "areas": [name for name, _n in area_counts],
            "area_values": [chart_value(n) for _name, n in area_counts],
            "statuses": [r["label"] for r in status_rows],
            "status_values": [chart_value(by_status.get(code, 0)) for code, _label in ActionItem.Status.choices],
        },
    }
