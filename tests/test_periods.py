"""Periods: every accepted form, every rejected form with its message, shares and reports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from tulosmittari.i18n import word
from tulosmittari.periods import (
    Granularity,
    Period,
    PeriodError,
    evaluation_period,
    share_of_year,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "canonical", "granularity", "first", "last", "start", "end"),
    [
        ("2024", "2024", Granularity.YEAR, 1, 12, "2024-01-01", "2024-12-31"),
        ("2024-H1", "2024-H1", Granularity.HALF, 1, 6, "2024-01-01", "2024-06-30"),
        ("2024-h2", "2024-H2", Granularity.HALF, 7, 12, "2024-07-01", "2024-12-31"),
        ("2024-Q1", "2024-Q1", Granularity.QUARTER, 1, 3, "2024-01-01", "2024-03-31"),
        ("2024-q2", "2024-Q2", Granularity.QUARTER, 4, 6, "2024-04-01", "2024-06-30"),
        ("2024-Q3", "2024-Q3", Granularity.QUARTER, 7, 9, "2024-07-01", "2024-09-30"),
        ("2024-Q4", "2024-Q4", Granularity.QUARTER, 10, 12, "2024-10-01", "2024-12-31"),
        ("2024-01", "2024-01", Granularity.MONTH, 1, 1, "2024-01-01", "2024-01-31"),
        ("2024-02", "2024-02", Granularity.MONTH, 2, 2, "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02", Granularity.MONTH, 2, 2, "2023-02-01", "2023-02-28"),
        ("2024-12", "2024-12", Granularity.MONTH, 12, 12, "2024-12-01", "2024-12-31"),
        ("2024-03-15", "2024-03-15", Granularity.DAY, 3, 3, "2024-03-15", "2024-03-15"),
        ("2024-02-29", "2024-02-29", Granularity.DAY, 2, 2, "2024-02-29", "2024-02-29"),
        ("1900", "1900", Granularity.YEAR, 1, 12, "1900-01-01", "1900-12-31"),
        ("2200-12-31", "2200-12-31", Granularity.DAY, 12, 12, "2200-12-31", "2200-12-31"),
    ],
)
def test_every_form_parses_to_its_range(
    text: str, canonical: str, granularity: Granularity, first: int, last: int, start: str, end: str
) -> None:
    period = Period.parse(text)
    assert str(period) == canonical
    assert period.granularity is granularity
    assert (period.first_month, period.last_month) == (first, last)
    assert period.months == range(first, last + 1)
    assert (period.start, period.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert period.year == int(canonical[:4])
    assert Period.parse(str(period)) == period
    assert repr(period) == f"Period('{canonical}')"


def _rejected(text: str, reason: str | None = None) -> str:
    why = f" ({reason})" if reason else ""
    return f"{text!r} is not a period{why}: write 2024, 2024-H1, 2024-Q1, 2024-03 or 2024-03-15"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", _rejected("2024-13", "a month is 01–12")),
        ("2024-00", _rejected("2024-00", "a month is 01–12")),
        ("2024-H3", _rejected("2024-H3", "a half-year is H1 or H2")),
        ("2024-H0", _rejected("2024-H0", "a half-year is H1 or H2")),
        ("2024-Q5", _rejected("2024-Q5", "a quarter is Q1, Q2, Q3 or Q4")),
        ("2024-Q0", _rejected("2024-Q0", "a quarter is Q1, Q2, Q3 or Q4")),
        ("2024-02-30", _rejected("2024-02-30", "2024-02 has no day 30")),
        ("2023-02-29", _rejected("2023-02-29", "2023-02 has no day 29")),
        ("2024-04-31", _rejected("2024-04-31", "2024-04 has no day 31")),
        ("2024-01-00", _rejected("2024-01-00", "2024-01 has no day 0")),
        ("1899", _rejected("1899", "the year must be 1900–2200")),
        ("2201-01", _rejected("2201-01", "the year must be 1900–2200")),
        ("24", _rejected("24")),
        (" 2024", _rejected(" 2024")),
        ("2024 ", _rejected("2024 ")),
        ("2024\n", _rejected("2024\n")),
        ("", _rejected("")),
        ("2024-1", _rejected("2024-1")),
        ("2024-3-15", _rejected("2024-3-15")),
        ("2024/03", _rejected("2024/03")),
        ("2024-H", _rejected("2024-H")),
        ("2024-H12", _rejected("2024-H12")),
        ("H1 2024", _rejected("H1 2024")),
        ("2024-S1", _rejected("2024-S1")),
        ("15.3.2024", _rejected("15.3.2024")),
        ("٢٠٢٤", _rejected("٢٠٢٤")),  # Arabic-Indic digits are not digits here
        ("2024-03-15T00:00", _rejected("2024-03-15T00:00")),
    ],
)
def test_every_other_form_is_rejected_with_the_accepted_forms(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        Period.parse(text)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value).replace("\\n", "")


def test_a_rejected_period_is_worded_in_finnish_too() -> None:
    with pytest.raises(PeriodError) as caught:
        Period.parse("2024-13")
    assert word(caught.value.message, "fi") == (
        "'2024-13' ei ole jakso (kuukausi on 01–12): kirjoita 2024, 2024-H1, 2024-Q1, 2024-03"
        " tai 2024-03-15"
    )


def test_only_whole_periods_can_be_built() -> None:
    with pytest.raises(ValueError, match="is not a year, half-year, quarter, month or day"):
        Period(dt.date(2024, 1, 1), dt.date(2024, 2, 15))
    with pytest.raises(ValueError, match="is not a year, half-year, quarter, month or day"):
        Period(dt.date(2024, 2, 1), dt.date(2024, 7, 31))  # six months, but not a half


def test_periods_order_by_start_then_end_and_hash_by_value() -> None:
    p = Period.parse
    ordered = sorted([p("2024"), p("2024-02"), p("2024-H1"), p("2024-01-01"), p("2024-Q1")])
    assert [str(x) for x in ordered] == ["2024-01-01", "2024-Q1", "2024-H1", "2024", "2024-02"]
    assert {p("2024-h1"), p("2024-H1")} == {p("2024-H1")}
    assert p("2023") < p("2024-01")


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("2024", "2024-H1", True),
        ("2024", "2024", True),
        ("2024-H1", "2024-Q2", True),
        ("2024-H1", "2024-Q3", False),
        ("2024-H1", "2024-06-30", True),
        ("2024-H1", "2024-07-01", False),
        ("2024-Q1", "2024-H1", False),
        ("2024", "2025-01", False),
        ("2024-03", "2024-03-31", True),
    ],
)
def test_contains(outer: str, inner: str, expected: bool) -> None:
    assert Period.parse(outer).contains(Period.parse(inner)) is expected


def test_overlaps() -> None:
    p = Period.parse
    assert p("2024-H1").overlaps(p("2024-03"))
    assert p("2024-03").overlaps(p("2024-H1"))
    assert not p("2024-H1").overlaps(p("2024-Q3"))


def test_constructors_match_the_parser() -> None:
    assert Period.of_year(2024) == Period.parse("2024")
    assert Period.of_half(2024, 2) == Period.parse("2024-H2")
    assert Period.of_quarter(2024, 3) == Period.parse("2024-Q3")
    assert Period.of_month(2024, 11) == Period.parse("2024-11")
    assert Period.of_day(dt.date(2024, 11, 5)) == Period.parse("2024-11-05")


# --- share of the year ---


@pytest.mark.parametrize(
    ("period", "share"),
    [
        ("2024", D(1)),
        ("2024-H1", D("0.5")),
        ("2024-H2", D("0.5")),
        ("2024-Q3", D("0.25")),
        ("2024-01", D(1) / D(12)),
        ("2024-02-10", D(1) / D(12) / 29),
        ("2023-02-10", D(1) / D(12) / 28),
    ],
)
def test_share_of_year_is_pro_rata_without_a_profile(period: str, share: Decimal) -> None:
    assert share_of_year(Period.parse(period), None) == share


PROFILE = [D(w) for w in ("5", "5", "10", "10", "10", "10", "5", "5", "10", "10", "10", "10")]


@pytest.mark.parametrize(
    ("period", "share"),
    [
        ("2024", D(1)),
        ("2024-H1", D("0.5")),
        ("2024-Q1", D("0.2")),
        ("2024-Q3", D("0.2")),
        ("2024-Q4", D("0.3")),
        ("2024-01", D("0.05")),
        ("2024-04", D("0.1")),
        ("2024-04-10", D("0.1") / 30),
    ],
)
def test_share_of_year_follows_a_profile(period: str, share: Decimal) -> None:
    assert share_of_year(Period.parse(period), PROFILE) == share


def test_a_profile_need_not_add_up_to_one() -> None:
    weights = [D(1)] * 11 + [D(2)]
    assert share_of_year(Period.parse("2024-12"), weights) == D(2) / D(13)
    assert share_of_year(Period.parse("2024-H1"), weights) == D(6) / D(13)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ([D(1)] * 11, "a profile has 12 monthly weights, not 11"),
        ([D(0)] * 12, "the profile's weights add up to zero"),
    ],
)
def test_share_of_year_rejects_an_unusable_profile(profile: list[Decimal], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        share_of_year(Period.parse("2024-H1"), profile)
    assert str(caught.value) == message


# --- evaluation period ---


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (["2024-01"], "2024-Q1"),
        (["2024-01-15", "2024-03-31"], "2024-Q1"),
        (["2024-Q1"], "2024-Q1"),
        (["2024-01", "2024-04"], "2024-H1"),
        (["2024-04"], "2024-H1"),  # a quarter other than Q1 is never inferred
        (["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"], "2024-H1"),
        (["2024-H1"], "2024-H1"),
        (["2024-Q2", "2024-06-30"], "2024-H1"),
        (["2024-07-01"], "2024"),
        (["2024-H2"], "2024"),
        (["2024-H1", "2024-12"], "2024"),
        (["2024"], "2024"),
    ],
)
def test_evaluation_period_is_the_smallest_report_covering_the_data(
    periods: list[str], expected: str
) -> None:
    assert evaluation_period(Period.parse(p) for p in periods) == Period.parse(expected)


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([], "no periods to evaluate"),
        (["2024-01", "2025-02", "2023"], "periods of several years: 2023, 2024, 2025"),
    ],
)
def test_evaluation_period_needs_one_year(periods: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        evaluation_period(Period.parse(p) for p in periods)
    assert str(caught.value) == message
