"""One self-contained HTML page for a meeting: the summary, a section per agreement table with a
chart per metric, the qualitative items, and the agreement's identity and sources at the end.
Under each verdict, what it rests on: the yearly target behind a part-year one, the coverage, the
explanation from the actuals files (or that there is none) and the year-end projection, set apart
as a projection.

Nothing is fetched: styles are inline, fonts are the system's, charts are inline SVG. Every text
from a file is escaped. Outcomes show as colour, as a mark and as a word, so the page also works
printed in black and white.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from tulosmittari import __version__
from tulosmittari.i18n import (
    describe_reason,
    explanation,
    figure_basis,
    forecast_text,
    in_lang,
    message,
    result_name,
    source_label,
)
from tulosmittari.numbers import Lang
from tulosmittari.render import RenderOptions
from tulosmittari.render.grid import OUTCOME_MARK, Grid, outcome_word
from tulosmittari.render.summary_grids import summary_grids
from tulosmittari.render.svg import legend, trend_chart
from tulosmittari.results import CheckReport, ResultKind, TargetResult
from tulosmittari.safe_text import clean
from tulosmittari.schema import Agreement
from tulosmittari.summary import Summary, Trend

STYLE = """
:root { color-scheme: light; --pass: #1a7f37; --warn: #9a6700; --fail: #cf222e;
  --incomplete: #8250df; --none: #6e7781; --ink: #1f2328; --target: #0550ae; --band: #eaeef2; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: var(--ink); margin: 0 auto; max-width: 72rem; padding: 1.5rem;
  line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
table { border-collapse: collapse; margin: .5rem 0 1.25rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left;
  vertical-align: top; }
th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.keep { white-space: nowrap; }
.totals { font-size: 1.1rem; font-weight: 600; }
.pass { color: var(--pass); } .warn { color: var(--warn); } .fail { color: var(--fail); }
.incomplete { color: var(--incomplete); } .no_data, .no_target { color: var(--none); }
tr.detail td, p.basis { color: var(--ink); font-size: .9rem; border-top: 0; padding-top: 0; }
p.forecast, span.forecast { font-style: italic; color: var(--target); }
.unexplained { font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(30rem, 1fr));
  gap: 1rem 2rem; }
figure { margin: 0; break-inside: avoid; }
figure p { margin: .1rem 0; }
svg.chart { width: 100%; height: auto; max-width: 34rem; }
svg.key { width: 1.1rem; height: 1.1rem; vertical-align: middle; margin-right: .3rem; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
.evaluated { fill: var(--band); }
.evaluated-label { font-size: 11px; font-weight: 600; }
.grid { stroke: #d0d7de; stroke-width: 1; }
.tick { font-size: 11px; fill: #57606a; }
.printed-line { fill: none; stroke: var(--ink); stroke-width: 2; }
.target-line { fill: none; stroke: var(--target); stroke-width: 2; stroke-dasharray: 6 4; }
.printed { fill: var(--ink); stroke: var(--ink); stroke-width: 2; }
.target { fill: var(--target); stroke: var(--target); stroke-width: 2; }
.hollow { fill: #fff; }
.period-target { stroke: var(--target); stroke-width: 3; }
.new { stroke-width: 3; }
path.new.fail { fill: none; stroke: var(--fail); }
path.new.warn { fill: var(--warn); stroke: var(--warn); }
circle.new.pass { fill: var(--pass); stroke: var(--pass); }
circle.new.none { fill: #fff; stroke: var(--none); }
circle.new.incomplete { fill: #fff; stroke: var(--incomplete); stroke-dasharray: 3 2; }
circle.forecast { fill: none; stroke: var(--target); stroke-width: 2; stroke-dasharray: 3 3; }
text.forecast { font-size: 11px; font-style: italic; fill: var(--target); }
text.value { font-size: 12px; font-weight: 700; }
text.value.pass { fill: var(--pass); } text.value.warn { fill: var(--warn); }
text.value.fail { fill: var(--fail); } text.value.incomplete { fill: var(--incomplete); }
footer { margin-top: 3rem; border-top: 2px solid var(--ink); font-size: .9rem; }
footer h2 { font-size: 1rem; border: 0; margin: 1rem 0 .25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } }
""".strip()


def _text(text: str) -> str:
    """Text from anywhere, safe in HTML: control characters visible, markup escaped."""
    return escape(clean(text))


def _grid_table(grid: Grid) -> str:
    """The grid; a row's details on a row of their own under it, across the table."""
    head = "".join(
        f'<th{_num(i, grid)} scope="col">{_text(h)}</th>' for i, h in enumerate(grid.headers)
    )
    rows = []
    details = grid.details or ((),) * len(grid.rows)
    for number, (row, lines) in enumerate(zip(grid.rows, details, strict=True)):
        cells = []
        for index, cell in enumerate(row):
            css = _num(index, grid)
            if index == grid.outcome_column:
                css = f' class="{grid.outcomes[number].value}"'
            cells.append(f"<td{css}>{_text(cell)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
        for line in lines:
            rows.append(
                f'<tr class="detail"><td colspan="{len(grid.headers)}">{_text(line)}</td></tr>'
            )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _num(index: int, grid: Grid) -> str:
    """Figures right-aligned; every column but those of names kept on one line."""
    if index in grid.right:
        return ' class="num"'
    return "" if index in grid.shrink else ' class="keep"'


def _summary_section(summary: Summary, lang: Lang) -> str:
    parts = [
        f'<section id="summary"><h2>{_text(message("report.summary", lang))}</h2>',
        f'<p class="totals">{_totals(summary, lang)}</p>',
    ]
    if not any(summary.total.values()):
        parts.append(f"<p>{_text(message('check.nothing', lang))}</p></section>")
        return "".join(parts)
    for grid in summary_grids(summary, lang):
        parts.append(f"<h3>{_text(grid.title)}</h3>")
        if grid.rows:
            parts.append(_grid_table(grid))
            if grid.note:
                parts.append(f"<p>{_text(grid.note)}</p>")
        elif grid.empty is not None:
            parts.append(f"<p>{_text(grid.empty)}</p>")
    parts.append("</section>")
    return "".join(parts)


def _totals(summary: Summary, lang: Lang) -> str:
    """Each outcome's count with its mark and word, in its colour."""
    return " · ".join(
        f'<span class="{outcome.value}">{n} {_text(outcome_word(outcome, lang))}</span>'
        for outcome, n in summary.total.items()
    )


def _outcome_line(result: TargetResult, lang: Lang) -> str:
    """`2024-H1 ✗ ei saavutettu: 3,6 kpl/kk > tavoite 3,3 kpl/kk …` in the outcome's colour,
    then what the verdict rests on, the explanation and the projection, a line each."""
    word = outcome_word(result.outcome, lang)
    source = source_label(result, lang)
    target = f" ({_text(source)})" if source else ""
    reason = describe_reason(result, lang)
    lines = [
        f'<p class="{result.outcome.value}"><strong>{_text(result.period)}{target} '
        f"{_text(word)}</strong>: {_text(reason)}</p>"
    ]
    basis = figure_basis(result, lang, beside_reason=True)
    lines.extend(f'<p class="basis">{_text(phrase)}</p>' for phrase in basis)
    said = explanation(result, lang)
    if result.notes:
        lines.append(f'<p class="basis">{_text(message("basis.note", lang, note=said))}</p>')
    elif said:
        lines.append(f'<p class="basis unexplained">{_text(said)}</p>')
    if result.forecast is not None:
        lines.append(f'<p class="forecast">{_text(forecast_text(result, lang))}</p>')
    return "".join(lines)


def _figure(trend: Trend, results: Iterable[TargetResult], summary: Summary, lang: Lang) -> str:
    name = result_name(trend.result, lang)
    label = message(
        "report.chart",
        lang,
        name=clean(name),
        first=summary.years[0],
        last=summary.years[-1],
        periods=", ".join(summary.periods),
    )
    chart = trend_chart(trend, summary.years, summary.periods_by_year, lang, label)
    lines = "".join(_outcome_line(r, lang) for r in results)
    return (
        f'<figure class="{trend.result.outcome.value}"><figcaption><h3>{_text(name)}</h3>'
        f"{lines}</figcaption>{chart}</figure>"
    )


def _items_table(items: list[TargetResult], agreement: Agreement, lang: Lang) -> str:
    groups = {g.id: g.title for t in agreement.tables for g in t.groups}
    head = "".join(
        f"<th>{_text(message(f'col.{key}', lang))}</th>"
        for key in ("item", "period", "status", "note")
    )
    rows = []
    group_id: str | None = None
    for item in items:
        if item.group_id != group_id and item.group_id in groups:
            group_id = item.group_id
            rows.append(f'<tr><th colspan="4">{_text(groups[group_id])}</th></tr>')
        status = f"{OUTCOME_MARK[item.outcome]} {describe_reason(item, lang)}"
        note = '<td class="unexplained">' if item.unexplained else "<td>"
        rows.append(
            f"<tr><td>{_text(result_name(item, lang))}</td>"
            f'<td class="keep">{_text(item.period)}</td>'
            f'<td class="{item.outcome.value} keep">{_text(status)}</td>'
            f"{note}{_text(explanation(item, lang))}</td></tr>"
        )
    return (
        f"<h3>{_text(message('report.items', lang))}</h3>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _table_sections(
    agreement: Agreement, report: CheckReport, summary: Summary, lang: Lang
) -> Iterable[str]:
    for counts in summary.by_table:
        title = in_lang(counts.title or "", counts.title_en, lang)
        heading = message("table.heading", lang, number=counts.number, title=title)
        parts = [f'<section id="table-{_text(counts.id or "")}"><h2>{_text(heading)}</h2>']
        trends = [t for t in summary.trends if t.table_id == counts.id]
        if trends:
            figures = "".join(
                _figure(t, [r for r in report.results if r.id == t.metric_id], summary, lang)
                for t in trends
            )
            parts.append(f'<div class="charts">{figures}</div>')
        untrended = [
            r
            for r in report.results
            if r.table_id == counts.id
            and r.kind is ResultKind.METRIC
            and not any(t.metric_id == r.id for t in trends)
        ]
        for result in untrended:
            parts.append(f"<h3>{_text(result_name(result, lang))}</h3>")
            parts.append(_outcome_line(result, lang))
        items = [r for r in report.results if r.table_id == counts.id and r.kind is ResultKind.ITEM]
        if items:
            parts.append(_items_table(items, agreement, lang))
        parts.append("</section>")
        yield "".join(parts)


def _footer(agreement: Agreement, report: CheckReport, lang: Lang) -> str:
    """Which agreement this is (title, diary numbers, date, parties, as far as it says) and what
    was read."""
    meta = agreement.meta
    title = in_lang(meta.title, meta.title_en, lang)
    identity = []
    if meta.diary_numbers:
        identity.append(("report.diary", ", ".join(meta.diary_numbers)))
    if meta.date is not None:
        date = meta.date
        dated = date.isoformat() if lang == "en" else f"{date.day}.{date.month}.{date.year}"
        identity.append(("report.date", dated))
    if meta.parties:
        parties = ", ".join(
            f"{clean(p.name)} ({message(f'party.{p.role}', lang)})" for p in meta.parties
        )
        identity.append(("report.parties", parties))
    sources = [
        ("report.agreement_file", report.agreement_file),
        ("report.actuals_files", ", ".join(report.actuals_files)),
    ]
    made = message("report.made_by", lang, version=__version__)
    known = _definitions(identity, lang) if identity else ""
    return (
        f"<footer><h2>{_text(message('report.agreement', lang))}</h2><p>{_text(title)}</p>"
        f"{known}<h2>{_text(message('report.sources', lang))}</h2>"
        f"{_definitions(sources, lang)}<p>{_text(made)}</p></footer>"
    )


def _definitions(rows: list[tuple[str, str]], lang: Lang) -> str:
    items = "".join(f"<dt>{_text(message(k, lang))}</dt><dd>{_text(v)}</dd>" for k, v in rows)
    return f"<dl>{items}</dl>"


def render_report(
    agreement: Agreement, report: CheckReport, summary: Summary, options: RenderOptions
) -> str:
    """The whole page; `summary` is `summarize(agreement, report)`."""
    lang = options.lang
    title = in_lang(summary.title, summary.title_en, lang)
    heading = message("report.title", lang, title=title, periods=", ".join(summary.periods))
    body = [
        f"<header><h1>{_text(heading)}</h1></header><main>",
        _summary_section(summary, lang),
        f'<ul class="legend">{legend(lang)}</ul>',
        *_table_sections(agreement, report, summary, lang),
        "</main>",
        _footer(agreement, report, lang),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(heading)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n"
        f"<body>\n{''.join(body)}\n</body>\n</html>\n"
    )
