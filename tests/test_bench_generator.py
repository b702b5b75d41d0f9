"""The benchmark's inputs, and the answers any speed-up must keep: `benchmarks/generate.py` is
deterministic, its agreement validates, and `tulos check` of its actuals gives exactly what a
plain reference computation gives (csv module, lists, Decimal), outcome by outcome."""

from __future__ import annotations

import calendar
import csv
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest
import yaml

from tulosmittari.actuals import read_actuals
from tulosmittari.cli import main
from tulosmittari.evaluation import evaluate
from tulosmittari.loading import load_agreement
from tulosmittari.periods import Period
from tulosmittari.results import CheckReport, Outcome, ResultKind
from tulosmittari.validation import validate

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
ROWS = 20_000  # 50 metrics on every third day or so of 2024–2027
FILES = ("agreement.yaml", "yearly.csv", f"daily-{ROWS}.csv")


def generate(out: Path, *extra: str) -> Path:
    args = ["--out", str(out), "--metrics", "50", "--rows", str(ROWS), *extra]
    subprocess.run([sys.executable, str(GENERATOR), *args], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench"))


@pytest.fixture(scope="module")
def report(generated: Path) -> CheckReport:
    """What `tulos check` computes, through the same functions the command calls."""
    loaded = load_agreement(generated / "agreement.yaml")
    assert loaded.agreement is not None, loaded.problems
    actuals = read_actuals(
        [generated / f"daily-{ROWS}.csv", generated / "yearly.csv"], loaded.agreement
    )
    periods = actuals.evaluation_periods()
    return evaluate(loaded.agreement, actuals, periods, source=loaded.source)


def test_the_same_arguments_give_the_same_bytes(generated: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again")
    for name in FILES:
        assert (again / name).read_bytes() == (generated / name).read_bytes(), name
    other = generate(tmp_path / "other", "--seed", "7")
    assert (other / FILES[-1]).read_bytes() != (generated / FILES[-1]).read_bytes()


def test_the_agreement_validates_without_findings(generated: Path) -> None:
    loaded = load_agreement(generated / "agreement.yaml")
    assert loaded.agreement is not None, loaded.problems
    assert validate(loaded.agreement, loaded.source) == []
    assert len(list(loaded.agreement.iter_metrics())) == 50


def test_check_runs_clean_and_its_json_agrees(
    generated: Path, report: CheckReport, capsys: pytest.CaptureFixture[str]
) -> None:
    """Totals are exactly the sum of their lines, so no identity breaks in the actuals."""
    assert report.problems == ()
    assert report.periods == ("2024-H1", "2024", "2025", "2026", "2027")
    args = ["check", "--agreement", str(generated / FILES[0])]
    code = main([*args, str(generated / FILES[2]), str(generated / FILES[1]), "-f", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err  # some targets are missed: the figures are drawn at random
    shown = [(r["metric"], r["period"], r["outcome"]) for r in json.loads(out)["results"]]
    assert shown == [(r.id, r.period, r.outcome.value) for r in report.results]


# --- The reference ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    actual: Decimal | None
    target: Decimal | None
    outcome: Outcome


def test_results_equal_a_reference_computation(generated: Path, report: CheckReport) -> None:
    reference = dict(reference_results(generated, report.periods))
    computed = {
        (r.id, r.period, r.target_source): Expected(r.actual, r.target, r.outcome)
        for r in report.results
    }
    assert computed == reference
    outcomes = {r.outcome for r in report.results}
    assert {Outcome.PASS, Outcome.WARN, Outcome.FAIL, Outcome.NO_DATA} <= outcomes


def reference_results(
    folder: Path, periods: tuple[str, ...]
) -> Iterator[tuple[tuple[str, str, str | None], Expected]]:
    """Every target of every period, computed the long way round."""
    text = (folder / "agreement.yaml").read_text(encoding="utf-8")
    agreement: dict[str, Any] = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text
    rows: dict[str, list[tuple[str, str]]] = {}
    for name in (f"daily-{ROWS}.csv", "yearly.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                figure = row["value"] or row.get("status") or ""
                rows.setdefault(row["metric"], []).append((row["period"], figure))
    metrics = [m for t in agreement["tables"] for m in t.get("metrics", []) if "id" in m]
    for period in periods:
        actuals: dict[str, Decimal] = {}
        for metric in metrics:
            value = actual_of(metric, rows.get(metric["id"], []), period)
            if value is None and "formula" in metric:
                value = derived(metric["formula"], actuals)
            if value is not None:
                actuals[metric["id"]] = value
        for metric in metrics:
            whole = covers(rows.get(metric["id"], []), period)
            for source, annual in targets(metric, period[:4]):
                key = (metric["id"], period, source)
                yield key, judged(metric, actuals.get(metric["id"]), annual, period, whole)
        for table in agreement["tables"]:
            for group in table.get("groups", []):
                for item in group["years"].get(period[:4], []):
                    statuses = [(p, s) for p, s in rows.get(item["id"], []) if within(p, period)]
                    yield (item["id"], period, None), status_outcome(statuses)


def months_of(period: str) -> range:
    if len(period) == 4:
        return range(1, 13)
    if period[5] == "H":
        return range(1, 7) if period[6] == "1" else range(7, 13)
    quarter = int(period[6])
    return range(3 * quarter - 2, 3 * quarter + 1)


def within(text: str, period: str) -> bool:
    """A row's period (a day, a half or a year) inside an evaluated period."""
    if text[:4] != period[:4]:
        return False
    if len(text) == 10:
        return int(text[5:7]) in months_of(period)
    return set(months_of(text)) <= set(months_of(period))


def covers(rows: list[tuple[str, str]], period: str) -> bool:
    """Every month of the period has figures reaching its last Monday–Friday (or a figure of its
    own period): docs/actuals-format.md's rule, worked out here from the calendar."""
    if any(p == period for p, _ in rows):
        return True
    year = int(period[:4])
    last_day: dict[int, int] = {}
    for text, _ in rows:
        if len(text) == 10 and within(text, period):
            month, day = int(text[5:7]), int(text[8:10])
            last_day[month] = max(day, last_day.get(month, 0))
    for month in months_of(period):
        end = calendar.monthrange(year, month)[1]
        working = next(d for d in range(end, 0, -1) if calendar.weekday(year, month, d) < 5)
        if last_day.get(month, 0) < working:
            return False
    return True


def actual_of(metric: dict[str, Any], rows: list[tuple[str, str]], period: str) -> Decimal | None:
    exact = [Decimal(v) for p, v in rows if p == period]
    if exact:
        return exact[0]
    days = sorted((p, Decimal(v)) for p, v in rows if len(p) == 10 and within(p, period))
    if not days:
        return None
    values = [v for _, v in days]
    if metric.get("aggregation") == "last":
        return values[-1]
    if metric["period_kind"] == "flow":
        return sum(values, Decimal(0))
    return sum(values, Decimal(0)) / len(values)


def derived(formula: str, actuals: dict[str, Decimal]) -> Decimal | None:
    """The two shapes the generator writes: a share of a total, and a mean of two ratings."""
    inputs = [actuals.get(name) for name in re.findall(r"m[0-9]{3}_[a-z]+", formula)]
    if any(v is None for v in inputs):
        return None
    first, second = (v for v in inputs if v is not None)
    with localcontext() as context:
        context.prec = 60
        if formula.startswith("round"):
            return (100 * first / second).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return (first + second) / 2


def targets(metric: dict[str, Any], year: str) -> Iterator[tuple[str | None, Decimal]]:
    yield None, Decimal(metric["values"][year])
    for extra in metric.get("extra_targets", []):
        if extra["year"] == year:
            yield extra["source"], Decimal(extra["value"])


def judged(
    metric: dict[str, Any], actual: Decimal | None, annual: Decimal, period: str, whole: bool
) -> Expected:
    target = annual
    if metric["period_kind"] == "flow":
        target = annual * (Decimal(len(months_of(period))) / Decimal(12))
    if metric["direction"] == "not_a_target":
        return Expected(actual, None, Outcome.NO_TARGET)
    if actual is None:
        return Expected(None, target, Outcome.NO_DATA)
    tolerance = metric.get("tolerance", {})
    allowance = max(
        Decimal(0),
        Decimal(tolerance.get("absolute", 0)),
        abs(target) * Decimal(tolerance.get("relative", 0)),
    )
    part = metric["period_kind"] == "flow" and not whole  # a flow on part of its period
    if metric["direction"] == "break_even":
        met = abs(actual - target) <= allowance
        outcome = Outcome.INCOMPLETE if part else Outcome.PASS if met else Outcome.FAIL
        return Expected(actual, target, outcome)
    higher = metric["direction"] == "higher_is_better"
    shortfall = target - actual if higher else actual - target
    if shortfall <= 0 and (higher or not part):  # a floor met by part of the period is met
        return Expected(actual, target, Outcome.PASS)
    if part:
        return Expected(actual, target, Outcome.INCOMPLETE)
    return Expected(actual, target, Outcome.WARN if shortfall <= allowance else Outcome.FAIL)


def status_outcome(statuses: list[tuple[str, str]]) -> Expected:
    """The latest status recorded within the period: a whole year ends after its first half."""
    if not statuses:
        return Expected(None, None, Outcome.NO_DATA)
    _, word = max(statuses, key=lambda s: (len(s[0]) == 4, s[0]))
    outcomes = {"met": Outcome.PASS, "toteutunut": Outcome.PASS, "partly met": Outcome.WARN}
    outcomes |= {"osittain toteutunut": Outcome.WARN}
    return Expected(None, None, outcomes.get(word, Outcome.FAIL))


def test_results_cover_every_kind_of_target(report: CheckReport) -> None:
    kinds = {r.kind for r in report.results}
    assert kinds == {ResultKind.METRIC, ResultKind.ITEM}
    assert any(r.derived for r in report.results), "a derived metric computed from its inputs"
    assert any(r.target_source for r in report.results), "a budget-proposal target"
    assert Period.parse(report.periods[-1]).year == 2027
