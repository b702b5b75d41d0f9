"""Markdown to paste into a memo or an issue: a heading per agreement table, pipe tables, the
summary line in bold.

The same grids as plain text, so the two cannot disagree; what a row's verdict rests on is its
last column, since a pipe table has no room under a row. Pipe tables and headings cannot wrap;
every other paragraph is wrapped to the page's width. Text from files is escaped so that it shows
literally: no `|` closes a cell, no `*` starts emphasis, no `<` opens an HTML tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tulosmittari.i18n import message, word
from tulosmittari.numbers import Lang
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
from tulosmittari.render.layout import wrapped
from tulosmittari.safe_text import clean

if TYPE_CHECKING:
    from tulosmittari.diff import AgreementDiff
    from tulosmittari.problems import Problem
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement
    from tulosmittari.summary import Summary

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$])")
_BREAKS = re.compile(r"[\r\n\t]+")


def escape(text: str) -> str:
    """Shown literally inside a line: control characters visible, line breaks as spaces, every
    character Markdown (or the HTML it may contain) would act on backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", clean(text)))


def table(grid: Grid, lang: Lang) -> str:
    """A GitHub-flavoured pipe table; right-aligned columns stay right-aligned when rendered. A
    grid's row details become a last column, `Peruste`."""
    headers = list(grid.headers)
    rows = [list(row) for row in grid.rows]
    if any(grid.details):
        headers.append(message("col.reason", lang))
        for row, details in zip(rows, grid.details, strict=True):
            row.append("; ".join(details))
    rule = ["---:" if i in grid.right else "---" for i in range(len(headers))]
    lines = [_row(headers), "| " + " | ".join(rule) + " |", *(_row(row) for row in rows)]
    return "\n".join(lines)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(escape(c) for c in cells) + " |"


def _paragraph(text: str, width: int) -> str:
    """Escaped text wrapped to the page: a paragraph's line breaks do not show."""
    return "\n".join(wrapped(escape(text), width))


def _section(grid: Grid, level: str, lang: Lang, width: int) -> str | None:
    if grid.rows:
        note = f"\n\n{_paragraph(grid.note, width)}" if grid.note else ""
        return f"{level} {escape(grid.title)}\n\n{table(grid, lang)}{note}"
    if grid.empty is not None:
        return f"{level} {escape(grid.title)}\n\n{_paragraph(grid.empty, width)}"
    return None


def _document(
    title: str,
    grids: Iterable[Grid],
    footer: str | None,
    options: RenderOptions,
    level: str = "#",
) -> str:
    """A heading at `level`, a section a level below it per grid, then the footer (Markdown)."""
    parts = [f"{level} {escape(title)}"]
    sections = (_section(g, level + "#", options.lang, options.width) for g in grids)
    parts.extend(s for s in sections if s is not None)
    if footer is not None:
        parts.append(footer)
    return "\n\n".join(parts) + "\n"


def _strong(text: str, width: int) -> str:
    return "\n".join(wrapped(f"**{escape(text)}**", width))


def render_check(report: CheckReport, options: RenderOptions) -> str:
    lang = options.lang
    title, width = check_title(report, lang), options.width
    if not report.results:
        return _document(title, [], _paragraph(message("check.nothing", lang), width), options)
    grids = check_grids(report, lang, by_year=options.by_year, reasons=True)
    return _document(title, grids, _strong(summary_line(report, lang), width), options)


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    """One row per problem; a line saying so when there are none."""
    lang = options.lang
    if not problems:
        return escape(message("validate.clean", lang)) + "\n"
    grid = Grid(
        title="",
        headers=tuple(message(f"col.{k}", lang) for k in ("location", "severity", "message")),
        right=frozenset(),
        rows=tuple(
            (str(p.location), message(f"severity.{p.severity.value}", lang), word(p.message, lang))
            for p in problems
        ),
    )
    return table(grid, lang) + "\n"


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    grids = targets_grids(agreement, options.lang, year)
    return _document(agreement_title(agreement, options.lang), grids, None, options)


def render_summary(summary: Summary, options: RenderOptions) -> str:
    """What needs attention, `options.height` lines at most, or with `options.full` the whole
    summary."""
    # imported here: check, the common command, needs no summary
    from tulosmittari.render.summary_grids import (
        attention_grid,
        more_line,
        rows_that_fit,
        summary_grids,
        summary_heading,
    )

    lang, width = options.lang, options.width
    title = summary_heading(summary, lang)
    if not any(summary.total.values()):
        return _document(title, [], _paragraph(message("check.nothing", lang), width), options)
    if options.full:
        footer = _strong(counts_line(summary.total, lang), width)
        return _document(title, summary_grids(summary, lang), footer, options)
    counts = _strong(counts_line(summary.total, lang, marks=True), width)

    def screen(rows: int) -> str:
        section = _section(attention_grid(summary, lang, rows), "##", lang, width)
        parts = [f"# {escape(title)}", counts, section or ""]
        more = more_line(summary, rows, lang, _COMMAND)
        if more is not None:
            shown = escape(more).replace(_COMMAND, _code(options.check_command))
            parts.append("\n".join(wrapped(shown, width)))
        return "\n\n".join(parts) + "\n"

    return rows_that_fit(screen, len(summary.attention), options.height)


_COMMAND = "\ue000"  # where a command goes in a text to be escaped: a code span is not


def _code(text: str) -> str:
    """A code span, shown literally (its own backticks fenced by more of them)."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{clean(text).replace(chr(10), ' ')}{fence}"


def render_diff(diff: AgreementDiff, options: RenderOptions) -> str:
    """For a pull request or a CI step summary: a second-level heading, as it sits below others."""
    # imported here: only `tulos diff` words changes
    from tulosmittari.render.diff_grids import diff_grids, summary_text, title_text

    lang = options.lang
    footer = _strong(summary_text(diff, lang), options.width)
    return _document(title_text(diff, lang), diff_grids(diff, lang), footer, options, level="##")
