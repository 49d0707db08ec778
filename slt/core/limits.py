"""Sensible bounds for what people type: text lengths, date ranges and small numbers.

Every form gets them through `slt.core.forms.BoundedForm` / `BoundedModelForm` (a clear message on the
field), and the models carry the same bounds as validators, so that a service's `full_clean()` refuses what
a form would, and no date far outside them ever reaches date arithmetic (year 1 or 9999 would overflow).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

TEXT_MAX = 5_000  # descriptions, notes, reasons
LONG_TEXT_MAX = 20_000  # minutes, conclusions, guide texts, summaries of meetings
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10
BIRTH_YEARS_BACK = 30  # children and youth; a little room for a case that lasts into adulthood
SMALL_COUNT_MAX = 10_000  # people at a walk, and the like


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _as_date(value):
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            try:
                return timezone.localtime(value).date()
            except OverflowError:  # year 1 or 9999 moved across midnight by the time zone
                return value.date()
        return value.date()
    return value


@deconstructible
class DateRangeValidator:
    """A plausible date (or date and time) for records of this work: 1 January 2000 to ten years ahead."""

    def __init__(self, earliest=EARLIEST_DATE, years_ahead=YEARS_AHEAD):
        self.earliest = earliest
        self.years_ahead = years_ahead

    def bounds(self) -> tuple[date, date]:
        return self.earliest, _add_years(timezone.localdate(), self.years_ahead)

    def __call__(self, value):
        if value is None:
            return
        day = _as_date(value)
        earliest, latest = self.bounds()
        if not earliest <= day <= latest:
            raise ValidationError(
                _("Give a date between %(earliest)s and %(latest)s."),
                code="date_out_of_range",
                params={
                    "earliest": formats.date_format(earliest, "SHORT_DATE_FORMAT"),
                    "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
                },
            )

    def __eq__(self, other):
        return (
            isinstance(other, DateRangeValidator)
            and type(other) is type(self)
            and (self.earliest, self.years_ahead) == (other.earliest, other.years_ahead)
        )


@deconstructible
class BirthDateValidator:
    """A birth date of a child or young person: not in the future, not more than 30 years back."""

    def __init__(self, years_back=BIRTH_YEARS_BACK):
        self.years_back = years_back

    def bounds(self) -> tuple[date, date]:
        today = timezone.localdate()
        return _add_years(today, -self.years_back), today

    def __call__(self, value):
        if value is None:
            return
        day = _as_date(value)
        earliest, today = self.bounds()
        if day > today:
            raise ValidationError(_("A birth date cannot be in the future."), code="birth_date_in_future")
        if day < earliest:
            raise ValidationError(
                _("A birth date more than %(years)d years back is not plausible here."),
                code="birth_date_too_early",
                params={"years": self.years_back},
            )

    def __eq__(self, other):
        return isinstance(other, BirthDateValidator) and self.years_back == other.years_back


class LimitedTextField(models.TextField):
    """A TextField whose max_length is checked by the model's full_clean() as well as by the form (Django
    gives a TextField's max_length to the form field, but does not check it on the model)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))
