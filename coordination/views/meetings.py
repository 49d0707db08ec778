from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.audit.services import record_export
from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from .. import ical, permissions, selectors, services
from ..forms import ActionItemForm, AgendaItemForm, AttendanceForm, ForumForm, MeetingForm, MinutesForm
from ..forms.action_items import short_title
from ..models import AgendaItem, Forum, Meeting
from .action_items import action_item_form_page

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


def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    can_change = permissions.can_change_meeting(request.user, meeting)
    agenda = list(meeting.agenda.all())
    context = {
        "meeting": meeting,
        "can_change": can_change,
        "agenda": agenda,
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
    return render(request, "coordination/meeting_detail.html", context)


def meeting_minutes(request, pk):
    """The printable minutes."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "coordination/meeting_minutes.html", {"meeting": meeting, "agenda": meeting.agenda.all()})


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
    item = selectors.get_agenda_item_for_change(request.user, pk, item_pk)
    form = MinutesForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved, _item = form_service(form, services.agenda_item_save, actor=request.user, item=form.save(commit=False))
        if saved:
            messages.success(request, _("The minutes were saved."))
            return redirect(item.get_absolute_url())
    return render(request, "coordination/agenda_item_form.html", {"form": form, "meeting": item.meeting, "item": item})


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
