"""The grids the text formats share: titled tables of display strings for check and targets
(the summary's are in `render.summary_grids`), and the cell texts they are made of.

Plain text and the terminal lay these grids out with `render.layout`, Markdown as pipe tables and
the HTML report as HTML tables, so that the formats cannot disagree about what a row says. Grid
cells hold raw text, files' text included; each renderer makes it safe for its medium (`clean()`
in text, escaping in Markdown and HTML).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tulosmittari.i18n import (
    amount,
    basis,
    explanation,
    in_lang,
    message,
    missing_label,
    missing_word,
    outcome_label,
    result_name,
    signed_difference,
    source_label,
    table_title,
    target_amount,
)
from tulosmittari.numbers import NBSP, Lang, format_number
from tulosmittari.results import CheckReport, Outcome, ResultKind, TargetResult
from tulosmittari.safe_text import clean
from tulosmittari.schema import (
    Agreement,
    BoundCell,
    Comparison,
    Metric,
    MissingCell,
    RangeCell,
    ReferenceCell,
    ValueRole,
)

ELLIPSIS = "…"
ITEM_NOTE_FLOOR = 20  # a note beside an item's text wraps no narrower than this


@dataclass(frozen=True, slots=True)
class Grid:
    """A titled table of display strings, with what each row's outcome is (for colour)."""

    title: str
    headers: tuple[str, ...]
    right: frozenset[int]  # right-aligned columns
    rows: tuple[tuple[str, ...], ...]
    outcomes: tuple[Outcome, ...] = ()  # per row, when `outcome_column` holds its outcome
    outcome_column: int | None = None
    shrink: tuple[int, ...] = ()  # the columns that give way (wrap) when the grid is too wide
    empty: str | None = None  # shown instead of a grid without rows; None: leave it out
    note: str | None = None  # a line under the grid explaining its marks
    details: tuple[tuple[str, ...], ...] = ()  # per row: what its verdict rests on, a line each
    names: int | None = None  # the column naming each row's subject
    keys: tuple[str, ...] = ()  # per row: what it is about, so that cut names stay distinct
    optional: tuple[int, ...] = ()  # columns left out, in this order, when the page is too narrow
    floor: Mapping[int, int] = field(default_factory=dict)  # narrowest a shrinking column gets
    cede: tuple[int, ...] = ()  # shrinking columns that give way before the others


# --- Cell texts ------------------------------------------------------------------------------

OUTCOME_MARK = {
    Outcome.PASS: "✓",
    Outcome.WARN: "!",
    Outcome.FAIL: "✗",
    Outcome.INCOMPLETE: "◐",  # part of the period: not "…", which marks a cut text
    Outcome.NO_DATA: "–",
    Outcome.NO_TARGET: "·",
}


def outcome_word(outcome: Outcome, lang: Lang) -> str:
    """The outcome as a mark and a word, so it reads without colour: `✗ ei saavutettu`."""
    return f"{OUTCOME_MARK[outcome]} {outcome_label(outcome, lang)}"


def marks_legend(lang: Lang) -> str:
    """`✓ saavutettu, ! lähellä, …`: what each outcome's mark means."""
    return ", ".join(outcome_word(outcome, lang) for outcome in Outcome)


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


def summary_line(report: CheckReport, lang: Lang) -> str:
    return counts_line(report.counts(), lang)


def counts_line(counts: Mapping[Outcome, int], lang: Lang, *, marks: bool = False) -> str:
    """`Yhteensä 10: 2 saavutettu, 2 lähellä, ...`: the outcomes that occur, in their order;
    with `marks`, each with its mark (`✓ 2 saavutettu`), for a view that shows only marks."""
    parts = ", ".join(
        f"{OUTCOME_MARK[o] + NBSP if marks else ''}{n} {outcome_label(o, lang)}"
        for o, n in counts.items()
        if n
    )
    return message("summary.total", lang, total=sum(counts.values()), counts=parts)


def cell_text(cell: object, lang: Lang) -> str:
    """A printed cell of the agreement as a reader sees it: a number, `tbd`, a reference."""
    if isinstance(cell, Decimal):
        return format_number(cell, lang)
    if isinstance(cell, MissingCell):
        return clean(missing_word(cell.missing, cell.text, lang))
    if isinstance(cell, ReferenceCell):
        return clean(cell.text)
    if isinstance(cell, BoundCell):
        return f"{_COMPARISON_SIGN[cell.comparison]} {format_number(cell.value, lang)}"
    if isinstance(cell, RangeCell):
        return f"{format_number(cell.low, lang)}–{format_number(cell.high, lang)}"
    return ""


_COMPARISON_SIGN = {
    Comparison.BELOW: "<",
    Comparison.AT_MOST: "≤",
    Comparison.ABOVE: ">",
    Comparison.AT_LEAST: "≥",
}


def fit(text: str, width: int) -> str:
    """The text cut to `width` characters, an ellipsis saying that it was; a text of phrases
    (`a; b`) keeps its first phrases whole rather than half of the next."""
    if len(text) <= width:
        return text
    phrases = text.rfind("; ", 0, width)
    end = phrases if phrases >= width // 2 else max(width - 1, 0)
    return text[:end] + ELLIPSIS


def check_title(report: CheckReport, lang: Lang) -> str:
    return message(
        "check.heading",
        lang,
        title=in_lang(report.agreement_title, report.agreement_title_en, lang),
        periods=", ".join(report.periods),
    )


def agreement_title(agreement: Agreement, lang: Lang) -> str:
    return in_lang(agreement.meta.title, agreement.meta.title_en, lang)


# --- Grids -----------------------------------------------------------------------------------


def check_grids(
    report: CheckReport, lang: Lang, *, by_year: bool = False, reasons: bool = False
) -> Iterator[Grid]:
    """Per agreement table, a grid of its metrics and one of its qualitative items.

    A period column only when the report has several periods; with `by_year`, one column per
    period instead. Each metric row's details say what its verdict rests on; with `reasons`, led
    by the reason's sentence (for a file or a page rather than a screen).
    """
    several = len(report.periods) > 1
    for results in by_table(report.results):
        first = results[0]
        heading = message(
            "table.heading", lang, number=first.table_number, title=table_title(first, lang)
        )
        metrics = [r for r in results if r.kind is ResultKind.METRIC]
        items = [r for r in results if r.kind is ResultKind.ITEM]
        if metrics:
            yield (
                _by_year_grid(heading, metrics, lang, report.periods, reasons)
                if by_year
                else _metric_grid(heading, metrics, lang, several, reasons)
            )
        if items:
            title = message("check.items", lang, heading=heading) if metrics else heading
            yield (
                _by_year_grid(title, items, lang, report.periods, reasons)
                if by_year
                else _item_grid(title, items, lang, several)
            )


def metric_name(result: TargetResult, lang: Lang) -> str:
    """The name, with the other source when the target is not the agreement's own column."""
    name = result_name(result, lang)
    source = source_label(result, lang)
    return f"{name} ({source})" if source else name


def result_key(result: TargetResult) -> str:
    """What a row is about, the metric or item and which of its targets: `id (source)`, which
    also reads as a name where names cannot be told apart."""
    return f"{result.id} ({result.target_source})" if result.target_source else result.id


def is_preliminary(result: TargetResult) -> bool:
    return result.target_role is ValueRole.PRELIMINARY_TARGET


def target_cell(result: TargetResult, lang: Lang) -> str:
    """The period's target; `*` marks a preliminary one, the printed text a missing one."""
    if result.target is None:
        return missing_label(result, lang)
    return target_amount(result, lang) + (" *" if is_preliminary(result) else "")


def preliminary_note(results: Sequence[TargetResult], lang: Lang) -> str | None:
    if any(is_preliminary(r) for r in results):
        return message("check.preliminary_note", lang)
    return None


def details(result: TargetResult, lang: Lang, reasons: bool) -> tuple[str, ...]:
    """The lines under a row: its basis, on one line (`reasons`: the reason's sentence first)."""
    phrases = basis(result, lang, reason=reasons)
    return ("; ".join(phrases),) if phrases else ()


def _metric_grid(
    title: str, results: Sequence[TargetResult], lang: Lang, several: bool, reasons: bool
) -> Grid:
    keys = ["metric", "period", "target", "actual", "difference", "outcome"]
    if not several:
        keys.remove("period")
    rows = []
    for r in results:
        cells = {
            "metric": metric_name(r, lang),
            "period": r.period,
            "target": target_cell(r, lang),
            "actual": amount(r, r.actual, lang),
            "difference": signed_difference(r, lang),
            "outcome": outcome_word(r.outcome, lang),
        }
        rows.append(tuple(cells[k] for k in keys))
    return Grid(
        title=title,
        headers=tuple(message(f"col.{k}", lang) for k in keys),
        right=frozenset(keys.index(k) for k in ("target", "actual", "difference")),
        rows=tuple(rows),
        outcomes=tuple(r.outcome for r in results),
        outcome_column=keys.index("outcome"),
        shrink=(0, keys.index("outcome")),
        note=preliminary_note(results, lang),
        details=tuple(details(r, lang, reasons) for r in results),
        names=0,
        keys=tuple(result_key(r) for r in results),
        optional=(keys.index("difference"),),
    )


def _item_grid(title: str, results: Sequence[TargetResult], lang: Lang, several: bool) -> Grid:
    keys = ["id", "item", "period", "outcome", "note"]
    if not several:
        keys.remove("period")
    rows = []
    for r in results:
        cells = {
            "id": r.id,
            "item": result_name(r, lang),
            "period": r.period,
            "outcome": outcome_word(r.outcome, lang),
            "note": explanation(r, lang),
        }
        rows.append(tuple(cells[k] for k in keys))
    return Grid(
        title=title,
        headers=tuple(message(f"col.{k}", lang) for k in keys),
        right=frozenset(),
        rows=tuple(rows),
        outcomes=tuple(r.outcome for r in results),
        outcome_column=keys.index("outcome"),
        shrink=(1, keys.index("outcome"), len(keys) - 1),
        names=1,
        keys=tuple(result_key(r) for r in results),
        cede=(len(keys) - 1,),  # the item's text before its note
        floor={len(keys) - 1: ITEM_NOTE_FLOOR},
    )


def _by_year_grid(
    title: str,
    results: Sequence[TargetResult],
    lang: Lang,
    periods: Sequence[str],
    reasons: bool,
) -> Grid:
    """One row per target, one column per period, `target / actual mark` in each cell; items
    keep their id beside their text. A row's details name the period each is about."""
    rows: dict[str, dict[str, TargetResult]] = {}
    for result in results:
        rows.setdefault(result_key(result), {})[result.period] = result
    items = results[0].kind is ResultKind.ITEM
    lines = []
    notes = []
    for cells in rows.values():
        any_result = next(iter(cells.values()))
        line = [any_result.id] if items else []
        line.append(result_name(any_result, lang) if items else metric_name(any_result, lang))
        for period in periods:
            cell = cells.get(period)
            line.append(_by_year_cell(cell, lang) if cell is not None else "")
        lines.append(tuple(line))
        notes.append(
            tuple(
                f"{period}: {text}"
                for period in periods
                if period in cells
                for text in details(cells[period], lang, reasons and not items)
            )
        )
    first = [message("col.id", lang)] if items else []
    name = len(first)
    return Grid(
        title=title,
        headers=(*first, message(f"col.{results[0].kind.value}", lang), *periods),
        right=frozenset() if items else frozenset(range(name + 1, name + 1 + len(periods))),
        rows=tuple(lines),
        shrink=(name,),
        note=message("check.by_year_note", lang, legend=marks_legend(lang)),
        details=tuple(notes),
        names=name,
        keys=tuple(rows),
    )


def _by_year_cell(result: TargetResult, lang: Lang) -> str:
    mark = OUTCOME_MARK[result.outcome]
    if result.kind is ResultKind.ITEM:
        return f"{mark} {outcome_label(result.outcome, lang)}"
    actual = amount(result, result.actual, lang) or "–"
    return f"{target_cell(result, lang) or '–'} / {actual} {mark}"


def targets_grids(agreement: Agreement, lang: Lang, year: int | None) -> Iterator[Grid]:
    """Each table's printed figures by column, then its qualitative items by year."""
    for table in agreement.tables:
        heading = message(
            "table.heading",
            lang,
            number=table.number,
            title=in_lang(table.title, table.title_en, lang),
        )
        columns = [c for c in table.columns if year is None or c.year == year]
        metrics = [m for m in table.metrics if isinstance(m, Metric) and m.printed]
        if metrics and columns:
            yield Grid(
                title=heading,
                headers=(
                    message("col.metric", lang),
                    message("col.unit", lang),
                    *(c.label for c in columns),
                ),
                right=frozenset(range(2, 2 + len(columns))),
                names=0,
                keys=tuple(m.id for m in metrics),
                rows=tuple(
                    (
                        m.name_en if lang == "en" and m.name_en else m.name,
                        m.unit_en if lang == "en" and m.unit_en else m.unit,
                        *(cell_text(m.values.get(c.year), lang) for c in columns),
                    )
                    for m in metrics
                ),
                shrink=tuple(range(2 + len(columns))),  # year headers are long: all may wrap
            )
        items = [
            (str(item_year), item.id, item.text)
            for group in table.groups
            for item_year, entries in group.years.items()
            if isinstance(entries, list) and (year is None or item_year == year)
            for item in entries
        ]
        if items:
            yield Grid(
                title=message("targets.items", lang, heading=heading),
                headers=(
                    message("col.period", lang),
                    message("col.id", lang),
                    message("col.item", lang),
                ),
                right=frozenset(),
                shrink=(2,),
                rows=tuple(items),
            )
