from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .limits import TEXT_MAX, BirthDateValidator, DateRangeValidator
from .widgets import CHOOSE, DASHES

INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
KEY_MIN, KEY_MAX = -(2**63), 2**63 - 1  # a primary key (BigAutoField)


class DateInput(forms.DateInput):
    """The browser's own date picker; the value is sent as ISO 8601."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def bound_field(name: str, field: forms.Field) -> None:
    """Give a form field the project's bounds where it has none of its own (slt.core.limits):
    - a date or date-and-time: a plausible range (a birth date: not in the future, at most 30 years back),
      also as the date picker's min/max;
    - a multi-line text: at most 5,000 characters (a model field's own max_length comes first);
    - a whole number: what the database can store;
    - a choice of records by id: ids the database can hold."""
    validators = field.validators
    if isinstance(field, forms.DateField | forms.DateTimeField):
        if not any(isinstance(v, DateRangeValidator | BirthDateValidator) for v in validators):
            validators.append(BirthDateValidator() if "birth" in name else DateRangeValidator())
        validator = next(v for v in validators if isinstance(v, DateRangeValidator | BirthDateValidator))
        earliest, latest = validator.bounds()
        if isinstance(field.widget, DateInput):
            field.widget.attrs.setdefault("min", earliest.isoformat())
            field.widget.attrs.setdefault("max", latest.isoformat())
        elif isinstance(field.widget, DateTimeInput):
            field.widget.attrs.setdefault("min", f"{earliest.isoformat()}T00:00")
            field.widget.attrs.setdefault("max", f"{latest.isoformat()}T23:59")
    elif isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea) and field.max_length is None:
        field.max_length = TEXT_MAX
        validators.append(MaxLengthValidator(TEXT_MAX))
        field.widget.attrs.setdefault("maxlength", str(TEXT_MAX))
    elif isinstance(field, forms.ModelChoiceField) and not field.to_field_name:
        _guard_keys(field)
    elif isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField):
        if field.max_value is None:
            validators.append(MaxValueValidator(INTEGER_MAX))
        if field.min_value is None:
            validators.append(MinValueValidator(INTEGER_MIN))


def _guard_keys(field: forms.ModelChoiceField) -> None:
    """A choice of records by id: a value that is not an id the database can hold is an invalid choice, before
    any query (a list of ids goes into an IN query, which the database would refuse with an error)."""
    original = field.clean

    def clean(value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in field.empty_values:
                continue
            try:
                ok = KEY_MIN <= int(str(item).strip()) <= KEY_MAX
            except ValueError:
                ok = True  # not a number at all: the field's own check answers
            if not ok:
                raise ValidationError(
                    field.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
        return original(value)

    field.clean = clean


class BoundedFieldsMixin:
    """Every field within sensible bounds (see `bound_field`): no form lets a year 1, a year 9999, a
    megabyte of text or a number the database cannot hold through to a service."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, field in self.fields.items():
            if model is not None:
                _take_model_bounds(model, name, field)
            bound_field(name, field)
            choose_placeholder(field)


def choose_placeholder(field: forms.Field) -> None:
    """A drop-down's empty choice reads "Velg …" instead of Django's "---------"."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DASHES:  # None on a multiple choice
            field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DASHES):
            field.choices = [("", CHOOSE), *choices[1:]]


def _take_model_bounds(model, name, field) -> None:
    """A model field's own bounds (a MinValueValidator or MaxValueValidator on a number, a date range) go to
    the form field as well: the message comes with the field's other errors, and the browser knows them."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    for validator in getattr(model_field, "_validators", ()):
        if isinstance(validator, DateRangeValidator | BirthDateValidator) and not any(
            isinstance(v, DateRangeValidator | BirthDateValidator) for v in field.validators
        ):
            field.validators.append(validator)
        elif isinstance(field, forms.IntegerField) and isinstance(validator, MinValueValidator | MaxValueValidator):
            if validator not in field.validators:
                field.validators.append(validator)
            if isinstance(validator, MaxValueValidator):
                field.max_value = validator.limit_value
                field.widget.attrs["max"] = validator.limit_value
            else:
                field.min_value = validator.limit_value
                field.widget.attrs["min"] = validator.limit_value


class BoundedForm(BoundedFieldsMixin, forms.Form):
    pass


class BoundedModelForm(BoundedFieldsMixin, forms.ModelForm):
    pass


@dataclass(frozen=True)
class FilterChip:
    """One active filter above a list: what it reads ("Status: Åpen") and the address of the list without it."""

    name: str
    label: str
    remove_url: str


class FilterForm(forms.Form):
    """A GET filter above a list. Rendered with partials/list_filters.html (the search box on top, the other
    fields folded behind a "Filter" button on a phone) and partials/filter_field.html, which is much cheaper per
    request than crispy's field templates: list pages are the busiest pages of the site."""

    search_field = "q"  # the field that stays on top, outside the folded panel

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            choose_placeholder(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
                if type(widget) is forms.Select:
                    widget.template_name = "widgets/select.html"  # the options in place, see the template
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        search = self.fields.get(self.search_field)
        if search is not None:
            # On a phone the search box's label is read out but not shown: the placeholder says what it is.
            search.widget.attrs.setdefault("placeholder", search.label)
            if type(search.widget) is forms.TextInput:
                search.widget.input_type = "search"

    def chips(self) -> list[FilterChip]:
        """The filters in force, in the order of the fields, each with a link that removes it (and goes back to
        the first page). An invalid filter filters nothing (see each form's `filters`), so it shows no chip.
        No queries: a chosen record is already in `cleaned_data`."""
        if not hasattr(self, "_chips"):
            self._chips = self._make_chips()
        return self._chips

    def _make_chips(self) -> list[FilterChip]:
        if not self.is_bound or not self.is_valid():
            return []
        chips = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in field.empty_values or value is False:
                continue
            if isinstance(field, forms.BooleanField):
                label = str(field.label)
            else:
                label = f"{field.label}: {_chip_value(field, value)}"
            chips.append(FilterChip(name=name, label=label, remove_url=self._address_without(name)))
        return chips

    def _address_without(self, name: str) -> str:
        query = QueryDict(mutable=True)
        for key in self.data:
            if key not in (name, "page"):
                query.setlist(key, self.data.getlist(key))
        return f"?{query.urlencode()}"

    @property
    def folded_count(self) -> int:
        """How many of the filters behind the "Filter" button are in force (the search box is always in view)."""
        return sum(1 for chip in self.chips() if chip.name != self.search_field)

    @property
    def folded_fields(self) -> list:
        return [field for field in self if field.name != self.search_field]


def _chip_value(field: forms.Field, value) -> str:
    """A filter's value as the user chose it: a choice's label, a record's name, the words searched for."""
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        for key, text in field.choices:
            if isinstance(text, list | tuple):  # a group of choices
                text = dict(text).get(value)
                if text is not None:
                    return str(text)
            elif str(key) == str(value):
                return str(text)
        return str(value)
    return f"«{value}»"


class SearchForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        min_length=2,
        max_length=200,
        strip=True,
        error_messages={"min_length": _("Type at least two characters.")},
    )
