"""The summary as grids: one screen for a meeting, and the full version (`--all`, the HTML report).

The screen is the title, the counts and what needs attention, most pressing first, a line each;
what does not fit is counted in a last line that names the command showing it all. The full
version counts outcomes by impact goal and by table and lists the misses, the year-end
projections and each metric's trend. Both are grids, laid out by each format as it lays out its
own; which rows fit a screen is found by `rows_that_fit`, from the lines a format draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from tulosmittari.i18n import (
    amount,
    basis,
    coverage_text,
    explanation,
    figure_basis,
    forecast_text,
    gap_text,
    in_lang,
    message,
    missing_label,
    outcome_label,
    result_name,
    result_unit,
    symbol,
    target_amount,
    yearly_target,
)
from tulosmittari.numbers import Lang, format_number, with_unit
from tulosmittari.render.grid import (
    OUTCOME_MARK,
    Grid,
    is_preliminary,
    metric_name,
    outcome_word,
    preliminary_note,
    result_key,
)
from tulosmittari.results import Outcome, ResultKind, TargetResult
from tulosmittari.summary import Miss, OutcomeCounts, Summary, Trend

NAME_FLOOR = 20  # a name cut shorter than this no longer says which target it is

SPARKS = "▁▂▃▄▅▆▇█"


def summary_heading(summary: Summary, lang: Lang) -> str:
    """The agreement's title (in English where it has one) and the periods summarised."""
    title = in_lang(summary.title, summary.title_en, lang)
    return message("summary.heading", lang, title=title, periods=", ".join(summary.periods))


# --- One screen ------------------------------------------------------------------------------


def attention_grid(summary: Summary, lang: Lang, rows: int | None = None) -> Grid:
    """The first `rows` (all: None) of what needs attention, one line each: the outcome's mark,
    the name, the target, the actual, the gap and a remark (the explanation or its absence, the
    coverage, the projection, the yearly target behind a part-year one)."""
    shown = summary.attention[:rows]
    several = len(summary.periods) > 1
    keys = ["mark", "metric", "period", "target_actual", "gap", "note"]
    if not several:
        keys.remove("period")
    lines = []
    for miss in shown:
        result = miss.result
        cells = {
            "mark": OUTCOME_MARK[result.outcome],
            "metric": _name(result, lang),
            "period": result.period,
            "target_actual": _target_and_actual(result, lang),
            "gap": _gap(miss, lang),
            "note": "; ".join(_remarks(result, lang)),
        }
        lines.append(tuple(cells[k] for k in keys))
    return Grid(
        title=message("summary.attention", lang),
        headers=tuple("" if k == "mark" else message(f"col.{k}", lang) for k in keys),
        right=frozenset(keys.index(k) for k in ("target_actual", "gap")),
        rows=tuple(lines),
        outcomes=tuple(m.result.outcome for m in shown),
        outcome_column=0,
        shrink=(1, len(keys) - 1),
        empty=None if summary.attention else message("summary.no_misses", lang),
        note=preliminary_note([m.result for m in shown], lang),
        names=1,
        keys=tuple(result_key(m.result) for m in shown),
        optional=(keys.index("gap"),),
        floor={1: NAME_FLOOR, len(keys) - 1: _remark_floor(lang)},
        cede=(len(keys) - 1,),
    )


def _target_and_actual(result: TargetResult, lang: Lang) -> str:
    """`3,5 / 3,2 %`: the target and the actual with their unit once, as a by-year cell reads;
    `*` marks a preliminary target."""
    if result.target is None and result.actual is None:
        return missing_label(result, lang)
    target = _bare_target(result, lang) + (" *" if is_preliminary(result) else "")
    actual = _bare(result.actual, lang) or "–"
    return with_unit(f"{target or '–'} / {actual}", symbol(result, lang))


def _name(result: TargetResult, lang: Lang) -> str:
    if result.kind is ResultKind.METRIC:
        return metric_name(result, lang)
    return result_name(result, lang)


def _remarks(result: TargetResult, lang: Lang) -> list[str]:
    """The remark of a one-line row, the most pressing first, as the width cuts it: what is
    missing (an explanation, months), the projection, the explanation, the rest of the basis."""
    remarks = []
    if result.unexplained:
        remarks.append(explanation(result, lang))
    if result.coverage is not None and not result.coverage.complete:
        remarks.append(coverage_text(result.coverage, lang))
    if result.forecast is not None:
        remarks.append(forecast_text(result, lang, short=True))
    if result.notes:
        remarks.append(explanation(result, lang))
    remarks.extend(p for p in figure_basis(result, lang) if p not in remarks)
    return remarks


def _remark_floor(lang: Lang) -> int:
    """The remark gives way first, but keeps whole what must show: "selitys puuttuu", "ennuste:
    vaarassa" (and an ellipsis after it, where more follows)."""
    status = message("forecast.at_risk", lang)
    musts = (message("basis.unexplained", lang), message("forecast.short", lang, status=status))
    return max(len(text) for text in musts) + 1


def more_line(summary: Summary, shown: int, lang: Lang, command: str) -> str | None:
    """`3 muuta — `tulos check …``: what the screen leaves out, and the command showing it (as
    given: quoted as the format quotes code)."""
    left = len(summary.attention) - shown
    return message("summary.more", lang, count=left, command=command) if left > 0 else None


def rows_that_fit(draw: Callable[[int], str], total: int, height: int | None) -> str:
    """The drawing of the most rows (of `total`) whose lines fit `height`; all without one."""
    shown = total
    text = draw(shown)
    while height is not None and shown > 0 and text.count("\n") > height:
        shown = max(0, shown - max(1, text.count("\n") - height))
        text = draw(shown)
    return text


# --- The full version ------------------------------------------------------------------------


def _count_row(label: str, counts: OutcomeCounts, shown: Sequence[Outcome]) -> tuple[str, ...]:
    return (label, *(str(counts.counts[o]) for o in shown), str(counts.total))


def _count_headers(first: str, shown: Sequence[Outcome], lang: Lang) -> tuple[str, ...]:
    return (first, *(outcome_label(o, lang) for o in shown), message("col.total", lang))


def _gap(miss: Miss, lang: Lang) -> str:
    if miss.gap is None:
        return ""
    return gap_text(miss.result, miss.gap, miss.relative_gap, lang)


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


def _trend_values(trend: Trend, years: Sequence[int]) -> list[Decimal | None]:
    by_year = {p.year: p.value for p in trend.line}
    return [by_year.get(year) for year in years]


def summary_grids(summary: Summary, lang: Lang) -> Iterator[Grid]:
    """Counts by impact goal and by table, the misses with their gap and basis, the year-end
    projections, each metric's trend."""
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
            for g in summary.by_impact_goal
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
    several = len(summary.periods) > 1
    yield _misses_grid(summary.misses, lang, several)
    if summary.forecasts:
        yield _forecasts_grid(summary.forecasts, lang, several)
    yield _trends_grid(summary, lang)


def _columns(keys: Sequence[str], several: bool) -> list[str]:
    """The keys of a grid's columns; a period column only where there are several periods."""
    return [k for k in keys if several or k != "period"]


def _misses_grid(misses: Sequence[Miss], lang: Lang, several: bool) -> Grid:
    keys = _columns(("metric", "period", "target_actual", "gap", "outcome"), several)
    rows = []
    for miss in misses:
        cells = {
            "metric": _name(miss.result, lang),
            "period": miss.result.period,
            "target_actual": _target_and_actual(miss.result, lang),
            "gap": _gap(miss, lang),
            "outcome": outcome_word(miss.result.outcome, lang),
        }
        rows.append(tuple(cells[k] for k in keys))
    return Grid(
        title=message("summary.misses", lang),
        headers=tuple(message(f"col.{key}", lang) for key in keys),
        right=frozenset(keys.index(k) for k in ("target_actual", "gap")),
        rows=tuple(rows),
        outcomes=tuple(m.result.outcome for m in misses),
        outcome_column=keys.index("outcome"),
        shrink=(0, keys.index("outcome")),
        empty=message("summary.no_misses", lang),
        note=preliminary_note([m.result for m in misses], lang),
        details=tuple(_joined(basis(m.result, lang)) for m in misses),
        names=0,
        keys=tuple(result_key(m.result) for m in misses),
    )


def _forecasts_grid(results: Sequence[TargetResult], lang: Lang, several: bool) -> Grid:
    """Each projection beside the yearly target it is judged against; never an outcome."""
    keys = _columns(("metric", "period", "actual", "forecast", "yearly_target", "status"), several)
    rows = []
    for r in results:
        cells = {
            "metric": _name(r, lang),
            "period": r.period,
            "actual": amount(r, r.actual, lang),
            "forecast": amount(r, r.forecast.value, lang) if r.forecast else "",
            "yearly_target": yearly_target(r, lang),
            "status": message(f"forecast.{r.forecast.status.value}", lang) if r.forecast else "",
        }
        rows.append(tuple(cells[k] for k in keys))
    return Grid(
        title=message("summary.forecasts", lang),
        headers=tuple(message(f"col.{key}", lang) for key in keys),
        right=frozenset(keys.index(k) for k in ("actual", "forecast", "yearly_target")),
        rows=tuple(rows),
        shrink=(0,),
        names=0,
        keys=tuple(result_key(r) for r in results),
    )


def _trends_grid(summary: Summary, lang: Lang) -> Grid:
    first, last = summary.years[0], summary.years[-1]
    return Grid(
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
                _bare_target(t.result, lang),
                result_unit(t.result, lang) or "",
                outcome_word(t.result.outcome, lang),
            )
            for t in summary.trends
        ),
        outcomes=tuple(t.result.outcome for t in summary.trends),
        outcome_column=6,
        shrink=(0, 5, 6),
        details=tuple(_joined(figure_basis(t.result, lang)) for t in summary.trends),
        names=0,
        keys=tuple(t.metric_id for t in summary.trends),
    )


def _joined(phrases: list[str]) -> tuple[str, ...]:
    return ("; ".join(phrases),) if phrases else ()


def _bare(value: Decimal | None, lang: Lang) -> str:
    """A figure without its unit, where the unit stands elsewhere in the row."""
    return format_number(value, lang) if value is not None else ""


def _bare_target(result: TargetResult, lang: Lang) -> str:
    """The target without its unit: a range as `3,6–3,8`, a strict one as `< 10`, a missing one
    as printed."""
    if result.target is None:
        return missing_label(result, lang)
    if result.target_high is not None:
        return f"{_bare(result.target, lang)}–{_bare(result.target_high, lang)}"
    return target_amount(
        replace(result, unit=None, unit_en=None, symbol=None, symbol_en=None), lang
    )
