"""Figures as people type them: every accepted form exactly, every rejected one with its
message, and the quick plain form always agreeing with the full parse."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tulosmittari.figures import (
    MAX_NUMBER,
    FigureError,
    Mark,
    parse_figure,
    parse_number,
    plain_number,
    readings,
)
from tulosmittari.i18n import word

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
    "(thousands grouped by spaces, if at all)"
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


def test_rejected_numbers_say_why_in_finnish_too() -> None:
    with pytest.raises(FigureError) as caught:
        parse_number("1,234.5")
    assert word(caught.value.message, "fi") == (
        "luvussa '1,234.5' on useampi kuin yksi desimaalierotin: kirjoita esim. 1234,5 tai"
        " 1 234,5 (tuhannet ryhmitellään välilyönnein, jos lainkaan)"
    )


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("12", Mark.NONE),
        ("-12 %", Mark.NONE),
        ("72,5", Mark.COMMA),
        ("3,1415", Mark.COMMA),
        ("1234,567", Mark.COMMA),  # four digits before: no group of thousands
        ("0,125", Mark.COMMA),  # a group never starts with a lone 0
        ("465 668,500", Mark.COMMA),  # spaces group it: the comma is the decimal one
        ("465\u00a0668", Mark.SPACES),
        ("3.5", Mark.POINT),
        ("230.10", Mark.POINT),
        ("465 668.500", Mark.POINT),
        ("230.100", Mark.AMBIGUOUS_POINT),
        ("-1.500", Mark.AMBIGUOUS_POINT),
        ("465,668", Mark.AMBIGUOUS_COMMA),
        ("1,000 %", Mark.AMBIGUOUS_COMMA),
    ],
)
def test_each_figure_says_what_it_can_of_its_files_decimal_separator(text: str, mark: Mark) -> None:
    assert parse_figure(text)[1] is mark
    assert parse_figure(text)[0] == parse_number(text)


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("230.100", ",", ("230100", "230 100", "230,1")),
        ("465,668", ".", ("465668", "465 668", "465.6680")),
        ("1.000", ".", ("1000", "1 000", "1")),
        ("-1,500", ",", ("-1500", "-1 500", "-1,5")),
    ],
)
def test_an_ambiguous_figure_is_written_unambiguously_both_ways(
    text: str, separator: str, expected: tuple[str, str, str]
) -> None:
    value = parse_number(text)
    assert isinstance(value, Decimal)
    assert readings(text, value, separator) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123", 123),
        ("007", 7),
        ("-4", -4),
        ("-0", 0),
        ("12.5", D("12.5")),
        ("-12,5", D("-12.5")),
        ("1234.5678", D("1234.5678")),
    ],
)
def test_plain_forms_are_read_quickly_as_the_full_parse_reads_them(
    text: str, expected: int | Decimal
) -> None:
    quick = plain_number(text)
    assert quick == expected == parse_number(text)
    assert type(quick) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        *["+1", "−3", " 1", "1 000", "3,5 %", "1.", ".5", "1e5", "1,2,3", "٣", "", "-", "9" * 65],
        *["230.100", "-465,668", "1234.567"],  # three decimals may be ambiguous: the full parse
    ],
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
