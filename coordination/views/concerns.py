from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from .. import permissions, selectors, services
from ..forms import (
    ActionItemForm,
    ConcernFilterForm,
    ConcernForm,
    ConcernIdentitySearchForm,
    ConcernShareForm,
    ConcernStatusForm,
    NoteForm,
)
from ..models import Concern
from .action_items import action_item_form_page
from .htmx import is_htmx, varies_on_htmx


def concern_list(request, inbox=False):
    """The list; an htmx request (the filter form) gets only the results, and the address bar follows."""
    if not permissions.can_log_concern(request.user):
        raise PermissionDenied
    manage = permissions.can_manage_concerns(request.user)
    form = ConcernFilterForm(request.GET or None, agency_filter=manage)
    page, query = paginate(request, selectors.concern_list(request.user, inbox=inbox, **form.filters()))
    swap = is_htmx(request)
    context = {
        "filter_form": form,
        "page": page,
        "query": query,
        "swap": swap,
        "inbox": inbox,
        "can_log": permissions.can_log_concern(request.user),
        "can_search_identity": manage,
    }
    template = "coordination/partials/concern_results.html" if swap else "coordination/concern_list.html"
    return varies_on_htmx(render(request, template, context))


def concern_inbox(request):
    return concern_list(request, inbox=True)


def concern_identity_search(request):
    """Coordinators search by a youth's name on a POST form (never in the address); each search is audited."""
    if not permissions.can_manage_concerns(request.user):
        raise PermissionDenied
    form = ConcernIdentitySearchForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_valid():
        results = services.concern_identity_search(actor=request.user, **form.cleaned_data)
    response = render(
        request,
        "coordination/concern_identity_search.html",
        {"form": form, "results": results},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _concern_form(request, form, service, *, success, context, shown=None):
    """Log or change a concern: the form's categories go along, a refusal of the service lands on the form.
    `shown` is called when the form page is shown (an existing concern's form is a read, and is audited)."""
    if request.method == "POST" and form.is_valid():
        saved, concern = form_service(
            form,
            service,
            actor=request.user,
            concern=form.save(commit=False),
            categories=form.cleaned_data["categories"],
        )
        if saved:
            messages.success(request, success(concern))
            return redirect(concern)
    if shown is not None:
        shown()
    return render(request, "coordination/concern_form.html", {"form": form, **context})


def concern_create(request):
    if not permissions.can_log_concern(request.user):
        raise PermissionDenied
    return _concern_form(
        request,
        ConcernForm(request.POST or None, initial={"gender": Concern.Gender.UNKNOWN}),
        services.concern_create,
        success=lambda concern: _("The concern %(reference)s was logged.") % {"reference": concern.reference},
        context={"creating": True},
    )


def concern_update(request, pk):
    concern = selectors.get_concern_for_edit(request.user, pk)
    identity_allowed = permissions.is_coordinator(request.user)
    return _concern_form(
        request,
        ConcernForm(request.POST or None, instance=concern, identity_allowed=identity_allowed),
        services.concern_update,
        success=lambda _concern: _("The concern was saved."),
        context={"concern": concern, "creating": False},
        shown=lambda: services.concern_record_view(actor=request.user, concern=concern),
    )


def _concern_page(request, concern, *, share_form=None, status_form=None, note_form=None, status=200):
    """The concern page. Each opening is written to the audit log."""
    services.concern_record_view(actor=request.user, concern=concern)
    user = request.user
    shares = list(concern.shares.all())
    manage = permissions.can_manage_concerns(user)
    context = {
        "concern": concern,
        "shares": shares if manage else [s for s in shares if s.agency_id == user.agency_id],
        "show_identity": permissions.can_see_identity(user, concern, shares),
        "can_manage": manage,
        "can_edit": permissions.can_edit_concern(user, concern),
        "my_share": permissions.active_share_for(user, shares),
        "note_form": note_form or NoteForm(),
        "notes": permissions.timeline_for(user, concern.notes.all(), shares),
        "measures": [m for m in concern.action_items.all() if manage or m.responsible_agency_id == user.agency_id],
    }
    if manage:
        context["share_form"] = share_form or ConcernShareForm(concern=concern)
        context["status_form"] = status_form or ConcernStatusForm(initial={"status": concern.status})
        context["access_log"] = selectors.concern_access_log(user, concern)
    return render(request, "coordination/concern_detail.html", context, status=status)


def concern_detail(request, pk):
    return _concern_page(request, selectors.get_concern_for_user(request.user, pk))


def _form_on_the_page(request, concern, form, service, *, success, form_name, failure=""):
    """A form on the concern page (share, note, status): a valid POST goes to the service and back to the page
    with a message; a refusal shows the page again with the form's errors (400)."""
    if form.is_valid():
        saved, result = form_service(form, service, actor=request.user, concern=concern, **form.cleaned_data)
        if saved:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(concern)
    if failure:
        messages.error(request, failure)
    return _concern_page(request, concern, status=400, **{form_name: form})


@require_POST
def concern_share(request, pk):
    concern = selectors.get_concern_for_change(request.user, pk)
    return _form_on_the_page(
        request,
        concern,
        ConcernShareForm(request.POST, concern=concern),
        services.concern_share,
        success=lambda share: _("The concern is shared with %(agency)s.") % {"agency": share.agency},
        failure=_("The concern was not shared. See the sharing form below."),
        form_name="share_form",
    )


@require_POST
def concern_share_revoke(request, pk, share_pk):
    share = selectors.get_concern_share_for_change(request.user, pk, share_pk)
    message_service(
        request,
        services.concern_share_revoke,
        success=_("The share with %(agency)s was revoked.") % {"agency": share.agency},
        actor=request.user,
        share=share,
    )
    return redirect(share.concern)


@require_POST
def concern_note(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    return _form_on_the_page(
        request,
        concern,
        NoteForm(request.POST),
        services.concern_add_note,
        success=_("The note was added."),
        form_name="note_form",
    )


@require_POST
def concern_acknowledge(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    services.concern_acknowledge(actor=request.user, concern=concern)
    messages.success(request, _("You have confirmed that your agency has received the concern."))
    return redirect(concern)


@require_POST
def concern_status(request, pk):
    concern = selectors.get_concern_for_change(request.user, pk)
    return _form_on_the_page(
        request,
        concern,
        ConcernStatusForm(request.POST),
        services.concern_set_status,
        success=_("The status was saved."),
        failure=_("The status was not changed. See the form below."),
        form_name="status_form",
    )


def concern_measure(request, pk):
    concern = selectors.get_concern_for_change(request.user, pk)
    return action_item_form_page(
        request,
        ActionItemForm(request.POST or None),
        services.concern_measure_create,
        success=_("The measure was created."),
        cancel_url=concern.get_absolute_url(),
        next_url=concern.get_absolute_url(),
        context={"concern": concern},
        concern=concern,
    )
