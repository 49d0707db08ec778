"""Who may get youth follow-up: 15 to 17 at the offence (hard rule), and the local maximum-penalty rule
(configurable, on by default: the law itself sets no such limit)."""

from datetime import date

import pytest

from youthfollowup.dates import add_months, age_on, period_last_day
from youthfollowup.eligibility import offence_age_error, penalty_limit_months, penalty_warnings
from youthfollowup.models import MaxPenalty, Offence

BORN = date(2010, 6, 15)


@pytest.mark.parametrize(
    ("committed_on", "allowed"),
    [
        (date(2025, 6, 14), False),  # the day before the 15th birthday
        (date(2025, 6, 15), True),  # the 15th birthday
        (date(2027, 6, 15), True),  # 17
        (date(2028, 6, 14), True),  # the last day at 17
        (date(2028, 6, 15), False),  # the 18th birthday
        (date(2031, 1, 1), False),
    ],
)
def test_the_age_at_the_offence_must_be_15_to_17(committed_on, allowed):
    error = offence_age_error(BORN, committed_on)
    assert (error is None) == allowed
    if not allowed:
        assert "Ungdomsoppfølging gjelder lovbrudd begått i alderen 15 til 17 år" in error


def test_the_message_names_the_age_and_the_date():
    assert "var 14 år den 14. juni 2025" in offence_age_error(BORN, date(2025, 6, 14))
    assert "under den kriminelle lavalderen" in offence_age_error(BORN, date(2025, 6, 14))
    assert "var 18 år den 15. juni 2028" in offence_age_error(BORN, date(2028, 6, 15))


def test_an_offence_before_the_birth_date_is_refused():
    assert offence_age_error(BORN, date(2009, 1, 1)) == "Lovbruddet kan ikke være datert før ungdommens fødselsdato."


def test_a_youth_born_on_29_february_turns_a_year_older_on_1_march():
    born = date(2008, 2, 29)
    assert age_on(born, date(2023, 2, 28)) == 14
    assert age_on(born, date(2023, 3, 1)) == 15
    assert offence_age_error(born, date(2023, 2, 28)) is not None
    assert offence_age_error(born, date(2023, 3, 1)) is None


def test_month_and_year_arithmetic_keeps_to_the_calendar():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 10), -15) == date(2024, 12, 10)
    assert period_last_day(date(2026, 3, 1), 12) == date(2027, 2, 28)
    assert period_last_day(date(2027, 3, 1), 12) == date(2028, 2, 29)


def _offence(months):
    return Offence(committed_on=date(2026, 1, 10), max_penalty_months=months, description="x")


def test_the_penalty_check_is_on_by_default_with_a_limit_of_one_year(settings):
    assert settings.YOUTH_MAX_PENALTY_CHECK is True
    assert settings.YOUTH_MAX_PENALTY_YEARS == 1
    assert penalty_limit_months() == 12
    assert penalty_warnings([_offence(MaxPenalty.YEAR_1), _offence(MaxPenalty.FINE)]) == []
    [warning] = penalty_warnings([_offence(MaxPenalty.YEAR_1), _offence(MaxPenalty.YEARS_3)])
    assert "«inntil 3 år»" in warning
    assert "høyst 1 år" in warning
    assert "Loven selv har ingen slik grense." in warning


def test_the_penalty_check_can_be_switched_off_or_set_to_another_limit(settings):
    settings.YOUTH_MAX_PENALTY_CHECK = False
    assert penalty_limit_months() is None
    assert penalty_warnings([_offence(MaxPenalty.YEARS_21)]) == []
    settings.YOUTH_MAX_PENALTY_CHECK = True
    settings.YOUTH_MAX_PENALTY_YEARS = 3
    assert penalty_warnings([_offence(MaxPenalty.YEARS_3)]) == []
    assert "høyst 3 år" in penalty_warnings([_offence(MaxPenalty.YEARS_6)])[0]
