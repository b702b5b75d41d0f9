"""Numbers as readers expect them: `3,5`, `465 668`, `−1,2 %` in Finnish; `3.5`, `465,668` in
English; exact, locale-free strings for machines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tulosmittari.numbers import MINUS, NBSP, Lang, format_number, plain_decimal, with_unit


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("3.5", "fi", "3,5"),
        ("3.5", "en", "3.5"),
        ("465668", "fi", f"465{NBSP}668"),
        ("465668", "en", "465,668"),
        ("-1.2", "fi", f"{MINUS}1,2"),
        ("-1.2", "en", "-1.2"),
        ("1234567.891", "fi", f"1{NBSP}234{NBSP}567,89"),
        ("1234567.891", "en", "1,234,567.89"),
        ("2.345", "fi", "2,35"),  # half up, at most two places
        ("2.344", "en", "2.34"),
        ("3.50", "fi", "3,5"),  # no trailing zeros
        ("3.0", "fi", "3"),
        ("1E+3", "fi", f"1{NBSP}000"),
        ("0", "fi", "0"),
        ("-0", "fi", "0"),
        ("-0.001", "fi", "0"),  # rounds to zero: no minus sign on it
        ("999", "en", "999"),
        ("-1000", "en", "-1,000"),
    ],
)
def test_format_number(value: str, lang: Lang, shown: str) -> None:
    assert format_number(Decimal(value), lang) == shown


def test_more_places_when_asked() -> None:
    assert format_number(Decimal("0.123456"), "fi", 4) == "0,1235"


def test_units_stay_on_the_line_with_their_number() -> None:
    assert with_unit(format_number(Decimal("-1.2"), "fi"), "%") == f"{MINUS}1,2{NBSP}%"
    assert with_unit("3,3", "kpl/kk") == f"3,3{NBSP}kpl/kk"
    assert with_unit("3,3", None) == "3,3"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("465668", "465668"),
        ("1E+3", "1000"),
        ("-0.50", "-0.5"),
        ("0E-5", "0"),
        ("-0", "0"),
        ("0.000001", "0.000001"),
        ("123.4560", "123.456"),
    ],
)
def test_plain_decimal_is_exact_and_locale_free(value: str, text: str) -> None:
    assert plain_decimal(Decimal(value)) == text
