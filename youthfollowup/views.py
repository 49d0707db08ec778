"""Youth follow-up pages. Each view: the door, the form, the service (through form_service), the redirect.

Every page that shows a case writes a VIEW audit event; the youth's name appears only on the case page itself.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from . import forms, selectors, services, statistics
from .dates import period_last_day
from .eligibility import eligibility_warnings, penalty_warnings
from .ical import plan_meeting_calendar
from .models import DecisionOutcome, PlanMeasure, YouthCase
from .states import CaseState, can_move

NOT_SAVED = gettext_lazy("Nothing was saved. Correct the fields marked below.")


def _anchor(case: YouthCase, anchor: str):
    return redirect(f"{case.get_absolute_url()}#{anchor}")


def _form_page(
    request, case, form, *, title, submit, run, success, anchor, template="youthfollowup/form.html", **extra
):
    """The shared flow of a case form: on a valid POST call the service (its refusal lands on the form, nothing
    is saved) and go back to the case; on GET the page shows the case, so the read is audited."""
    if request.method == "POST":
        if form.is_valid():
            service, kwargs = run(form.cleaned_data)
            ok, _result = form_service(form, service, actor=request.user, case=case, **kwargs)
            if ok:
                messages.success(request, success)
                return _anchor(case, anchor)
        messages.error(request, NOT_SAVED)
    else:
        services.case_record_view(actor=request.user, case=case)
    context = {"case": case, "form": form, "title": title, "submit": submit, "anchor": anchor, **extra}
    return render(request, template, context, status=400 if request.method == "POST" else 200)


# --- lists, statistics ---------------------------------------------------------------------------------------


def case_list(request):
    if not selectors.can_use_module(request.user):
        raise PermissionDenied
    form = forms.CaseFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page, query = paginate(request, selectors.case_list(request.user, state=state))
    return render(
        request,
        "youthfollowup/case_list.html",
        {"form": form, "page": page, "query": query, "can_refer": selectors.can_change_case(request.user)},
    )


def statistics_page(request):
    if not selectors.can_change_case(request.user):
        raise PermissionDenied
    return render(request, "youthfollowup/statistics.html", {"stats": statistics.youth_statistics()})


# --- the case -------------------------------------------------------------------------------------------------


def case_create(request):
    if not selectors.can_change_case(request.user):
        raise PermissionDenied
    form = forms.ReferralForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            case, guardians, offences = form.instances()
            ok, case = form_service(
                form, services.case_refer, actor=request.user, case=case, guardians=guardians, offences=offences
            )
            if ok:
                messages.success(request, _("The referral is registered as case %(number)s.") % {"number": case})
                for warning in penalty_warnings(case.offences.all()):
                    messages.warning(request, warning)
                return redirect(case)
        messages.error(request, NOT_SAVED)
    return render(request, "youthfollowup/referral_form.html", {"form": form}, status=400 if form.errors else 200)


def case_detail(request, pk):
    case = selectors.get_case_for_user(request.user, pk)
    services.case_record_view(actor=request.user, case=case)
    case = selectors.case_page(case)
    user = request.user
    can_change = selectors.can_change_case(user)
    plan = selectors.related_or_none(case, "plan")
    for measure in case.measures:
        measure.can_note = selectors.can_note_measure(user, measure)
    return render(
        request,
        "youthfollowup/case_detail.html",
        {
            "case": case,
            "can_change": can_change,
            "decision": selectors.related_or_none(case, "decision"),
            "plan": plan,
            "plan_meeting": selectors.related_or_none(case, "plan_meeting"),
            "warnings": eligibility_warnings(case, case.offences.all()) if case.is_open else [],
            "missing_consents": selectors.missing_consents(case) if case.state == CaseState.REFERRED else [],
            "next_meeting": selectors.next_planned_meeting(case),
            "access_log": selectors.access_log(user, case),
            "steps": _steps(case),
            "membership": selectors.team_member_of(user, case),
            "end_outcomes": _end_outcomes(case) if can_change else [],
        },
    )


def _steps(case):
    """The progress bar: each step done, current or to come; closed cases show how they ended."""
    order = [
        CaseState.REFERRED,
        CaseState.CONSENTS_OBTAINED,
        CaseState.DECIDED,
        CaseState.PLAN_MEETING_PLANNED,
        CaseState.IN_FOLLOW_UP,
    ]
    position = order.index(case.state) if case.state in order else None
    steps = []
    for index, state in enumerate(order):
        status = "todo"
        if position is not None:
            status = "done" if index < position else "current" if index == position else "todo"
        steps.append({"label": CaseState(state).label, "status": status})
    return steps


def _end_outcomes(case):
    labels = {
        CaseState.COMPLETED: _("Completed"),
        CaseState.RETURNED: _("Broken off and returned to the prosecution"),
        CaseState.WITHDRAWN: _("Consent refused or withdrawn"),
    }
    return [(state, label) for state, label in labels.items() if can_move(case.state, state)]


def case_update(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.CaseForm(request.POST or None, instance=case)
    return _form_page(
        request,
        case,
        form,
        title=_("Edit the youth and the referral"),
        submit=_("Save"),
        run=lambda data: (services.case_update, {}),
        success=_("The case was saved."),
        anchor="youth",
    )


def guardian_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.GuardianForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Add a guardian"),
        submit=_("Add the guardian"),
        run=lambda data: (services.guardian_add, {"guardian": form.save(commit=False)}),
        success=_("The guardian was added. Record the guardian's consent."),
        anchor="youth",
    )


def offence_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.OffenceForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Add an offence"),
        submit=_("Add the offence"),
        run=lambda data: (services.offence_add, {"offence": form.save(commit=False)}),
        success=_("The offence was added."),
        anchor="offences",
    )


def consent_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    youth_missing, guardians_missing = selectors.consent_gaps(case)
    form = forms.ConsentForm(
        request.POST or None, case=case, youth_missing=youth_missing, missing_guardians=guardians_missing
    )
    return _form_page(
        request,
        case,
        form,
        title=_("Record a consent"),
        submit=_("Record the consent"),
        run=lambda data: (
            services.consent_record,
            {"guardian": form.guardian(), "given_on": data["given_on"], "method": data["method"]},
        ),
        success=_("The consent was recorded."),
        anchor="consents",
        intro=_("Youth follow-up needs the consent of the youth and of every guardian before the decision."),
    )


def consent_withdraw(request, pk, consent_pk):
    case, consent = selectors.get_consent_for_change(request.user, pk, consent_pk)
    form = forms.ConsentWithdrawForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Withdraw the consent of %(who)s") % {"who": consent},
        submit=_("Withdraw the consent and end the case"),
        run=lambda data: (
            services.consent_withdraw,
            {"consent": consent, "withdrawn_on": data["withdrawn_on"], "note": data["note"]},
        ),
        success=_("The consent was withdrawn and the case is ended."),
        anchor="consents",
        intro=_("A withdrawn consent ends the case. The consent and its history stay on the case."),
        danger=True,
    )


def decision(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    offences = list(case.offences.all())
    warnings = eligibility_warnings(case, offences)
    form = forms.DecisionForm(
        request.POST or None,
        show_confirmation=bool(penalty_warnings(offences)),
        initial={"prosecutor_name": case.prosecutor_name},
    )
    return _form_page(
        request,
        case,
        form,
        title=_("Record the prosecutor's decision"),
        submit=_("Record the decision"),
        run=lambda data: (
            services.decision_record,
            {
                "decided_on": data["decided_on"],
                "outcome": data["outcome"],
                "prosecutor_name": data["prosecutor_name"],
                "conditions": data["conditions"],
                "period_months": data["period_months"],
                "confirm_penalty": data.get("confirm_penalty", False),
            },
        ),
        success=_("The decision was recorded."),
        anchor="decision",
        warnings=warnings,
        missing_consents=selectors.missing_consents(case),
        suitable=DecisionOutcome.SUITABLE,
    )


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

    return _form_page(
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
    return _form_page(
        request,
        case,
        form,
        title=_("Youth plan"),
        submit=_("Save the aim"),
        run=lambda data: (services.plan_save, {"goals": data["goals"]}),
        success=_("The plan was saved."),
        anchor="plan",
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
    return _form_page(
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
    return _form_page(
        request,
        case,
        form,
        title=_("Change the measure") if measure else _("Add a measure to the plan"),
        submit=_("Save the measure") if measure else _("Add the measure"),
        run=lambda data: (services.measure_save, {"measure": form.save(commit=False)}),
        success=_("The measure was saved."),
        anchor="plan",
        intro=_("The measures of konfliktrådsloven § 25; the list is not exhaustive (choose “Other”)."),
    )


def team_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    on_team = case.team.filter(removed_at__isnull=True).values("user_id")
    form = forms.TeamMemberForm(request.POST or None, candidates=selectors.team_candidates().exclude(pk__in=on_team))
    return _form_page(
        request,
        case,
        form,
        title=_("Add a member to the follow-up team"),
        submit=_("Add to the team"),
        run=lambda data: (services.team_member_add, {"user": data["user"], "function": data["function"]}),
        success=_("The member was added to the follow-up team."),
        anchor="team",
        intro=_(
            "Members of the follow-up team read the case; they add notes on the measures they are responsible for."
        ),
    )


@require_POST
def team_remove(request, pk, member_pk):
    case, member = selectors.get_team_member_for_change(request.user, pk, member_pk)
    message_service(
        request,
        services.team_member_remove,
        success=_("%(user)s is no longer on the follow-up team.") % {"user": member.user},
        actor=request.user,
        case=case,
        member=member,
    )
    return _anchor(case, "team")


def follow_up_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.FollowUpMeetingForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Follow-up meeting"),
        submit=_("Save the meeting"),
        run=lambda data: (
            services.follow_up_meeting_add,
            {"starts_at": form.starts_at(), "place": data["place"], "held": data["held"], "summary": data["summary"]},
        ),
        success=_("The follow-up meeting was saved."),
        anchor="follow-up",
        intro=_("Plan the next meeting, or record one that was held. The team meets the youth at least monthly."),
    )


def follow_up_held(request, pk, meeting_pk):
    case, meeting = selectors.get_follow_up_meeting_for_change(request.user, pk, meeting_pk)
    form = forms.MarkHeldForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Mark the follow-up meeting as held"),
        submit=_("The meeting was held"),
        run=lambda data: (services.follow_up_meeting_mark_held, {"meeting": meeting, "summary": data["summary"]}),
        success=_("The meeting is marked as held."),
        anchor="follow-up",
        meeting=meeting,
    )


def note_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.NoteForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Progress note"),
        submit=_("Save the note"),
        run=lambda data: (services.progress_note_add, {"text": data["text"], "drug_test": data["drug_test"]}),
        success=_("The note was saved."),
        anchor="notes",
    )


def measure_note(request, pk, measure_pk):
    case, measure = selectors.get_measure_for_note(request.user, pk, measure_pk)
    form = forms.NoteForm(request.POST or None)
    return _form_page(
        request,
        case,
        form,
        title=_("Note on the measure “%(measure)s”") % {"measure": measure.get_kind_display()},
        submit=_("Save the note"),
        run=lambda data: (
            services.progress_note_add,
            {"measure": measure, "text": data["text"], "drug_test": data["drug_test"]},
        ),
        success=_("The note was saved."),
        anchor="plan",
        measure=measure,
    )


def breach_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    plan_obj = selectors.related_or_none(case, "plan")
    measures = plan_obj.measures.all() if plan_obj else PlanMeasure.objects.none()
    form = forms.BreachForm(request.POST or None, measures=measures)
    return _form_page(
        request,
        case,
        form,
        title=_("Record a breach of the plan"),
        submit=_("Record the breach"),
        run=lambda data: (
            services.breach_record,
            {
                "occurred_on": data["occurred_on"],
                "description": data["description"],
                "reaction": data["reaction"],
                "measure": data["measure"],
            },
        ),
        success=_("The breach was recorded."),
        anchor="breaches",
        intro=_("A serious or repeated breach can send the case back to the prosecution: end the case for that."),
    )


def case_end(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.CaseEndForm(request.POST or None, outcomes=_end_outcomes(case))
    return _form_page(
        request,
        case,
        form,
        title=_("End the case"),
        submit=_("End the case"),
        run=lambda data: (
            services.case_end,
            {"outcome": data["outcome"], "ended_on": data["ended_on"], "note": data["note"]},
        ),
        success=_("The case is ended."),
        anchor="end",
        intro=_("The case is kept until the retention date and then anonymised."),
        danger=True,
    )
