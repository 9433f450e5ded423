from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import iin
from desktop.domain.iin import IinProblem


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("121231600429", None),  # first pass: 9
        ("900517312343", None),  # first pass 10, second pass 3
        # valid only through the second weight pass (first pass gives 10)
        ("850101300603", None),
        ("900517312344", IinProblem.BAD_CHECK_DIGIT),
        ("850101300604", IinProblem.BAD_CHECK_DIGIT),
        ("850101300690", IinProblem.NEVER_ISSUED),  # both passes give 10
        ("12345678901", IinProblem.NOT_TWELVE_DIGITS),
        ("1234567890123", IinProblem.NOT_TWELVE_DIGITS),
        ("90051731234a", IinProblem.NOT_TWELVE_DIGITS),
        ("９００５１７３１２３４３", IinProblem.NOT_TWELVE_DIGITS),  # full-width digits
        ("", IinProblem.NOT_TWELVE_DIGITS),
    ],
)
def test_problem(number: str, expected: IinProblem | None) -> None:
    assert iin.problem(number) == expected


def test_second_pass_number_fails_first_pass() -> None:
    prefix = "85010130060"
    first = sum(int(c) * w for c, w in zip(prefix, range(1, 12), strict=True)) % 11
    assert first == 10
    second = (
        sum(int(c) * w for c, w in zip(prefix, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True))
        % 11
    )
    assert second == 3 == iin.check_digit(prefix)


@pytest.mark.parametrize(
    ("number", "birth", "male"),
    [
        ("900517312343", date(1990, 5, 17), True),
        ("121231600429", date(2012, 12, 31), False),
        ("991231412345", date(1999, 12, 31), False),
        ("000101500000", date(2000, 1, 1), True),
        ("991301312345", None, True),  # month 13
        ("990101012345", None, None),  # century digit 0 is never used
        ("990101712345", None, None),
    ],
)
def test_facts(number: str, birth: date | None, male: bool | None) -> None:
    facts = iin.facts(number)
    assert facts.birth_date == birth
    assert facts.male == male


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.booleans(),
    st.integers(0, 9999),
)
def test_compose_round_trips(birth: date, male: bool, serial: int) -> None:
    number = iin.compose(birth, male, serial)
    if number is None:
        century = {1900: 3, 2000: 5}[birth.year // 100 * 100]
        prefix = f"{birth:%y%m%d}{century if male else century + 1}{serial:04d}"
        assert iin.check_digit(prefix) is None
        return
    assert iin.is_valid(number)
    assert iin.facts(number).birth_date == birth
    assert iin.facts(number).male is male


@given(st.text(max_size=20))
def test_problem_never_raises(text: str) -> None:
    iin.problem(text)
