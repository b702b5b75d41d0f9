"""JSON: the versioned contract for scripts.

Locale-free: numbers are JSON numbers, reasons are English, outcomes and codes are fixed words.
The top-level `version` changes only when a field is removed or changes meaning; version 2 added
the outcome `incomplete` and, per result, the bound judged, the coverage of the period and the
year-end forecast.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from tulosmittari.i18n import describe_reason, word
from tulosmittari.numbers import Lang
from tulosmittari.problems import Message
from tulosmittari.render import RenderOptions
from tulosmittari.results import RESULT_FORMAT_VERSION
from tulosmittari.schema import BoundCell, MissingCell, RangeCell, ReferenceCell

if TYPE_CHECKING:
    from tulosmittari.diff import AgreementDiff, Change, Flip
    from tulosmittari.problems import Location, Problem
    from tulosmittari.results import CheckReport, Coverage, Forecast, TargetResult
    from tulosmittari.schema import Agreement
    from tulosmittari.summary import OutcomeCounts, Summary, Trend

_UNSHOWN = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(document: dict[str, Any]) -> str:
    """Indented UTF-8 JSON. JSON escapes only C0 controls; C1 controls and bidi overrides from a
    file are escaped too (`\\u202e`), so the data stays exact and a terminal shows it literally.
    A lone surrogate (a file name's undecodable byte) would make it invalid UTF-8: it is refused,
    a last line of defence, since paths reach here as display names."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if _SURROGATE.search(text):
        raise ValueError("a lone surrogate in a JSON document: it would not be valid UTF-8")
    return _UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    integral = value == value.to_integral_value()
    return int(value) if integral else float(value)


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"file": location.file, "line": location.line, "column": location.column}


RESULT_FIELDS = (
    "kind", "metric", "name", "name_en", "table", "table_id", "section", "impact_goal", "group",
    "unit", "direction", "period", "year", "target_role", "target_source", "annual_target",
    "target", "actual", "difference", "allowance", "outcome", "reason", "reason_code", "status",
    "derived", "missing", "missing_text", "notes", "sources", "location",
    # version 2
    "bound", "target_high", "target_text", "combination", "observations", "coverage", "forecast",
    "unexplained",
)  # fmt: skip
NESTED_FIELDS = {
    "location": ("file", "line", "column"),
    "coverage": ("months", "covered", "complete", "missing", "partial"),
    "forecast": ("value", "target", "status", "method"),
}  # a record's objects and their keys: the CSV gives each key a column


def result_record(result: TargetResult) -> dict[str, Any]:
    """One result as the contract describes it, keys in `RESULT_FIELDS` order (the CSV columns)."""
    return {
        "kind": result.kind.value,
        "metric": result.id,
        "name": result.name,
        "name_en": result.name_en,
        "table": result.table_number,
        "table_id": result.table_id,
        "section": result.section,
        "impact_goal": result.impact_goal,
        "group": result.group_id,
        "unit": result.unit,
        "direction": result.direction.value if result.direction else None,
        "period": result.period,
        "year": result.year,
        "target_role": result.target_role.value if result.target_role else None,
        "target_source": result.target_source,
        "annual_target": _number(result.annual_target),
        "target": _number(result.target),
        "actual": _number(result.actual),
        "difference": _number(result.difference),
        "allowance": _number(result.allowance),
        "outcome": result.outcome.value,
        "reason": describe_reason(result, "en"),
        "reason_code": result.reason.value,
        "status": result.status.value if result.status else None,
        "derived": result.derived,
        "missing": result.missing.value if result.missing else None,
        "missing_text": result.missing_text,
        "notes": list(result.notes),
        "sources": list(result.sources),
        "location": _location(result.location),
        "bound": result.bound.value if result.bound else None,
        "target_high": _number(result.target_high),
        "target_text": result.target_text,
        "combination": result.combination.value if result.combination else None,
        "observations": result.observations,
        "coverage": _coverage(result.coverage),
        "forecast": _forecast(result.forecast),
        "unexplained": result.unexplained,
    }


def _coverage(coverage: Coverage | None) -> dict[str, Any] | None:
    if coverage is None:
        return None
    return {
        "months": coverage.months,
        "covered": coverage.covered,
        "complete": coverage.complete,
        "missing": list(coverage.missing),
        "partial": list(coverage.partial),
    }


def _forecast(forecast: Forecast | None) -> dict[str, Any] | None:
    if forecast is None:
        return None
    return {
        "value": _number(forecast.value),
        "target": _number(forecast.target),
        "status": forecast.status.value,
        "method": forecast.method.value,
    }


def problem_record(problem: Problem, lang: Lang) -> dict[str, Any]:
    """The problem worded in the reader's language, beside its stable id and raw parameters."""
    text = problem.message
    return {
        **(_location(problem.location) or {}),
        "severity": problem.severity.value,
        "code": problem.code,
        "message": word(text, lang),
        "message_id": text.key,
        "params": _parameters(text),
    }


def _parameters(text: Message) -> dict[str, Any]:
    return {name: _parameter(value) for name, value in text.params}


def _parameter(value: object) -> Any:
    """Locale-free: numbers as JSON numbers, nested messages by id and parameters."""
    if isinstance(value, Message):
        return {"message_id": value.key, "params": _parameters(value)}
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_parameter(v) for v in value]
    if isinstance(value, int | str | None):
        return value
    return str(value)


def render_check(report: CheckReport, options: RenderOptions) -> str:
    document = {
        "format": "tulosmittari.check",
        "version": RESULT_FORMAT_VERSION,
        "agreement": {
            "id": report.agreement_id,
            "title": report.agreement_title,
            "file": report.agreement_file,
        },
        "actuals": list(report.actuals_files),
        "periods": list(report.periods),
        "summary": {outcome.value: n for outcome, n in report.counts().items()},
        "results": [result_record(r) for r in report.results],
        "problems": [problem_record(p, options.lang) for p in report.problems],
    }
    return dumps(document)


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    document = {
        "format": "tulosmittari.validate",
        "version": RESULT_FORMAT_VERSION,
        "problems": [problem_record(p, options.lang) for p in problems],
    }
    return dumps(document)


def _cell(cell: object) -> Any:
    if isinstance(cell, Decimal):
        return _number(cell)
    if isinstance(cell, MissingCell):
        return {"missing": cell.missing.value, "text": cell.text}
    if isinstance(cell, ReferenceCell):
        return {"see": cell.see, "text": cell.text}
    if isinstance(cell, BoundCell):
        return {
            "comparison": cell.comparison.value,
            "value": _number(cell.value),
            "text": cell.printed,
        }
    if isinstance(cell, RangeCell):
        return {"low": _number(cell.low), "high": _number(cell.high), "text": cell.printed}
    return None


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    """Each metric with its values by year and their column kind; each qualitative item."""
    metrics = []
    for table, metric in agreement.iter_metrics():
        values = []
        for value_year, cell in sorted(metric.values.items()):
            column = table.column_for(value_year)
            if year is not None and value_year != year:
                continue
            values.append(
                {
                    "year": value_year,
                    "kind": column.kind.value if column else None,
                    "role": column.kind.role.value if column else None,
                    "value": _cell(cell),
                }
            )
        extra = [
            {
                "year": x.year,
                "kind": x.kind.value,
                "role": x.kind.role.value,
                "value": _number(x.value),
                "source": x.source,
                "label": x.label,
            }
            for x in metric.extra_targets
            if year is None or x.year == year
        ]
        metrics.append(
            {
                "id": metric.id,
                "name": metric.name,
                "name_en": metric.name_en,
                "table": table.number,
                "table_id": table.id,
                "unit": metric.unit,
                "direction": metric.direction.value,
                "period_kind": metric.period_kind.value,
                "tae": metric.tae,
                "printed": metric.printed,
                "formula": metric.formula,
                "values": values,
                "extra_targets": extra,
            }
        )
    items = [
        {
            "id": item.id,
            "table": table.number,
            "group": group.id,
            "year": item_year,
            "role": agreement.target_role(item_year).value,
            "text": item.text,
            "metric": item.metric,
        }
        for table, group, item_year, item in agreement.iter_items()
        if year is None or item_year == year
    ]
    document = {
        "format": "tulosmittari.targets",
        "version": RESULT_FORMAT_VERSION,
        "agreement": {"id": agreement.meta.id, "title": agreement.meta.title},
        "year": year,
        "metrics": metrics,
        "items": items,
    }
    return dumps(document)


def _counts(group: OutcomeCounts) -> dict[str, Any]:
    return {
        "id": group.id,
        "number": group.number,
        "title": group.title,
        "counts": {outcome.value: n for outcome, n in group.counts.items()},
        "total": group.total,
    }


def _trend(trend: Trend) -> dict[str, Any]:
    return {
        "metric": trend.metric_id,
        "name": trend.name,
        "name_en": trend.name_en,
        "unit": trend.unit,
        "table": trend.table_number,
        "direction": trend.direction.value,
        "outcome": trend.result.outcome.value,
        "period": trend.result.period,
        "points": [
            {
                "year": p.year,
                "period": p.period,
                "kind": p.kind.value,
                "value": _number(p.value),
                "source": p.source,
                "target": _number(p.target),
                "outcome": p.outcome.value if p.outcome else None,
            }
            for p in trend.points
        ],
        "line": [
            {"year": p.year, "kind": p.kind.value, "value": _number(p.value)} for p in trend.line
        ],
    }


def render_summary(summary: Summary, options: RenderOptions) -> str:
    """The summary's figures for scripts: misses carry their full result record and gap."""
    document = {
        "format": "tulosmittari.summary",
        "version": RESULT_FORMAT_VERSION,
        "agreement": {"id": summary.agreement_id, "title": summary.title},
        "periods": list(summary.periods),
        "years": list(summary.years),
        "summary": {outcome.value: n for outcome, n in summary.total.items()},
        "by_impact_goal": [_counts(g) for g in summary.by_impact_goal],
        "by_table": [_counts(t) for t in summary.by_table],
        "misses": [
            {
                **result_record(m.result),
                "gap": _number(m.gap),
                "relative_gap": _number(m.relative_gap),
            }
            for m in summary.misses
        ],
        "trends": [_trend(t) for t in summary.trends],
    }
    return dumps(document)


# --- The diff --------------------------------------------------------------------------------


def _diff_value(value: object) -> Any:
    """A changed value, locale-free: numbers as JSON numbers, enums as their words, models as
    objects."""
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return {k: _diff_value(getattr(value, k)) for k in type(value).model_fields}
    if isinstance(value, list | tuple):
        return [_diff_value(v) for v in value]
    from tulosmittari.diff import TableRef  # imported here: only a diff holds one

    if isinstance(value, TableRef):
        return {"id": value.id, "number": value.number, "title": value.title}
    raise TypeError(f"no JSON for {type(value).__name__}")


def _change_record(change: Change) -> dict[str, Any]:
    subject = change.subject
    location = change.location
    return {
        "kind": change.kind.value,
        "subject": {
            "kind": subject.kind.value,
            "id": subject.id,
            "name": subject.name,
            "table": _diff_value(subject.table),
        },
        "year": change.year,
        "field": change.field,
        "source": change.source,
        "old": _diff_value(change.old),
        "new": _diff_value(change.new),
        "effect": change.effect.value if change.effect else None,
        "path": list(change.path),
        "line": location.line if location else None,
    }


def _flip_record(flip: Flip) -> dict[str, Any]:
    result = flip.result
    return {
        "kind": result.kind.value,
        "id": result.id,
        "name": result.name,
        "period": result.period,
        "target_source": result.target_source,
        "actual": _number(result.actual),
        "old": _side(flip.old),
        "new": _side(flip.new),
    }


def _side(result: TargetResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {"target": _number(result.target), "outcome": result.outcome.value}


def render_diff(diff: AgreementDiff, options: RenderOptions) -> str:
    """Every change with its figures and an English description; the flips, if any."""
    # imported here: only `tulos diff` words changes
    from tulosmittari.render.diff_grids import change_text

    document = {
        "format": "tulosmittari.diff",
        "version": RESULT_FORMAT_VERSION,
        "old": {"id": diff.old_id, "title": diff.old_title, "source": diff.old_source},
        "new": {"id": diff.new_id, "title": diff.new_title, "source": diff.new_source},
        "changed": diff.changed,
        "summary": {
            "changes": len(diff.changes),
            **{effect.value: n for effect, n in diff.effect_counts().items()},
        },
        "changes": [
            {**_change_record(c), "description": change_text(c, "en")} for c in diff.changes
        ],
        "periods": list(diff.periods),
        "flips": [_flip_record(f) for f in diff.flips],
    }
    return dumps(document)
