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

from tulosmittari.i18n import message, problem_line
from tulosmittari.numbers import Lang
from tulosmittari.problems import Problem
from tulosmittari.render import (
    RenderOptions,
    counts_line,
    outcome_word,
    summary_line,
)
from tulosmittari.render.plain import (
    Grid,
    check_grids,
    summary_grids,
    summary_heading,
    targets_grids,
)
from tulosmittari.results import CheckReport, Outcome
from tulosmittari.safe_text import clean
from tulosmittari.schema import Agreement
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
    return "".join(f"{clean(problem_line(p, options.lang))}\n" for p in problems)


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    """The agreement's figures by table and year: the same grids as plain text, in Rich."""
    buffer = io.StringIO()
    console = console_for(options, buffer)
    console.print(Text(clean(agreement.meta.title), style="bold"))
    for grid in targets_grids(agreement, options.lang, year):
        console.print(_grid_table(grid))
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
