"""Figures as people type them: every accepted form exactly, every rejected one with its
message, and the quick plain form always agreeing with the full parse."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tulosmittari.figures import MAX_NUMBER, parse_number, plain_number

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("007", 7),
        ("-12", -12),
        ("+12", 12),
        ("−12", -12),  # U+2212 minus sign
        ("3.5", D("3.5")),
        ("3,5", D("3.5")),
        ("-3,25", D("-3.25")),
        (".5", D("0.5")),
        ("5.", D("5.0")),
        ("465 668", 465668),
        ("465\u00a0668", 465668),  # no-break space
        ("465\u202f668", 465668),  # narrow no-break space
        ("1 465 668,5", D("1465668.5")),
        ("97,5 %", D("97.5")),
        ("97.5%", D("97.5")),
        ("  42  ", 42),
        ("0.1", D("0.1")),
        ("123456789012345678901234567890.123456789", D("123456789012345678901234567890.123456789")),
    ],
)
def test_numbers_parse_exactly(text: str, expected: int | Decimal) -> None:
    parsed = parse_number(text)
    assert parsed == expected
    assert type(parsed) is type(expected)


NOT_A_NUMBER = "is not a number: write e.g. 12, -3.5, 3,5, 465 668 or 97,5 %"
TWO_SEPARATORS = (
    "has more than one decimal separator: write e.g. 1234.5 or 1 234,5 "
    "(a comma is always a decimal comma)"
)
BAD_SPACES = "has spaces that do not separate thousands: write e.g. 465 668 or 465668"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the value is empty"),
        ("   ", "the value is empty"),
        ("NaN", f"'NaN' {NOT_A_NUMBER}"),
        ("nan", f"'nan' {NOT_A_NUMBER}"),
        ("sNaN", f"'sNaN' {NOT_A_NUMBER}"),
        ("inf", f"'inf' {NOT_A_NUMBER}"),
        ("-Infinity", f"'-Infinity' {NOT_A_NUMBER}"),
        ("1e5", f"'1e5' {NOT_A_NUMBER}"),
        ("12a", f"'12a' {NOT_A_NUMBER}"),
        ("abc", f"'abc' {NOT_A_NUMBER}"),
        ("-", f"'-' {NOT_A_NUMBER}"),
        ("%", f"'%' {NOT_A_NUMBER}"),
        ("--5", f"'--5' {NOT_A_NUMBER}"),
        ("5-", f"'5-' {NOT_A_NUMBER}"),
        ("1_000", f"'1_000' {NOT_A_NUMBER}"),
        ("٣", f"'٣' {NOT_A_NUMBER}"),  # Arabic-Indic digit
        ("²", f"'²' {NOT_A_NUMBER}"),
        ("0x1F", f"'0x1F' {NOT_A_NUMBER}"),
        ("1,234.5", f"'1,234.5' {TWO_SEPARATORS}"),
        ("1.2.3", f"'1.2.3' {TWO_SEPARATORS}"),
        ("1,2,3", f"'1,2,3' {TWO_SEPARATORS}"),
        ("12 34", f"'12 34' {BAD_SPACES}"),
        ("1234 567", f"'1234 567' {BAD_SPACES}"),
        ("1  234", f"'1  234' {BAD_SPACES}"),
        ("9" * 65, "'999999999999'… is too long for a number (65 characters)"),
    ],
)
def test_rejected_numbers_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        parse_number(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("123", 123), ("007", 7), ("-4", -4), ("-0", 0), ("12.5", D("12.5")), ("-12,5", D("-12.5"))],
)
def test_plain_forms_are_read_quickly_as_the_full_parse_reads_them(
    text: str, expected: int | Decimal
) -> None:
    quick = plain_number(text)
    assert quick == expected == parse_number(text)
    assert type(quick) is type(expected)


@pytest.mark.parametrize(
    "text",
    ["+1", "−3", " 1", "1 000", "3,5 %", "1.", ".5", "1e5", "1,2,3", "٣", "", "-", "9" * 65],
)
def test_other_forms_are_left_to_the_full_parse(text: str) -> None:
    assert plain_number(text) is None


@given(
    st.from_regex(r"-?[0-9]{0,70}([.,][0-9]{0,3})?", fullmatch=True)
    | st.text(alphabet="0123456789-+−.,% \u00a0e٣", max_size=MAX_NUMBER + 2)
)
def test_the_plain_form_never_disagrees_with_the_full_parse(text: str) -> None:
    quick = plain_number(text)
    if quick is None:
        return
    full = parse_number(text)
    assert (quick, type(quick)) == (full, type(full))
