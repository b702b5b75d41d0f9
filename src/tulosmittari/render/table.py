"""Tables for a terminal, in colour: grouped by agreement table, one row per target and period.

The same layout as plain text (`render.layout`), drawn with Rich for its colours: each outcome in
its colour, headings in bold, what a verdict rests on dimmed under its row. Every string from a
file goes in as a `Text`, never as markup, so a metric named `[bold]` prints literally.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

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
from tulosmittari.render.layout import GAP, lay_out, wrapped
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
        soft_wrap=True,  # lines are laid out to the width already
    )


class _Page:
    """Lines of styled text, as wide as the page at most."""

    def __init__(self, options: RenderOptions) -> None:
        self.buffer = io.StringIO()
        self.console = console_for(options, self.buffer)
        self.width = options.width

    def text(self, text: str, style: str = "") -> None:
        """Free text, wrapped to the page."""
        for line in wrapped(clean(text), self.width):
            self.console.print(Text(line, style=style))

    def blank(self) -> None:
        self.console.print()

    def grid(
        self,
        grid: Grid,
        styles: Sequence[Mapping[int, str]] | None = None,
        *,
        one_line: bool = False,
    ) -> None:
        """A grid's title, header, rows (each row's outcome in colour, or given `styles`, the
        cells each row's mapping names in its style), details and note; or its `empty` text."""
        if not grid.rows:
            if grid.empty is not None:
                self.text(grid.title, "bold")
                self.text(grid.empty)
            return
        column = grid.outcome_column
        if styles is None and column is not None:
            styles = [{column: OUTCOME_STYLE[o]} for o in grid.outcomes]
        styles = styles or [{}] * len(grid.rows)
        layout = lay_out(grid, self.width, one_line=one_line)
        count = len(grid.headers)
        place = {column: n for n, column in enumerate(layout.columns)}  # shown where
        self.text(grid.title, "bold")
        for line in layout.header:
            self.console.print(_joined(line, dict.fromkeys(range(len(line)), "bold")))
        self.console.print(Text("─" * layout.width, style="dim"))
        for row, details, row_styles in zip(layout.rows, layout.details, styles, strict=True):
            shown = {place[c % count]: s for c, s in row_styles.items() if c % count in place}
            for line in row:
                self.console.print(_joined(line, shown))
            for detail in details:
                self.console.print(Text(detail, style="dim"))
        if grid.note:
            self.text(grid.note, "dim")

    def value(self) -> str:
        return self.buffer.getvalue()


def _joined(cells: Sequence[str], styles: Mapping[int, str]) -> Text:
    """Padded cells as one line, each in its style; no trailing spaces."""
    line = Text()
    for n, cell in enumerate(cells):
        if n:
            line.append(" " * GAP)
        line.append(cell, style=styles.get(n, ""))
    line.rstrip()
    return line


def render_check(report: CheckReport, options: RenderOptions) -> str:
    page = _Page(options)
    lang = options.lang
    page.text(check_title(report, lang), "bold")
    if not report.results:
        page.text(message("check.nothing", lang))
    for grid in check_grids(report, lang, by_year=options.by_year):
        page.blank()
        page.grid(grid)
    page.blank()
    page.text(summary_line(report, lang), "bold")
    return page.value()


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    return "".join(f"{clean(problem_line(p, options.lang))}\n" for p in problems)


def render_targets(agreement: Agreement, options: RenderOptions, year: int | None) -> str:
    """The agreement's figures by table and year: the same grids as plain text, in Rich."""
    page = _Page(options)
    page.text(agreement_title(agreement, options.lang), "bold")
    for grid in targets_grids(agreement, options.lang, year):
        page.blank()
        page.grid(grid)
    return page.value()


def render_summary(summary: Summary, options: RenderOptions) -> str:
    """One screen for a meeting (`options.height` lines at most), or with `options.full` the
    whole summary, as wide as the terminal."""
    # imported here: check, the common command, needs no summary
    from tulosmittari.render.summary_grids import (
        attention_grid,
        more_line,
        rows_that_fit,
        summary_grids,
        summary_heading,
    )

    lang = options.lang

    def page_of(fill: Callable[[_Page], None]) -> str:
        page = _Page(options)
        page.text(summary_heading(summary, lang), "bold")
        fill(page)
        return page.value()

    if not any(summary.total.values()):
        return page_of(lambda page: page.text(message("check.nothing", lang)))
    if options.full:

        def everything(page: _Page) -> None:
            for grid in summary_grids(summary, lang):
                page.blank()
                page.grid(grid)
            page.blank()
            page.text(counts_line(summary.total, lang), "bold")

        return page_of(everything)

    def screen(rows: int) -> str:
        def fill(page: _Page) -> None:
            page.text(counts_line(summary.total, lang, marks=True), "bold")
            page.blank()
            page.grid(attention_grid(summary, lang, rows), one_line=True)
            more = more_line(summary, rows, lang, f"`{options.check_command}`")
            if more is not None:
                page.text(more)

        return page_of(fill)

    return rows_that_fit(screen, len(summary.attention), options.height)


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
    page = _Page(options)
    page.text(title_text(diff, lang), "bold")
    for grid, changes in zip(change_grids(diff, lang), change_groups(diff), strict=True):
        effects = [{-1: EFFECT_STYLE[c.effect.value]} if c.effect else {} for c in changes]
        page.blank()
        page.grid(grid, effects)
    if diff.periods:
        grid = flip_grid(diff, lang)
        outcomes = [
            {i: OUTCOME_STYLE[side.outcome] for i, side in ((-2, f.old), (-1, f.new)) if side}
            for f in diff.flips
        ]
        page.blank()
        page.grid(grid, outcomes)
    page.blank()
    page.text(summary_text(diff, lang), "bold")
    return page.value()
