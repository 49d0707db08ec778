"""Follow-up: meetings with the youth, progress notes (on the case or a measure) and breaches."""

from django.utils.translation import gettext as _

from .. import forms, selectors, services
from ..models import PlanMeasure
from .common import case_form_page


def follow_up_add(request, pk):
    case = selectors.get_case_for_change(request.user, pk)
    form = forms.FollowUpMeetingForm(request.POST or None)
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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
    return case_form_page(
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
