"""Evaluation: every outcome for every direction and period kind, the half-year rules, derived
metrics and identities over actuals, on a small agreement and hand-written actuals files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tulosmittari.actuals import read_actuals
from tulosmittari.evaluation import evaluate
from tulosmittari.i18n import word
from tulosmittari.judgement import Goal
from tulosmittari.loading import load_agreement
from tulosmittari.periods import Period
from tulosmittari.results import CheckReport, Outcome, ReasonCode, TargetResult
from tulosmittari.schema import Agreement, Direction, MissingReason, ValueRole

BASE = Path(__file__).parent / "data" / "validation" / "base.yaml"
D = Decimal


@pytest.mark.parametrize(
    ("direction", "actual", "target", "allowance", "outcome", "reason"),
    [
        (Direction.HIGHER_IS_BETTER, "3.6", "3.5", "0", Outcome.PASS, ReasonCode.MET),
        (Direction.HIGHER_IS_BETTER, "3.5", "3.5", "0", Outcome.PASS, ReasonCode.MET),
        (
            Direction.HIGHER_IS_BETTER,
            "3.4",
            "3.5",
            "0.1",
            Outcome.WARN,
            ReasonCode.MISSED_WITHIN_TOLERANCE,
        ),
        (Direction.HIGHER_IS_BETTER, "3.39", "3.5", "0.1", Outcome.FAIL, ReasonCode.MISSED),
        (Direction.HIGHER_IS_BETTER, "3.4", "3.5", "0", Outcome.FAIL, ReasonCode.MISSED),
        (Direction.LOWER_IS_BETTER, "3.2", "3.3", "0", Outcome.PASS, ReasonCode.MET),
        (Direction.LOWER_IS_BETTER, "3.3", "3.3", "0", Outcome.PASS, ReasonCode.MET),
        (
            Direction.LOWER_IS_BETTER,
            "3.5",
            "3.3",
            "0.2",
            Outcome.WARN,
            ReasonCode.MISSED_WITHIN_TOLERANCE,
        ),
        (Direction.LOWER_IS_BETTER, "3.6", "3.3", "0.2", Outcome.FAIL, ReasonCode.MISSED),
        (Direction.BREAK_EVEN, "0", "0", "0", Outcome.PASS, ReasonCode.BREAK_EVEN_MET),
        (Direction.BREAK_EVEN, "-4000", "0", "5000", Outcome.PASS, ReasonCode.BREAK_EVEN_MET),
        (Direction.BREAK_EVEN, "5000", "0", "5000", Outcome.PASS, ReasonCode.BREAK_EVEN_MET),
        (Direction.BREAK_EVEN, "-5001", "0", "5000", Outcome.FAIL, ReasonCode.BREAK_EVEN_MISSED),
        (Direction.BREAK_EVEN, "99.9", "100", "0", Outcome.FAIL, ReasonCode.BREAK_EVEN_MISSED),
    ],
)
def test_judge_by_direction_and_tolerance(
    direction: Direction,
    actual: str,
    target: str,
    allowance: str,
    outcome: Outcome,
    reason: ReasonCode,
) -> None:
    assert Goal.of(direction, D(target)).judge(D(actual), D(allowance)) == (outcome, reason)


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    loaded = load_agreement(BASE)
    assert loaded.problems == []
    assert loaded.agreement is not None
    return loaded.agreement


def check(
    agreement: Agreement, tmp_path: Path, csv: str, periods: list[str] | None = None
) -> CheckReport:
    path = tmp_path / "actuals.csv"
    path.write_text(csv, encoding="utf-8")
    actuals = read_actuals([path], agreement)
    chosen = (
        [Period.parse(p) for p in periods] if periods is not None else actuals.evaluation_periods()
    )
    return evaluate(agreement, actuals, chosen, agreement_file=str(BASE))


def one(
    report: CheckReport, metric: str, period: str | None = None, source: str | None = None
) -> TargetResult:
    found = [
        r
        for r in report.results
        if r.id == metric and r.target_source == source and (period is None or r.period == period)
    ]
    assert len(found) == 1, found
    return found[0]


def test_half_year_level_compares_with_the_annual_target(
    agreement: Agreement, tmp_path: Path
) -> None:
    report = check(agreement, tmp_path, "metric,period,value\noutages,2025-H1,3.4\n")
    assert report.periods == ("2025-H1",)
    result = one(report, "outages")
    assert (result.target, result.actual, result.outcome) == (D("3.3"), D("3.4"), Outcome.WARN)
    assert result.difference == D("0.1")
    assert result.target_role is ValueRole.TARGET


def test_half_year_flow_compares_with_the_pro_rata_share(
    agreement: Agreement, tmp_path: Path
) -> None:
    report = check(agreement, tmp_path, "metric,period,value\ncosts,2025-H1,510\n")
    result = one(report, "costs")
    assert result.annual_target == D(1000)
    assert result.target == D(500)
    assert result.outcome is Outcome.FAIL
    assert result.reason is ReasonCode.MISSED


def test_monthly_flows_sum_into_the_half_year(agreement: Agreement, tmp_path: Path) -> None:
    rows = "".join(f"costs,2025-0{m},80\n" for m in range(1, 7))
    report = check(agreement, tmp_path, "metric,period,value\n" + rows)
    result = one(report, "costs", "2025-H1")
    assert (result.actual, result.target, result.outcome) == (D(480), D(500), Outcome.PASS)


def test_yearly_survey_missing_from_a_half_year_file_is_no_data(
    agreement: Agreement, tmp_path: Path
) -> None:
    report = check(agreement, tmp_path, "metric,period,value\noutages,2025-H1,3.0\n")
    result = one(report, "satisfaction")
    assert result.outcome is Outcome.NO_DATA
    assert result.reason is ReasonCode.MEASURED_YEARLY


def test_missing_actual_for_a_year_is_no_data(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\noutages,2025,3.0\n")
    assert one(report, "costs").outcome is Outcome.NO_DATA
    assert one(report, "costs").reason is ReasonCode.NO_ACTUAL


def test_tbd_target_is_no_target_with_its_reason(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\noutages,2026,2.0\n")
    result = one(report, "outages")
    assert (result.outcome, result.reason) == (Outcome.NO_TARGET, ReasonCode.NO_TARGET_VALUE)
    assert (result.missing, result.missing_text) == (MissingReason.TBD, None)
    assert result.actual == D("2.0")


def test_estimate_column_is_not_a_target(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\noutages,2024,9\n")
    result = one(report, "outages")
    assert (result.outcome, result.reason) == (Outcome.NO_TARGET, ReasonCode.NOT_A_TARGET)
    assert result.target_role is ValueRole.ESTIMATE


def test_preliminary_years_are_checked_and_say_so(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\ncosts,2026,1000\n")
    result = one(report, "costs")
    assert result.target_role is ValueRole.PRELIMINARY_TARGET
    assert result.outcome is Outcome.PASS


def test_break_even_within_tolerance(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\ncost_recovery,2025,-4000\n")
    assert one(report, "cost_recovery").outcome is Outcome.PASS
    report = check(agreement, tmp_path, "metric,period,value\ncost_recovery,2025,-6000\n")
    assert one(report, "cost_recovery").outcome is Outcome.FAIL


def test_derived_metric_is_computed_from_its_components(
    agreement: Agreement, tmp_path: Path
) -> None:
    csv = "metric,period,value\nsatisfaction_q1,2025,3.7\nsatisfaction_q2,2025,3.9\n"
    result = one(check(agreement, tmp_path, csv), "satisfaction")
    assert result.actual == D("3.8")
    assert result.derived
    assert result.outcome is Outcome.PASS


def test_derived_metric_given_and_disagreeing_is_reported(
    agreement: Agreement, tmp_path: Path
) -> None:
    csv = (
        "metric,period,value\nsatisfaction,2025,4.5\nsatisfaction_q1,2025,3.6\n"
        "satisfaction_q2,2025,3.9\n"
    )
    report = check(agreement, tmp_path, csv)
    assert not one(report, "satisfaction").derived
    assert [str(p.message) for p in report.problems] == [
        "actual 4.5 of 'satisfaction' in 2025 disagrees with 3.75 = mean(satisfaction_q1,"
        " satisfaction_q2) of its components (tolerance 0)"
    ]
    assert [word(p.message, "fi") for p in report.problems] == [
        "mittarin 'satisfaction' toteuma 4,5 jaksolla 2025 poikkeaa osistaan lasketusta arvosta"
        " 3,75 = mean(satisfaction_q1, satisfaction_q2) (toleranssi 0)"
    ]


def test_unprinted_inputs_get_no_result_rows(agreement: Agreement, tmp_path: Path) -> None:
    csv = "metric,period,value\nsatisfaction_q1,2025,3.6\n"
    assert all(r.id != "satisfaction_q1" for r in check(agreement, tmp_path, csv).results)


def test_identity_over_actuals_is_reported_when_broken(
    agreement: Agreement, tmp_path: Path
) -> None:
    report = check(agreement, tmp_path, "metric,period,value\ncosts,2025,1300\n")
    assert [p.code for p in report.problems] == ["actuals-identity"]
    assert "costs_sum" in str(report.problems[0].message)


@pytest.mark.parametrize(
    ("status", "outcome", "reason"),
    [
        ("met", Outcome.PASS, ReasonCode.STATUS_MET),
        ("osittain toteutunut", Outcome.WARN, ReasonCode.STATUS_PARTLY_MET),
        ("not met", Outcome.FAIL, ReasonCode.STATUS_NOT_MET),
    ],
)
def test_qualitative_items_take_the_recorded_status(
    agreement: Agreement, tmp_path: Path, status: str, outcome: Outcome, reason: ReasonCode
) -> None:
    report = check(agreement, tmp_path, f"metric,period,status\nt2_g1_2025_1,2025,{status}\n")
    result = one(report, "t2_g1_2025_1")
    assert (result.outcome, result.reason) == (outcome, reason)


def test_unreported_item_is_no_data(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\ncosts,2025,900\n")
    result = one(report, "t2_g1_2025_1")
    assert (result.outcome, result.reason) == (Outcome.NO_DATA, ReasonCode.NO_STATUS)


def test_several_years_give_one_period_each_in_printed_order(
    agreement: Agreement, tmp_path: Path
) -> None:
    csv = "metric,period,value\ncosts,2026,1000\ncosts,2025,900\n"
    report = check(agreement, tmp_path, csv)
    assert report.periods == ("2025", "2026")
    assert [r.period for r in report.results if r.id == "costs"] == ["2025", "2026"]


def test_counts_cover_every_outcome(agreement: Agreement, tmp_path: Path) -> None:
    report = check(agreement, tmp_path, "metric,period,value\ncosts,2025,900\n")
    counts = report.counts()
    assert set(counts) == set(Outcome)
    assert sum(counts.values()) == len(report.results)


def test_half_year_and_year_files_read_together_are_judged_for_both(
    agreement: Agreement, tmp_path: Path
) -> None:
    half = tmp_path / "h1.csv"
    half.write_text("metric,period,value\ncosts,2025-H1,510\n", encoding="utf-8")
    year = tmp_path / "year.csv"
    year.write_text("metric,period,value\ncosts,2025,990\n", encoding="utf-8")
    actuals = read_actuals([half, year], agreement)
    report = evaluate(agreement, actuals, actuals.evaluation_periods())
    assert report.periods == ("2025-H1", "2025")
    assert one(report, "costs", "2025-H1").outcome is Outcome.FAIL  # 510 > 500
    assert one(report, "costs", "2025").outcome is Outcome.PASS  # 990 <= 1000
