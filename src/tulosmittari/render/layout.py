"""Grids laid out in columns of text no wider than the page: the one layout of plain text and of
the terminal, which differ only in how they draw rules and colour.

Figures keep their width; a grid's shrinking columns (names, texts) wrap at spaces, or, for a
view that keeps each row on one line, are cut with an ellipsis so that no two rows of different
things read the same. Where that is still too wide, the grid's optional columns are left out, and
as a last resort every column wraps. A row's details (what its verdict rests on) follow it on
lines of their own, indented, as wide as the page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tulosmittari.render.grid import ELLIPSIS, Grid, fit
from tulosmittari.safe_text import clean

GAP = 2  # spaces between columns
_BREAKS = frozenset("\t\n\x0b\x0c\r")  # the whitespace textwrap turns into spaces
INDENT = "  "  # before each line of a row's details
MIN_SHRUNK = 12  # a name wrapped or cut narrower than this no longer reads as one
MAX_WORD = 24  # a word longer than this may be broken when its column wraps
MIN_CUT = 10  # the narrowest a text gets below its floor before figures give way


@dataclass(frozen=True, slots=True)
class Layout:
    """A grid as lines of padded cells; `columns` says which of the grid's columns are shown."""

    columns: tuple[int, ...]
    widths: tuple[int, ...]
    header: tuple[tuple[str, ...], ...]  # the header's lines, a padded cell per shown column
    rows: tuple[tuple[tuple[str, ...], ...], ...]  # each row's lines, likewise
    details: tuple[tuple[str, ...], ...]  # each row's detail lines, indented

    @property
    def width(self) -> int:
        return sum(self.widths) + GAP * (len(self.widths) - 1)


def joined(cells: Sequence[str]) -> str:
    """One line of padded cells, without trailing spaces."""
    return (" " * GAP).join(cells).rstrip()


def wrapped(text: str, width: int) -> list[str]:
    """Free text wrapped at spaces to `width` (a word longer than that is broken)."""
    if len(text) <= width and text.strip() == text and not _BREAKS.intersection(text):
        return [text]  # what textwrap gives a line that fits, without its cost
    return textwrap.wrap(text, max(width, 1)) or [""]


def lay_out(grid: Grid, width: int, *, one_line: bool = False) -> Layout:
    """The grid within `width` columns; `one_line` cuts instead of wrapping (see the module).
    Every text is cleaned first: a grid holds raw text from files."""
    grid = replace(
        grid,
        headers=tuple(clean(h) for h in grid.headers),
        rows=tuple(tuple(clean(c) for c in row) for row in grid.rows),
        details=tuple(tuple(clean(d) for d in row) for row in grid.details),
    )
    shown = list(range(len(grid.headers)))
    widths = _widths(grid, shown, width, one_line)
    for column in grid.optional:
        if _total(widths.values()) <= width:
            break
        shown.remove(column)
        widths = _widths(grid, shown, width, one_line)
    if one_line and grid.names in shown and _total(widths.values()) > width:
        cut = {grid.names: min(widths[grid.names], MIN_CUT)}  # names below their floor
        _narrow(widths, cut, _total(widths.values()) - width)
    if _total(widths.values()) > width:  # the last resort: every column wraps (a cut figure
        one_line = False  # would mislead), texts below their floors before figures
        widths = _widths(grid, shown, width, one_line)
        texts = {i: min(widths[i], MIN_CUT) for i in shown if i in grid.shrink}
        excess = _narrow(widths, texts, _total(widths.values()) - width)
        _narrow(widths, dict.fromkeys(shown, 1), excess)
    cells = [[row[i] for i in shown] for row in grid.rows]
    if one_line and grid.names in shown:
        at = shown.index(grid.names)
        names = distinct([line[at] for line in cells], grid.keys, widths[grid.names])
        for line, name in zip(cells, names, strict=True):
            line[at] = name
    aligned = [(widths[i], i in grid.right) for i in shown]
    header = [grid.headers[i] for i in shown]
    return Layout(
        columns=tuple(shown),
        widths=tuple(widths[i] for i in shown),
        header=_lines(header, aligned, one_line),
        rows=tuple(_lines(line, aligned, one_line) for line in cells),
        details=tuple(
            ()
            if one_line
            else tuple(
                INDENT + part for detail in details for part in wrapped(detail, width - len(INDENT))
            )
            for details in (grid.details or [()] * len(grid.rows))
        ),
    )


def _total(widths: Iterable[int]) -> int:
    values = list(widths)
    return sum(values) + GAP * (len(values) - 1)


def _widths(grid: Grid, shown: list[int], width: int, one_line: bool) -> dict[int, int]:
    """Each column as wide as its widest cell or header, then narrowed: headers wider than their
    cells wrap first, then the shrinking columns give way (those that cede before the rest) down
    to their floor; one line a row, headers are cut last instead."""
    longest = {i: max((len(row[i]) for row in grid.rows), default=0) for i in shown}
    widths = {i: max(longest[i], len(grid.headers[i])) for i in shown}
    headers = {i: max(longest[i], 1 if one_line else _longest_word(grid.headers[i])) for i in shown}
    shrinking = {i: min(widths[i], _floor(grid, i, one_line)) for i in shown if i in grid.shrink}
    excess = _total(widths.values()) - width
    if not one_line:
        excess = _narrow(widths, headers, excess)
    excess = _narrow(widths, {i: shrinking[i] for i in grid.cede if i in shrinking}, excess)
    excess = _narrow(widths, shrinking, excess)
    _narrow(widths, {i: headers[i] for i in shown if i not in grid.shrink}, excess)
    return widths


def _floor(grid: Grid, column: int, one_line: bool) -> int:
    """How narrow a shrinking column may get: its floor in the grid, else MIN_SHRUNK; where it
    wraps, no narrower than its longest word (up to MAX_WORD), so that words are broken only
    where they are very long."""
    floor = grid.floor.get(column, MIN_SHRUNK)
    if one_line:
        return floor
    longest = max((_longest_word(row[column]) for row in grid.rows), default=0)
    return max(floor, min(longest, MAX_WORD))


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _narrow(widths: dict[int, int], floors: dict[int, int], excess: int) -> int:
    """Take `excess` columns from the widest of `floors`' columns, none below its floor; what
    could not be taken is returned."""
    while excess > 0:
        wider = [i for i in floors if widths[i] > floors[i]]
        if not wider:
            break
        widest = max(wider, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


def _lines(
    cells: Sequence[str], aligned: Sequence[tuple[int, bool]], one_line: bool
) -> tuple[tuple[str, ...], ...]:
    """A row of cells as lines of padded cells: each cell wrapped (or cut) to its width."""
    parts = [
        [fit(cell, width)] if one_line else wrapped(cell, width)
        for cell, (width, _) in zip(cells, aligned, strict=True)
    ]
    height = max(len(p) for p in parts)
    return tuple(
        tuple(
            _pad(part[n] if n < len(part) else "", width, right)
            for part, (width, right) in zip(parts, aligned, strict=True)
        )
        for n in range(height)
    )


def _pad(text: str, width: int, right: bool) -> str:
    return text.rjust(width) if right else text.ljust(width)


def distinct(texts: Sequence[str], keys: Sequence[str], width: int) -> list[str]:
    """Each text cut to `width`, so that texts of different keys never read the same.

    A plain cut keeps a text's beginning; where that makes different things look alike, their
    texts keep a beginning and an end instead (`Kehitykseen…kustannuksista, %`), the longest
    beginning that tells them apart; failing that, their keys, cut alike. No keys: each text is
    its own key.
    """
    keys = keys or texts
    cut = [fit(text, width) for text in texts]
    owners: dict[str, set[str]] = {}
    for text, key in zip(cut, keys, strict=True):
        owners.setdefault(text, set()).add(key)
    for shown, owned in owners.items():
        if len(owned) < 2:
            continue
        clash = [n for n, text in enumerate(cut) if text == shown]
        group = [keys[n] for n in clash]
        told = _told_apart([texts[n] for n in clash], group, width) or _told_apart(
            group, group, width
        )
        for n, text in zip(clash, told or [cut[n] for n in clash], strict=True):
            cut[n] = text
    return cut


def _ends(text: str, head: int, width: int, *, whole: bool) -> str | None:
    """`head` characters of the beginning, an ellipsis and as much of the end as fits `width`;
    `whole`: each part cut back to whole words, None where that loses half of either part."""
    start = text[:head]
    if whole and text[head : head + 1] not in ("", " "):
        start = start.rsplit(" ", 1)[0] if " " in start else ""
    start = start.rstrip()
    tail = text[len(text) - (width - 1 - len(start)) :]
    if whole and text[len(text) - len(tail) - 1 : len(text) - len(tail)] not in ("", " "):
        tail = tail.split(" ", 1)[1] if " " in tail else ""
    tail = tail.lstrip()
    if whole and (len(start) * 2 < head or len(tail) * 2 < width - 1 - head):
        return None
    return start + ELLIPSIS + tail


def _told_apart(texts: list[str], keys: list[str], width: int) -> list[str] | None:
    """The texts as beginning…end, no two keys alike: the beginning about two fifths of the
    width where that tells them apart (the end of a name is what usually differs), else the
    nearest split that does; whole words where any split of them does."""
    middle = max(1, (width - 1) * 2 // 5)
    heads = sorted(range(1, width - 1), key=lambda h: (abs(h - middle), -h))
    for whole in (True, False):
        for head in heads:
            shown = [
                text if len(text) <= width else _ends(text, head, width, whole=whole)
                for text in texts
            ]
            if any(s is None for s in shown):
                continue
            owners: dict[str | None, set[str]] = {}
            for text, key in zip(shown, keys, strict=True):
                owners.setdefault(text, set()).add(key)
            if all(len(owned) == 1 for owned in owners.values()):
                return [s for s in shown if s is not None]
    return None
