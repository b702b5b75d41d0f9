"""Markdown to paste into a memo or an issue: a heading per agreement table, pipe tables, the
summary line in bold.

The same grids as plain text, so the two cannot disagree. Text from files is escaped so that it
shows literally: no `|` closes a cell, no `*` starts emphasis, no `<` opens an HTML tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tulosmittari.i18n import message, word
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


def table(grid: Grid) -> str:
    """A GitHub-flavoured pipe table; right-aligned columns stay right-aligned when rendered."""
    rule = ["---:" if i in grid.right else "---" for i in range(len(grid.headers))]
    lines = [
        _row(grid.headers),
        "| " + " | ".join(rule) + " |",
        *(_row(row) for row in grid.rows),
    ]
    return "\n".join(lines)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(escape(c) for c in cells) + " |"


def _section(grid: Grid, level: str) -> str | None:
    if grid.rows:
        note = f"\n\n{escape(grid.note)}" if grid.note else ""
        return f"{level} {escape(grid.title)}\n\n{table(grid)}{note}"
    if grid.empty is not None:
        return f"{level} {escape(grid.title)}\n\n{escape(grid.empty)}"
    return None


def _document(title: str, grids: Iterable[Grid], footer: str | None, level: str = "#") -> str:
    """A heading at `level`, a section a level below it per grid, then the footer."""
    parts = [f"{level} {escape(title)}"]
    parts.extend(s for s in (_section(g, level + "#") for g in grids) if s is not None)
    if footer is not None:
        parts.append(footer)
    return "\n\n".join(parts) + "\n"


def render_check(report: CheckReport, options: RenderOptions) -> str:
    lang = options.lang
    title = message(
        "check.heading", lang, title=report.agreement_title, periods=", ".join(report.periods)
    )
    if not report.results:
        return _document(title, [], escape(message("check.nothing", lang)))
    footer = f"**{escape(summary_line(report, lang))}**"
    return _document(title, check_grids(report, lang, by_year=options.by_year), footer)


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
    return table(grid) + "\n"


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    return _document(agreement.meta.title, targets_grids(agreement, options.lang, year), None)


def render_summary(summary: Summary, options: RenderOptions) -> str:
    lang = options.lang
    title = summary_heading(summary, lang)
    if not any(summary.total.values()):
        return _document(title, [], escape(message("check.nothing", lang)))
    footer = f"**{escape(counts_line(summary.total, lang))}**"
    return _document(title, summary_grids(summary, lang), footer)


def render_diff(diff: AgreementDiff, options: RenderOptions) -> str:
    """For a pull request or a CI step summary: a second-level heading, as it sits below others."""
    # imported here: only `tulos diff` words changes
    from tulosmittari.render.diff_grids import diff_grids, summary_text, title_text

    lang = options.lang
    footer = f"**{escape(summary_text(diff, lang))}**"
    return _document(title_text(diff, lang), diff_grids(diff, lang), footer, level="##")
