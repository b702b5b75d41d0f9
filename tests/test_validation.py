"""Semantic validation: each case in data/validation/cases.yaml edits a valid agreement and names
the exact problem lines that must come out; the bundled agreement validates clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tulosmittari.i18n import word
from tulosmittari.loading import load_agreement, load_agreement_text
from tulosmittari.problems import Severity
from tulosmittari.schema import ValueRole
from tulosmittari.validation import validate

DATA = Path(__file__).parent / "data" / "validation"
BASE_TEXT = (DATA / "base.yaml").read_text(encoding="utf-8")
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))


def problem_lines(text: str) -> list[str]:
    loaded = load_agreement_text(text, "base.yaml")
    assert loaded.agreement is not None, loaded.problems
    return [str(p) for p in validate(loaded.agreement, loaded.source)]


def test_base_agreement_is_valid() -> None:
    assert problem_lines(BASE_TEXT) == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_case_reports_exactly_its_problems(case: dict[str, Any]) -> None:
    assert BASE_TEXT.count(case["old"]) == 1, "the case's `old` text must occur exactly once"
    assert problem_lines(BASE_TEXT.replace(case["old"], case["new"])) == case["expected"]


def test_bundled_agreement_validates_clean(repo_root: Path) -> None:
    loaded = load_agreement(repo_root / "agreements" / "2024-2027.yaml")
    assert loaded.problems == []
    assert loaded.agreement is not None
    problems = validate(loaded.agreement, loaded.source)
    assert [p for p in problems if p.severity is not Severity.INFO] == []
    acknowledged = [p for p in problems if p.code == "identity-acknowledged"]
    assert acknowledged, "the signed document's own discrepancies are listed as information"


VALID_EXAMPLES = sorted((Path(__file__).parent / "data" / "agreements" / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID_EXAMPLES, ids=[p.stem for p in VALID_EXAMPLES])
def test_valid_examples_have_no_findings(path: Path) -> None:
    """Other agencies' agreements of the same shape validate without a code change."""
    loaded = load_agreement(path)
    assert loaded.agreement is not None, loaded.problems
    problems = validate(loaded.agreement, loaded.source)
    assert [str(p) for p in problems if p.severity is not Severity.INFO] == []


# --- Identity breaks at a figure ---------------------------------------------------------------

SUM = BASE_TEXT.replace('formula: "costs <= 1200"', 'formula: "costs == outages + cost_recovery"')


def test_a_break_is_at_the_left_sides_figure_and_lists_every_term() -> None:
    (line,) = problem_lines(SUM)
    assert line == (
        "base.yaml:66:36: error: identity 'costs_sum' breaks in 2025: expected 3.3 = outages +"
        " cost_recovery, printed 1,000 (costs), difference 996.7, tolerance 0; the figures:"
        " costs = 1,000 (66:36), outages = 3.3 (60:35) and cost_recovery = 0 (74:24)"
    )


def test_given_the_earlier_version_a_break_is_at_the_edited_figure() -> None:
    """The edit a reviewer sees in a pull request, not the total it no longer matches."""
    holding = BASE_TEXT.replace('formula: "costs <= 1200"', 'formula: "costs >= cost_recovery"')
    baseline = load_agreement_text(holding, "base.yaml").agreement
    assert baseline is not None
    assert validate(baseline, load_agreement_text(holding, "base.yaml").source) == []
    edit = ("values: {2025: 0, 2026: 0}", "values: {2025: 5000, 2026: 0}")
    now = load_agreement_text(holding.replace(*edit), "base.yaml")
    assert now.agreement is not None
    without = [p for p in validate(now.agreement, now.source) if p.code == "identity"]
    given = [
        p for p in validate(now.agreement, now.source, baseline=baseline) if p.code == "identity"
    ]
    assert [(p.location.line, p.location.column) for p in without] == [(66, 36)]  # costs, left
    assert [(p.location.line, p.location.column) for p in given] == [(74, 24)]  # the edit
    assert without[0].message == given[0].message


def test_break_messages_in_finnish() -> None:
    loaded = load_agreement_text(SUM, "base.yaml")
    assert loaded.agreement is not None
    (problem,) = validate(loaded.agreement, loaded.source)
    assert word(problem.message, "fi") == (
        "täsmäytys 'costs_sum' ei pidä vuonna 2025: odotettiin 3,3 = outages + cost_recovery,"
        " painettu 1\u00a0000 (costs), erotus 996,7, toleranssi 0; luvut: costs = 1\u00a0000"
        " (66:36), outages = 3,3 (60:35) ja cost_recovery = 0 (74:24)"
    )


# --- Figures outside their bounds, in Finnish --------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "finnish"),
    [
        (
            "values: {2024: 3.9, 2025: 3.8, 2026: 4.0}",
            "values: {2024: 3.9, 2025: 5.8, 2026: 4.0}",
            "5,8 on mittarin 'satisfaction' asteikon 1–5 ulkopuolella",
        ),
        (
            "values: {2024: 1200, 2025: 1000, 2026: 1100}",
            "values: {2024: 1200, 2025: -1000, 2026: 1100}",
            "−1\u00a0000 on alle nollan, mutta mittari 'costs' ei voi olla negatiivinen; jos se"
            " voi (esimerkiksi tase), anna mittarille `bounds: {}`",
        ),
        (
            "bounds: {}\n",
            "bounds: {max: 10}\n",
            "5\u00a0000 on suurempi kuin mittarille 'cost_recovery' annettu enimmäisarvo 10"
            " (`bounds`)",
        ),
    ],
    ids=["scale", "below-zero", "maximum"],
)
def test_implausible_figures_in_finnish(old: str, new: str, finnish: str) -> None:
    text = BASE_TEXT.replace(old, new)
    if "bounds: {max: 10}" in new:
        text = text.replace("values: {2025: 0, 2026: 0}", "values: {2025: 5000, 2026: 0}")
    loaded = load_agreement_text(text, "base.yaml")
    assert loaded.agreement is not None
    assert [word(p.message, "fi") for p in validate(loaded.agreement, loaded.source)] == [finnish]


# --- Years that bind without a validity --------------------------------------------------------


def test_without_validity_a_year_binds_where_a_table_has_a_target_column() -> None:
    text = BASE_TEXT.replace(
        "  validity:\n    binding_years: [2025]\n    preliminary_years: [2026]\n"
        '    valid_until: "2025-12-31"\n    text: "Sopimus on voimassa vuoden 2025 loppuun."\n',
        "",
    )
    loaded = load_agreement_text(text, "base.yaml")
    assert loaded.agreement is not None
    assert loaded.agreement.meta.validity is None
    roles = {year: loaded.agreement.target_role(year) for year in (2024, 2025, 2026)}
    assert roles == {
        2024: ValueRole.PRELIMINARY_TARGET,  # an arvio column only
        2025: ValueRole.TARGET,  # a tavoite column
        2026: ValueRole.PRELIMINARY_TARGET,
    }
