"""The rules a verdict rests on, apart from any agreement: bounds strict and inclusive, ranges,
tolerance outside the bound, coverage of a period, what part of a flow's period can show, the
year-end projection and the hint that a figure is in another unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tulosmittari.judgement import (
    Goal,
    coverage,
    derived_observed,
    forecast,
    judge_on_part,
    projection,
    scale_gap,
)
from tulosmittari.observations import Observed
from tulosmittari.periods import Period
from tulosmittari.problems import Location
from tulosmittari.results import (
    Bound,
    Combination,
    Coverage,
    ForecastMethod,
    ForecastStatus,
    Outcome,
    ReasonCode,
)
from tulosmittari.schema import BoundCell, Comparison, Direction, RangeCell, Tolerance

D = Decimal
MET = (Outcome.PASS, ReasonCode.MET)
WARN = (Outcome.WARN, ReasonCode.MISSED_WITHIN_TOLERANCE)
FAIL = (Outcome.FAIL, ReasonCode.MISSED)


def observed(
    value: str,
    months: range | list[int],
    *,
    covered: list[int] | None = None,
    partial: tuple[dt.date, ...] = (),
    latest: str | None = None,
    count: int = 1,
) -> Observed:
    """A figure as the reader folds it: a period's figure covers its months unless told."""
    return Observed(
        value=D(value),
        count=count,
        months=frozenset(months),
        notes=(),
        sources=(),
        first_location=Location("a.csv", 2),
        covered=frozenset(months if covered is None else covered),
        partial=partial,
        latest=D(latest) if latest is not None else None,
    )


def bound(comparison: str, value: str) -> Goal:
    return Goal.of(
        Direction.LOWER_IS_BETTER,
        BoundCell(
            comparison=Comparison(comparison), value=D(value), printed=f"{comparison} {value}"
        ),
    )


def test_a_plain_number_takes_its_bound_from_the_direction() -> None:
    assert Goal.of(Direction.HIGHER_IS_BETTER, D(3)).bound is Bound.AT_LEAST
    assert Goal.of(Direction.LOWER_IS_BETTER, D(3)).bound is Bound.AT_MOST
    assert Goal.of(Direction.BREAK_EVEN, D(0)).bound is Bound.EQUAL
    with pytest.raises(ValueError, match="sets no bound"):
        Goal.of(Direction.NOT_A_TARGET, D(3))


def test_a_printed_expression_sets_its_own_bound_whatever_the_direction() -> None:
    below = bound("<", "10")
    assert (below.bound, below.low, below.high, below.text) == (Bound.BELOW, D(10), None, "< 10")
    assert bound("<=", "10").bound is Bound.AT_MOST
    assert bound(">", "95").bound is Bound.ABOVE
    assert bound(">=", "3.5").bound is Bound.AT_LEAST
    ranged = Goal.of(
        Direction.HIGHER_IS_BETTER, RangeCell(low=D("3.6"), high=D("3.8"), printed="3,6–3,8")
    )
    assert (ranged.bound, ranged.low, ranged.high, ranged.text) == (
        Bound.WITHIN,
        D("3.6"),
        D("3.8"),
        "3,6–3,8",
    )


@pytest.mark.parametrize(
    ("comparison", "actual", "allowance", "verdict"),
    [
        ("<", "9", "0", MET),
        ("<", "10", "0", FAIL),  # strict: the bound itself misses
        ("<", "10", "0.5", WARN),  # by nothing, within the tolerance
        ("<", "10.5", "0.5", WARN),
        ("<", "10.6", "0.5", FAIL),
        ("<=", "10", "0", MET),
        ("<=", "10.1", "0", FAIL),
        (">", "10.1", "0", MET),
        (">", "10", "0", FAIL),
        (">", "9.5", "0.5", WARN),
        (">=", "10", "0", MET),
        (">=", "9.9", "0", FAIL),
    ],
)
def test_strict_comparisons_are_strict_and_tolerance_lies_outside_the_bound(
    comparison: str, actual: str, allowance: str, verdict: tuple[Outcome, ReasonCode]
) -> None:
    assert bound(comparison, "10").judge(D(actual), D(allowance)) == verdict


@pytest.mark.parametrize(
    ("actual", "allowance", "verdict", "difference"),
    [
        ("3.6", "0", MET, "0"),  # both ends included
        ("3.7", "0", MET, "0"),
        ("3.8", "0", MET, "0"),
        ("3.9", "0", FAIL, "0.1"),
        ("3.5", "0", FAIL, "-0.1"),
        ("3.85", "0.1", WARN, "0.05"),
        ("3.5", "0.1", WARN, "-0.1"),
        ("3.4", "0.1", FAIL, "-0.2"),
    ],
)
def test_a_range_is_met_inside_its_ends_and_measured_from_the_nearest(
    actual: str, allowance: str, verdict: tuple[Outcome, ReasonCode], difference: str
) -> None:
    goal = Goal(Bound.WITHIN, D("3.6"), D("3.8"), "3,6–3,8")
    assert goal.judge(D(actual), D(allowance)) == verdict
    assert goal.difference(D(actual)) == D(difference)


def test_a_relative_tolerance_is_taken_at_the_end_the_actual_is_beyond() -> None:
    goal = Goal(Bound.WITHIN, D(100), D(200))
    tolerance = Tolerance(relative=D("0.1"))
    assert goal.allowance(tolerance, D(250)) == D(20)
    assert goal.allowance(tolerance, D(50)) == D(10)
    assert goal.allowance(None, D(250)) == D(0)


def test_a_part_year_goal_scales_both_ends() -> None:
    goal = Goal(Bound.WITHIN, D(100), D(200), "100–200").scaled(D("0.5"))
    assert (goal.low, goal.high, goal.text) == (D(50), D(100), "100–200")
    assert Goal(Bound.AT_MOST, D(10)).scaled(D("0.25")) == Goal(Bound.AT_MOST, D("2.5"))


@pytest.mark.parametrize(
    ("bound_judged", "verdict", "expected"),
    [
        (Bound.AT_LEAST, MET, MET),  # a floor already reached stays reached
        (Bound.ABOVE, MET, MET),
        (Bound.AT_LEAST, WARN, (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)),
        (Bound.AT_LEAST, FAIL, (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)),
        (Bound.AT_MOST, MET, (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)),
        (Bound.BELOW, MET, (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)),
        (Bound.WITHIN, MET, (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)),
        (Bound.AT_MOST, FAIL, (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)),
        (
            Bound.EQUAL,
            (Outcome.PASS, ReasonCode.BREAK_EVEN_MET),
            (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD),
        ),
    ],
)
def test_part_of_a_flows_period_is_a_pass_only_for_a_floor_it_meets(
    bound_judged: Bound,
    verdict: tuple[Outcome, ReasonCode],
    expected: tuple[Outcome, ReasonCode],
) -> None:
    assert judge_on_part(Goal(bound_judged, D(10)), *verdict) == expected


def test_coverage_names_missing_months_and_days_that_stop_short() -> None:
    h1 = Period.parse("2024-H1")
    assert coverage(h1, observed("5", range(1, 7))) == Coverage(months=6, covered=6)
    assert coverage(h1, observed("5", range(1, 6))) == Coverage(6, 5, ("2024-06",))
    stopped = observed("5", range(1, 7), covered=[1, 2, 3, 4, 5], partial=(dt.date(2024, 6, 20),))
    assert coverage(h1, stopped) == Coverage(6, 5, (), ("2024-06-20",))
    year = coverage(Period.parse("2024"), observed("5", [1, 2, 4]))
    assert (year.covered, year.missing[:2], len(year.missing)) == (3, ("2024-03", "2024-05"), 9)
    assert not year.complete


def test_only_the_months_the_reader_marks_covered_count() -> None:
    """Figures in a month do not make it covered: its days may stop short of its end."""
    given = observed("5", range(1, 7), covered=[1, 2, 3, 4, 5], partial=(dt.date(2024, 6, 3),))
    assert coverage(Period.parse("2024-H1"), given) == Coverage(6, 5, (), ("2024-06-03",))
    unmarked = observed("5", range(1, 7), covered=[1, 2, 3])
    assert coverage(Period.parse("2024-H1"), unmarked) == Coverage(
        6, 3, ("2024-04", "2024-05", "2024-06"), ()
    )


def test_a_derived_figure_covers_what_all_its_inputs_cover() -> None:
    costs = observed("10", range(1, 7), covered=[1, 2, 3, 4, 5], partial=(dt.date(2024, 6, 20),))
    income = observed("8", range(1, 7), covered=[1, 2, 3, 4, 5], partial=(dt.date(2024, 6, 10),))
    lines = observed("3", [1, 2, 3, 4, 6], count=4)
    net = derived_observed(D(2), [costs, income, lines], Location("x.csv"))
    assert (net.value, net.count, net.combination) == (D(2), 6, Combination.DERIVED)
    assert coverage(Period.parse("2024-H1"), net) == Coverage(6, 4, ("2024-05",), ("2024-06-10",))
    assert derived_observed(D(1), [], Location("x.csv")).first_location == Location("x.csv")


def test_a_flow_is_projected_from_the_months_it_covers() -> None:
    h1 = Period.parse("2024-H1")
    assert projection(observed("190000", range(1, 6)), h1, True, None) == (
        D(456000),
        ForecastMethod.PRO_RATA,
    )
    profile = [D(1)] * 11 + [D(2)]  # December weighs double: the first half is 6/13
    value, method = projection(observed("60", range(1, 7)), h1, True, profile) or (D(0), None)
    assert (value, method) == (D(130), ForecastMethod.PROFILE)


def test_days_that_stop_short_count_by_the_days_given() -> None:
    june = observed("45", [6], covered=[], partial=(dt.date(2024, 6, 15),))  # half of June
    assert projection(june, Period.parse("2024-06"), True, None) == (
        D(1080),
        ForecastMethod.PRO_RATA,
    )


def test_a_level_is_projected_by_its_latest_value() -> None:
    h1 = Period.parse("2024-H1")
    assert projection(observed("3.4", range(1, 7), latest="3.1"), h1, False, None) == (
        D("3.1"),
        ForecastMethod.LATEST,
    )
    assert projection(observed("3.4", range(1, 7)), h1, False, None) == (
        D("3.4"),
        ForecastMethod.LATEST,
    )


def test_nothing_is_projected_from_nothing_covered() -> None:
    q3 = Period.parse("2024-Q3")
    assert projection(observed("5", range(1, 7)), q3, True, None) is None
    assert projection(observed("5", range(1, 7)), q3, False, None) is None
    zero_first_half = [D(0)] * 6 + [D(1)] * 6
    assert (
        projection(observed("5", range(1, 7)), Period.parse("2024-H1"), True, zero_first_half)
        is None
    )


def test_a_forecast_is_on_track_only_where_the_year_would_pass() -> None:
    ceiling = Goal(Bound.AT_MOST, D(465668))
    on_track = forecast(ceiling, None, D(460200), ForecastMethod.PRO_RATA)
    assert (on_track.status, on_track.target) == (ForecastStatus.ON_TRACK, D(465668))
    within = forecast(ceiling, Tolerance(relative=D("0.01")), D(468000), ForecastMethod.PRO_RATA)
    assert within.status is ForecastStatus.AT_RISK  # a warning is no pass
    ranged = forecast(Goal(Bound.WITHIN, D("3.6"), D("3.8")), None, D("3.7"), ForecastMethod.LATEST)
    assert (ranged.status, ranged.target) == (ForecastStatus.ON_TRACK, D("3.6"))


@pytest.mark.parametrize(
    ("actual", "target", "gap"),
    [
        ("465668000", "465668", 3),
        ("46566800", "465668", 2),  # exactly 100×
        ("46000000", "465668", 0),  # just under 100×: not flagged
        ("465.668", "465668", -3),
        ("4656.68", "465668", -2),
        ("-465668000", "465668", 3),  # either sign
        ("0", "465668", 0),
        ("465668", "0", 0),
        ("500000", "465668", 0),
    ],
)
def test_the_power_of_ten_a_figure_is_off_its_target(actual: str, target: str, gap: int) -> None:
    assert scale_gap(D(actual), D(target)) == gap
