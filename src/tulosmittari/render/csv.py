"""CSV: one row per result with the JSON record's fields, for spreadsheets and scripts.

The columns come from the JSON renderer's `result_record`, so the two cannot drift; nested fields
are flattened (`location_file`, `coverage_missing`; lists joined with `; `). Numbers are
locale-free with `.`, and stay numbers even when negative. A text cell that a spreadsheet would
run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
`'`, so it shows as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from tulosmittari.numbers import plain_decimal
from tulosmittari.problems import Problem
from tulosmittari.render import RenderOptions
from tulosmittari.render.json import NESTED_FIELDS, RESULT_FIELDS, problem_record, result_record
from tulosmittari.results import CheckReport
from tulosmittari.safe_text import neutralise

LIST_SEPARATOR = "; "


def cell(value: Any) -> str:
    """One field of a record as CSV text: numbers plain, booleans as words, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_decimal(Decimal(str(value)))
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(str(v) for v in value))
    return neutralise(str(value))


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """Nested fields as columns of their own, empty where the object is null: `location`
    becomes `location_file`, ..., `coverage` `coverage_months`, ..."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key in NESTED_FIELDS:
            nested = value or {}
            for part in NESTED_FIELDS[key]:
                flat[f"{key}_{part}"] = nested.get(part)
        else:
            flat[key] = value
    return flat


def _table(records: Iterable[dict[str, Any]], header: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(cell(record[key]) for key in header)
    return buffer.getvalue()


def _result_header() -> list[str]:
    """The columns, also for a check without results: the JSON record's fields, flattened."""
    return list(flatten(dict.fromkeys(RESULT_FIELDS)))


def render_check(report: CheckReport, options: RenderOptions) -> str:
    records = [flatten(result_record(r)) for r in report.results]
    return _table(records, _result_header())


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    header = ["file", "line", "column", "severity", "code", "message", "message_id"]
    return _table((problem_record(p, options.lang) for p in problems), header)
