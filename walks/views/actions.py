"""The walk's action list: measures made from observations, their status, and the follow-up across walks."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.forms import ActionItemStatusForm
from coordination.selectors import agencies_visible_to
from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from .. import selectors, services
from ..forms import ActionFromObservationsForm
from ..models import Observation


def action_create(request, pk):
    walk = selectors.get_walk_for_change(request.user, pk)
    form = ActionFromObservationsForm(request.POST or None, walk=walk, initial=_action_initial(request, walk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, _item = form_service(
            form,
            services.walk_action_create,
            actor=request.user,
            walk=walk,
            observations=data["observations"],
            title=data["title"],
            description=data["description"],
            responsible_agency=data["responsible_agency"],
            due_date=data["due_date"],
        )
        if saved:
            messages.success(
                request,
                _("The measure was added to the action list for %(agency)s.") % {"agency": data["responsible_agency"]},
            )
            return redirect(walk.get_absolute_url() + "#actions")
    if request.method == "POST":
        messages.error(request, _("The measure was not saved. Correct the fields marked below."))
    return render(request, "walks/action_form.html", {"walk": walk, "form": form})


def _action_initial(request, walk):
    """Start from the ticked observations: the first suggested measure as title, a deadline a month on."""
    ids = [value for value in request.GET.getlist("observations") if value.isdigit()]
    chosen = list(walk.observations.filter(pk__in=ids).order_by("number"))
    suggestion = next((o.suggested_measure for o in chosen if o.suggested_measure), "")
    return {
        "observations": [observation.pk for observation in chosen],
        "title": suggestion.splitlines()[0][:200] if suggestion else "",
        "due_date": max(timezone.localdate(), walk.date) + timedelta(days=30),
    }


@require_POST
def action_status(request, pk, item_pk):
    walk = selectors.get_walk_for_user(request.user, pk)
    item = selectors.get_walk_action_for_change(request.user, walk, item_pk)
    form = ActionItemStatusForm(request.POST)
    if form.is_valid():
        message_service(
            request,
            services.walk_action_set_status,
            success=_("The status of “%(title)s” was saved.") % {"title": item.title},
            actor=request.user,
            walk=walk,
            item=item,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect(walk.get_absolute_url() + "#actions")


def follow_up(request):
    agency_id = request.GET.get("agency", "")
    category = request.GET.get("category", "")
    if category not in Observation.Category.values:
        category = ""
    agency = agencies_visible_to(request.user).filter(pk=agency_id).first() if agency_id.isdigit() else None
    summary = selectors.follow_up(request.user)
    # A page at a time: a large municipality has thousands of open walk measures.
    page, query = paginate(request, selectors.open_walk_actions(request.user, agency=agency, category=category))
    items = list(page.object_list)
    for item in items:
        walks = {observation.walk_id: observation.walk for observation in item.observations.all()}
        item.walks = list(walks.values())
        item.main_category = selectors.main_category(item)
    totals = summary["totals"]
    return render(
        request,
        "walks/follow_up.html",
        {
            **summary,
            "items": items,
            "page": page,
            "query": query,
            "agency": agency,
            "category": category,
            "categories": Observation.Category.choices,
            "done_percent": round(100 * totals["done"] / totals["total"]) if totals["total"] else 0,
            "handled_percent": round(100 * (totals["done"] + totals["wont_do"]) / totals["total"])
            if totals["total"]
            else 0,
            "today": timezone.localdate(),
        },
    )
