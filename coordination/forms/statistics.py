"""The statistics page's choices: what to count and group by, per which unit, from when to when."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slt.core.forms import BoundedFieldsMixin, DateInput
from slt.core.limits import DateRangeValidator

from ..statistics import (
    MAX_COLUMNS,
    Grouping,
    StatisticsQuery,
    Unit,
    default_range,
    fitting_unit,
    periods_between,
)


class StatisticsForm(BoundedFieldsMixin, forms.Form):
    grouping = forms.ChoiceField(label=_("Show"), choices=Grouping.choices, initial=Grouping.CATEGORY, required=False)
    unit = forms.ChoiceField(label=_("Per"), choices=Unit.choices, initial=Unit.MONTH, required=False)
    # From 1 January 2000 to a year ahead in the date picker; clean() keeps "to" within this year.
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput(), validators=[DateRangeValidator(years_ahead=1)]
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput(), validators=[DateRangeValidator(years_ahead=1)]
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        default_from, default_to = default_range(self.today)
        self.fields["date_from"].initial = default_from
        self.fields["date_to"].initial = default_to
        self.coarsened_from = None
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-select" if name in ("grouping", "unit") else "form-control"
            if self.is_bound and name in self.errors:
                field.widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"{name}-error"})

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        default_from, default_to = default_range(self.today)
        start = data.get("date_from") or default_from
        end = data.get("date_to") or default_to
        latest = date(self.today.year, 12, 31)
        if end > latest:
            self.add_error("date_to", _("Choose a date no later than the end of this year."))
        if start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        if self.errors:
            return data
        data["grouping"] = data.get("grouping") or Grouping.CATEGORY
        asked = data.get("unit") or Unit.MONTH
        unit = fitting_unit(start, end, asked)
        if len(periods_between(start, end, unit)) > MAX_COLUMNS:
            self.add_error(
                "date_from",
                _("At most %(count)d years fit in one table: choose a shorter period.") % {"count": MAX_COLUMNS},
            )
            return data
        if unit != asked:
            self.coarsened_from = asked
        data.update(date_from=start, date_to=end, unit=unit)
        return data

    def query(self) -> StatisticsQuery:
        """The valid choices, or the defaults when the form was not filled in."""
        if self.is_bound:
            data = self.cleaned_data
            return StatisticsQuery(data["grouping"], data["unit"], data["date_from"], data["date_to"])
        start, end = default_range(self.today)
        return StatisticsQuery(Grouping.CATEGORY, Unit.MONTH, start, end)
