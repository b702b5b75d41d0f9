"""What each verdict rests on, through `evaluate` on small agreements with figures given as the
reader folds them: the bound judged, the coverage of the period and what part of a flow's period
can show, how the actual was combined, the hint that a figure is in another unit, and the
year-end forecast at part-year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from results_fixtures import AGREEMENT_DATA
from tulosmittari.evaluation import evaluate
from tulosmittari.i18n import describe_reason, word
from tulosmittari.observations import Actuals, Observed
from tulosmittari.periods import Period
from tulosmittari.problems import Location
from tulosmittari.results import (
    Bound,
    CheckReport,
    Combination,
    Coverage,
    Forecast,
    ForecastMethod,
    ForecastStatus,
    Outcome,
    ReasonCode,
    TargetResult,
)
from tulosmittari.schema import Agreement

D = Decimal
ROW = Location("actuals.csv", 7)


class Given(Actuals):
    """Figures given outright by metric and period, as the reader would fold them."""

    def __init__(self, figures: dict[tuple[str, str], Observed]) -> None:
        super().__init__(("actuals.csv",), {}, {})
        self._given = {(m, Period.parse(p)): o for (m, p), o in figures.items()}

    def value(self, metric_id: str, period: Period) -> Observed | None:
        return self._given.get((metric_id, period))

    def metric_ids(self) -> frozenset[str]:
        return frozenset(m for m, _ in self._given)


def figure(
    value: str,
    months: range | list[int] = range(1, 7),
    *,
    covered: list[int] | None = None,
    partial: tuple[dt.date, ...] = (),
    combination: Combination = Combination.GIVEN,
    count: int = 1,
    latest: str | None = None,
) -> Observed:
    return Observed(
        value=D(value),
        count=count,
        months=frozenset(months),
        notes=(),
        sources=(),
        first_location=ROW,
        combination=combination,
        covered=frozenset(months if covered is None else covered),
        partial=partial,
        latest=D(latest) if latest is not None else None,
    )


def metric(
    ident: str, direction: str, period_kind: str, value: Any, **extra: Any
) -> dict[str, Any]:
    return {
        "id": ident,
        "name": ident.capitalize(),
        "unit": extra.pop("unit", "kpl"),
        "direction": direction,
        "period_kind": period_kind,
        "values": {2024: value},
        **extra,
    }


def agreement(*metrics: dict[str, Any]) -> Agreement:
    table = {
        "id": "t",
        "number": 1,
        "title": "Tavoitteet",
        "section": "3",
        "columns": [{"year": 2024, "kind": "tavoite", "label": "Tavoite 2024"}],
        "metrics": list(metrics),
    }
    return Agreement.model_validate({**AGREEMENT_DATA, "impact_goals": [], "tables": [table]})


def check(
    agreement: Agreement, figures: dict[tuple[str, str], Observed], *periods: str
) -> CheckReport:
    return evaluate(agreement, Given(figures), [Period.parse(p) for p in periods])


def one(report: CheckReport, ident: str, period: str | None = None) -> TargetResult:
    (found,) = [r for r in report.results if r.id == ident and period in (None, r.period)]
    return found


COSTS = metric("costs", "lower_is_better", "flow", 1200, unit="1000 euroa")
INCOME = metric("income", "higher_is_better", "flow", 1200)
OUTAGES = metric("outages", "lower_is_better", "level", D("3.3"))


# --- the bound judged ------------------------------------------------------------------------


def test_a_plain_number_is_judged_by_the_direction_and_says_so() -> None:
    report = check(agreement(COSTS, INCOME, OUTAGES), {
        ("costs", "2024"): figure("1100", range(1, 13)),
        ("income", "2024"): figure("1300", range(1, 13)),
        ("outages", "2024"): figure("3.4", range(1, 13)),
    }, "2024")  # fmt: skip
    assert [(r.id, r.bound, r.outcome) for r in report.results] == [
        ("costs", Bound.AT_MOST, Outcome.PASS),
        ("income", Bound.AT_LEAST, Outcome.PASS),
        ("outages", Bound.AT_MOST, Outcome.FAIL),
    ]
    assert all(r.target_text is None and r.target_high is None for r in report.results)


def test_a_printed_strict_bound_is_strict() -> None:
    printed = {"comparison": "<", "value": 10, "printed": "< 10"}
    below = agreement(metric("outages", "lower_is_better", "level", printed))
    met = one(check(below, {("outages", "2024"): figure("9", range(1, 13))}, "2024"), "outages")
    assert (met.bound, met.target, met.target_text, met.outcome) == (
        Bound.BELOW,
        D(10),
        "< 10",
        Outcome.PASS,
    )
    assert describe_reason(met, "fi") == "9\u00a0kpl < 10\u00a0kpl"
    missed = one(check(below, {("outages", "2024"): figure("10", range(1, 13))}, "2024"), "outages")
    assert (missed.outcome, missed.reason, missed.difference) == (
        Outcome.FAIL,
        ReasonCode.MISSED,
        D(0),
    )
    assert describe_reason(missed, "en") == "10\u00a0kpl is not below 10\u00a0kpl"


def test_a_printed_range_is_met_inside_its_ends_and_a_flows_range_scales_both() -> None:
    printed = {"low": 100, "high": 200, "printed": "100–200"}
    ranged = agreement(
        metric("costs", "lower_is_better", "flow", printed, tolerance={"absolute": 5})
    )
    inside = one(check(ranged, {("costs", "2024-H1"): figure("75")}, "2024-H1"), "costs")
    assert (inside.bound, inside.annual_target, inside.target, inside.target_high) == (
        Bound.WITHIN,
        D(100),
        D(50),
        D(100),
    )
    assert (inside.outcome, inside.target_text) == (Outcome.PASS, "100–200")
    assert describe_reason(inside, "fi") == (
        "75\u00a0kpl on välillä 50–100\u00a0kpl (osuus vuoden tavoitteesta 100–200)"
    )
    above = one(check(ranged, {("costs", "2024-H1"): figure("104")}, "2024-H1"), "costs")
    assert (above.outcome, above.difference, above.allowance) == (Outcome.WARN, D(4), D(5))
    below = one(check(ranged, {("costs", "2024-H1"): figure("44")}, "2024-H1"), "costs")
    assert (below.outcome, below.difference) == (Outcome.FAIL, D(-6))
    assert describe_reason(below, "en").startswith("44\u00a0kpl is outside 50–100\u00a0kpl")


def test_an_extra_target_is_judged_by_the_direction_and_scaled_like_the_column() -> None:
    costs = {
        **COSTS,
        "extra_targets": [
            {"year": 2024, "value": 1100, "source": "talousarvioesitys", "label": "TAE 1100"}
        ],
    }
    report = check(agreement(costs), {("costs", "2024-H1"): figure("580")}, "2024-H1")
    extra = next(r for r in report.results if r.target_source == "talousarvioesitys")
    assert (extra.bound, extra.target, extra.outcome) == (Bound.AT_MOST, D(550), Outcome.FAIL)


# --- coverage --------------------------------------------------------------------------------


def test_a_ceiling_on_part_of_its_period_is_incomplete_never_a_pass() -> None:
    """Issue 13: five months of costs under a half-year ceiling say nothing of the ceiling."""
    five = figure("500", range(1, 6), combination=Combination.SUM, count=5)
    result = one(check(agreement(COSTS), {("costs", "2024-H1"): five}, "2024-H1"), "costs")
    assert (result.outcome, result.reason) == (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)
    assert (result.target, result.actual, result.difference) == (D(600), D(500), D(-100))
    assert result.coverage == Coverage(months=6, covered=5, missing=("2024-06",))
    assert (result.combination, result.observations) == (Combination.SUM, 5)
    assert describe_reason(result, "fi") == (
        "ei arvioitavissa: kattaa 5/6 kuukautta; 2024-06 puuttuu"
        " (osuus vuoden tavoitteesta 1\u00a0200\u00a01000 euroa)"
    )
    assert describe_reason(result, "en").startswith(
        "cannot be judged: covers 5 of 6 months; 2024-06 missing"
    )
    assert not result.unexplained  # not a miss: nothing to explain yet


def test_a_year_judged_on_a_half_years_figures_is_incomplete() -> None:
    report = check(agreement(COSTS), {("costs", "2024"): figure("500")}, "2024")
    result = one(report, "costs")
    assert result.outcome is Outcome.INCOMPLETE
    assert result.coverage == Coverage(12, 6, tuple(f"2024-{m:02d}" for m in range(7, 13)))
    assert describe_reason(result, "fi") == (
        "ei arvioitavissa: kattaa 6/12 kuukautta; 2024-07–2024-12 puuttuvat"
    )
    assert report.counts()[Outcome.INCOMPLETE] == 1


def test_a_floor_already_met_by_part_of_its_period_is_met() -> None:
    rich = figure("700", range(1, 6))
    met = one(check(agreement(INCOME), {("income", "2024-H1"): rich}, "2024-H1"), "income")
    assert (met.outcome, met.coverage) == (Outcome.PASS, Coverage(6, 5, ("2024-06",)))
    assert describe_reason(met, "fi") == (
        "700\u00a0kpl ≥ tavoite 600\u00a0kpl; suurempi on parempi"
        " (osuus vuoden tavoitteesta 1\u00a0200\u00a0kpl; 5/6 kuukauden perusteella)"
    )
    short = figure("500", range(1, 6))
    open_ = one(check(agreement(INCOME), {("income", "2024-H1"): short}, "2024-H1"), "income")
    assert (open_.outcome, open_.reason) == (Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD)


def test_a_sum_is_a_flow_whatever_its_period_kind() -> None:
    counted = metric("visits", "lower_is_better", "level", 100, aggregation="sum")
    result = one(
        check(agreement(counted), {("visits", "2024"): figure("50", range(1, 7))}, "2024"),
        "visits",
    )
    assert result.outcome is Outcome.INCOMPLETE


def test_a_level_on_part_of_its_period_is_judged_and_says_on_how_much() -> None:
    report = check(
        agreement(OUTAGES), {("outages", "2024-H1"): figure("3.5", range(1, 6))}, "2024-H1"
    )
    result = one(report, "outages")
    assert (result.outcome, result.coverage) == (Outcome.FAIL, Coverage(6, 5, ("2024-06",)))
    assert describe_reason(result, "fi") == (
        "3,5\u00a0kpl > tavoite 3,3\u00a0kpl; pienempi on parempi (5/6 kuukauden perusteella)"
    )
    assert describe_reason(result, "en").endswith("(on 5 of 6 months)")


def test_days_that_stop_short_leave_their_month_uncovered() -> None:
    stopped = figure("560", range(1, 7), covered=[1, 2, 3, 4, 5], partial=(dt.date(2024, 6, 20),))
    result = one(check(agreement(COSTS), {("costs", "2024-H1"): stopped}, "2024-H1"), "costs")
    assert result.outcome is Outcome.INCOMPLETE
    assert result.coverage == Coverage(6, 5, (), ("2024-06-20",))
    assert describe_reason(result, "fi").startswith(
        "ei arvioitavissa: kattaa 5/6 kuukautta; päivittäiset luvut vain 2024-06-20 asti"
    )


def test_a_derived_value_covers_what_all_its_inputs_cover() -> None:
    lines = [
        metric(name, "lower_is_better", "flow", 600, printed=False) for name in ("rent", "staff")
    ]
    total = {**COSTS, "formula": "rent + staff"}
    figures = {("rent", "2024-H1"): figure("200"), ("staff", "2024-H1"): figure("250", range(1, 6))}
    result = one(check(agreement(total, *lines), figures, "2024-H1"), "costs")
    assert (result.actual, result.derived, result.combination, result.observations) == (
        D(450),
        True,
        Combination.DERIVED,
        2,
    )
    assert result.outcome is Outcome.INCOMPLETE
    assert result.coverage == Coverage(6, 5, ("2024-06",))


def test_an_unweighted_mean_says_so_in_both_languages() -> None:
    share = metric("sla", "higher_is_better", "level", 90, unit="%", aggregation="weighted")
    mean = figure("92", combination=Combination.UNWEIGHTED_MEAN, count=6)
    result = one(check(agreement(share), {("sla", "2024-H1"): mean}, "2024-H1"), "sla")
    assert describe_reason(result, "fi").endswith("(painottamaton keskiarvo 6 luvusta)")
    assert describe_reason(result, "en").endswith("(unweighted mean of 6 values)")


def test_a_figure_that_is_not_a_target_still_carries_its_coverage() -> None:
    htv = metric("htv", "not_a_target", "flow", 1400)
    result = one(
        check(agreement(htv), {("htv", "2024-H1"): figure("700", range(1, 4))}, "2024-H1"), "htv"
    )
    assert (result.outcome, result.bound, result.forecast) == (Outcome.NO_TARGET, None, None)
    assert result.coverage == Coverage(6, 3, ("2024-04", "2024-05", "2024-06"))


# --- plausibility ----------------------------------------------------------------------------


def test_a_figure_a_thousand_times_its_target_is_judged_with_a_hint_at_its_row() -> None:
    """Issue 13: `total_costs,2024,465668000` where the unit is 1000 euroa."""
    costs = metric("total_costs", "lower_is_better", "flow", 465668, unit="1000 euroa")
    given = {("total_costs", "2024"): figure("465668000", range(1, 13))}
    report = check(agreement(costs), given, "2024")
    assert one(report, "total_costs").outcome is Outcome.FAIL
    (problem,) = report.problems
    assert (problem.location, problem.severity.value, problem.code) == (
        ROW,
        "warning",
        "actuals-scale",
    )
    assert word(problem.message, "en") == (
        "actual 465,668,000 of 'total_costs' in 2024 is about 1,000× its target 465,668;"
        " is it in the unit '1000 euroa'?"
    )
    assert word(problem.message, "fi") == (
        "mittarin 'total_costs' toteuma 465\u00a0668\u00a0000 jaksolla 2024 on noin"
        " 1\u00a0000-kertainen tavoitteeseen 465\u00a0668 nähden; onko luku yksikössä"
        " '1000 euroa'?"
    )


def test_a_figure_a_hundredth_of_its_target_is_flagged_once_per_period() -> None:
    costs = {
        **COSTS,
        "extra_targets": [{"year": 2024, "value": 1100, "source": "tae", "label": "TAE"}],
    }
    report = check(agreement(costs), {("costs", "2024-H1"): figure("6")}, "2024-H1")
    (problem,) = report.problems
    assert word(problem.message, "en").startswith(
        "actual 6 of 'costs' in 2024-H1 is about 1/100 of its target 600;"
    )


@pytest.mark.parametrize("value", ["60", "59000", "0"])
def test_figures_within_a_hundred_times_or_zero_get_no_hint(value: str) -> None:
    report = check(agreement(COSTS), {("costs", "2024-H1"): figure(value)}, "2024-H1")
    assert report.problems == ()


def test_a_derived_figure_gets_no_hint_its_inputs_are_the_figures_given() -> None:
    total = {**COSTS, "formula": "rent * 1000"}
    rent = metric("rent", "lower_is_better", "flow", 1, printed=False)
    report = check(agreement(total, rent), {("rent", "2024-H1"): figure("0.6")}, "2024-H1")
    assert one(report, "costs").actual == D(600)
    assert report.problems == ()


# --- forecast --------------------------------------------------------------------------------


def test_a_flow_is_forecast_pro_rata_from_the_months_covered() -> None:
    five = figure("500", range(1, 6))
    result = one(check(agreement(COSTS), {("costs", "2024-H1"): five}, "2024-H1"), "costs")
    assert result.forecast == Forecast(
        D(1200), D(1200), ForecastStatus.ON_TRACK, ForecastMethod.PRO_RATA
    )


def test_a_flow_with_a_profile_is_forecast_by_it() -> None:
    profile = [1] * 6 + [3] * 6  # the second half costs three times the first
    costs = {**COSTS, "profile": profile}
    result = one(check(agreement(costs), {("costs", "2024-H1"): figure("400")}, "2024-H1"), "costs")
    assert result.target == D(300)
    assert result.outcome is Outcome.FAIL
    assert result.forecast == Forecast(
        D(1600), D(1200), ForecastStatus.AT_RISK, ForecastMethod.PROFILE
    )


def test_a_level_is_forecast_by_its_latest_value() -> None:
    given = figure("3.4", count=6, combination=Combination.MEAN, latest="3.2")
    result = one(check(agreement(OUTAGES), {("outages", "2024-H1"): given}, "2024-H1"), "outages")
    assert result.outcome is Outcome.FAIL
    assert result.forecast == Forecast(
        D("3.2"), D("3.3"), ForecastStatus.ON_TRACK, ForecastMethod.LATEST
    )


def test_a_forecast_is_never_an_outcome() -> None:
    given = {
        ("costs", "2024-H1"): figure("500", range(1, 6)),
        ("outages", "2024-H1"): figure("3.2"),
    }
    report = check(agreement(COSTS, OUTAGES), given, "2024-H1")
    assert {r.forecast.status for r in report.results if r.forecast} == {ForecastStatus.ON_TRACK}
    assert report.counts()[Outcome.INCOMPLETE] == 1
    assert report.counts()[Outcome.PASS] == 1
    assert sum(report.counts().values()) == len(report.results)


@pytest.mark.parametrize(
    ("metrics", "figures", "period"),
    [
        ([COSTS], {("costs", "2024"): figure("500", range(1, 13))}, "2024"),  # not part-year
        ([COSTS], {}, "2024-H1"),  # no actual
        (
            [metric("survey", "higher_is_better", "level", 4, yearly_only=True)],
            {("survey", "2024-H1"): figure("4.1")},
            "2024-H1",
        ),
        ([COSTS], {("costs", "2024-Q3"): figure("500", range(1, 7))}, "2024-Q3"),  # none covered
    ],
)
def test_no_forecast_without_a_part_year_actual_to_project(
    metrics: list[dict[str, Any]], figures: dict[tuple[str, str], Observed], period: str
) -> None:
    report = check(agreement(*metrics), figures, period)
    assert all(r.forecast is None for r in report.results)


def test_a_derived_level_is_forecast_by_its_formula_over_the_latest_inputs() -> None:
    parts = [
        metric(name, "higher_is_better", "level", 4, printed=False) for name in ("tori", "tuve")
    ]
    mean = metric("compliance", "higher_is_better", "level", 4, formula="mean(tori, tuve)")
    figures = {
        ("tori", "2024-H1"): figure("4.2", latest="4.4"),
        ("tuve", "2024-H1"): figure("3.6"),  # one figure: it is its own latest
    }
    result = one(check(agreement(mean, *parts), figures, "2024-H1"), "compliance")
    assert (result.actual, result.outcome) == (D("3.9"), Outcome.FAIL)
    assert result.forecast == Forecast(
        D("4.0"), D(4), ForecastStatus.ON_TRACK, ForecastMethod.LATEST
    )
