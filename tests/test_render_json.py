"""JSON: the versioned, locale-free contract for check, validate, targets and summary."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from decimal import Decimal

from results_fixtures import (
    AGREEMENT_DATA,
    COSTS,
    OUTAGES,
    PROBLEMS,
    agreement,
    assert_golden,
    hostile_report,
    report,
)
from tulosmittari.render import RenderOptions
from tulosmittari.render.json import (
    RESULT_FIELDS,
    render_check,
    render_problems,
    render_summary,
    render_targets,
    result_record,
)
from tulosmittari.results import Bound, Combination, Coverage, Outcome, ReasonCode
from tulosmittari.schema import Agreement
from tulosmittari.summary import summarize

D = Decimal

FI = RenderOptions(lang="fi", width=100)


def test_check_transcript() -> None:
    assert_golden("json/check.json", render_check(report(), FI))


def test_summary_transcript() -> None:
    assert_golden("json/summary.json", render_summary(summarize(agreement(), report()), FI))


def test_a_result_record() -> None:
    assert result_record(COSTS) == {
        "kind": "metric",
        "metric": "kustannukset",
        "name": "Kokonaiskustannukset",
        "name_en": "Total costs",
        "table": 2,
        "table_id": "laatu",
        "section": "3.2.2",
        "impact_goal": "g2",
        "group": None,
        "unit": "1000 euroa",
        "direction": "lower_is_better",
        "period": "2024-H1",
        "year": 2024,
        "target_role": "target",
        "target_source": None,
        "annual_target": 465668,
        "target": 232834,
        "actual": 234000,
        "difference": 1166,
        "allowance": 2328.34,
        "outcome": "warn",
        "reason": "234,000\u00a0EUR 1,000 > target 232,834\u00a0EUR 1,000, within tolerance "
        "2,328.34\u00a0EUR 1,000 (share of the yearly 465,668\u00a0EUR 1,000)",
        "reason_code": "missed_within_tolerance",
        "status": None,
        "derived": False,
        "missing": None,
        "missing_text": None,
        "notes": [],
        "sources": ["actuals/2024-h1.csv"],
        "location": {"file": "agreements/esimerkki.yaml", "line": 64, "column": 11},
        "bound": "at_most",
        "target_high": None,
        "target_text": None,
        "combination": "given",
        "observations": 1,
        "coverage": {"months": 6, "covered": 6, "complete": True, "missing": [], "partial": []},
        "forecast": {"value": 468000, "target": 465668, "status": "at_risk", "method": "pro_rata"},
        "unexplained": True,
    }


def test_a_record_has_every_field_in_order() -> None:
    """The CSV columns are these fields, so a record must not grow a field the list lacks."""
    assert tuple(result_record(COSTS)) == RESULT_FIELDS


def test_the_language_does_not_change_the_contract() -> None:
    english = RenderOptions(lang="en", width=100)
    assert render_check(report(), FI) == render_check(report(), english)


def test_summary_misses_carry_the_record_and_the_gap() -> None:
    document = json.loads(render_summary(summarize(agreement(), report()), FI))
    first = document["misses"][0]
    assert {k: first[k] for k in result_record(OUTAGES)} == result_record(OUTAGES)
    assert (first["gap"], round(first["relative_gap"], 4)) == (0.3, 0.0909)
    assert document["summary"] == {
        "pass": 2,
        "warn": 2,
        "fail": 2,
        "incomplete": 0,
        "no_data": 2,
        "no_target": 2,
    }


def test_text_from_files_is_json_escaped() -> None:
    document = json.loads(render_check(hostile_report(), FI))
    assert document["results"][0]["name"].startswith("[bold red]x[/] \x1b]8;;http://evil")
    assert "\x1b" not in render_check(hostile_report(), FI)  # escaped as \u001b in the text


def test_problems_and_targets_documents() -> None:
    problems = json.loads(render_problems(PROBLEMS, FI))
    assert problems["format"] == "tulosmittari.validate"
    assert problems["problems"][1] == {
        "file": "agreements/esimerkki.yaml",
        "line": 40,
        "column": None,
        "severity": "info",
        "code": "validity",
        "message": "vuosi 2025 on sekä sitova että alustava",
        "message_id": "validation.binding_and_preliminary",
        "params": {"year": 2025},
    }
    targets = json.loads(render_targets(agreement(), FI, 2025))
    assert [m["values"] for m in targets["metrics"] if m["id"] == "tuottavuus"] == [
        [
            {
                "year": 2025,
                "kind": "alustava_tavoite",
                "role": "preliminary_target",
                "value": {"missing": "tbd", "text": None},
            }
        ]
    ]


def test_an_incomplete_range_carries_its_bound_and_coverage() -> None:
    incomplete = replace(
        COSTS,
        outcome=Outcome.INCOMPLETE,
        reason=ReasonCode.PARTIAL_PERIOD,
        bound=Bound.WITHIN,
        annual_target=D(200),
        target=D(100),
        target_high=D("200.5"),
        target_text="200–401",
        difference=D(0),
        coverage=Coverage(6, 4, ("2024-05",), ("2024-06-20",)),
        combination=Combination.SUM,
        observations=140,
        forecast=None,
    )
    record = result_record(incomplete)
    assert {k: record[k] for k in RESULT_FIELDS[-8:]} == {
        "bound": "within",
        "target_high": 200.5,
        "target_text": "200–401",
        "combination": "sum",
        "observations": 140,
        "coverage": {
            "months": 6,
            "covered": 4,
            "complete": False,
            "missing": ["2024-05"],
            "partial": ["2024-06-20"],
        },
        "forecast": None,
        "unexplained": False,
    }
    assert (record["outcome"], record["reason_code"]) == ("incomplete", "partial_period")
    assert record["reason"].startswith(
        "cannot be judged: covers 4 of 6 months; 2024-05 missing;"
        " daily figures only up to 2024-06-20"
    )


def test_targets_printed_as_expressions_keep_their_comparison() -> None:
    data = copy.deepcopy(AGREEMENT_DATA)
    metrics = data["tables"][0]["metrics"]
    metrics[0]["values"][2025] = {"comparison": "<", "value": 3, "printed": "< 3"}
    metrics[1]["values"][2025] = {"low": D("3.6"), "high": D("3.8"), "printed": "3,6–3,8"}
    document = json.loads(render_targets(Agreement.model_validate(data), FI, 2025))
    values = [m["values"][0]["value"] for m in document["metrics"][:2]]
    assert values == [
        {"comparison": "<", "value": 3, "text": "< 3"},
        {"low": 3.6, "high": 3.8, "text": "3,6–3,8"},
    ]
