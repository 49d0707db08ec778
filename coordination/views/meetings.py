from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.audit.services import record_export
from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from .. import ical, permissions, selectors, services
from ..forms import (
    ActionItemForm,
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    ForumForm,
    MeetingForm,
    MinutesForm,
)
from ..forms.action_items import short_title
from ..models import AgendaItem, Forum, Meeting
from ..services.meetings import AgendaLocked
from .action_items import action_item_form_page
from .htmx import INVALID, is_htmx, varies_on_htmx

# --- forums ------------------------------------------------------------------------------------------------


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
    return _forum_form(request, selectors.get_forum_for_change(request.user, pk))


def _forum_form(request, forum):
    creating = forum.pk is None
    form = ForumForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        saved, forum = form_service(
            form,
            services.forum_save,
            actor=request.user,
            forum=form.save(commit=False),
            member_agencies=form.cleaned_data["member_agencies"],
            members=form.cleaned_data["members"],
        )
        if saved:
            messages.success(request, _("The forum %(name)s was saved.") % {"name": forum.name})
            return redirect(forum)
    return render(request, "coordination/forum_form.html", {"form": form, "forum": form.instance, "creating": creating})


# --- meetings ----------------------------------------------------------------------------------------------


def meeting_list(request):
    upcoming = request.GET.get("when") != "past"
    page, query = paginate(request, selectors.meeting_list(request.user, upcoming=upcoming))
    return render(
        request,
        "coordination/meeting_list.html",
        {"page": page, "query": query, "upcoming": upcoming, "can_plan": permissions.can_plan_meetings(request.user)},
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
    return _meeting_form(request, selectors.get_meeting_for_change(request.user, pk), {})


def _meeting_form(request, meeting, initial):
    creating = meeting.pk is None
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        invitees = form.cleaned_data["invitees"]
        saved, meeting = form_service(
            form,
            services.meeting_save,
            actor=request.user,
            meeting=form.save(commit=False),
            invitees=(invitees or None) if creating else invitees,
        )
        if saved:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(
        request, "coordination/meeting_form.html", {"form": form, "meeting": form.instance, "creating": creating}
    )


def _agenda(meeting, *, editable, forms=None):
    """The agenda items to show, each with its minutes form (when the user may write minutes), its action items,
    its attachments and whether it is first or last (for the move buttons). `forms` holds bound forms with errors by item."""
    forms = forms or {}
    agenda = list(meeting.agenda.all())
    attachments = {}
    for attachment in meeting.attachments.all():
        attachments.setdefault(attachment.agenda_item_id, []).append(attachment)
    actions = {}
    for action in meeting.action_items.all():
        actions.setdefault(action.agenda_item_id, []).append(action)
    for index, item in enumerate(agenda):
        item.action_list = actions.get(item.pk, [])
        item.minutes_form = forms.get(item.pk) or (MinutesForm(instance=item) if editable else None)
        item.attachment_list = attachments.get(item.pk, [])
        item.is_first, item.is_last = index == 0, index == len(agenda) - 1
    return agenda, attachments.get(None, [])


def _detail_context(request, meeting, *, forms=None, attachment_form=None):
    can_change = permissions.can_change_meeting(request.user, meeting)
    editable = can_change and not meeting.minutes_approved and not meeting.cancelled_at
    can_reorder = editable and not meeting.has_started
    agenda, meeting_attachments = _agenda(meeting, editable=editable, forms=forms)
    context = {
        "meeting": meeting,
        "can_change": can_change,
        "editable": editable,
        "can_reorder": can_reorder,
        "agenda": agenda,
        "meeting_attachments": meeting_attachments,
        # "Approve minutes" once the meeting has started and something is written down to approve.
        "can_approve": can_change
        and not meeting.minutes_approved
        and not meeting.cancelled_at
        and meeting.has_started
        and any(item.minutes or item.decision for item in agenda),
    }
    if can_change and not meeting.minutes_approved:
        context["agenda_form"] = AgendaItemForm()
        context["attendance_form"] = AttendanceForm(meeting=meeting)
        context["attachment_form"] = AttachmentForm(meeting=meeting, agenda=agenda)
    if attachment_form is not None:  # a refused upload: its errors
        context["attachment_form"] = attachment_form
    return context


def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "coordination/meeting_detail.html", _detail_context(request, meeting))


def _detail_page(request, pk, *, status, **kwargs):
    """The meeting page again (after a refused POST without JavaScript), with the refused form's errors."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(
        request, "coordination/meeting_detail.html", _detail_context(request, meeting, **kwargs), status=status
    )


def _agenda_locked(request, pk, error):
    """409 Conflict: the meeting has started, so its agenda is fixed. htmx shows the text in the live status."""
    if is_htmx(request):
        return varies_on_htmx(HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8"))
    messages.error(request, str(error))
    return varies_on_htmx(_detail_page(request, pk, status=409))


def meeting_minutes(request, pk):
    """The printable minutes."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    meeting_attachments = [attachment for attachment in meeting.attachments.all() if not attachment.agenda_item_id]
    return render(
        request,
        "coordination/meeting_minutes.html",
        {"meeting": meeting, "agenda": meeting.agenda.all(), "meeting_attachments": meeting_attachments},
    )


@require_POST
def meeting_attendance(request, pk):
    meeting = selectors.get_meeting_for_change(request.user, pk)
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        message_service(
            request,
            services.meeting_set_attendance,
            success=_("The attendance was saved."),
            actor=request.user,
            meeting=meeting,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("The attendance was not saved: choose only people and agencies from the list."))
    return redirect(meeting)


@require_POST
def meeting_approve(request, pk):
    meeting = selectors.get_meeting_for_change(request.user, pk)
    message_service(
        request,
        services.meeting_approve_minutes,
        success=_("The minutes are approved."),
        actor=request.user,
        meeting=meeting,
    )
    return redirect(meeting)


@require_POST
def meeting_cancel(request, pk):
    meeting = selectors.get_meeting_for_change(request.user, pk)
    message_service(
        request,
        services.meeting_cancel,
        success=_("The meeting is cancelled."),
        actor=request.user,
        meeting=meeting,
    )
    return redirect(meeting)


def meeting_ics(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    record_export(actor=request.user, obj=meeting)
    response = HttpResponse(ical.meeting_calendar(meeting, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="slt-meeting-{meeting.pk}.ics"'
    return response


# --- agenda items ------------------------------------------------------------------------------------------


@require_POST
def agenda_item_add(request, pk):
    meeting = selectors.get_meeting_for_change(request.user, pk)
    form = AgendaItemForm(request.POST, instance=AgendaItem(meeting=meeting))
    if form.is_valid():
        message_service(
            request,
            services.agenda_item_save,
            success=_("The agenda item was added."),
            actor=request.user,
            item=form.save(commit=False),
        )
    else:
        messages.error(request, _("Give the agenda item a title."))
    return redirect(meeting)


def agenda_item_edit(request, pk, item_pk):
    """An item's minutes and decision, written in place on the meeting page. With htmx the item is swapped
    (422 with the errors and the text kept), and the live status and the approve button are updated out of
    band; without JavaScript: POST, then back to the item on the meeting page (or the page with the errors)."""
    item = selectors.get_agenda_item_for_change(request.user, pk, item_pk)
    if request.method != "POST":
        return redirect(item.get_absolute_url())  # no page of its own: the form is on the meeting page
    form = MinutesForm(request.POST, instance=item)
    saved = (
        form.is_valid()
        and form_service(form, services.agenda_item_save, actor=request.user, item=form.save(commit=False))[0]
    )
    if not is_htmx(request):
        if saved:
            messages.success(request, _("The minutes were saved."))
            return redirect(item.get_absolute_url())
        return varies_on_htmx(_detail_page(request, pk, status=400, forms={item.pk: form}))
    meeting = selectors.get_meeting_for_user(request.user, pk)
    context = _detail_context(request, meeting, forms={} if saved else {item.pk: form})
    fresh = next(other for other in context["agenda"] if other.pk == item.pk)
    context |= {
        "item": fresh,
        "status_text": _("Saved %(time)s: item %(number)s")
        % {"time": date_format(timezone.localtime(), "H:i"), "number": fresh.position}
        if saved
        else _("Not saved: see the message at the field."),
    }
    return varies_on_htmx(
        render(request, "coordination/partials/agenda_item_swap.html", context, status=200 if saved else INVALID)
    )


@require_POST
def agenda_item_move(request, pk, item_pk):
    """Up or down one place, before the meeting starts. With htmx the agenda is swapped; else a redirect."""
    item = selectors.get_agenda_item_for_change(request.user, pk, item_pk)
    direction = request.POST.get("direction", "")
    try:
        moved = services.agenda_item_move(actor=request.user, item=item, direction=direction)
    except AgendaLocked as error:
        return _agenda_locked(request, pk, error)
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    if not is_htmx(request):
        return redirect(moved.get_absolute_url())
    meeting = selectors.get_meeting_for_user(request.user, pk)
    context = _detail_context(request, meeting)
    context["status_text"] = _("Item “%(title)s” is now number %(number)s.") % {
        "title": moved.title,
        "number": moved.position,
    }
    return varies_on_htmx(render(request, "coordination/partials/agenda_items_swap.html", context))


def agenda_item_delete(request, pk, item_pk):
    """Remove an agenda item before the meeting starts, after a confirmation page (GET); then POST."""
    item = selectors.get_agenda_item_for_change(request.user, pk, item_pk)
    meeting = item.meeting
    if meeting.has_started or meeting.cancelled_at or meeting.minutes_approved:
        return _agenda_locked(request, pk, AgendaLocked())
    if request.method == "POST":
        try:
            services.agenda_item_delete(actor=request.user, item=item)
        except AgendaLocked as error:
            return _agenda_locked(request, pk, error)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(item.get_absolute_url())
        messages.success(request, _("The agenda item “%(title)s” was removed.") % {"title": item.title})
        return redirect(f"{meeting.get_absolute_url()}#agenda-heading")
    return render(request, "coordination/agenda_item_delete.html", {"meeting": meeting, "item": item})


# --- attachments -------------------------------------------------------------------------------------------


@require_POST
def meeting_attachment_add(request, pk):
    meeting = selectors.get_meeting_for_change(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        saved, attachment = form_service(
            form,
            services.meeting_attachment_add,
            actor=request.user,
            meeting=meeting,
            upload=form.cleaned_data["file"],
            agenda_item=form.cleaned_data["agenda_item"],
        )
        if saved:
            messages.success(request, _("The file %(name)s was attached.") % {"name": attachment.name})
            if attachment.agenda_item_id:
                return redirect(attachment.agenda_item.get_absolute_url())
            return redirect(f"{meeting.get_absolute_url()}#attachments")
    messages.error(request, _("The file was not attached: see the message under Attachments."))
    return _detail_page(request, pk, status=400, attachment_form=form)


def meeting_attachment(request, pk, attachment_pk):
    """The file, for those who may read the meeting (others: 404), always as a download under a safe name."""
    attachment = selectors.get_attachment_for_user(request.user, pk, attachment_pk)
    services.meeting_attachment_downloaded(actor=request.user, attachment=attachment)
    # No cache (slt.core.security.NoStoreMiddleware): the papers of a meeting may name people.
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def meeting_attachment_delete(request, pk, attachment_pk):
    attachment = selectors.get_attachment_for_change(request.user, pk, attachment_pk)
    message_service(
        request,
        services.meeting_attachment_delete,
        success=_("The file %(name)s was deleted.") % {"name": attachment.name},
        actor=request.user,
        attachment=attachment,
    )
    return redirect(f"{attachment.meeting.get_absolute_url()}#attachments")


def agenda_item_action(request, pk, item_pk):
    """Turn the decision of an agenda item into an action item for an agency."""
    item = selectors.get_agenda_item_for_change(request.user, pk, item_pk)
    return action_item_form_page(
        request,
        # A short title to edit; the whole decision goes into the description.
        ActionItemForm(
            request.POST or None, initial={"title": short_title(item.decision), "description": item.decision}
        ),
        services.decision_action_item_create,
        success=_("The action item was created."),
        cancel_url=item.get_absolute_url(),
        next_url=item.get_absolute_url(),
        context={"meeting": item.meeting, "agenda_item": item},
        agenda_item=item,
    )
