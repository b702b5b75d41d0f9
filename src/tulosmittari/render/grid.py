"""The grids the text formats share: titled tables of display strings for check, targets and
summary, and the cell texts they are made of.

Plain text lays these grids out with tabulate, Markdown as pipe tables, the terminal renderer as
Rich tables and the HTML report as HTML tables, so that the formats cannot disagree about what a
row says. Grid cells hold raw text, files' text included; each renderer makes it safe for its
medium (`clean()` in plain text, escaping in Markdown and HTML, `Text` in Rich).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tulosmittari.i18n import (
    amount,
    describe_reason,
    in_lang,
    message,
    missing_label,
    missing_word,
    outcome_label,
    result_name,
    result_unit,
    table_title,
)
from tulosmittari.numbers import Lang, format_number, with_unit
from tulosmittari.results import CheckReport, Outcome, ResultKind, TargetResult
from tulosmittari.safe_text import clean
from tulosmittari.schema import Agreement, Metric, MissingCell, ReferenceCell, ValueRole

if TYPE_CHECKING:  # check, the common command, needs no summary
    from tulosmittari.summary import Miss, OutcomeCounts, Summary, Trend

ELLIPSIS = "…"
ITEM_TEXT_COMPACT = 60  # about two lines of a qualitative target's text on a terminal


@dataclass(frozen=True, slots=True)
class Grid:
    """A titled table of display strings, with what each row's outcome is (for colour)."""

    title: str
    headers: tuple[str, ...]
    right: frozenset[int]  # right-aligned columns
    rows: tuple[tuple[str, ...], ...]
    outcomes: tuple[Outcome, ...] = ()  # per row, when `outcome_column` holds its outcome
    outcome_column: int | None = None
    shrink: tuple[int, ...] = ()  # the columns that give way when the grid is too wide
    empty: str | None = None  # shown instead of a grid without rows; None: leave it out
    note: str | None = None  # a line under the grid explaining its marks


# --- Cell texts ------------------------------------------------------------------------------

OUTCOME_MARK = {
    Outcome.PASS: "✓",
    Outcome.WARN: "!",
    Outcome.FAIL: "✗",
    Outcome.INCOMPLETE: "…",
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


def summary_line(report: CheckReport, lang: Lang) -> str:
    return counts_line(report.counts(), lang)


def counts_line(counts: Mapping[Outcome, int], lang: Lang) -> str:
    """`Yhteensä 10: 2 saavutettu, 2 lähellä, ...`: the outcomes that occur, in their order."""
    parts = ", ".join(f"{n} {outcome_label(o, lang)}" for o, n in counts.items() if n)
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


def fit(text: str, width: int) -> str:
    """The text cut to `width` characters, an ellipsis saying that it was."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def summary_heading(summary: Summary, lang: Lang) -> str:
    """The agreement's title (in English where it has one) and the periods summarised."""
    title = summary.title_en if lang == "en" and summary.title_en else summary.title
    return message("summary.heading", lang, title=title, periods=", ".join(summary.periods))


# --- Grids -----------------------------------------------------------------------------------


def check_grids(
    report: CheckReport, lang: Lang, *, by_year: bool = False, compact: bool = False
) -> Iterator[Grid]:
    """Per agreement table, a grid of its metrics and one of its qualitative items.

    A period column only when the report has several periods; with `by_year`, one column per
    period instead. `compact` is for a terminal screen: no reason column, and each item's text
    shortened to `ITEM_TEXT_COMPACT` characters (its id names it in full).
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
                _by_year_grid(heading, metrics, lang, report.periods)
                if by_year
                else _metric_grid(heading, metrics, lang, several, not compact)
            )
        if items:
            title = message("check.items", lang, heading=heading) if metrics else heading
            yield (
                _by_year_grid(title, items, lang, report.periods)
                if by_year
                else _item_grid(title, items, lang, several, compact)
            )


def _metric_name(result: TargetResult, lang: Lang) -> str:
    """The name, with the other source when the target is not the agreement's own column."""
    name = result_name(result, lang)
    return f"{name} ({result.target_source})" if result.target_source else name


def _target_cell(result: TargetResult, lang: Lang) -> str:
    """The period's target; `*` marks a preliminary one, the printed text a missing one."""
    if result.target is None:
        return missing_label(result, lang)
    mark = " *" if result.target_role is ValueRole.PRELIMINARY_TARGET else ""
    return amount(result, result.target, lang) + mark


def _difference(result: TargetResult, lang: Lang) -> str:
    if result.difference is None:
        return ""
    sign = "+" if result.difference > 0 else ""
    return sign + format_number(result.difference, lang)


def _preliminary_note(results: Sequence[TargetResult], lang: Lang) -> str | None:
    if any(r.target_role is ValueRole.PRELIMINARY_TARGET for r in results):
        return message("check.preliminary_note", lang)
    return None


def _metric_grid(
    title: str, results: Sequence[TargetResult], lang: Lang, several: bool, reasons: bool
) -> Grid:
    keys = ["metric", "period", "target", "actual", "difference", "outcome", "reason"]
    if not several:
        keys.remove("period")
    if not reasons:
        keys.remove("reason")
    rows = []
    for r in results:
        cells = {
            "metric": _metric_name(r, lang),
            "period": r.period,
            "target": _target_cell(r, lang),
            "actual": amount(r, r.actual, lang),
            "difference": _difference(r, lang),
            "outcome": outcome_word(r.outcome, lang),
            "reason": describe_reason(r, lang),
        }
        rows.append(tuple(cells[k] for k in keys))
    return Grid(
        title=title,
        headers=tuple(message(f"col.{k}", lang) for k in keys),
        right=frozenset(keys.index(k) for k in ("target", "actual", "difference")),
        rows=tuple(rows),
        outcomes=tuple(r.outcome for r in results),
        outcome_column=keys.index("outcome"),
        shrink=(0,),
        note=_preliminary_note(results, lang),
    )


def _item_grid(
    title: str, results: Sequence[TargetResult], lang: Lang, several: bool, compact: bool
) -> Grid:
    keys = ["id", "item", "period", "outcome", "note"]
    if not several:
        keys.remove("period")
    rows = []
    for r in results:
        cells = {
            "id": r.id,
            "item": fit(result_name(r, lang), ITEM_TEXT_COMPACT)
            if compact
            else result_name(r, lang),
            "period": r.period,
            "outcome": outcome_word(r.outcome, lang),
            "note": "; ".join(r.notes),
        }
        rows.append(tuple(cells[k] for k in keys))
    return Grid(
        title=title,
        headers=tuple(message(f"col.{k}", lang) for k in keys),
        right=frozenset(),
        rows=tuple(rows),
        outcomes=tuple(r.outcome for r in results),
        outcome_column=keys.index("outcome"),
        shrink=(1, len(keys) - 1),
    )


def _by_year_grid(
    title: str, results: Sequence[TargetResult], lang: Lang, periods: Sequence[str]
) -> Grid:
    """One row per target, one column per period, `target / actual mark` in each cell."""
    rows: dict[tuple[str, str | None], dict[str, TargetResult]] = {}
    for result in results:
        rows.setdefault((result.id, result.target_source), {})[result.period] = result
    lines = []
    for cells in rows.values():
        any_result = next(iter(cells.values()))
        line = [_metric_name(any_result, lang)]
        for period in periods:
            cell = cells.get(period)
            line.append(_by_year_cell(cell, lang) if cell is not None else "")
        lines.append(tuple(line))
    return Grid(
        title=title,
        headers=(message(f"col.{results[0].kind.value}", lang), *periods),
        right=frozenset(range(1, len(periods) + 1)),
        rows=tuple(lines),
        shrink=(0,),
        note=message("check.by_year_note", lang),
    )


def _by_year_cell(result: TargetResult, lang: Lang) -> str:
    mark = OUTCOME_MARK[result.outcome]
    if result.kind is ResultKind.ITEM:
        return f"{mark} {outcome_label(result.outcome, lang)}"
    actual = amount(result, result.actual, lang) or "–"
    return f"{_target_cell(result, lang) or '–'} / {actual} {mark}"


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


def _count_row(label: str, counts: OutcomeCounts, shown: Sequence[Outcome]) -> tuple[str, ...]:
    return (label, *(str(counts.counts[o]) for o in shown), str(counts.total))


def _count_headers(first: str, shown: Sequence[Outcome], lang: Lang) -> tuple[str, ...]:
    return (first, *(outcome_label(o, lang) for o in shown), message("col.total", lang))


def _gap_text(miss: Miss, lang: Lang) -> str:
    if miss.gap is None:
        return ""
    gap = amount(miss.result, miss.gap, lang)
    if miss.relative_gap is None:
        return gap
    share = with_unit(format_number(miss.relative_gap * 100, lang, 1), "%")
    return f"{gap} ({share})"


def _trend_values(trend: Trend, years: Sequence[int]) -> list[Decimal | None]:
    by_year = {p.year: p.value for p in trend.line}
    return [by_year.get(year) for year in years]


def summary_grids(summary: Summary, lang: Lang) -> Iterator[Grid]:
    """Counts by impact goal and by table, the misses with their gap, each metric's trend."""
    goals = summary.by_impact_goal
    shown = [o for o in Outcome if summary.total[o]]  # a column of zeros says nothing
    yield Grid(
        title=message("summary.by_goal", lang),
        headers=_count_headers(message("col.goal", lang), shown, lang),
        right=frozenset(range(1, len(shown) + 2)),
        rows=tuple(
            _count_row(
                f"{g.number}. {g.title}" if g.id is not None else message("summary.no_goal", lang),
                g,
                shown,
            )
            for g in goals
        ),
        shrink=(0,),
    )
    yield Grid(
        title=message("summary.by_table", lang),
        headers=_count_headers(message("col.table", lang), shown, lang),
        right=frozenset(range(1, len(shown) + 2)),
        rows=tuple(
            _count_row(f"{t.number}. {in_lang(t.title or '', t.title_en, lang)}", t, shown)
            for t in summary.by_table
        ),
        shrink=(0,),
    )
    yield Grid(
        title=message("summary.misses", lang),
        headers=tuple(
            message(f"col.{key}", lang)
            for key in ("metric", "period", "target", "actual", "gap", "outcome")
        ),
        right=frozenset({2, 3, 4}),
        rows=tuple(
            (
                result_name(m.result, lang),
                m.result.period,
                _bare(m.result.target, lang),
                _bare(m.result.actual, lang),
                _gap_text(m, lang),
                outcome_word(m.result.outcome, lang),
            )
            for m in summary.misses
        ),
        outcomes=tuple(m.result.outcome for m in summary.misses),
        outcome_column=5,
        shrink=(0, 4),
        empty=message("summary.no_misses", lang),
    )
    first, last = summary.years[0], summary.years[-1]
    yield Grid(
        title=message("summary.trends", lang, first=first, last=last),
        headers=tuple(
            message(f"col.{key}", lang)
            for key in ("metric", "trend", "period", "actual", "target", "unit", "outcome")
        ),
        right=frozenset({3, 4}),
        rows=tuple(
            (
                result_name(t.result, lang),
                sparkline(_trend_values(t, summary.years)),
                t.result.period,
                _bare(t.result.actual, lang),
                _bare(t.result.target, lang) or missing_label(t.result, lang),
                result_unit(t.result, lang) or "",
                outcome_word(t.result.outcome, lang),
            )
            for t in summary.trends
        ),
        outcomes=tuple(t.result.outcome for t in summary.trends),
        outcome_column=6,
        shrink=(0, 5),
    )


def _bare(value: Decimal | None, lang: Lang) -> str:
    """A figure without its unit, where the unit stands elsewhere in the row."""
    return format_number(value, lang) if value is not None else ""
