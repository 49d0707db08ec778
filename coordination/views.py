from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import exports, ical, permissions, selectors, services
from .forms import (
    ActionItemFilterForm,
    ActionItemForm,
    ActionItemStatusForm,
    AgencyForm,
    AgencySearchForm,
    AgendaItemForm,
    AttendanceForm,
    ConcernFilterForm,
    ConcernForm,
    ConcernShareForm,
    ConcernStatusForm,
    ContactFormSet,
    ForumForm,
    MeetingForm,
    MinutesForm,
    NoteForm,
)
from .models import Agency, Concern, Forum, Meeting

AGENCIES_PER_PAGE = 25


def agency_list(request):
    search = AgencySearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    agencies = selectors.agency_list(
        request.user,
        search=filters.get("q", ""),
        kind=filters.get("kind", ""),
        include_inactive=filters.get("inactive", False),
    )
    page = Paginator(agencies, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/agency_list.html",
        {"search": search, "page": page, "query": query.urlencode()},
    )


def agency_detail(request, pk):
    agency = selectors.get_agency_for_user(request.user, pk)
    return render(
        request,
        "coordination/agency_detail.html",
        {
            "agency": agency,
            "people": agency.users.filter(is_active=True).order_by("first_name", "last_name"),
            "contacts": agency.contacts.all(),
        },
    )


def agency_create(request):
    if not request.user.can_manage_registry:
        raise PermissionDenied
    return _agency_form(request, Agency())


def agency_update(request, pk):
    return _agency_form(request, selectors.get_agency_for_change(request.user, pk))


def _agency_form(request, agency):
    creating = agency.pk is None
    form = AgencyForm(request.POST or None, instance=agency)
    contacts = ContactFormSet(request.POST or None, instance=agency, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        agency = services.agency_save(
            actor=request.user,
            agency=form.save(commit=False),
            contacts=contacts.save(commit=False),
            removed_contacts=contacts.deleted_objects,
        )
        messages.success(
            request,
            (_("The agency %(name)s was created.") if creating else _("The agency %(name)s was saved."))
            % {"name": agency.name},
        )
        return redirect(agency)
    if request.method == "POST":
        messages.error(request, _("The agency was not saved. Correct the fields marked below."))
    return render(
        request,
        "coordination/agency_form.html",
        {"form": form, "contacts": contacts, "agency": agency, "creating": creating},
    )


# --- helpers ---------------------------------------------------------------------------------------------

LIST_PAGE_SIZE = 25


def _page(request, queryset, per_page=LIST_PAGE_SIZE):
    page = selectors.CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _form_errors_to_form(form, error: ValidationError):
    """Put a service's ValidationError on the form, field by field where the field exists."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- forums ----------------------------------------------------------------------------------------------


def forum_list(request):
    forums = (
        selectors.forums_visible_to(request.user)
        .annotate(member_count=Count("members", distinct=True), agency_count=Count("member_agencies", distinct=True))
        .order_by("-is_active", "name")
    )
    return render(
        request,
        "coordination/forum_list.html",
        {"forums": forums, "can_manage": permissions.can_manage_forums(request.user)},
    )


def forum_detail(request, pk):
    forum = selectors.get_forum_for_user(request.user, pk)
    return render(
        request,
        "coordination/forum_detail.html",
        {
            "forum": forum,
            "meetings": selectors.meeting_list(request.user, forum=forum)[:20],
            "can_manage": permissions.can_manage_forums(request.user),
            "can_plan": permissions.can_plan_meetings(request.user),
        },
    )


def forum_create(request):
    if not permissions.can_manage_forums(request.user):
        raise PermissionDenied
    return _forum_form(request, Forum())


def forum_update(request, pk):
    forum = selectors.get_forum_for_user(request.user, pk)
    if not permissions.can_manage_forums(request.user):
        raise PermissionDenied
    return _forum_form(request, forum)


def _forum_form(request, forum):
    creating = forum.pk is None
    form = ForumForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        forum = services.forum_save(
            actor=request.user,
            forum=form.save(commit=False),
            member_agencies=form.cleaned_data["member_agencies"],
            members=form.cleaned_data["members"],
        )
        messages.success(request, _("The forum %(name)s was saved.") % {"name": forum.name})
        return redirect(forum)
    return render(request, "coordination/forum_form.html", {"form": form, "forum": forum, "creating": creating})


# --- meetings --------------------------------------------------------------------------------------------


def meeting_list(request):
    upcoming = request.GET.get("when") != "past"
    meetings = selectors.meeting_list(request.user, upcoming=upcoming)
    page, query = _page(request, meetings)
    return render(
        request,
        "coordination/meeting_list.html",
        {
            "page": page,
            "query": query,
            "upcoming": upcoming,
            "can_plan": permissions.can_plan_meetings(request.user),
        },
    )


def meeting_create(request):
    if not permissions.can_plan_meetings(request.user):
        raise PermissionDenied
    initial = {}
    forum_id = request.GET.get("forum", "")
    if forum_id.isdigit():
        initial["forum"] = selectors.get_forum_for_user(request.user, forum_id)
    return _meeting_form(request, Meeting(), initial)


def meeting_update(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not permissions.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    return _meeting_form(request, meeting, {})


def _meeting_form(request, meeting, initial):
    creating = meeting.pk is None
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        invitees = form.cleaned_data["invitees"]
        try:
            meeting = services.meeting_save(
                actor=request.user,
                meeting=form.save(commit=False),
                invitees=(invitees or None) if creating else invitees,
            )
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(request, "coordination/meeting_form.html", {"form": form, "meeting": meeting, "creating": creating})


def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    can_change = permissions.can_change_meeting(request.user, meeting)
    context = {"meeting": meeting, "can_change": can_change, "agenda": list(meeting.agenda.all())}
    if can_change and not meeting.minutes_approved:
        context["agenda_form"] = AgendaItemForm()
        context["attendance_form"] = AttendanceForm(meeting=meeting)
    return render(request, "coordination/meeting_detail.html", context)


def meeting_minutes(request, pk):
    """The printable minutes."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "coordination/meeting_minutes.html", {"meeting": meeting, "agenda": meeting.agenda.all()})


@require_POST
def meeting_attendance(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not permissions.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.meeting_set_attendance(
            actor=request.user,
            meeting=meeting,
            attendees=form.cleaned_data["attendees"],
            agencies=form.cleaned_data["agencies"],
        )
        messages.success(request, _("The attendance was saved."))
    else:
        messages.error(request, _("The attendance was not saved: choose only people and agencies from the list."))
    return redirect(meeting)


@require_POST
def meeting_approve(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not permissions.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    try:
        services.meeting_approve_minutes(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes are approved."))
    return redirect(meeting)


def meeting_ics(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    services.export_recorded(actor=request.user, obj=meeting)
    response = HttpResponse(ical.meeting_calendar(meeting, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="slt-meeting-{meeting.pk}.ics"'
    return response


@require_POST
def agenda_item_add(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not permissions.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        item = form.save(commit=False)
        item.meeting = meeting
        try:
            services.agenda_item_save(actor=request.user, item=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The agenda item was added."))
    else:
        messages.error(request, _("Give the agenda item a title."))
    return redirect(meeting)


def agenda_item_edit(request, pk, item_pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    item = selectors.get_agenda_item_for_user(request.user, meeting, item_pk)
    if not permissions.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    form = MinutesForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_save(actor=request.user, item=form.save(commit=False))
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect(item.get_absolute_url())
    return render(request, "coordination/agenda_item_form.html", {"form": form, "meeting": meeting, "item": item})


def agenda_item_action(request, pk, item_pk):
    """Turn the decision of an agenda item into an action item for an agency."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    item = selectors.get_agenda_item_for_user(request.user, meeting, item_pk)
    if not permissions.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    form = ActionItemForm(request.POST or None, initial={"title": item.decision[:200]})
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_action_item_create(actor=request.user, agenda_item=item, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The action item was created."))
            return redirect(item.get_absolute_url())
    return render(
        request,
        "coordination/action_item_form.html",
        {"form": form, "meeting": meeting, "agenda_item": item, "cancel_url": item.get_absolute_url()},
    )


# --- action items ----------------------------------------------------------------------------------------


def _action_item_filters(request):
    form = ActionItemFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {
        "status": data.get("status", ""),
        "agency": data.get("agency"),
        "source": data.get("source", ""),
        "overdue": data.get("overdue", False),
        "search": data.get("q", ""),
    }


def action_item_list(request):
    form, filters = _action_item_filters(request)
    page, query = _page(request, selectors.action_item_list(request.user, **filters))
    return render(
        request,
        "coordination/action_item_list.html",
        {
            "filter_form": form,
            "page": page,
            "query": query,
            "today": timezone.localdate(),
            "can_create": permissions.can_create_action_items(request.user),
            "can_export": request.user.agency_id is not None,
        },
    )


def action_item_export(request):
    """CSV of the action items: an agency exports its own; coordinators what they filtered."""
    _form, filters = _action_item_filters(request)
    if not permissions.is_coordinator(request.user):
        if request.user.agency_id is None:
            raise Http404
        filters["agency"] = request.user.agency
    items = selectors.action_item_list(request.user, **filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tiltak-{timezone.localdate():%Y-%m-%d}.csv"'
    exports.write_action_items_csv(response, items, request)
    services.export_recorded(actor=request.user, object_type="coordination.actionitem")
    return response


def action_item_create(request):
    if not permissions.can_create_action_items(request.user):
        raise PermissionDenied
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.action_item_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The action item was created."))
            return redirect(item)
    return render(
        request,
        "coordination/action_item_form.html",
        {"form": form, "cancel_url": reverse("coordination:action_item_list")},
    )


def action_item_update(request, pk):
    item = selectors.get_action_item_for_user(request.user, pk)
    if not permissions.can_create_action_items(request.user):
        raise PermissionDenied
    initial = {
        "title": item.title,
        "responsible_agency": item.responsible_agency,
        "due_date": item.due_date,
        "description": item.description,
    }
    form = ActionItemForm(request.POST or None, initial=initial, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The action item was saved."))
            return redirect(item)
    return render(
        request,
        "coordination/action_item_form.html",
        {"form": form, "item": item, "cancel_url": item.get_absolute_url()},
    )


def action_item_detail(request, pk):
    item = selectors.get_action_item_for_user(request.user, pk)
    can_update = permissions.can_update_action_item(request.user, item)
    context = {"item": item, "can_update": can_update, "can_edit": permissions.can_create_action_items(request.user)}
    if can_update:
        context["status_form"] = ActionItemStatusForm(initial={"status": item.status, "reason": item.status_reason})
        context["note_form"] = NoteForm()
    return render(request, "coordination/action_item_detail.html", context)


@require_POST
def action_item_status(request, pk):
    item = selectors.get_action_item_for_user(request.user, pk)
    if not permissions.can_update_action_item(request.user, item):
        raise PermissionDenied
    form = ActionItemStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_set_status(
                actor=request.user, item=item, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The status was saved."))
            return redirect(item)
    item.refresh_from_db()
    return render(
        request,
        "coordination/action_item_detail.html",
        {"item": item, "can_update": True, "status_form": form, "note_form": NoteForm()},
        status=400,
    )


@require_POST
def action_item_note(request, pk):
    item = selectors.get_action_item_for_user(request.user, pk)
    if not permissions.can_update_action_item(request.user, item):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        services.action_item_add_note(actor=request.user, item=item, text=form.cleaned_data["text"])
        messages.success(request, _("The progress note was added."))
    else:
        messages.error(request, _("Write a note."))
    return redirect(item)


# --- concerns --------------------------------------------------------------------------------------------


def concern_list(request, inbox=False):
    if not permissions.can_see_concern_list(request.user):
        raise PermissionDenied
    form = ConcernFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    concerns = selectors.concern_list(
        request.user,
        status=data.get("status", ""),
        category=data.get("category", ""),
        area=data.get("area"),
        risk=data.get("risk", ""),
        age_band=data.get("age_band", ""),
        agency=data.get("agency"),
        overdue=data.get("overdue", False),
        search=data.get("q", ""),
        inbox=inbox,
    )
    page, query = _page(request, concerns)
    return render(
        request,
        "coordination/concern_list.html",
        {
            "filter_form": form,
            "page": page,
            "query": query,
            "inbox": inbox,
            "can_log": permissions.can_log_concern(request.user),
        },
    )


def concern_inbox(request):
    return concern_list(request, inbox=True)


def concern_create(request):
    if not permissions.can_log_concern(request.user):
        raise PermissionDenied
    form = ConcernForm(request.POST or None, initial={"gender": Concern.Gender.UNKNOWN})
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_create(
                actor=request.user, concern=form.save(commit=False), categories=form.cleaned_data["categories"]
            )
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The concern %(reference)s was logged.") % {"reference": concern.reference})
            return redirect(concern)
    return render(request, "coordination/concern_form.html", {"form": form, "creating": True})


def concern_update(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    if not permissions.can_edit_concern(request.user, concern):
        raise PermissionDenied
    form = ConcernForm(
        request.POST or None, instance=concern, identity_allowed=permissions.is_coordinator(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_update(
                actor=request.user, concern=form.save(commit=False), categories=form.cleaned_data["categories"]
            )
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The concern was saved."))
            return redirect(concern)
    return render(request, "coordination/concern_form.html", {"form": form, "concern": concern, "creating": False})


def concern_detail(request, pk, *, share_form=None, status_form=None, note_form=None, status=200):
    concern = selectors.get_concern_for_user(request.user, pk)
    services.concern_record_view(actor=request.user, concern=concern)
    user = request.user
    shares = list(concern.shares.all())
    manage = permissions.can_manage_concern(user, concern)
    my_share = permissions.active_share_for(user, shares)
    context = {
        "concern": concern,
        "shares": shares if manage else [s for s in shares if s.agency_id == user.agency_id],
        "show_identity": permissions.can_see_identity(user, concern, shares),
        "can_manage": manage,
        "can_edit": permissions.can_edit_concern(user, concern),
        "my_share": my_share,
        "note_form": note_form or NoteForm(),
        "notes": list(concern.notes.all()),
        "measures": [m for m in concern.action_items.all() if manage or m.responsible_agency_id == user.agency_id],
    }
    if manage:
        context["share_form"] = share_form or ConcernShareForm(concern=concern)
        context["status_form"] = status_form or ConcernStatusForm(initial={"status": concern.status})
        context["access_log"] = selectors.concern_access_log(user, concern)
    return render(request, "coordination/concern_detail.html", context, status=status)


@require_POST
def concern_share(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    if not permissions.can_manage_concern(request.user, concern):
        raise PermissionDenied
    form = ConcernShareForm(request.POST, concern=concern)
    if form.is_valid():
        try:
            share = services.concern_share(
                actor=request.user,
                concern=concern,
                agency=form.cleaned_data["agency"],
                legal_basis=form.cleaned_data["legal_basis"],
                legal_basis_detail=form.cleaned_data["legal_basis_detail"],
                includes_identity=form.cleaned_data.get("includes_identity", False),
            )
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The concern is shared with %(agency)s.") % {"agency": share.agency})
            return redirect(concern)
    messages.error(request, _("The concern was not shared. See the sharing form below."))
    return concern_detail(request, pk, share_form=form, status=400)


@require_POST
def concern_share_revoke(request, pk, share_pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    if not permissions.can_manage_concern(request.user, concern):
        raise PermissionDenied
    share = get_object_or_404(concern.shares.select_related("agency"), pk=share_pk)
    try:
        services.concern_share_revoke(actor=request.user, share=share)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The share with %(agency)s was revoked.") % {"agency": share.agency})
    return redirect(concern)


@require_POST
def concern_note(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.concern_add_note(actor=request.user, concern=concern, text=form.cleaned_data["text"])
        messages.success(request, _("The note was added."))
        return redirect(concern)
    return concern_detail(request, pk, note_form=form, status=400)


@require_POST
def concern_acknowledge(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    services.concern_acknowledge(actor=request.user, concern=concern)
    messages.success(request, _("You have confirmed that your agency has received the concern."))
    return redirect(concern)


@require_POST
def concern_status(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    if not permissions.can_manage_concern(request.user, concern):
        raise PermissionDenied
    form = ConcernStatusForm(request.POST)
    if form.is_valid():
        try:
            services.concern_set_status(actor=request.user, concern=concern, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The status was saved."))
            return redirect(concern)
    messages.error(request, _("The status was not changed. See the form below."))
    return concern_detail(request, pk, status_form=form, status=400)


def concern_measure(request, pk):
    concern = selectors.get_concern_for_user(request.user, pk)
    if not permissions.can_manage_concern(request.user, concern):
        raise PermissionDenied
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_measure_create(actor=request.user, concern=concern, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_to_form(form, error)
        else:
            messages.success(request, _("The measure was created."))
            return redirect(concern)
    return render(
        request,
        "coordination/action_item_form.html",
        {"form": form, "concern": concern, "cancel_url": concern.get_absolute_url()},
    )


# --- statistics ------------------------------------------------------------------------------------------


def statistics(request):
    if not permissions.can_see_statistics(request.user):
        raise PermissionDenied
    return render(request, "coordination/statistics.html", {"stats": selectors.concern_statistics()})
