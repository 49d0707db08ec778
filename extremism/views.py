"""Thin views: the door (a selector), the form, the service through form_service, then a redirect."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.selectors import get_concern_for_user
from slt.core.pagination import paginate
from slt.core.shortcuts import form_service, message_service

from . import selectors, services
from .forms import (
    CaseFilterForm,
    CaseForm,
    CloseForm,
    CompareForm,
    GuideSearchForm,
    IdentityForm,
    MeasureForm,
    MeasureStatusForm,
    MemberForm,
    MoveForm,
    RiskForm,
    SectionForm,
    SignForm,
    SignsForm,
)
from .models import GuideSection, Measure, WarningSign
from .rendering import diff_lines

# --- the guide --------------------------------------------------------------------------------------------


def _contacts(user):
    return {
        "contacts": list(selectors.radicalisation_contacts(user)),
        "police": list(selectors.police_contacts(user)),
    }


def guide(request):
    user = request.user
    return render(
        request,
        "extremism/guide.html",
        {
            "sections": list(selectors.guide_sections(user)),
            "sign_count": selectors.warning_signs(user).count(),
            "search_form": GuideSearchForm(),
            "can_edit": selectors.can_edit_guide(user),
            "can_see_cases": selectors.can_see_case_list(user),
            **_contacts(user),
        },
    )


def section_detail(request, slug):
    user = request.user
    section = selectors.get_section_for_user(user, slug)
    sections = list(selectors.guide_sections(user))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    context = {
        "section": section,
        "sections": sections,
        "previous": sections[index - 1] if index > 0 else None,
        "next": sections[index + 1] if index + 1 < len(sections) else None,
        "can_edit": selectors.can_edit_guide(user),
    }
    if section.kind == GuideSection.Kind.WARNING_SIGNS:
        context["signs"] = list(selectors.warning_signs(user))
    if section.kind == GuideSection.Kind.CONTACTS:
        context.update(_contacts(user))
    return render(request, "extremism/section_detail.html", context)


def guide_print(request, slug=None):
    """The whole guide, or one section, laid out for paper."""
    user = request.user
    sections = [selectors.get_section_for_user(user, slug)] if slug else list(selectors.guide_sections(user))
    kinds = {section.kind for section in sections}
    whole = slug is None
    return render(
        request,
        "extremism/guide_print.html",
        {
            "sections": sections,
            "whole": whole,
            "signs": list(selectors.warning_signs(user)) if whole or GuideSection.Kind.WARNING_SIGNS in kinds else [],
            "show_contacts": whole or GuideSection.Kind.CONTACTS in kinds,
            **(_contacts(user) if whole or GuideSection.Kind.CONTACTS in kinds else {}),
        },
    )


def sign_list(request):
    user = request.user
    return render(
        request,
        "extremism/sign_list.html",
        {"signs": list(selectors.warning_signs(user)), "can_edit": selectors.can_edit_guide(user)},
    )


def contacts(request):
    return render(request, "extremism/contacts.html", _contacts(request.user))


def guide_search(request):
    form = GuideSearchForm(request.GET or None)
    hits, query = [], ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        hits = selectors.guide_search(request.user, query)
    return render(request, "extremism/guide_search.html", {"form": form, "query": query, "hits": hits})


def section_create(request):
    if not selectors.can_edit_guide(request.user):
        raise PermissionDenied
    return _section_form(request, GuideSection())


def section_update(request, slug):
    return _section_form(request, selectors.get_section_for_change(request.user, slug))


def _section_form(request, section):
    creating = section.pk is None
    initial = {} if creating else {"base_revision": selectors.latest_revision_number(section)}
    form = SectionForm(request.POST or None, instance=section, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, saved = form_service(
            form,
            services.section_save,
            actor=request.user,
            section=section,
            title=data["title"],
            kind=data["kind"],
            order=data["order"],
            body=data["body"],
            slug=data.get("slug", ""),
            base_revision=None if creating else data.get("base_revision"),
        )
        if ok:
            messages.success(request, _("The section was saved."))
            return redirect(saved)
    return render(request, "extremism/section_form.html", {"form": form, "section": section, "creating": creating})


def sign_create(request):
    if not selectors.can_edit_guide(request.user):
        raise PermissionDenied
    return _sign_form(request, WarningSign())


def sign_update(request, pk):
    return _sign_form(request, selectors.get_sign_for_change(request.user, pk))


def _sign_form(request, sign):
    creating = sign.pk is None
    initial = {} if creating else {"base_revision": selectors.latest_revision_number(sign)}
    form = SignForm(request.POST or None, instance=sign, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, saved = form_service(
            form,
            services.sign_save,
            actor=request.user,
            sign=sign,
            title=data["title"],
            meaning=data["meaning"],
            not_alone=data["not_alone"],
            what_to_do=data["what_to_do"],
            order=data["order"],
            base_revision=None if creating else data.get("base_revision"),
        )
        if ok:
            messages.success(request, _("The warning sign was saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "extremism/sign_form.html", {"form": form, "sign": sign, "creating": creating})


def _history(request, thing, *, restore_url_name, back_url):
    revisions = list(selectors.revisions_of(thing))
    form = CompareForm(request.GET or None, revisions=revisions)
    diff, old, new = None, None, None
    if form.is_valid():
        by_pk = {revision.pk: revision for revision in revisions}
        old, new = by_pk[form.cleaned_data["old"]], by_pk[form.cleaned_data["new"]]
        diff = diff_lines(f"# {old.title}\n\n{old.body}", f"# {new.title}\n\n{new.body}")
    elif len(revisions) >= 2 and not request.GET:
        form = CompareForm(initial={"old": revisions[1].pk, "new": revisions[0].pk}, revisions=revisions)
    return render(
        request,
        "extremism/history.html",
        {
            "thing": thing,
            "revisions": revisions,
            "form": form,
            "diff": diff,
            "old": old,
            "new": new,
            "can_edit": selectors.can_edit_guide(request.user),
            "restore_url_name": restore_url_name,
            "back_url": back_url,
            "key": thing.slug if isinstance(thing, GuideSection) else thing.pk,
        },
    )


def section_history(request, slug):
    section = selectors.get_section_for_user(request.user, slug)
    return _history(request, section, restore_url_name="extremism:section_restore", back_url=section.get_absolute_url())


def sign_history(request, pk):
    sign = selectors.get_sign_for_user(request.user, pk)
    return _history(request, sign, restore_url_name="extremism:sign_restore", back_url=sign.get_absolute_url())


@require_POST
def section_restore(request, slug, revision_pk):
    section = selectors.get_section_for_change(request.user, slug)
    revision = selectors.get_revision(section, revision_pk)
    message_service(
        request,
        services.revision_restore,
        actor=request.user,
        revision=revision,
        success=_("Revision %(number)s was restored as a new revision.") % {"number": revision.number},
    )
    return redirect("extremism:section_history", slug=section.slug)


@require_POST
def sign_restore(request, pk, revision_pk):
    sign = selectors.get_sign_for_change(request.user, pk)
    revision = selectors.get_revision(sign, revision_pk)
    message_service(
        request,
        services.revision_restore,
        actor=request.user,
        revision=revision,
        success=_("Revision %(number)s was restored as a new revision.") % {"number": revision.number},
    )
    return redirect("extremism:sign_history", pk=sign.pk)


# --- cases ------------------------------------------------------------------------------------------------


def case_list(request):
    user = request.user
    selectors.check_case_list(user)
    form = CaseFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(
        user,
        status=data.get("status", ""),
        step=data.get("step", ""),
        risk=data.get("risk", ""),
        area=data.get("area"),
        overdue=data.get("overdue", False),
        search=data.get("q", ""),
    )
    page, query = paginate(request, cases)
    return render(
        request,
        "extremism/case_list.html",
        {"filter_form": form, "page": page, "query": query, "can_open": selectors.can_change_cases(user)},
    )


def case_create(request):
    selectors.check_can_open_cases(request.user)
    return _case_form(request, concern=None)


def case_create_from_concern(request, concern_pk):
    selectors.check_can_open_cases(request.user)
    concern = get_concern_for_user(request.user, concern_pk)
    existing = selectors.cases_visible_to(request.user).filter(concern=concern).first()
    if existing is not None:
        messages.info(request, _("A case has already been opened from this concern."))
        return redirect(existing)
    return _case_form(request, concern=concern)


def _case_form(request, *, concern):
    initial = {}
    if concern is not None:
        initial = {
            "summary": concern.description,
            "age_band": concern.age_band,
            "gender": concern.gender,
            "area": concern.area_id,
            "reporting_agency": concern.reporter_agency_id,
            "risk_level": concern.risk_level,
        }
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, case = form_service(form, services.case_open, actor=request.user, concern=concern, **form.cleaned_data)
        if ok:
            messages.success(request, _("The case %(reference)s was opened.") % {"reference": case.reference})
            return redirect(case)
    if concern is not None:
        services.concern_record_view(actor=request.user, concern=concern)
    return render(request, "extremism/case_form.html", {"form": form, "concern": concern})


def case_detail(request, pk):
    case = selectors.get_case_for_user(request.user, pk)
    return _case_page(request, case)


def _case_page(request, case, *, status=200, **forms):
    user = request.user
    services.case_record_view(actor=user, case=case)
    manage = selectors.can_change_cases(user)
    context = {
        "case": case,
        "can_manage": manage,
        "trail": list(case.trail.all()),
        "measures": list(case.measures.all()),
        "members": list(case.members.all()),
        "observed_signs": list(case.observed_signs.all()),
        "show_concern": selectors.concern_link_visible(user, case),
        "steps": _trail_steps(case),
    }
    if manage:
        context.update(
            {
                "access_log": list(selectors.case_access_log(user, case)),
                "move_form": forms.get("move_form") or MoveForm(case=case),
                "risk_form": forms.get("risk_form") or RiskForm(instance=case),
                "measure_form": forms.get("measure_form") or MeasureForm(),
                "member_form": forms.get("member_form") or MemberForm(case=case),
                "close_form": forms.get("close_form") or CloseForm(),
                "measure_statuses": Measure.Status.choices,
                "retention_years": settings.EXTREMISM_RETENTION_YEARS,
            }
        )
    return render(request, "extremism/case_detail.html", context, status=status)


def _trail_steps(case):
    from .models import STEP_ORDER, Step

    current = STEP_ORDER.index(case.step)
    return [
        {"value": value, "label": Step(value).label, "done": i < current, "current": i == current}
        for i, value in enumerate(STEP_ORDER)
    ]


def _case_post(request, case, form, service, *, success, form_name, arguments):
    """A form on the case page: valid and accepted → back to the case; else the page again with the errors."""
    if form.is_valid():
        ok, _result = form_service(form, service, actor=request.user, case=case, **arguments(form.cleaned_data))
        if ok:
            messages.success(request, success)
            return redirect(case)
    messages.error(request, _("Nothing was saved. See the form marked below."))
    return _case_page(request, case, status=400, **{form_name: form})


@require_POST
def case_move(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    return _case_post(
        request,
        case,
        MoveForm(request.POST, case=case),
        services.case_move,
        success=_("The case was moved."),
        form_name="move_form",
        arguments=lambda data: {"to_step": data["to_step"], "reason": data["reason"]},
    )


@require_POST
def case_risk(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    return _case_post(
        request,
        case,
        RiskForm(request.POST),
        services.case_assess_risk,
        success=_("The risk assessment was saved."),
        form_name="risk_form",
        arguments=lambda data: {"risk_level": data["risk_level"], "risk_assessment": data["risk_assessment"]},
    )


@require_POST
def measure_create(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    return _case_post(
        request,
        case,
        MeasureForm(request.POST),
        services.measure_add,
        success=_("The measure was added."),
        form_name="measure_form",
        arguments=lambda data: data,
    )


@require_POST
def member_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    return _case_post(
        request,
        case,
        MemberForm(request.POST, case=case),
        services.member_add,
        success=_("The person was added to the case."),
        form_name="member_form",
        arguments=lambda data: {"user": data["user"]},
    )


@require_POST
def case_close(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    return _case_post(
        request,
        case,
        CloseForm(request.POST),
        services.case_close,
        success=_("The case was closed."),
        form_name="close_form",
        arguments=lambda data: {"outcome": data["outcome"], "outcome_note": data["outcome_note"]},
    )


@require_POST
def measure_status(request, pk, measure_pk):
    case = selectors.get_case_for_change(request.user, pk)
    measure = selectors.get_measure(case, measure_pk)
    form = MeasureStatusForm(request.POST, prefix=f"m{measure.pk}")
    if form.is_valid():
        message_service(
            request,
            services.measure_set_status,
            actor=request.user,
            measure=measure,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            success=_("The status of the measure was saved."),
        )
    else:
        messages.error(request, _("Choose a status."))
    return redirect(case)


@require_POST
def member_remove(request, pk, member_pk):
    case = selectors.get_case_for_change(request.user, pk)
    member = selectors.get_member(case, member_pk)
    message_service(
        request,
        services.member_remove,
        actor=request.user,
        member=member,
        success=_("%(person)s no longer has access to the case.") % {"person": member.user},
    )
    return redirect(case)


def case_signs(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    observed = {row.sign_id: row.note for row in case.observed_signs.all()}
    form = SignsForm(request.POST or None, signs=selectors.warning_signs(request.user), observed=observed)
    if request.method == "POST" and form.is_valid():
        ok, _rows = form_service(form, services.case_set_signs, actor=request.user, case=case, observed=form.observed())
        if ok:
            messages.success(request, _("The warning signs were saved."))
            return redirect(case)
    services.case_record_view(actor=request.user, case=case)
    return render(request, "extremism/case_signs.html", {"case": case, "form": form})


def case_identity(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = IdentityForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _saved = form_service(
            form,
            services.case_set_identity,
            actor=request.user,
            case=case,
            full_name=data["full_name"],
            birth_date=data["birth_date"],
            legal_basis=data["legal_basis"],
            legal_basis_detail=data["legal_basis_detail"],
        )
        if ok:
            messages.success(request, _("The identity was saved."))
            return redirect(case)
    services.case_record_view(actor=request.user, case=case)
    return render(request, "extremism/case_identity.html", {"case": case, "form": form})
