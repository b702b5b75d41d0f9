"""Renderers: one module per output format, each consuming the same result models.

The registry maps a `--format` name to the module that renders it; modules are imported only
when chosen, so that start-up pays for one format, not all of them. A renderer formats; it never
judges or computes anything of its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType

from tulosmittari.i18n import (
    amount,
    message,
    missing_label,
    missing_word,
    outcome_label,
    role_label,
)
from tulosmittari.numbers import Lang, format_number
from tulosmittari.results import CheckReport, Outcome, TargetResult
from tulosmittari.safe_text import clean
from tulosmittari.schema import MissingCell, ReferenceCell


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What every renderer needs to know about its reader."""

    lang: Lang = "fi"
    width: int = 100
    color: bool = False
    by_year: bool = False


FORMATS: dict[str, str] = {
    "table": "tulosmittari.render.table",
    "plain": "tulosmittari.render.plain",
    "markdown": "tulosmittari.render.markdown",
    "json": "tulosmittari.render.json",
    "csv": "tulosmittari.render.csv",
    "github": "tulosmittari.render.github",
}


def renderer(name: str) -> ModuleType:
    """The module rendering a format; it defines `render_check` and may define others."""
    return importlib.import_module(FORMATS[name])


def formats_with(function: str) -> list[str]:
    """The formats whose module offers a renderer, e.g. `render_targets`."""
    return [name for name in FORMATS if hasattr(renderer(name), function)]


# --- Shared by the text renderers ------------------------------------------------------------

OUTCOME_MARK = {
    Outcome.PASS: "✓",
    Outcome.WARN: "!",
    Outcome.FAIL: "✗",
    Outcome.NO_DATA: "–",
    Outcome.NO_TARGET: "·",
}


def outcome_word(outcome: Outcome, lang: Lang) -> str:
    """The outcome as a mark and a word, so it reads without colour: `✗ ei saavutettu`."""
    return f"{OUTCOME_MARK[outcome]} {outcome_label(outcome, lang)}"


def by_table(results: Sequence[TargetResult]) -> Iterator[list[TargetResult]]:
    """Consecutive results of one agreement table (results come in printed order)."""
    group: list[TargetResult] = []
    for result in results:
        if group and group[0].table_id != result.table_id:
            yield group
            group = []
        group.append(result)
    if group:
        yield group


def target_text(result: TargetResult, lang: Lang) -> str:
    """The target with its kind (binding, preliminary) and any other source."""
    if result.target is None:
        return clean(missing_label(result, lang))
    text = clean(amount(result, result.target, lang))
    notes = []
    if result.target_role is not None:
        notes.append(role_label(result.target_role, lang))
    if result.target_source:
        notes.append(clean(result.target_source))
    return f"{text} ({', '.join(notes)})" if notes else text


def summary_line(report: CheckReport, lang: Lang) -> str:
    return counts_line(report.counts(), lang)


def counts_line(counts: Mapping[Outcome, int], lang: Lang) -> str:
    """`Yhteensä 10: 2 saavutettu, 2 lähellä, ...`: every outcome, zeros included."""
    parts = ", ".join(f"{n} {outcome_label(o, lang)}" for o, n in counts.items())
    return message("summary.total", lang, total=sum(counts.values()), counts=parts)


def cell_text(cell: object, lang: Lang) -> str:
    """A printed cell of the agreement as a reader sees it: a number, `tbd`, a reference."""
    if isinstance(cell, Decimal):
        return format_number(cell, lang)
    if isinstance(cell, MissingCell):
        return clean(missing_word(cell.missing, cell.text, lang))
    if isinstance(cell, ReferenceCell):
        return clean(cell.text)
    return ""


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal | None]) -> str:
    """Eight levels between the smallest and the largest figure, a space for a year without one;
    a flat line sits in the middle."""
    known = [v for v in values if v is not None]
    low, high = min(known, default=Decimal(0)), max(known, default=Decimal(0))
    top = len(SPARKS) - 1

    def level(value: Decimal) -> str:
        if high == low:
            return SPARKS[top // 2]
        return SPARKS[round((value - low) / (high - low) * top)]

    return "".join(" " if v is None else level(v) for v in values)
