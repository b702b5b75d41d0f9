"""Cells as the document prints them: what each form means, and editors told the same forms."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tulosmittari.printed import (
    PRINTED_CELL_PATTERN,
    PRINTED_NUMBER_PATTERN,
    printed_cell,
    printed_number,
)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("3,7", Decimal("3.7")),
        ("100,00", Decimal("100.00")),
        ("53 946", Decimal(53946)),
        ("53\u00a0946", Decimal(53946)),
        ("1\u202f234\u202f567,5", Decimal("1234567.5")),
        ("−3", Decimal(-3)),
        ("-3", Decimal(-3)),
        ("97,5 %", Decimal("97.5")),
        ("–", {"missing": "dash"}),
        ("-", {"missing": "dash"}),
        ("", {"missing": "blank"}),
        ("  ", {"missing": "blank"}),
        (None, {"missing": "blank"}),
        ("tbd", {"missing": "tbd"}),
        ("TBD", {"missing": "tbd"}),
        ("< 10", {"comparison": "<", "value": Decimal(10), "printed": "< 10"}),
        ("> 95", {"comparison": ">", "value": Decimal(95), "printed": "> 95"}),
        ("≤ 10", {"comparison": "<=", "value": Decimal(10), "printed": "≤ 10"}),
        ("<= 10", {"comparison": "<=", "value": Decimal(10), "printed": "<= 10"}),
        ("≥ 3,5", {"comparison": ">=", "value": Decimal("3.5"), "printed": "≥ 3,5"}),
        (">=3,5", {"comparison": ">=", "value": Decimal("3.5"), "printed": ">=3,5"}),
        ("3,6–3,8", {"low": Decimal("3.6"), "high": Decimal("3.8"), "printed": "3,6–3,8"}),
        ("3,6-3,8", {"low": Decimal("3.6"), "high": Decimal("3.8"), "printed": "3,6-3,8"}),
        ("−5 – −3", {"low": Decimal(-5), "high": Decimal(-3), "printed": "−5 – −3"}),
        (
            " 53 946–60 000 ",
            {"low": Decimal(53946), "high": Decimal(60000), "printed": "53 946–60 000"},
        ),
    ],
)
def test_each_printed_form_means_what_it_says(text: str | None, meant: object) -> None:
    assert printed_cell(text) == meant


@pytest.mark.parametrize(
    "text", ["noin 10", "1e3", "3,5,5", "12 34", "< ", "<> 3", "3–", "–3–", "nan", "Uusi mittari"]
)
def test_other_text_is_no_cell(text: str) -> None:
    assert printed_cell(text) is None


@pytest.mark.parametrize("text", ["1" * 65, "< " + "1" * 65, "1" * 65 + "–2", "2–" + "1" * 65])
def test_a_figure_longer_than_the_reader_takes_is_no_cell(text: str) -> None:
    """The patterns have no length limit, `parse_number` has (figures.MAX_NUMBER): such a bound
    or range is refused as a whole, never read as one with no value."""
    assert printed_cell(text) is None


def test_values_that_are_not_text_pass_through() -> None:
    assert printed_cell(Decimal("3.5")) == Decimal("3.5")
    assert printed_cell({"missing": "tbd"}) == {"missing": "tbd"}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 ,.-–−+<>=≤≥%tbdTBDx\u00a0\u202f", max_size=14))
@example("0%–0")  # a percent sign at the low end of a range: the loader once refused it
def test_the_json_schema_patterns_accept_what_the_loader_reads(text: str) -> None:
    """An editor flags exactly the cells (and numbers) `tulos validate` refuses."""
    assert (re.search(PRINTED_CELL_PATTERN, text) is not None) == (printed_cell(text) is not None)
    assert (re.search(PRINTED_NUMBER_PATTERN, text) is not None) == (
        printed_number(text) is not None
    )
