import pytest
from django.core.exceptions import ValidationError

from coordination.validators import organisation_number_is_valid, validate_organisation_number


@pytest.mark.parametrize("number", ["974760673", "971524960", "983887457"])
def test_valid_organisation_numbers(number):
    assert organisation_number_is_valid(number)
    validate_organisation_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "974760674",  # wrong check digit
        "97476067",  # eight digits
        "9747606730",  # ten digits
        "97476067a",  # a letter
        "974 760 673",  # spaces are the form's job, not the validator's
        "",
        "٩٧٤٧٦٠٦٧٣",  # non-ASCII digits
    ],
)
def test_invalid_organisation_numbers(number):
    assert not organisation_number_is_valid(number)
    with pytest.raises(ValidationError):
        validate_organisation_number(number)


def test_a_number_whose_check_digit_would_be_ten_is_invalid():
    # 1 followed by seven zeros: weights give 3, remainder 3, check 8 -> valid; search one that gives 10.
    base = next(
        f"{n:08d}"
        for n in range(10_000_000, 10_100_000)
        if sum(int(d) * w for d, w in zip(f"{n:08d}", (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11 == 1
    )
    assert all(not organisation_number_is_valid(base + str(d)) for d in range(10))
