"""Plain text: columns of text no wider than the page, no colour, no box drawing; the default off a
terminal.

Lays out the shared grids (`render.grid`, `render.summary_grids`, and `render.diff_grids` for a
diff) with `render.layout`, the same layout the terminal draws in colour. Every row of a check is
followed by what its verdict rests on, its reason first: a file or a pipe has room for the whole
of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tulosmittari.i18n import message, problem_line
from tulosmittari.render import RenderOptions
from tulosmittari.render.grid import (
    Grid,
    agreement_title,
    check_grids,
    check_title,
    counts_line,
    summary_line,
    targets_grids,
)
from tulosmittari.render.layout import Layout, joined, lay_out, wrapped
from tulosmittari.safe_text import clean

if TYPE_CHECKING:
    from tulosmittari.diff import AgreementDiff
    from tulosmittari.problems import Problem
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement
    from tulosmittari.summary import Summary


def draw(layout: Layout) -> list[str]:
    """The header, a rule of dashes under each column, then each row and its details."""
    lines = [joined(line) for line in layout.header]
    lines.append(joined(["-" * width for width in layout.widths]))
    for row, details in zip(layout.rows, layout.details, strict=True):
        lines.extend(joined(line) for line in row)
        lines.extend(details)
    return lines


def paragraph(text: str, width: int) -> list[str]:
    return wrapped(clean(text), width)


def section(grid: Grid, width: int, *, one_line: bool = False) -> list[str]:
    """A grid's title, the grid and its note; its `empty` text when it has no rows."""
    if grid.rows:
        note = paragraph(grid.note, width) if grid.note else []
        laid_out = lay_out(grid, width, one_line=one_line)
        return [*paragraph(grid.title, width), *draw(laid_out), *note]
    if grid.empty is not None:
        return [*paragraph(grid.title, width), *paragraph(grid.empty, width)]
    return []


def _document(title: str, grids: Iterable[Grid], footer: str | None, width: int) -> str:
    parts = [paragraph(title, width)]
    parts.extend(s for s in (section(grid, width) for grid in grids) if s)
    if footer is not None:
        parts.append(paragraph(footer, width))
    return "\n\n".join("\n".join(part) for part in parts) + "\n"


def render_check(report: CheckReport, options: RenderOptions) -> str:
    lang, width = options.lang, options.width
    title = check_title(report, lang)
    if not report.results:
        return _document(title, [], message("check.nothing", lang), width)
    grids = check_grids(report, lang, by_year=options.by_year, reasons=True)
    return _document(title, grids, summary_line(report, lang), width)


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    """`file:line:col: severity: message`, one a line: the form editors and CI jump to, so
    never wrapped."""
    return "".join(f"{clean(problem_line(p, options.lang))}\n" for p in problems)


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    grids = targets_grids(agreement, options.lang, year)
    return _document(agreement_title(agreement, options.lang), grids, None, options.width)


def render_summary(summary: Summary, options: RenderOptions) -> str:
    """One screen (`options.height` lines at most), or with `options.full` the whole summary."""
    # imported here: check, the common command, needs no summary
    from tulosmittari.render.summary_grids import (
        attention_grid,
        more_line,
        rows_that_fit,
        summary_grids,
        summary_heading,
    )

    lang, width = options.lang, options.width
    heading = summary_heading(summary, lang)
    if not any(summary.total.values()):
        return _document(heading, [], message("check.nothing", lang), width)
    if options.full:
        grids = summary_grids(summary, lang)
        return _document(heading, grids, counts_line(summary.total, lang), width)
    counts = counts_line(summary.total, lang, marks=True)
    top = [*paragraph(heading, width), *paragraph(counts, width)]

    def screen(rows: int) -> str:
        more = more_line(summary, rows, lang, f"`{options.check_command}`")
        lines = [*top, "", *section(attention_grid(summary, lang, rows), width, one_line=True)]
        return "\n".join([*lines, *(paragraph(more, width) if more else [])]) + "\n"

    return rows_that_fit(screen, len(summary.attention), options.height)


def render_diff(diff: AgreementDiff, options: RenderOptions) -> str:
    # imported here: only `tulos diff` words changes
    from tulosmittari.render.diff_grids import diff_grids, summary_text, title_text

    lang = options.lang
    footer = summary_text(diff, lang)
    return _document(title_text(diff, lang), diff_grids(diff, lang), footer, options.width)
