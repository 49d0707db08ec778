"""One control for choosing people and agencies: a list of checkboxes (or radio buttons for a single choice),
grouped under a legend per agency or per kind of agency, with a search box that filters as one types.

Without JavaScript it is a plain list of checkboxes; static/js/picker.js adds the search, the "n chosen" count
and "choose all" per group. Rows are large enough to tap (static/css/picker.css). The options are read from the
field's queryset in one query: a people picker's queryset must `select_related("agency")`. A record that is no
longer active (a closed agency, a user who left) comes last in its group, marked "(inactive)".

An optional single choice (`RadioPicker` on a field that is not required) starts with a "none" radio above the
groups, which the search never hides: `RadioPicker(none_label=_("No secretary"))`.
"""

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DASHES = "---------"  # Django's empty choice
CHOOSE = _("Choose …")  # the project's (slt.core.forms.choose_placeholder)


class Picker(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by `group_of(record)`, a (sort key, legend) pair; options sorted by label."""

    template_name = "widgets/picker.html"
    option_template_name = "widgets/picker_option.html"
    is_picker = True
    search_label = _("Search for a person or an agency")
    no_group = _("Others")

    def __init__(self, attrs=None, choices=(), *, label=None):
        super().__init__(attrs, choices)
        self.label = label  # a function of the record, when a row should read otherwise than the picker's own way
        self.blank_label = None  # the field's own empty choice ("All", "---------"), read with the choices

    def group_of(self, record) -> tuple[tuple, str] | None:
        return None

    def option_label(self, record, label) -> str:
        return label

    def optgroups(self, name, value, attrs=None):
        choices = []
        self.blank_label = None
        for option_value, option_label in self.choices:  # one query: the choices are read once
            if option_value is None or option_value == "":
                self.blank_label = option_label  # no "---------" in the list (see RadioPicker's "none" choice)
                continue
            record = option_value.instance if isinstance(option_value, ModelChoiceIteratorValue) else None
            group = self.group_of(record) if record is not None else None
            order, legend = group or ((1_000_000,), str(self.no_group))
            inactive = record is not None and getattr(record, "is_active", True) is False
            if record is None:
                label = str(option_label)
            else:
                label = str(self.label(record) if self.label else self.option_label(record, option_label))
            if inactive:
                label = str(_("%(name)s (inactive)") % {"name": label})
            choices.append(((order, legend), inactive, option_value, label))
        choices.sort(key=lambda c: (c[0], c[1], c[3].casefold()))
        groups: dict[str, list] = {}
        selected_left = True
        for index, ((_order, legend), _inactive, option_value, label) in enumerate(choices):
            selected = selected_left and str(option_value) in value
            if selected and not self.allow_multiple_selected:
                selected_left = False
            groups.setdefault(legend, []).append(
                self.create_option(name, option_value, label, selected, index, attrs=attrs)
            )
        return [(legend, options, index) for index, (legend, options) in enumerate(groups.items())]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"].pop("class", None)
        widget["multiple"] = self.allow_multiple_selected
        widget["search_label"] = self.search_label
        if self.allow_multiple_selected:
            chosen = sum(1 for _legend, options, _index in widget["optgroups"] for o in options if o["selected"])
            widget["count_text"] = _count(chosen)
            widget["count_one"] = _count(1).replace("1", "{n}", 1)
            widget["count_other"] = _count(2).replace("2", "{n}", 1)
        return context


def _count(n: int) -> str:
    return ngettext("%(count)s chosen", "%(count)s chosen", n) % {"count": n}


class RadioPicker(Picker):
    """The same control for a single choice: radio buttons, one value.

    When the field is not required, a first radio with the value "" chooses none: its label is `none_label`, else
    the field's own empty label when it says something ("All" on a filter), else "None". It stands above the
    groups, outside them, so that the search never hides it; it is checked while the value is empty. A required
    field has no such radio, and nothing is checked until the user (or the initial value) chooses."""

    input_type = "radio"
    allow_multiple_selected = False

    def __init__(self, attrs=None, choices=(), *, none_label=None, label=None):
        super().__init__(attrs, choices, label=label)
        self.none_label = none_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if not self.is_required:
            empty = not any(v not in ("", None) for v in widget["value"])
            widget["none_option"] = self.create_option(name, "", self._none_label(), empty, "none", attrs=attrs)
        return context

    def _none_label(self):
        if self.none_label is not None:
            return self.none_label
        if self.blank_label is not None and str(self.blank_label) not in {DASHES, str(CHOOSE)}:
            return self.blank_label
        return _("None")

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class PeoplePickerMixin:
    """People grouped by their agency (the queryset must select_related("agency")); a row shows the person's
    name only, as the agency is the group's legend (and the search matches it)."""

    no_group = _("Without an agency")

    def group_of(self, user):
        return ((0, user.agency.name.casefold()), user.agency.name) if user.agency_id else None

    def option_label(self, record, label) -> str:
        return str(record)


class AgencyPickerMixin:
    """Agencies grouped by kind, in the order of the kinds (police, school, …)."""

    search_label = _("Search for an agency")

    def group_of(self, agency):
        kinds = [value for value, _label in type(agency)._meta.get_field("kind").choices]
        if agency.kind not in kinds:
            return None
        return ((kinds.index(agency.kind),), agency.get_kind_display())

    def option_label(self, record, label) -> str:
        return record.name


class PeoplePicker(PeoplePickerMixin, Picker):
    pass


class AgencyPicker(AgencyPickerMixin, Picker):
    pass


class PersonRadioPicker(PeoplePickerMixin, RadioPicker):
    pass


class AgencyRadioPicker(AgencyPickerMixin, RadioPicker):
    pass


def with_instances(records, label=str):
    """Choices for a picker from records (not a queryset): the picker groups them by the record."""
    return [(ModelChoiceIteratorValue(r.pk, r), label(r)) for r in records]
