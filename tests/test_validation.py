"""Semantic validation: each case in data/validation/cases.yaml edits a valid agreement and names
the exact problem lines that must come out; the bundled agreement validates clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tulosmittari.loading import load_agreement, load_agreement_text
from tulosmittari.problems import Severity
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
