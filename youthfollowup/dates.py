"""Date arithmetic for ages, periods and retention (calendar years and months, 29 February included)."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 January + 1 = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on `day` (a youth born 29 February turns a year older on 1 March)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def period_last_day(start: date, months: int) -> date:
    """The last day of a period of `months` months that starts on `start` (one year from 1 March ends 28 February)."""
    return add_months(start, months) - timedelta(days=1)


def week_end(day: date) -> date:
    """The Sunday of the week `day` is in (Norwegian weeks run Monday to Sunday)."""
    return day + timedelta(days=6 - day.weekday())
