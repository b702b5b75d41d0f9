"""Issue 13's and 14's verdicts through the command, on the bundled agreement: no pass on part of
a ceiling's period, a hint at a figure in another unit, the year-end forecast at part-year, and
the JSON and CSV contract (version 2) that carries them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Tulos

REPO = Path(__file__).resolve().parent.parent
H1 = REPO / "actuals" / "2024-h1.csv"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("TULOS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def check_json(tulos: Tulos, *args: str) -> dict[str, Any]:
    code, out, _ = tulos("check", *args, "--format", "json", "--fail-on", "never")
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    return document


def result(document: dict[str, Any], metric: str, period: str) -> dict[str, Any]:
    matches: list[dict[str, Any]] = [
        r
        for r in document["results"]
        if r["metric"] == metric and r["period"] == period and r["target_source"] is None
    ]
    (found,) = matches
    return found


@pytest.fixture
def five_months_of_costs(tmp_path: Path) -> Path:
    """The bundled H1 figures, with total costs for January to May only (5 × 38 000)."""
    lines = [
        line for line in H1.read_text(encoding="utf-8").splitlines() if "total_costs" not in line
    ]
    lines += [f"total_costs;2024-0{m};38 000;;;" for m in range(1, 6)]
    path = tmp_path / "five.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_five_months_of_costs_under_a_half_year_ceiling_are_incomplete(
    tulos: Tulos, five_months_of_costs: Path
) -> None:
    document = check_json(tulos, str(five_months_of_costs), "--period", "2024-H1", "--lang", "en")
    costs = result(document, "total_costs", "2024-H1")
    assert (costs["outcome"], costs["reason_code"]) == ("incomplete", "partial_period")
    assert (costs["actual"], costs["target"], costs["bound"]) == (190000, 232834, "at_most")
    assert costs["coverage"] == {
        "months": 6,
        "covered": 5,
        "complete": False,
        "missing": ["2024-06"],
        "partial": [],
    }
    assert costs["reason"].startswith("cannot be judged: covers 5 of 6 months; 2024-06 missing")
    assert costs["forecast"] == {
        "value": 456000,
        "target": 465668,
        "status": "on_track",
        "method": "pro_rata",
    }
    assert document["summary"]["incomplete"] == 1
    assert not costs["unexplained"]


def test_a_half_year_file_judged_for_the_year_leaves_its_flows_incomplete(
    tulos: Tulos,
) -> None:
    document = check_json(tulos, str(H1), "--period", "2024")
    personnel = result(document, "personnel_costs", "2024")
    assert (personnel["outcome"], personnel["actual"], personnel["target"]) == (
        "incomplete",
        56900,
        111664,
    )
    assert personnel["reason"] == (
        "cannot be judged: covers 6 of 12 months; 2024-07–2024-12 missing"
    )
    assert personnel["forecast"] is None  # the year itself is asked for: nothing to project
    billing = result(document, "billing_rate", "2024")  # a level is judged, and says on what
    assert (billing["outcome"], billing["coverage"]["covered"]) == ("pass", 6)
    assert billing["reason"].endswith("(on 6 of 12 months; unweighted mean of 6 values)")


_SECOND_HALF = "2024-07, 2024-08, 2024-09, 2024-10, 2024-11 {and} 2024-12 {missing}"


@pytest.mark.parametrize(
    ("lang", "reason", "months"),
    [
        (
            "fi",
            "3,2 % < tavoite 3,5 %; suurempi on parempi (6/12 kuukauden perusteella)",
            _SECOND_HALF.format(**{"and": "ja", "missing": "puuttuvat"}),
        ),
        (
            "en",
            "3.2 % < target 3.5 %; higher is better (on 6 of 12 months)",
            _SECOND_HALF.format(**{"and": "and", "missing": "missing"}),
        ),
    ],
)
def test_beside_a_reason_the_share_of_months_is_said_once(
    tulos: Tulos, tmp_path: Path, lang: str, reason: str, months: str
) -> None:
    """A level judged on half a year: the reason says on how many months, the line beside it
    only which months are missing, in both languages and in every output that shows both."""
    for fmt, less_than in (("plain", "<"), ("markdown", "\\<")):
        code, out, _ = tulos(
            "check", str(H1), "--period", "2024", "-f", fmt, "--lang", lang, "--fail-on", "never"
        )
        assert code == 0
        read = " ".join(out.replace("\N{NO-BREAK SPACE}", " ").split())
        assert f"{reason.replace('<', less_than)}; {months}" in read
        assert not re.search(r"of 12 months(; [^)]*)?\); 6/12 months", read)  # said once
    page = tmp_path / "report.html"
    code, _, _ = tulos(
        "report", str(H1), "--period", "2024", "--lang", lang, "-o", str(page), "--force"
    )
    assert code == 1  # targets failed
    html = page.read_text(encoding="utf-8").replace("\N{NO-BREAK SPACE}", " ")
    shown = f'{reason.replace("<", "&lt;")}</p><p class="basis">{months}</p>'
    assert shown in html


def test_by_year_with_one_metric_for_the_second_half_leaves_the_year_incomplete(
    tulos: Tulos, tmp_path: Path
) -> None:
    second = tmp_path / "h2.csv"
    second.write_text("metric,period,value\nother_income,2024-H2,200000\n", encoding="utf-8")
    document = check_json(tulos, str(H1), str(second), "--by-year")
    assert document["periods"] == ["2024-H1", "2024", "2024-H2"]
    gross = result(document, "gross_expenses", "2024")
    assert (gross["name"], gross["outcome"], gross["actual"]) == (
        "Bruttomenot",
        "incomplete",
        230100,
    )
    assert result(document, "gross_expenses", "2024-H1")["outcome"] == "pass"
    whole = result(document, "other_income", "2024")  # both halves given: judged
    assert (whole["outcome"], whole["coverage"]["complete"]) == ("fail", True)


def test_a_figure_in_euros_where_the_unit_is_thousands_gets_a_hint_at_its_row(
    tulos: Tulos, tmp_path: Path
) -> None:
    actuals = tmp_path / "euros.csv"
    actuals.write_text("metric,period,value\ntotal_costs,2024,465668000\n", encoding="utf-8")
    code, out, err = tulos("check", str(actuals), "--format", "json", "--lang", "en")
    document = json.loads(out)
    assert code == 1  # judged as given: it fails the ceiling
    assert result(document, "total_costs", "2024")["outcome"] == "fail"
    (problem,) = [p for p in document["problems"] if p["code"] == "actuals-scale"]
    assert (problem["file"], problem["line"], problem["severity"]) == (str(actuals), 2, "warning")
    assert problem["message_id"] == "evaluation.actuals_scale.above"
    assert problem["params"] == {
        "metric": "total_costs",
        "period": "2024",
        "actual": 465668000,
        "target": 465668,
        "factor": 1000,
        "unit": "1000 euroa",
    }
    assert (
        f"{actuals}:2: warning: actual 465,668,000 of 'total_costs' in 2024 is about 1,000× its"
        " target 465,668; is it in the unit '1000 euroa'?"
    ) in err.splitlines()
    _, _, finnish = tulos("check", str(actuals), "--fail-on", "never")
    assert "on noin 1\u00a0000-kertainen tavoitteeseen 465\u00a0668 nähden" in finnish


def test_the_half_year_example_carries_a_forecast_for_each_target_of_the_year(
    tulos: Tulos,
) -> None:
    document = check_json(tulos, str(H1))
    assert document["version"] == 2
    costs = result(document, "total_costs", "2024-H1")
    assert costs["forecast"] == {
        "value": 460200,
        "target": 465668,
        "status": "on_track",
        "method": "pro_rata",
    }
    personnel = result(document, "personnel_costs", "2024-H1")
    assert (personnel["outcome"], personnel["forecast"]["status"]) == ("fail", "at_risk")
    outages = result(document, "wide_outages_per_month", "2024-H1")
    assert outages["forecast"]["method"] == "latest"
    survey = result(document, "customer_satisfaction_users", "2024-H1")
    assert (survey["outcome"], survey["forecast"]) == ("no_data", None)
    judged = [
        r
        for r in document["results"]
        if r["kind"] == "metric" and r["outcome"] in ("pass", "warn", "fail")
    ]
    assert len(judged) > 30
    assert all(r["bound"] and r["coverage"]["complete"] for r in judged)
    assert sum(document["summary"].values()) == len(document["results"])


def test_csv_flattens_coverage_and_forecast(tulos: Tulos, five_months_of_costs: Path) -> None:
    code, out, _ = tulos(
        "check", str(five_months_of_costs), "--format", "csv", "--fail-on", "never"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    costs = next(r for r in rows if r["metric"] == "total_costs")
    assert {k: costs[k] for k in ("outcome", "bound", "coverage_covered", "coverage_missing")} == {
        "outcome": "incomplete",
        "bound": "at_most",
        "coverage_covered": "5",
        "coverage_missing": "2024-06",
    }
    assert (costs["forecast_value"], costs["forecast_status"]) == ("456000", "on_track")
    assert costs["reason"].startswith("cannot be judged: covers 5 of 6 months")
