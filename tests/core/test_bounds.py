"""Text lengths, date ranges and small numbers are bounded in every form (a clear message) and in the models
(full_clean refuses what the form would): year 1 and year 9999 never reach date arithmetic."""

import copy
import importlib
from datetime import date, datetime, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coordination.models import ActionItem, Concern, Meeting
from slt.core.forms import BoundedFieldsMixin, FilterForm, bound_field
from slt.core.limits import LONG_TEXT_MAX, TEXT_MAX
from tests.coordination.factories import ForumFactory, MeetingFactory
from walks.models import SafetyWalk
from youthfollowup.models import YouthCase

FORM_MODULES = [
    "coordination.forms",
    "walks.forms",
    "extremism.forms",
    "youthfollowup.forms",
    "slt.notifications.forms",
    "slt.core.forms",
]


def _project_forms():
    for module_name in FORM_MODULES:
        importlib.import_module(module_name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in ("coordination", "walks", "extremism", "youthfollowup", "slt"):
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__name__}")


PROJECT_FORMS = _project_forms()


def _needs_bounds(field):
    return isinstance(field, forms.DateField | forms.DateTimeField | forms.IntegerField) or (
        isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea)
    )


def test_the_project_forms_are_found():
    names = {cls.__name__ for cls in PROJECT_FORMS}
    assert {"MeetingForm", "ConcernForm", "ReferralForm", "WalkForm", "MeasureForm"} <= names


@pytest.mark.parametrize("form_class", PROJECT_FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_with_dates_texts_or_numbers_is_bounded(form_class):
    if issubclass(form_class, FilterForm) or form_class in (BoundedFieldsMixin,):
        return  # GET filters: an invalid filter filters nothing and writes nothing
    if any(_needs_bounds(field) for field in form_class.base_fields.values()):
        assert issubclass(form_class, BoundedFieldsMixin), form_class


def _date_fields():
    for form_class in PROJECT_FORMS:
        if not issubclass(form_class, BoundedFieldsMixin):
            continue
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                yield pytest.param(name, field, id=f"{form_class.__name__}.{name}")


@pytest.mark.parametrize(("name", "base_field"), list(_date_fields()))
@pytest.mark.parametrize("year", [1, 1999, 9999])
def test_year_1_and_9999_are_refused_by_every_date_field(name, base_field, year):
    field = copy.deepcopy(base_field)
    bound_field(name, field)
    value = f"{year:04d}-06-01" + ("T12:00" if isinstance(field, forms.DateTimeField) else "")
    if year == 1999 and "birth" in name:
        value = value.replace("1999", "1990")  # a birth date may be in 1999; 1990 is too early
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    codes = {error.code for error in caught.value.error_list}
    assert codes & {"date_out_of_range", "birth_date_too_early", "birth_date_in_future"}
    plausible = timezone.localdate() - timedelta(days=15 * 365)
    if "birth" not in name:
        plausible = timezone.localdate()
    field.clean(f"{plausible.isoformat()}T12:00" if isinstance(field, forms.DateTimeField) else plausible.isoformat())


def test_a_birth_date_in_the_future_or_over_30_years_back_is_refused():
    field = forms.DateField()
    bound_field("birth_date", field)
    with pytest.raises(ValidationError, match="kan ikke være fram i tid"):
        field.clean((timezone.localdate() + timedelta(days=1)).isoformat())
    with pytest.raises(ValidationError, match="mer enn 30 år"):
        field.clean((timezone.localdate() - timedelta(days=31 * 365)).isoformat())


def test_textareas_get_a_maximum_length_and_numbers_the_database_range():
    text = forms.CharField(widget=forms.Textarea)
    number = forms.IntegerField()
    bound_field("text", text)
    bound_field("number", number)
    assert text.max_length == TEXT_MAX and text.widget.attrs["maxlength"] == str(TEXT_MAX)
    with pytest.raises(ValidationError):
        text.clean("x" * (TEXT_MAX + 1))
    with pytest.raises(ValidationError):
        number.clean(str(2**31))


# Models: full_clean refuses what the forms refuse.


@pytest.mark.django_db
def test_models_refuse_long_text_and_implausible_dates(coordinator):
    meeting = MeetingFactory()
    meeting.starts_at = datetime(1, 1, 1, 12, tzinfo=timezone.get_current_timezone())
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert "starts_at" in caught.value.message_dict
    item = meeting.agenda.model(meeting=meeting, title="Sak", minutes="x" * (LONG_TEXT_MAX + 1), position=1000)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert {"minutes", "position"} <= set(caught.value.message_dict)
    concern = Concern(description="x" * (TEXT_MAX + 1), age=200, observed_on=date(9999, 1, 1))
    with pytest.raises(ValidationError) as caught:
        concern.full_clean()
    assert {"description", "age", "observed_on"} <= set(caught.value.message_dict)
    walk = SafetyWalk(date=date(1, 1, 1), residents_count=30_000)
    with pytest.raises(ValidationError) as caught:
        walk.full_clean()
    assert {"date", "residents_count"} <= set(caught.value.message_dict)
    case = YouthCase(birth_date=date(1960, 1, 1), referred_on=date(9999, 12, 31))
    with pytest.raises(ValidationError) as caught:
        case.full_clean()
    assert {"birth_date", "referred_on"} <= set(caught.value.message_dict)


# Through the pages: a clear message on the form, nothing saved, never a server error.


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1, 9999])
def test_a_meeting_in_year_1_or_9999_gets_a_message_not_a_server_error(client_for, coordinator, year):
    forum = ForumFactory()
    response = client_for(coordinator).post(
        reverse("coordination:meeting_create"),
        {
            "forum": forum.pk,
            "title": "Møte",
            "starts_at": f"{year:04d}-01-01T00:00",
            "ends_at": f"{year:04d}-12-31T23:59",
            "location": "Rådhuset",
            "secretary": coordinator.pk,
        },
    )
    assert response.status_code == 200
    assert "Oppgi en dato mellom 01.01.2000 og" in response.text
    assert not Meeting.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1, 9999])
def test_an_action_item_deadline_in_year_1_or_9999_gets_a_message(client_for, coordinator, school, year):
    response = client_for(coordinator).post(
        reverse("coordination:action_item_create"),
        {"title": "Tiltak", "responsible_agency": school.pk, "due_date": f"{year:04d}-06-01"},
    )
    assert response.status_code == 200
    assert "Oppgi en dato mellom" in response.text
    assert not ActionItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("observed_on", "birth_date"), [("0001-01-01", ""), ("9999-12-31", ""), ("", "0001-01-01")])
def test_a_concern_with_an_implausible_date_gets_a_message(client_for, coordinator, observed_on, birth_date):
    today = timezone.localdate().isoformat()
    response = client_for(coordinator).post(
        reverse("coordination:concern_create"),
        {
            "age": "14",
            "gender": "unknown",
            "categories": ["drugs"],
            "risk_level": "moderate",
            "observed_on": observed_on or today,
            "description": "Sett i parken",
            "full_name": "Ola" if birth_date else "",
            "birth_date": birth_date,
            "legal_basis": "consent" if birth_date else "",
        },
    )
    assert response.status_code == 200
    assert "Oppgi en dato mellom" in response.text or "mer enn 30 år" in response.text
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_a_too_long_concern_description_gets_a_message(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("coordination:concern_create"),
        {
            "age": "14",
            "gender": "unknown",
            "categories": ["drugs"],
            "risk_level": "moderate",
            "observed_on": timezone.localdate().isoformat(),
            "description": "x" * (TEXT_MAX + 1),
        },
    )
    assert response.status_code == 200
    assert "har 5000 eller færre tegn (den har nå 5001)" in response.text
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_model_forms_take_the_bounds_of_small_numbers_from_the_model(coordinator):
    from coordination.forms import ConcernForm, MinutesForm
    from walks.forms import WalkForm

    walk_form = WalkForm(data={"residents_count": "40000", "youth_council_count": "-1"}, actor=coordinator)
    assert walk_form.fields["residents_count"].max_value == 10_000
    assert walk_form.fields["residents_count"].widget.attrs["max"] == 10_000
    assert {"residents_count", "youth_council_count"} <= set(walk_form.errors)
    concern_form = ConcernForm(data={"age": "26"})
    assert "age" in concern_form.errors
    minutes = MinutesForm(data={"title": "Sak", "minutes": "x" * (LONG_TEXT_MAX + 1)})
    assert minutes.fields["minutes"].max_length == LONG_TEXT_MAX
    assert "minutes" in minutes.errors
