from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOD11_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_is_valid(value: str) -> bool:
    """A Norwegian organisation number: nine digits, the last a MOD11 check digit."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:8], _MOD11_WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(value[8])


def validate_organisation_number(value: str) -> None:
    if not organisation_number_is_valid(value):
        raise ValidationError(
            _("Enter a valid organisation number: nine digits with a correct check digit."),
            code="invalid_organisation_number",
        )
