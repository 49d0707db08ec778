"""Who may get youth follow-up, as far as the platform can tell from the referral.

- Age: 15, 16 or 17 at the time of the offence. An offence outside that range is refused when it is entered.
- The statutory maximum penalty: the law sets NO limit. Some services follow a local rule of "offences with a
  maximum sentence of at most one year"; YOUTH_MAX_PENALTY_CHECK (on by default) and YOUTH_MAX_PENALTY_YEARS
  turn it into a warning that the user must confirm before a "suitable" decision is saved.
"""

from datetime import date

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .dates import age_on
from .models import MAX_AGE, MIN_AGE


def offence_age_error(birth_date: date | None, committed_on: date | None) -> str | None:
    """Why an offence committed on `committed_on` by a youth born `birth_date` cannot give youth follow-up."""
    if birth_date is None or committed_on is None:
        return None
    if committed_on < birth_date:
        return _("The offence cannot be dated before the youth's birth date.")
    age = age_on(birth_date, committed_on)
    when = date_format(committed_on, "j. F Y")
    if age < MIN_AGE:
        return _(
            "Youth follow-up is for offences committed at 15 to 17 years of age: the youth was %(age)d on %(date)s "
            "(under the age of criminal responsibility)."
        ) % {"age": age, "date": when}
    if age > MAX_AGE:
        return _(
            "Youth follow-up is for offences committed at 15 to 17 years of age: the youth was %(age)d on %(date)s."
        ) % {"age": age, "date": when}
    return None


def penalty_limit_months() -> int | None:
    """The local limit on the statutory maximum penalty, in months; None when the check is switched off."""
    if not settings.YOUTH_MAX_PENALTY_CHECK:
        return None
    return 12 * settings.YOUTH_MAX_PENALTY_YEARS


def penalty_warnings(offences) -> list[str]:
    """One line per offence whose statutory maximum penalty is above the local limit (none when it is off)."""
    limit = penalty_limit_months()
    if limit is None:
        return []
    years = settings.YOUTH_MAX_PENALTY_YEARS
    limit_text = ngettext("%(years)d year", "%(years)d years", years) % {"years": years}
    return [
        _(
            "The offence of %(date)s carries a maximum penalty of “%(penalty)s”: the local rule allows youth "
            "follow-up only for offences with a maximum penalty of at most %(limit)s. The law itself sets no "
            "such limit."
        )
        % {
            "date": date_format(offence.committed_on, "j. F Y"),
            "penalty": offence.get_max_penalty_months_display().lower(),
            "limit": limit_text,
        }
        for offence in offences
        if offence.max_penalty_months > limit
    ]


def eligibility_warnings(case, offences) -> list[str]:
    """Everything that speaks against youth follow-up in this case, for the case page and the decision form."""
    warnings = [error for offence in offences if (error := offence_age_error(case.birth_date, offence.committed_on))]
    return warnings + penalty_warnings(offences)
