"""Plan, list, show and move safety walks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.models import ActionItem
from slt.core.pagination import LIST_PAGE_SIZE, paginate
from slt.core.shortcuts import form_service, message_service

from .. import selectors, services
from ..forms import WalkFilterForm, WalkForm, WalkStatusForm
from ..models import SafetyWalk
from .maps import label_observations, legend_for, map_settings

# Cards under the map, as many to a page as a list has: 500 cards took over 100 ms to render, 25 take ten.
OBSERVATION_CARDS_PER_PAGE = LIST_PAGE_SIZE


def walk_list(request):
    form = WalkFilterForm(request.GET or None)
    page, query = paginate(request, selectors.walk_list(request.user, **form.filters()))
    progress = selectors.walks_for_progress(page.object_list)
    rows = [(walk, progress.get(walk.pk)) for walk in page.object_list]
    return render(
        request,
        "walks/walk_list.html",
        {
            "filter_form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "can_plan": selectors.can_plan_walks(request.user),
        },
    )


def walk_create(request):
    if not selectors.can_plan_walks(request.user):
        raise PermissionDenied
    return _walk_form(request, SafetyWalk())


def walk_update(request, pk):
    return _walk_form(request, selectors.get_walk_for_change(request.user, pk))


def _walk_form(request, walk):
    creating = walk.pk is None
    form = WalkForm(request.POST or None, instance=walk, actor=request.user)
    if request.method == "POST" and form.is_valid():
        saved, walk = form_service(
            form,
            services.walk_save,
            actor=request.user,
            walk=form.save(commit=False),
            invited_agencies=form.cleaned_data["invited_agencies"],
            invited_users=form.cleaned_data["invited_users"],
        )
        if saved:
            messages.success(request, _("The walk was planned.") if creating else _("The walk was saved."))
            return redirect(walk)
    if request.method == "POST":
        messages.error(request, _("The walk was not saved. Correct the fields marked below."))
    return render(request, "walks/walk_form.html", {"form": form, "walk": walk, "creating": creating})


def walk_detail(request, pk):
    """The walk: every observation on the map, their cards a page at a time (a walk may have hundreds)."""
    walk = selectors.get_walk_for_user(request.user, pk)
    markers = selectors.observation_markers(walk)
    card_page = Paginator(markers.ids, OBSERVATION_CARDS_PER_PAGE).get_page(request.GET.get("page"))
    cards = label_observations(selectors.observation_cards(walk, list(card_page.object_list)))
    items = list(selectors.action_items_for_walk(walk))
    can_change = selectors.can_change_walk(request.user, walk)
    for item in items:
        item.can_set_status = selectors.can_set_action_status(request.user, walk, item)
    return render(
        request,
        "walks/walk_detail.html",
        {
            "walk": walk,
            "observation_count": len(markers.ids),
            "card_page": card_page,
            "cards": cards,
            "items": items,
            "progress": selectors.progress(items),
            "can_change": can_change,
            "can_add_observation": selectors.can_add_observation(request.user, walk),
            "map_settings": map_settings(),
            "points": markers.points,
            "legend": legend_for(markers.categories),
            "status_choices": ActionItem.Status.choices,
        },
    )


@require_POST
def walk_status(request, pk):
    walk = selectors.get_walk_for_change(request.user, pk)
    form = WalkStatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        message_service(
            request,
            services.walk_set_status,
            success=_("The walk is now: %(status)s.") % {"status": SafetyWalk.Status(status).label},
            actor=request.user,
            walk=walk,
            status=status,
            confirm_future_date=form.cleaned_data["confirm_future_date"],
        )
    else:
        messages.error(request, _("Unknown status."))
    return redirect(walk)
