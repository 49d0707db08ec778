"""Reads for coordination. Views reach records only through these functions."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Agency, Area


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
