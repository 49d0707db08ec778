"""Case pages: the list, the statistics, the referral, the case page, consents, the decision, the team, the end."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from .. import forms, selectors, services, statistics
from ..eligibility import eligibility_warnings, penalty_warnings
from ..models import DecisionOutcome
from ..states import CaseState, can_move
from .common import NOT_SAVED, back_to_case, case_form_page


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
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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


def team_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    on_team = case.team.filter(removed_at__isnull=True).values("user_id")
    form = forms.TeamMemberForm(request.POST or None, candidates=selectors.team_candidates().exclude(pk__in=on_team))
    return case_form_page(
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
    return back_to_case(case, "team")


def case_end(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.CaseEndForm(request.POST or None, outcomes=_end_outcomes(case))
    return case_form_page(
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
