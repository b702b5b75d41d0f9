"""Rich tables for a terminal: grouped by agreement table, one row per target and period.

Every string from a file goes in as a `Text`, never as markup, so a metric named `[bold]` prints
literally.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tulosmittari.i18n import in_lang, message
from tulosmittari.numbers import Lang
from tulosmittari.problems import Problem
from tulosmittari.render import (
    RenderOptions,
    cell_text,
    clean,
    counts_line,
    outcome_word,
    summary_line,
)
from tulosmittari.render.plain import Grid, check_grids, summary_grids, summary_heading
from tulosmittari.results import CheckReport, Outcome
from tulosmittari.schema import Agreement, Metric
from tulosmittari.summary import Summary

OUTCOME_STYLE = {
    Outcome.PASS: "green",
    Outcome.WARN: "yellow",
    Outcome.FAIL: "bold red",
    Outcome.NO_DATA: "dim",
    Outcome.NO_TARGET: "dim",
}


def console_for(options: RenderOptions, buffer: io.StringIO) -> Console:
    return Console(
        file=buffer,
        width=options.width,
        color_system="truecolor" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def outcome_text(outcome: Outcome, lang: Lang) -> Text:
    return Text(outcome_word(outcome, lang), style=OUTCOME_STYLE[outcome])


def render_check(report: CheckReport, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = console_for(options, buffer)
    lang = options.lang
    console.print(
        Text(
            message(
                "check.heading",
                lang,
                title=clean(report.agreement_title),
                periods=", ".join(report.periods),
            ),
            style="bold",
        )
    )
    if not report.results:
        console.print(message("check.nothing", lang))
    for grid in check_grids(report, lang, by_year=options.by_year, compact=True):
        console.print(_grid_table(grid))
    console.print(Text(summary_line(report, lang), style="bold"))
    return buffer.getvalue()


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    return "".join(f"{clean(str(p))}\n" for p in problems)


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    """The agreement's figures by table and year, targets marked binding or preliminary."""
    buffer = io.StringIO()
    console = console_for(options, buffer)
    lang = options.lang
    console.print(Text(clean(agreement.meta.title), style="bold"))
    for table in agreement.tables:
        columns = [c for c in table.columns if year is None or c.year == year]
        metrics = [m for m in table.metrics if isinstance(m, Metric) and m.printed]
        if metrics and columns:
            grid = Table(
                title=Text(
                    message(
                        "table.heading",
                        lang,
                        number=table.number,
                        title=clean(in_lang(table.title, table.title_en, lang)),
                    ),
                    style="bold",
                ),
                title_justify="left",
                box=box.SIMPLE_HEAD,
            )
            grid.add_column(message("col.metric", lang), ratio=3, overflow="fold")
            grid.add_column(message("col.unit", lang), overflow="fold")
            for column in columns:
                grid.add_column(Text(clean(column.label)), justify="right", overflow="fold")
            for metric in metrics:
                name = metric.name_en if lang == "en" and metric.name_en else metric.name
                cells = [Text(cell_text(metric.values.get(c.year), lang)) for c in columns]
                grid.add_row(Text(clean(name)), Text(clean(metric.unit)), *cells)
            console.print(grid)
        items = [
            (item_year, item)
            for group in table.groups
            for item_year, entries in group.years.items()
            if isinstance(entries, list)
            if year is None or item_year == year
            for item in entries
        ]
        if items:
            grid = Table(
                title=Text(
                    message(
                        "table.heading",
                        lang,
                        number=table.number,
                        title=clean(in_lang(table.title, table.title_en, lang)),
                    ),
                    style="bold",
                ),
                title_justify="left",
                box=box.SIMPLE_HEAD,
            )
            grid.add_column(message("col.id", lang), no_wrap=True)
            grid.add_column(message("col.period", lang), no_wrap=True)
            grid.add_column(message("col.item", lang), overflow="fold")
            for item_year, item in items:
                grid.add_row(Text(item.id), Text(str(item_year)), Text(clean(item.text)))
            console.print(grid)
    return buffer.getvalue()


def _grid_table(grid: Grid) -> Table:
    """A grid as a Rich table: only its shrinking columns wrap, its outcomes in colour."""
    table = Table(
        title=Text(clean(grid.title), style="bold"), title_justify="left", box=box.SIMPLE_HEAD
    )
    for index, header in enumerate(grid.headers):
        table.add_column(
            Text(clean(header)),
            justify="right" if index in grid.right else "left",
            no_wrap=index not in grid.shrink,
            overflow="fold",
            # the first shrinking column (a name or a text) gets most of the room
            ratio=(3 if index == grid.shrink[0] else 1) if index in grid.shrink else None,
        )
    for number, row in enumerate(grid.rows):
        cells = [Text(clean(cell)) for cell in row]
        if grid.outcome_column is not None:
            cells[grid.outcome_column].stylize(OUTCOME_STYLE[grid.outcomes[number]])
        table.add_row(*cells)
    if grid.note:
        table.caption = Text(clean(grid.note), style="dim")
        table.caption_justify = "left"
    return table


def render_summary(summary: Summary, options: RenderOptions) -> str:
    """One screen for a meeting: counts, misses and trends, as wide as the terminal."""
    buffer = io.StringIO()
    console = console_for(options, buffer)
    lang = options.lang
    console.print(Text(clean(summary_heading(summary, lang)), style="bold"))
    if not any(summary.total.values()):
        console.print(message("check.nothing", lang))
        return buffer.getvalue()
    for grid in summary_grids(summary, lang):
        if grid.rows:
            console.print(_grid_table(grid))
        elif grid.empty is not None:
            console.print(Text(clean(grid.title), style="bold"))
            console.print(Text(clean(grid.empty)))
    console.print(Text(counts_line(summary.total, lang), style="bold"))
    return buffer.getvalue()
