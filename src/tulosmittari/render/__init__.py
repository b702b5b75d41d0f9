"""Renderers: one module per output format, each consuming the same result models.

The registry below says, as data, which views each `--format` renders, so that the command line
can offer and explain exactly the formats of a command without importing any of them; a format's
module is imported only when chosen, so that start-up pays for one format, not all of them. A
renderer formats; it never judges or computes anything of its own.

A view is what a command shows, and each format module defines `render_<view>` for the views it
declares: `render_check(report, options)`, `render_summary(summary, options)`,
`render_targets(agreement, options, year)`, `render_problems(problems, options)` (what `validate`
found) and `render_diff(diff, options)`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the command line reads this module before it has a reason to load more
    from tulosmittari.numbers import Lang


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What every renderer needs to know about its reader.

    `width` is the page's in columns, which no line of text outgrows; `height` the lines a
    one-screen view (the summary) may take, None for as many as it needs; `full` asks for the
    full version of such a view, and `check_command` is the command that shows what the screen
    leaves out.
    """

    lang: Lang = "fi"
    width: int = 100
    color: bool = False
    by_year: bool = False
    height: int | None = None
    full: bool = False
    check_command: str = "tulos check"


View = Literal["check", "summary", "targets", "problems", "diff"]
VIEWS: tuple[View, ...] = ("check", "summary", "targets", "problems", "diff")
EVERY_VIEW = frozenset(VIEWS)


@dataclass(frozen=True, slots=True)
class Format:
    """A `--format` choice: the module rendering it, a line for `--help`, the views it renders."""

    name: str
    module: str
    help: str
    views: frozenset[View]


_REGISTRY = (
    Format("table", "tulosmittari.render.table", "tables for a terminal, in colour", EVERY_VIEW),
    Format("plain", "tulosmittari.render.plain", "text tables, for a pipe or a file", EVERY_VIEW),
    Format(
        "markdown",
        "tulosmittari.render.markdown",
        "for a memo, an issue or a pull request",
        EVERY_VIEW,
    ),
    Format("json", "tulosmittari.render.json", "the versioned contract for scripts", EVERY_VIEW),
    Format(
        "csv",
        "tulosmittari.render.csv",
        "a row per result or problem, for a spreadsheet",
        frozenset({"check", "problems"}),
    ),
    Format(
        "github",
        "tulosmittari.render.github",
        "annotations for GitHub Actions; check also appends a Markdown summary to "
        "$GITHUB_STEP_SUMMARY",
        frozenset({"check", "problems"}),
    ),
)
FORMATS: dict[str, Format] = {f.name: f for f in _REGISTRY}


def formats_for(view: View) -> list[Format]:
    """The formats rendering a view, in the order `--help` lists them."""
    return [f for f in FORMATS.values() if view in f.views]


def renderer(name: str) -> ModuleType:
    """The module rendering a format, imported now: it defines `render_<view>` for its views."""
    return importlib.import_module(FORMATS[name].module)
