from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .. import permissions
from ..statistics import concern_statistics


def statistics(request):
    if not permissions.can_see_statistics(request.user):
        raise PermissionDenied
    return render(request, "coordination/statistics.html", {"stats": concern_statistics()})
