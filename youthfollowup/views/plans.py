"""The youth plan meeting (and its calendar file), the youth plan and its measures."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import forms, selectors, services
from ..dates import period_last_day
from ..ical import plan_meeting_calendar
from ..states import CaseState
from .common import case_form_page


def plan_meeting(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    meeting = selectors.related_or_none(case, "plan_meeting")
    initial = {}
    if meeting:
        initial = {
            "date": timezone.localtime(meeting.starts_at).date(),
            "start_time": timezone.localtime(meeting.starts_at).time(),
            "end_time": timezone.localtime(meeting.ends_at).time(),
            "place": meeting.place,
            "participants": list(meeting.participants.all()),
            "other_participants": meeting.other_participants,
        }
    form = forms.PlanMeetingForm(request.POST or None, initial=initial, candidates=selectors.team_candidates())

    def run(data):
        starts_at, ends_at = form.times()
        return services.plan_meeting_save, {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": data["place"],
            "participants": data["participants"],
            "other_participants": data["other_participants"],
        }

    return case_form_page(
        request,
        case,
        form,
        title=_("Move the youth plan meeting") if meeting else _("Plan the youth plan meeting"),
        submit=_("Save the meeting") if meeting else _("Plan the meeting"),
        run=run,
        success=_("The youth plan meeting is planned. The invited users can add it to their calendars."),
        anchor="plan-meeting",
        intro=_("The youth, the guardians, the police and the relevant services agree the youth plan in this meeting."),
    )


def plan_meeting_ical(request, pk):
    case = selectors.get_case_for_user(request.user, pk)
    meeting = selectors.related_or_none(case, "plan_meeting")
    if meeting is None:
        raise Http404
    services.plan_meeting_exported(actor=request.user, case=case)
    response = HttpResponse(plan_meeting_calendar(case, meeting, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ungdomsplanmote-{case.number}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def plan(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    current = selectors.related_or_none(case, "plan")
    form = forms.PlanForm(request.POST or None, initial={"goals": current.goals if current else ""})
    approve_form = None
    if case.state == CaseState.PLAN_MEETING_PLANNED:
        approve_form = _approve_form(case)
    measures = list(current.measures.select_related("responsible_user", "responsible_agency")) if current else []
    return case_form_page(
        request,
        case,
        form,
        title=_("Youth plan"),
        submit=_("Save the aim"),
        run=lambda data: (services.plan_save, {"goals": data["goals"]}),
        success=_("The plan was saved."),
        anchor="plan",
        back=reverse("youthfollowup:plan", args=[case.pk]),
        template="youthfollowup/plan.html",
        plan=current,
        measures=measures,
        approve_form=approve_form,
    )


def _approve_form(case, data=None):
    decision = selectors.related_or_none(case, "decision")
    months = decision.period_months if decision and decision.period_months else 12
    today = timezone.localdate()
    return forms.PlanApproveForm(data, initial={"approved_on": today, "period_end": period_last_day(today, months)})


def plan_approve(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = _approve_form(case, request.POST or None)
    return case_form_page(
        request,
        case,
        form,
        title=_("Approve the youth plan"),
        submit=_("Approve the plan"),
        run=lambda data: (
            services.plan_approve,
            {"approved_on": data["approved_on"], "period_end": data["period_end"]},
        ),
        success=_("The plan is approved and follow-up has started. The first follow-up meeting is due within 31 days."),
        anchor="plan",
    )


def _team_users(case):
    return selectors.team_candidates().filter(youth_teams__case=case, youth_teams__removed_at__isnull=True)


def measure_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    return _measure_form(request, case, None)


def measure_update(request, pk, measure_pk):
    case, measure = selectors.get_measure_for_change(request.user, pk, measure_pk)
    return _measure_form(request, case, measure)


def _measure_form(request, case, measure):
    plan_obj = selectors.related_or_none(case, "plan")
    initial = {}
    if measure is None:
        start = plan_obj.approved_on if plan_obj and plan_obj.approved_on else timezone.localdate()
        end = plan_obj.period_end if plan_obj and plan_obj.period_end else start + timedelta(days=90)
        initial = {"starts_on": max(start, timezone.localdate()), "ends_on": end}
    form = forms.MeasureForm(request.POST or None, instance=measure, initial=initial, team_users=_team_users(case))
    return case_form_page(
        request,
        case,
        form,
        title=_("Change the measure") if measure else _("Add a measure to the plan"),
        submit=_("Save the measure") if measure else _("Add the measure"),
        run=lambda data: (services.measure_save, {"measure": form.save(commit=False)}),
        success=_("The measure was saved."),
        anchor="plan",
        back=reverse("youthfollowup:plan", args=[case.pk]) if case.state != CaseState.IN_FOLLOW_UP else None,
        intro=_("The measures of konfliktrådsloven § 25; the list is not exhaustive (choose “Other”)."),
    )
