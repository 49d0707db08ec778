"""One control for choosing people and agencies: a list of checkboxes (or radio buttons for a single choice),
grouped under a legend per agency or per kind of agency, with a search box that filters as one types.

Without JavaScript it is a plain list of checkboxes; static/js/picker.js adds the search, the "n chosen" count
and "choose all" per group. Rows are large enough to tap (static/css/picker.css). The options are read from the
field's queryset in one query: a people picker's queryset must `select_related("agency")`.
"""

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Picker(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by `group_of(record)`, a (sort key, legend) pair; options sorted by label."""

    template_name = "widgets/picker.html"
    option_template_name = "widgets/picker_option.html"
    is_picker = True
    search_label = _("Search for a person or an agency")
    no_group = _("Others")

    def group_of(self, record) -> tuple[tuple, str] | None:
        return None

    def option_label(self, record, label) -> str:
        return label

    def optgroups(self, name, value, attrs=None):
        choices = []
        for option_value, option_label in self.choices:
            if option_value is None or option_value == "":
                continue  # no "---------": a picker has no empty choice
            record = option_value.instance if isinstance(option_value, ModelChoiceIteratorValue) else None
            group = self.group_of(record) if record is not None else None
            order, legend = group or ((1_000_000,), str(self.no_group))
            label = str(self.option_label(record, option_label) if record is not None else option_label)
            choices.append(((order, legend), option_value, label))
        choices.sort(key=lambda c: (c[0], c[2].casefold()))
        groups: dict[str, list] = {}
        selected_left = True
        for index, ((_order, legend), option_value, label) in enumerate(choices):
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
    """The same control for a single choice: radio buttons, one value."""

    input_type = "radio"
    allow_multiple_selected = False

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
