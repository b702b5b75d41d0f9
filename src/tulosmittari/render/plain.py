"""Plain text: tabulate's simple tables, no colour, no box drawing; the default off a terminal.

Lays out the shared grids (`render.grid`, and `render.diff_grids` for a diff), cleaning every
cell, since a grid holds raw text from files. `check`, `targets` and `diff` keep one line per row,
so that the output can be searched and diffed; the summary, made for one screen, shortens its
widest column to the width instead.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tulosmittari.i18n import message, problem_line
from tulosmittari.render import RenderOptions
from tulosmittari.render.grid import (
    Grid,
    check_grids,
    counts_line,
    fit,
    summary_grids,
    summary_heading,
    summary_line,
    targets_grids,
)
from tulosmittari.safe_text import clean

if TYPE_CHECKING:
    from tulosmittari.diff import AgreementDiff
    from tulosmittari.problems import Problem
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement
    from tulosmittari.summary import Summary

MIN_SHRUNK = 12  # a name shortened further than this no longer says which one it is


def layout(grid: Grid, width: int | None = None) -> str:
    """The grid as tabulate's `simple` table; with a width, the shrinking columns give way,
    the widest first, down to `MIN_SHRUNK` characters each."""
    # imported here: `validate` prints its problems as lines, without a table
    from tabulate import tabulate

    original = [list(grid.headers), *(list(row) for row in grid.rows)]
    original = [[clean(cell) for cell in line] for line in original]
    aligns = ["right" if i in grid.right else "left" for i in range(len(grid.headers))]
    limits = {i: max(len(line[i]) for line in original) for i in grid.shrink}
    while True:
        lines = [
            [fit(cell, limits[i]) if i in limits else cell for i, cell in enumerate(line)]
            for line in original
        ]
        text = tabulate(
            lines[1:], lines[0], tablefmt="simple", colalign=aligns, disable_numparse=True
        )
        excess = max(len(line) for line in text.splitlines()) - (width or 0)
        shrinkable = [i for i in limits if limits[i] > MIN_SHRUNK]
        if width is None or excess <= 0 or not shrinkable:
            return text
        for _ in range(excess):  # a header's padding may leave a little over: then go round
            widest = max(shrinkable, key=lambda i: limits[i])
            if limits[widest] > MIN_SHRUNK:
                limits[widest] -= 1


def _document(title: str, grids: Sequence[Grid], footer: str | None, width: int | None) -> str:
    parts = [clean(title)]
    for grid in grids:
        if grid.rows:
            note = f"\n{clean(grid.note)}" if grid.note else ""
            parts.append(f"{clean(grid.title)}\n{layout(grid, width)}{note}")
        elif grid.empty is not None:
            parts.append(f"{clean(grid.title)}\n{clean(grid.empty)}")
    if footer is not None:
        parts.append(textwrap.fill(footer, width) if width else footer)
    return "\n\n".join(parts) + "\n"


def render_check(report: CheckReport, options: RenderOptions) -> str:
    lang = options.lang
    title = message(
        "check.heading", lang, title=report.agreement_title, periods=", ".join(report.periods)
    )
    if not report.results:
        return _document(title, [], message("check.nothing", lang), None)
    grids = list(check_grids(report, lang, by_year=options.by_year))
    return _document(title, grids, summary_line(report, lang), None)


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    """`file:line:col: severity: message`, one a line: the form editors and CI jump to."""
    return "".join(f"{clean(problem_line(p, options.lang))}\n" for p in problems)


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    grids = list(targets_grids(agreement, options.lang, year))
    return _document(agreement.meta.title, grids, None, None)


def render_summary(summary: Summary, options: RenderOptions) -> str:
    lang = options.lang
    if not any(summary.total.values()):
        return _document(summary_heading(summary, lang), [], message("check.nothing", lang), None)
    grids = list(summary_grids(summary, lang))
    return _document(
        summary_heading(summary, lang), grids, counts_line(summary.total, lang), options.width
    )


def render_diff(diff: AgreementDiff, options: RenderOptions) -> str:
    # imported here: only `tulos diff` words changes
    from tulosmittari.render.diff_grids import diff_grids, summary_text, title_text

    lang = options.lang
    footer = clean(summary_text(diff, lang))
    return _document(title_text(diff, lang), diff_grids(diff, lang), footer, None)
