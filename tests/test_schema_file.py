"""The committed JSON Schema: current, valid, and in agreement with the loader on real files.

Editors validate agreement files with `schema/agreement.schema.json`; `tulos validate` uses the
models. These tests keep the two views from drifting: the file is what `tulos schema` prints, the
agreements the loader accepts pass the schema, and the ones it rejects fail it too.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import best_match  # type: ignore[import-untyped]

from tulosmittari.cli import main
from tulosmittari.loading import load_agreement_text
from tulosmittari.schema_file import agreement_json_schema
from tulosmittari.yaml_source import parse_yaml

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO / "schema" / "agreement.schema.json"
BUNDLED = REPO / "agreements" / "2024-2027.yaml"
EXAMPLES = REPO / "tests" / "data" / "agreements"
MINIMAL = EXAMPLES / "valid" / "minimal.yaml"

# Invalid examples a JSON Schema cannot reject, and why; every other one must fail it.
BEYOND_JSON_SCHEMA = {
    "duplicate_key.yaml": "a repeated key is gone once the YAML is data",
    "yaml_syntax.yaml": "not YAML at all",
    "model_rules.yaml": "rules across fields (scale min below max, tolerance given)",
    "quoted_year_key.yaml": "JSON keys are always text, so '2024' and 2024 look the same",
}


def _json(value: Any) -> Any:
    """The loader's data as JSON sees it: Decimal figures as numbers, year keys as text."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _schema_error(text: bytes, name: str) -> tuple[list[str | int], str] | None:
    """The most telling schema error (where, and what), or None when the file passes."""
    data, _ = parse_yaml(text, name)
    validator = Draft202012Validator(agreement_json_schema())
    error = best_match(validator.iter_errors(_json(data)))
    return None if error is None else (list(error.absolute_path), error.message)


def test_the_committed_schema_is_what_tulos_schema_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == printed, (
        "schema/agreement.schema.json is stale: run "
        "`tulos schema > schema/agreement.schema.json` and commit it"
    )


def test_the_schema_is_a_draft_2020_12_schema_with_an_id() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/schema/agreement.schema.json")
    assert schema["title"]


def test_numbers_are_numbers_and_bounds_are_json_schema_keywords() -> None:
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    tolerance = json.loads(text)["$defs"]["Tolerance"]["properties"]["absolute"]
    assert tolerance["anyOf"][0] == {"minimum": 0, "type": "number"}
    assert '"ge"' not in text
    assert '"le"' not in text


def test_the_bundled_agreement_points_editors_at_the_schema() -> None:
    first = BUNDLED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/agreement.schema.json"
    assert (BUNDLED.parent / "../schema/agreement.schema.json").resolve() == SCHEMA_FILE


@pytest.mark.parametrize(
    "path",
    [BUNDLED, *sorted((EXAMPLES / "valid").glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_agreements_the_loader_accepts_pass_the_schema(path: Path) -> None:
    text = path.read_bytes()
    assert load_agreement_text(text, path.name).problems == []
    assert _schema_error(text, path.name) is None


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((EXAMPLES / "invalid").glob("*.yaml")) if p.name not in BEYOND_JSON_SCHEMA],
    ids=lambda p: p.name,
)
def test_agreements_the_loader_rejects_fail_the_schema(path: Path) -> None:
    text = path.read_bytes()
    assert load_agreement_text(text, path.name).problems, "the loader accepts it"
    assert _schema_error(text, path.name) is not None, (
        f"{path.name} passes the JSON Schema but not the loader; if no JSON Schema can say why, "
        "list it in BEYOND_JSON_SCHEMA with the reason"
    )


@pytest.mark.parametrize(
    "cell", ["99,5", '"99.5"', "99 500", "−3", "–", "tbd", "'< 10'", "≥ 99,5", "99,3–99,8", "''"]
)
def test_a_cell_as_printed_is_accepted_by_both(cell: str) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("2024: 99.5\n", f"2024: {cell}\n")
    loaded = load_agreement_text(text, "printed.yaml")
    assert loaded.problems == []
    assert _schema_error(text.encode(), "printed.yaml") is None


def test_a_cell_that_is_no_printed_form_is_rejected_by_both() -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("2024: 99.5\n", "2024: noin 99,5\n")
    assert load_agreement_text(text, "bad.yaml").problems
    where, message = _schema_error(text.encode(), "bad.yaml") or ([], "")
    assert where == ["tables", 1, "metrics", 0, "values", "2024"]
    assert message.startswith("'noin 99,5' does not match ")


def test_an_unknown_key_is_rejected_by_both() -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "  title: Tulossopimus", "  titel: x\n  title: Tulossopimus", 1
    )
    assert load_agreement_text(text, "bad.yaml").problems
    assert _schema_error(text.encode(), "bad.yaml") == (
        ["meta"],
        "Additional properties are not allowed ('titel' was unexpected)",
    )
