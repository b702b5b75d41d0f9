"""The summary: counts by impact goal and table, misses with their gap, each metric's trend."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT, Tulos
from results_fixtures import (
    COST_RECOVERY,
    COSTS,
    OUTAGES,
    PLAN,
    PRODUCTIVITY,
    PRODUCTIVITY_TAE,
    agreement,
    report,
)
from tulosmittari.cli import main
from tulosmittari.results import Outcome
from tulosmittari.summary import Miss, PointKind, TrendPoint, summarize

D = Decimal


def counts(
    pass_: int = 0, warn: int = 0, fail: int = 0, no_data: int = 0, no_target: int = 0
) -> dict[Outcome, int]:
    return {
        Outcome.PASS: pass_,
        Outcome.WARN: warn,
        Outcome.FAIL: fail,
        Outcome.INCOMPLETE: 0,
        Outcome.NO_DATA: no_data,
        Outcome.NO_TARGET: no_target,
    }


def test_counts_by_impact_goal_keep_every_goal_and_what_belongs_to_none() -> None:
    summary = summarize(agreement(), report())
    assert [(g.id, g.number, g.title) for g in summary.by_impact_goal] == [
        ("g1", 1, "Luotettavat palvelut"),
        ("g2", 2, "Tehokas toiminta"),
        ("g3", 3, "Osaava henkilöstö"),
        (None, None, None),
    ]
    assert [dict(g.counts) for g in summary.by_impact_goal] == [
        counts(warn=1, fail=1, no_data=2, no_target=1),
        counts(pass_=2, warn=1, fail=1),
        counts(),
        counts(no_target=1),
    ]
    assert sum(g.total for g in summary.by_impact_goal) == len(report().results)


def test_counts_by_table_list_only_tables_with_results() -> None:
    summary = summarize(agreement(), report())
    assert [(t.id, t.number, t.total) for t in summary.by_table] == [
        ("laatu", 2, 8),
        ("hankkeet", 3, 2),
    ]
    assert summary.total == report().counts()


def test_misses_carry_the_gap_on_the_wrong_side_of_the_target() -> None:
    summary = summarize(agreement(), report())
    assert summary.misses == (
        Miss(OUTAGES, D("0.3"), D("0.3") / D("3.3")),  # lower is better: over by 0.3
        Miss(COSTS, D("1166"), D("1166") / D("232834")),  # against the half-year share
        Miss(COST_RECOVERY, D("120000.5"), None),  # break-even: the distance; target 0
        Miss(PLAN, None, None),  # a qualitative item has no figure
    )


def test_a_higher_is_better_miss_has_a_positive_gap() -> None:
    below = replace(PRODUCTIVITY, actual=D("101"), difference=D("-1"), outcome=Outcome.FAIL)
    summary = summarize(agreement(), replace(report(), results=(below,)))
    assert summary.misses == (Miss(below, D("1"), D("1") / D("102")),)


def test_trend_points_are_the_printed_figures_and_the_new_actual() -> None:
    trend = summarize(agreement(), report()).trends[0]
    assert trend.metric_id == "hairiot"
    assert trend.points == (
        TrendPoint(2022, PointKind.ACTUAL, D("4.1"), "2022"),
        TrendPoint(2023, PointKind.ESTIMATE, D("3.5"), "2023"),
        TrendPoint(2024, PointKind.NEW_ACTUAL, D("3.6"), "2024-H1", None, D("3.3"), Outcome.FAIL),
        TrendPoint(2024, PointKind.TARGET, D("3.3"), "2024"),
        TrendPoint(2025, PointKind.PRELIMINARY, D("3.0"), "2025"),
    )
    # a level's half-year actual stands for its year on the line
    assert [(p.year, p.kind) for p in trend.line] == [
        (2022, PointKind.ACTUAL),
        (2023, PointKind.ESTIMATE),
        (2024, PointKind.NEW_ACTUAL),
        (2025, PointKind.PRELIMINARY),
    ]
    assert trend.result == OUTAGES


def test_a_flows_part_year_actual_is_kept_off_the_yearly_line() -> None:
    trend = next(
        t for t in summarize(agreement(), report()).trends if t.metric_id == "kustannukset"
    )
    assert (
        TrendPoint(
            2024, PointKind.NEW_ACTUAL, D("234000"), "2024-H1", None, D("232834"), Outcome.WARN
        )
        in trend.points
    )
    assert [p.kind for p in trend.line if p.year == 2024] == [PointKind.TARGET]


def test_another_sources_target_is_a_point_but_not_on_the_line() -> None:
    trend = next(t for t in summarize(agreement(), report()).trends if t.metric_id == "tuottavuus")
    other = [p for p in trend.points if p.source is not None]
    assert other == [
        TrendPoint(2024, PointKind.PRELIMINARY, D("102.5"), "2024", source="talousarvioesitys")
    ]
    assert other[0] not in trend.line
    # the new actual is judged against the agreement's own target, not the budget proposal's
    new = [p for p in trend.points if p.kind is PointKind.NEW_ACTUAL]
    assert [(p.target, p.outcome) for p in new] == [(D("102"), Outcome.PASS)]
    assert trend.result == PRODUCTIVITY


def test_the_headline_prefers_the_agreements_own_target_in_the_last_period() -> None:
    own_2024 = replace(PRODUCTIVITY, period="2024")
    checked = replace(
        report(), periods=("2024-H1", "2024"), results=(PRODUCTIVITY_TAE, PRODUCTIVITY, own_2024)
    )
    trend = summarize(agreement(), checked).trends[0]
    assert trend.result == own_2024


def test_an_estimate_that_is_no_target_is_drawn_as_an_estimate() -> None:
    trend = next(t for t in summarize(agreement(), report()).trends if t.metric_id == "htv")
    assert [p.kind for p in trend.points if p.source is None and p.year == 2024] == [
        PointKind.NEW_ACTUAL,
        PointKind.ESTIMATE,
    ]


def test_years_span_the_printed_columns_and_the_agreement() -> None:
    summary = summarize(agreement(), report())
    assert summary.years == (2022, 2023, 2024, 2025)
    assert summary.periods_by_year == {2024: ("2024-H1",)}


def test_an_empty_check_summarises_to_nothing_but_the_span() -> None:
    summary = summarize(agreement(), replace(report(), results=(), periods=()))
    assert summary.trends == ()
    assert summary.misses == ()
    assert summary.by_table == ()
    assert summary.years == (2024, 2025)
    assert all(g.total == 0 for g in summary.by_impact_goal)


# --- The command -----------------------------------------------------------------------------


@pytest.fixture
def actuals(tmp_path: Path) -> Path:
    path = tmp_path / "2024-h1.csv"
    path.write_text(
        "metric,period,value\nwide_outages_per_month,2024-H1,3.6\nsupport_sla,2024-H1,95\n",
        encoding="utf-8",
    )
    return path


def summary_command(actuals: Path, *options: str) -> list[str]:
    return ["summary", str(actuals), "--agreement", str(BUNDLED_AGREEMENT), *options]


def test_the_command_fits_a_meeting_screen(
    actuals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(summary_command(actuals, "--lang", "en")) == 1  # a target failed, as in check
    out = capsys.readouterr().out
    assert " ".join(out.splitlines()[:2]).startswith(
        "Performance agreement between the Ministry of Finance and Valtori for 2024–2027: "
        "status at 2024-H1"
    )
    assert "Targets needing attention" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "─" not in out  # plain text off a terminal


@pytest.mark.parametrize(
    ("fmt", "start"), [("markdown", "# "), ("json", "{\n"), ("plain", ""), ("table", "")]
)
def test_the_command_in_each_format(
    actuals: Path, capsys: pytest.CaptureFixture[str], fmt: str, start: str
) -> None:
    assert main(summary_command(actuals, "--format", fmt, "--fail-on", "never")) == 0
    assert capsys.readouterr().out.startswith(start)


def test_the_command_refuses_a_format_without_a_summary(
    actuals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(summary_command(actuals, "--format", "csv", "--lang", "en")) == 2
    assert "choose from table, plain, markdown, json" in capsys.readouterr().err


def test_the_command_writes_a_file(actuals: Path, tmp_path: Path) -> None:
    output = tmp_path / "summary.md"
    assert main(summary_command(actuals, "-f", "markdown", "-o", str(output))) == 1
    assert output.read_text(encoding="utf-8").startswith("# ")
    assert main(summary_command(actuals, "-o", str(actuals), "--force")) == 2  # an input


_PRINTED_FLOOR = """\
schema_version: 1
meta:
  id: koe_2024
  title: Tulossopimus 2024
  date: 2023-12-13
  parties:
    - {id: vm, name: Valtiovarainministeriö, role: ministry}
    - {id: virasto, name: Koevirasto, role: agency}
  years: {first: 2024, last: 2024}
tables:
  - id: tunnusluvut
    number: 1
    title: Tunnusluvut
    columns:
      - {year: 2024, kind: tavoite, label: Tavoite 2024}
    metrics:
      - id: virheet
        name: Virheiden osuus
        name_en: Share of errors
        unit: "%"
        direction: lower_is_better
        period_kind: level
        values:
          2024: {comparison: ">", value: 95, printed: "> 95"}
"""


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("fi", "✗  Virheiden osuus        > 95 / 90 %           5 %-yks.  selitys puuttuu"),
        ("en", "✗  Share of errors      > 95 / 90 %           5 pp  no explanation"),
    ],
)
def test_a_printed_bound_against_the_direction_misses_by_a_positive_gap(
    tulos: Tulos, tmp_path: Path, lang: str, row: str
) -> None:
    """A lower-is-better metric printed `> 95` misses at 90 by 5, not by −5: the gap is how far
    the figure lies on the wrong side of the target's own bound."""
    agreement_file = tmp_path / "sopimus.yaml"
    agreement_file.write_text(_PRINTED_FLOOR, encoding="utf-8")
    actuals_file = tmp_path / "toteumat.csv"
    actuals_file.write_text("metric,period,value\nvirheet,2024,90\n", encoding="utf-8")
    ran = tulos("summary", actuals_file, "--agreement", agreement_file, "--lang", lang)
    assert ran.code == 1  # the target failed
    read = ran.out.replace("\N{NO-BREAK SPACE}", " ")
    assert row in read.splitlines()
    assert "−5" not in read
    assert "-5" not in read
    ran = tulos(
        "summary", actuals_file, "--agreement", agreement_file, "--format", "json", "--lang", lang
    )
    (miss,) = json.loads(ran.out)["misses"]
    assert (miss["gap"], miss["relative_gap"]) == (5, pytest.approx(5 / 95))
