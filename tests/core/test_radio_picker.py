"""A single choice of a person or an agency is the radio picker everywhere (slt.core.widgets.RadioPicker): an
optional one starts with a "none" radio above the groups, a required one has none and nothing checked; a record
that is no longer active comes last in its group, marked "(inactive)"."""

import re
from datetime import timedelta

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from coordination.forms import (
    ActionItemForm,
    ConcernFilterForm,
    ConcernForm,
    MeetingForm,
)
from coordination.models import Agency, Meeting
from extremism.forms import CaseForm
from extremism.forms import MeasureForm as ExtremismMeasureForm
from slt.accounts.models import User
from slt.audit.forms import AccessReportForm
from slt.core.forms import BoundedForm, FilterForm
from slt.core.widgets import AgencyRadioPicker, PersonRadioPicker
from tests.coordination.factories import ActionItemFactory, ForumFactory
from tests.factories import AgencyFactory, AreaFactory, UserFactory
from tests.walks.factories import SafetyWalkFactory
from walks.forms import ActionFromObservationsForm, WalkForm
from walks.models import SafetyWalk
from youthfollowup.forms import MeasureForm as YouthMeasureForm

pytestmark = pytest.mark.django_db


def _agency_form(required=False, base=BoundedForm, **field_options):
    widget = AgencyRadioPicker(**field_options.pop("widget_options", {}))

    class AgencyForm(base):
        agency = forms.ModelChoiceField(
            label="Aktør", queryset=Agency.objects.order_by("name"), required=required, widget=widget, **field_options
        )

    return AgencyForm


def _radios(html):
    """(value, label, checked) of each radio, in the order of the page."""
    return [
        (value, label, "checked" in attrs)
        for value, attrs, label in re.findall(
            r'<input type="radio" name="\w+" value="(\d*)" class="form-check-input"([^>]*)><span '
            r'class="picker-label">([^<]+)</span>',
            html,
        )
    ]


@pytest.fixture
def agencies():
    return [
        AgencyFactory(name="Sandnes politistasjon", kind=Agency.Kind.POLICE),
        AgencyFactory(name="Lura ungdomsskole", kind=Agency.Kind.SCHOOL),
    ]


def test_an_optional_picker_starts_with_its_none_choice_above_the_groups_checked_when_empty(agencies):
    html = str(_agency_form(widget_options={"none_label": "Ikke oppgitt"})()["agency"])
    radios = _radios(html)
    assert radios[0] == ("", "Ikke oppgitt", True)
    assert [label for _value, label, _checked in radios[1:]] == ["Sandnes politistasjon", "Lura ungdomsskole"]
    assert not any(checked for _value, _label, checked in radios[1:])
    # Outside every group, before the first one: the search (which hides rows in the groups) never hides it.
    none = html.index('value=""')
    assert none < html.index("<fieldset") and "<fieldset" not in html[html.index('class="picker-none"') : none]
    assert "data-picker-option" not in html[: html.index("<fieldset")]
    assert "---------" not in html and "Velg …" not in html


def test_choosing_a_record_unchecks_the_none_choice_and_choosing_none_cleans_to_none(agencies):
    police = agencies[0]
    form_class = _agency_form()
    radios = _radios(str(form_class(initial={"agency": police.pk})["agency"]))
    assert [(label, checked) for _value, label, checked in radios if checked] == [("Sandnes politistasjon", True)]
    assert radios[0][0] == "" and not radios[0][2]

    form = form_class({"agency": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["agency"] is None
    assert form_class({}).is_valid()  # nothing sent at all (no radio checked) is no choice either
    form = form_class({"agency": str(police.pk)})
    assert form.is_valid() and form.cleaned_data["agency"] == police


def test_a_required_picker_has_no_none_choice_and_nothing_checked(agencies):
    form_class = _agency_form(required=True)
    html = str(form_class()["agency"])
    assert 'value=""' not in html and "picker-none" not in html
    assert not any(checked for _value, _label, checked in _radios(html))
    assert not form_class({"agency": ""}).is_valid()


def test_the_none_label_is_the_widgets_then_the_fields_empty_label_then_none(agencies):
    with translation.override("en"):
        # A radio choice keeps its empty label only with blank=True (Django's rule for radio buttons).
        labelled = str(_agency_form(empty_label="All", blank=True)()["agency"])
        assert _radios(labelled)[0] == ("", "All", True)
        for plain in (_agency_form(), _agency_form(base=forms.Form)):  # "Choose …" and Django's dashes
            assert _radios(str(plain()["agency"]))[0] == ("", "None", True)
        own = _agency_form(empty_label="All", blank=True, widget_options={"none_label": "Anyone"})
        assert _radios(str(own()["agency"]))[0] == ("", "Anyone", True)


def test_an_inactive_agency_comes_last_in_its_group_marked_inactive():
    AgencyFactory(name="Austrått skole", kind=Agency.Kind.SCHOOL, is_active=False)
    AgencyFactory(name="Lura ungdomsskole", kind=Agency.Kind.SCHOOL)
    AgencyFactory(name="Sandnes politistasjon", kind=Agency.Kind.POLICE)
    with translation.override("en"):
        html = str(_agency_form(required=True)()["agency"])
    labels = [label for _value, label, _checked in _radios(html)]
    assert labels == ["Sandnes politistasjon", "Lura ungdomsskole", "Austrått skole (inactive)"]


def test_a_picker_reads_its_choices_in_one_query(agencies):
    form = _agency_form()()
    with CaptureQueriesContext(connection) as queries:
        str(form["agency"])
    assert len(queries) == 1


# --- every single choice of a person or an agency -------------------------------------------------------------


def _widget(form, name):
    return form.fields[name].widget


def test_every_single_choice_of_a_person_or_an_agency_is_a_radio_picker(coordinator):
    walk_form = WalkForm(actor=coordinator)
    checks = [
        (ActionItemForm(), "responsible_agency", AgencyRadioPicker, True),
        (ConcernForm(), "school", AgencyRadioPicker, False),
        (MeetingForm(), "secretary", PersonRadioPicker, False),
        (walk_form, "organiser", PersonRadioPicker, False),
        (ActionFromObservationsForm(walk=SafetyWalkFactory()), "responsible_agency", AgencyRadioPicker, True),
        (CaseForm(), "reporting_agency", AgencyRadioPicker, False),
        (ExtremismMeasureForm(), "responsible_agency", AgencyRadioPicker, True),
        (YouthMeasureForm(team_users=User.objects.none()), "responsible_user", PersonRadioPicker, False),
        (YouthMeasureForm(team_users=User.objects.none()), "responsible_agency", AgencyRadioPicker, False),
        (AccessReportForm(), "user", PersonRadioPicker, True),
    ]
    for form, name, widget_class, required in checks:
        widget = _widget(form, name)
        assert isinstance(widget, widget_class), (type(form).__name__, name)
        assert form.fields[name].required is required is widget.is_required, (type(form).__name__, name)


def test_the_none_choices_say_what_none_means(coordinator):
    with translation.override("en"):
        expected = {
            (WalkForm(actor=coordinator), "organiser"): "Myself",
            (MeetingForm(), "secretary"): "No secretary",
            (ConcernForm(), "school"): "Not given",
            (CaseForm(), "reporting_agency"): "Not given",
            (YouthMeasureForm(team_users=User.objects.none()), "responsible_user"): "No person",
            (YouthMeasureForm(team_users=User.objects.none()), "responsible_agency"): "No agency",
        }
        for (form, name), label in expected.items():
            assert _radios(str(form[name]))[0] == ("", label, True), (type(form).__name__, name)


def test_the_walk_form_offers_myself_first_and_others_by_agency(coordinator, police):
    html = str(WalkForm(actor=coordinator)["organiser"])
    radios = _radios(html)
    assert radios[0][0] == "" and radios[0][2]  # "Myself", checked
    labels = [label for _value, label, _checked in radios[1:]]
    assert str(police) in labels
    assert str(coordinator) not in labels  # the coordinator is "Myself"
    assert f'<legend class="picker-legend">{police.agency.name}</legend>' in html


def test_a_coordinator_plans_a_walk_for_themselves_with_the_none_choice(client_for, coordinator, police):
    area = AreaFactory(name="Sandnes sentrum")
    response = client_for(coordinator).post(
        reverse("walks:walk_create"),
        {
            "title": "Vandring rundt Ruten",
            "area": area.pk,
            "date": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "start_time": "20:00",
            "light": "after_dark",
            "meeting_point": "Ruten",
            "organiser": "",
            "residents_count": "0",
            "youth_council_count": "0",
            "landlords_count": "0",
            "other_external_count": "0",
        },
    )
    assert response.status_code == 302
    assert SafetyWalk.objects.get().organiser == coordinator


def test_a_walk_being_changed_keeps_its_organiser_checked_and_has_no_none_choice(coordinator):
    walk = SafetyWalkFactory()
    form = WalkForm(instance=walk, actor=coordinator)
    assert form.fields["organiser"].required
    radios = _radios(str(form["organiser"]))
    assert "" not in [value for value, _label, _checked in radios]
    assert [label for _value, label, checked in radios if checked] == [str(walk.organiser)]


def test_a_meeting_without_a_secretary_is_saved_with_the_none_choice(client_for, coordinator, police):
    forum = ForumFactory()
    starts = timezone.localtime() + timedelta(days=3)
    data = {
        "forum": forum.pk,
        "title": "Koordineringsgruppen",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Rådhuset",
        "invitees": [police.pk],
    }
    client = client_for(coordinator)
    assert client.post(reverse("coordination:meeting_create"), {**data, "secretary": ""}).status_code == 302
    assert Meeting.objects.get().secretary is None
    meeting = Meeting.objects.get()
    url = reverse("coordination:meeting_update", args=[meeting.pk])
    assert client.post(url, {**data, "secretary": police.pk}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.secretary == police
    radios = _radios(client.get(url).text.split('id="id_secretary"')[1])
    assert [label for _value, label, checked in radios if checked] == [str(police)]


def test_the_access_report_lists_users_by_agency_as_full_name_and_username(police):
    UserFactory(username="drift", first_name="", last_name="", agency=None)
    UserFactory(username="tidligere", first_name="Tidl", last_name="Ansatt", agency=police.agency, is_active=False)
    form = AccessReportForm()
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        html = str(form["user"])
    assert len(queries) == 1  # agency included (select_related)
    labels = [label for _value, label, _checked in _radios(html)]
    assert f"{police.get_full_name()} (politi)" in labels
    assert labels[labels.index(f"{police.get_full_name()} (politi)") + 1] == "Tidl Ansatt (tidligere) (inactive)"
    assert "drift" in labels  # no full name: the username alone
    assert html.index("drift") > html.index("Without an agency")
    assert f'<legend class="picker-legend">{police.agency.name}</legend>' in html
    assert "picker-none" not in html


def test_the_list_filters_keep_a_compact_drop_down_for_the_agency(client_for, coordinator, school):
    """Above a list the filters stay on one line: the agency filter is a drop-down with "Alle" first."""
    ActionItemFactory(responsible_agency=school)
    html = client_for(coordinator).get(reverse("coordination:action_item_list"), {"agency": school.pk}).text
    assert re.search(r'<select name="agency"[^>]*>\s*<option value="">Alle</option>', html)
    assert f'<option value="{school.pk}" selected>Lura ungdomsskole</option>' in html
    assert "Aktør: Lura ungdomsskole" in html  # the chip
    form = ConcernFilterForm({"agency": str(school.pk)}, agency_filter=True)
    assert isinstance(form, FilterForm) and not getattr(form["agency"].field.widget, "is_picker", False)
    assert [chip.label for chip in form.chips()] == ["Aktør: Lura ungdomsskole"]
