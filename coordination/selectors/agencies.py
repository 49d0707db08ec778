"""Reads of the agency registry: open to every signed-in, active user."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from ..models import Agency
from ..permissions import can_manage_registry, is_active_user


def agencies_visible_to(user) -> QuerySet[Agency]:
    if not is_active_user(user):
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
    if not can_manage_registry(user):
        raise PermissionDenied
    return agency
