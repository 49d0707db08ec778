"""Reads of concerns: coordinators; the reporter; members of agencies it is actively shared with."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from slt.audit.models import AuditEvent

from ..models import ActionItem, Concern, ConcernCategory, ConcernNote, ConcernShare
from ..permissions import can_edit_concern, can_log_concern, can_manage_concerns, is_coordinator


def _active_share_to(agency_id):
    return ConcernShare.objects.filter(concern_id=OuterRef("pk"), agency_id=agency_id, revoked_at__isnull=True)


def concerns_visible_to(user) -> QuerySet[Concern]:
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
    if agency and is_coordinator(user):
        # Which agencies a concern is shared with is for coordinators only (an agency sees its own share).
        concerns = concerns.filter(Q(reporter_agency=agency) | Exists(_active_share_to(agency.pk)))
    if overdue:
        late = ActionItem.objects.overdue(timezone.localdate()).filter(concern_id=OuterRef("pk"))
        concerns = concerns.filter(Exists(late))
    if search:
        # Never the identity fields: this search is a GET whose words end up in addresses and server logs.
        # A name is searched on the separate, audited POST form (`concern_identity_matches`).
        search = search.strip()
        concerns = concerns.filter(Q(reference__startswith=search) | Q(description__icontains=search))
    return (
        concerns.select_related("area", "school", "reporter_agency")
        .prefetch_related("categories")
        .order_by("-created_at", "-id")
    )


def concern_identity_matches(user, *, name: str, birth_date=None, limit: int = 50) -> list[Concern]:
    """Concerns whose recorded identity matches: coordinators only (they see every identity). Called by the
    audited service `concern_identity_search`, never from a GET."""
    if not can_manage_concerns(user):
        return []
    match = Q(full_name__icontains=name.strip())
    if birth_date:
        match &= Q(birth_date=birth_date)
    return list(
        concerns_visible_to(user)
        .filter(match)
        .select_related("area", "school", "reporter_agency")
        .prefetch_related("categories")
        .order_by("-created_at", "-id")[:limit]
    )


def get_concern_for_user(user, pk) -> Concern:
    """The concern with its categories, shares, timeline and measures; 404 if the user may not read it."""
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


def get_concern_for_change(user, pk) -> Concern:
    """The concern for its status, shares and measures: coordinators; 404 if unreadable, 403 if only readable."""
    concern = get_concern_for_user(user, pk)
    if not can_manage_concerns(user):
        raise PermissionDenied
    return concern


def get_concern_for_edit(user, pk) -> Concern:
    """The concern for changing what was logged: coordinators, and the reporter until it is assessed; 404 if
    unreadable, 403 if only readable."""
    concern = get_concern_for_user(user, pk)
    if not can_edit_concern(user, concern):
        raise PermissionDenied
    return concern


def get_concern_share_for_change(user, concern_pk, pk) -> ConcernShare:
    """A share of a concern the user manages; 404 also when the share belongs to another concern."""
    concern = get_concern_for_change(user, concern_pk)
    return get_object_or_404(ConcernShare.objects.filter(concern=concern).select_related("agency"), pk=pk)


def concern_access_log(user, concern, *, limit=100) -> QuerySet[AuditEvent]:
    """Who opened the concern: coordinators only (DESIGN.md section 3, audit log)."""
    if not is_coordinator(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        object_type="coordination.concern", object_id=str(concern.pk), action=AuditEvent.Action.VIEW
    ).select_related("agency", "actor")[:limit]


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


def new_concerns_for_coordinator(user, *, limit=10):
    if not is_coordinator(user):
        return Concern.objects.none()
    return (
        Concern.objects.filter(status=Concern.Status.NEW)
        .select_related("area", "school")
        .prefetch_related("categories")
        .order_by("-created_at", "-id")[:limit]
    )
