from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.audit.services import record_export
from slt.core.pagination import paginate
from slt.core.shortcuts import form_service

from .. import exports, permissions, selectors, services
from ..forms import ActionItemFilterForm, ActionItemForm, ActionItemStatusForm, NoteForm
from .htmx import INVALID, is_htmx, varies_on_htmx


def action_item_list(request):
    """The list; an htmx request (the filter form) gets only the results, and the address bar follows."""
    form = ActionItemFilterForm(request.GET or None)
    page, query = paginate(request, selectors.action_item_list(request.user, **form.filters()))
    swap = is_htmx(request)
    context = {
        "filter_form": form,
        "page": page,
        "query": query,
        "swap": swap,
        "can_create": permissions.can_manage_action_items(request.user),
        "can_export": request.user.agency_id is not None,
    }
    template = "coordination/partials/action_item_results.html" if swap else "coordination/action_item_list.html"
    return varies_on_htmx(render(request, template, context))


def action_item_export(request):
    """CSV of the action items: an agency exports its own; coordinators what they filtered."""
    filters = ActionItemFilterForm(request.GET or None).filters()
    if not permissions.is_coordinator(request.user):
        if request.user.agency_id is None:
            raise Http404
        filters["agency"] = request.user.agency
    items = selectors.action_item_list(request.user, **filters)
    response = exports.action_items_csv(f"tiltak-{timezone.localdate():%Y-%m-%d}.csv", items, request)
    record_export(actor=request.user, object_type="coordination.actionitem")
    return response


def action_item_form_page(request, form, service, *, success, cancel_url, next_url=None, context=None, **arguments):
    """The page with the action-item form (a new measure, a changed one, one from a decision or for a concern):
    on a valid POST the service saves it with the form's fields, and a refusal lands on the form."""
    if request.method == "POST" and form.is_valid():
        saved, item = form_service(form, service, actor=request.user, **arguments, **form.cleaned_data)
        if saved:
            messages.success(request, success)
            return redirect(next_url or item)
    return render(
        request, "coordination/action_item_form.html", {"form": form, "cancel_url": cancel_url, **(context or {})}
    )


def action_item_create(request):
    if not permissions.can_manage_action_items(request.user):
        raise PermissionDenied
    return action_item_form_page(
        request,
        ActionItemForm(request.POST or None),
        services.action_item_create,
        success=_("The action item was created."),
        cancel_url=reverse("coordination:action_item_list"),
    )


def action_item_update(request, pk):
    item = selectors.get_action_item_for_edit(request.user, pk)
    initial = {
        "title": item.title,
        "responsible_agency": item.responsible_agency,
        "due_date": item.due_date,
        "description": item.description,
    }
    return action_item_form_page(
        request,
        ActionItemForm(request.POST or None, initial=initial, item=item),
        services.action_item_update,
        success=_("The action item was saved."),
        cancel_url=item.get_absolute_url(),
        context={"item": item},
        item=item,
    )


def _detail(request, item, *, status_form=None, note_form=None, notice="", fragment=None, status=200):
    """The action item page, or with `fragment` one of its parts (for htmx)."""
    can_update = permissions.can_update_action_item(request.user, item)
    context = {
        "item": item,
        "can_update": can_update,
        "can_edit": permissions.can_manage_action_items(request.user),
        "notice": notice,
    }
    if can_update:
        context["status_form"] = status_form or ActionItemStatusForm(
            initial={"status": item.status, "reason": item.status_reason}
        )
        context["note_form"] = note_form or NoteForm()
    template = fragment or "coordination/action_item_detail.html"
    return varies_on_htmx(render(request, template, context, status=status))


def action_item_detail(request, pk):
    return _detail(request, selectors.get_action_item_for_user(request.user, pk))


@require_POST
def action_item_status(request, pk):
    """Without JavaScript: POST, then back to the page with a message (or the page with the form's errors).
    With htmx: the status card is swapped, with the item's facts and badges beside it."""
    item = selectors.get_action_item_for_change(request.user, pk)
    form = ActionItemStatusForm(request.POST)
    saved = (
        form.is_valid()
        and form_service(
            form,
            services.action_item_set_status,
            actor=request.user,
            item=item,
            **form.cleaned_data,
        )[0]
    )
    if saved and not is_htmx(request):
        messages.success(request, _("The status was saved."))
        return redirect(item)
    item = selectors.get_action_item_for_user(request.user, pk)
    if is_htmx(request):
        return _detail(
            request,
            item,
            status_form=None if saved else form,
            notice=_("The status was saved.") if saved else "",
            fragment="coordination/partials/action_item_status_swap.html",
            status=200 if saved else INVALID,
        )
    return _detail(request, item, status_form=form, status=400)


@require_POST
def action_item_note(request, pk):
    """Without JavaScript: POST, then back to the page with a message. With htmx: the notes are swapped."""
    item = selectors.get_action_item_for_change(request.user, pk)
    form = NoteForm(request.POST)
    saved = (
        form.is_valid()
        and form_service(form, services.action_item_add_note, actor=request.user, item=item, **form.cleaned_data)[0]
    )
    if not is_htmx(request):
        if saved:
            messages.success(request, _("The progress note was added."))
        else:
            messages.error(request, _("Write a note."))
        return redirect(item)
    return _detail(
        request,
        selectors.get_action_item_for_user(request.user, pk),
        note_form=None if saved else form,
        notice=_("The progress note was added.") if saved else "",
        fragment="coordination/partials/action_item_notes.html",
        status=200 if saved else INVALID,
    )
