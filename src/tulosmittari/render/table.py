"""Rich tables for a terminal: grouped by agreement table, one row per target and period.

Every string from a file goes in as a `Text`, never as markup, so a metric named `[bold]` prints
literally.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tulosmittari.i18n import message, problem_line
from tulosmittari.render import RenderOptions
from tulosmittari.render.grid import (
    Grid,
    check_grids,
    counts_line,
    summary_grids,
    summary_heading,
    summary_line,
    targets_grids,
)
from tulosmittari.results import Outcome
from tulosmittari.safe_text import clean

if TYPE_CHECKING:
    from tulosmittari.diff import AgreementDiff
    from tulosmittari.problems import Problem
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement
    from tulosmittari.summary import Summary

OUTCOME_STYLE = {
    Outcome.PASS: "green",
    Outcome.WARN: "yellow",
    Outcome.FAIL: "bold red",
    Outcome.INCOMPLETE: "magenta",
    Outcome.NO_DATA: "dim",
    Outcome.NO_TARGET: "dim",
}
EFFECT_STYLE = {  # an easier target is what a reviewer of a diff most wants to see
    "easier": "bold yellow",
    "harder": "cyan",
    "shifted": "cyan",
    "changed": "",
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


def _grid_table(grid: Grid, styles: Sequence[Mapping[int, str]] | None = None) -> Table:
    """A grid as a Rich table: only its shrinking columns wrap. Each row's outcome is in colour,
    or, given `styles`, the cells each row's mapping names (by column) in its style."""
    column = grid.outcome_column
    if styles is None:
        styles = (
            [{column: OUTCOME_STYLE[o]} for o in grid.outcomes]
            if column is not None
            else [{}] * len(grid.rows)
        )
    table = Table(
        title=Text(clean(grid.title), style="bold"), title_justify="left", box=box.SIMPLE_HEAD
    )
    for index, header in enumerate(grid.headers):
        table.add_column(
            Text(clean(header)),
            justify="right" if index in grid.right else "left",
            no_wrap=index not in grid.shrink,
            overflow="fold",
        )
    for row, row_styles in zip(grid.rows, styles, strict=True):
        cells = [Text(clean(cell)) for cell in row]
        for index, style in row_styles.items():
            cells[index].stylize(style)
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


def render_diff(diff: AgreementDiff, options: RenderOptions) -> str:
    """Each change's effect and each flip's outcomes in colour."""
    # imported here: only `tulos diff` words changes
    from tulosmittari.render.diff_grids import (
        change_grids,
        change_groups,
        flip_grid,
        summary_text,
        title_text,
    )

    lang = options.lang
    buffer = io.StringIO()
    console = console_for(options, buffer)
    console.print(Text(clean(title_text(diff, lang)), style="bold"))
    for grid, changes in zip(change_grids(diff, lang), change_groups(diff), strict=True):
        effects = [{-1: EFFECT_STYLE[c.effect.value]} if c.effect else {} for c in changes]
        console.print(_grid_table(grid, effects))
    if diff.periods:
        grid = flip_grid(diff, lang)
        outcomes = [
            {i: OUTCOME_STYLE[side.outcome] for i, side in ((-2, f.old), (-1, f.new)) if side}
            for f in diff.flips
        ]
        console.print(_grid_table(grid, outcomes) if grid.rows else Text(clean(grid.empty or "")))
    console.print(Text(clean(summary_text(diff, lang)), style="bold"))
    return buffer.getvalue()
