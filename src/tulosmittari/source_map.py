"""Where each key and value of a loaded YAML file was written, by data path.

The loader records positions as it builds the data; everything after it (the schema errors, the
checks, the evaluation, diff) asks this map, through the `Locator` protocol, where a value is,
and, for a formula's error, where a character inside a text value is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Final, Protocol

from tulosmittari.problems import DataPath, Location

BREAK_RE: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as libyaml's
_PROPERTIES_RE: Final = re.compile(r"(?:[!&][^ \t\r\n\x85\u2028\u2029]*[ \t]+)*")


class Mark(Protocol):
    """A place in the text as PyYAML's composer marks it (kept as it is: one for every node)."""

    @property
    def index(self) -> int:
        """Of the character, in the text."""
        ...

    @property
    def line(self) -> int:
        """0-based."""
        ...

    @property
    def column(self) -> int:
        """0-based, in characters."""
        ...


class Scalar(Protocol):
    """A text value as PyYAML's composer has it, to find a character inside it (formula errors)."""

    @property
    def style(self) -> str | None:
        """None or "" for plain text, "'", '"', "|" or ">"."""
        ...

    @property
    def value(self) -> str:
        """The text."""
        ...

    @property
    def start_mark(self) -> Mark:
        """Where it starts: at its tag or anchor, if it has one."""
        ...

    @property
    def end_mark(self) -> Mark:
        """Where it ends."""
        ...


@dataclass(frozen=True)
class SourceMap:
    """Line and column of every key and value of a loaded YAML file, by data path.

    A path through an alias continues in the anchored node, where the text actually is; a path
    that does not exist falls back to its nearest existing ancestor, so a problem about a missing
    field points at the object that lacks it.
    """

    file: str
    _text: str = field(default="", repr=False, compare=False)
    _line_starts: Sequence[int] = field(default=(0,), repr=False, compare=False)
    _values: Mapping[DataPath, Mark] = field(default_factory=dict, repr=False, compare=False)
    _keys: Mapping[DataPath, Mark] = field(default_factory=dict, repr=False, compare=False)
    _aliases: Mapping[DataPath, DataPath] = field(default_factory=dict, repr=False, compare=False)
    _scalars: Mapping[DataPath, Scalar] = field(default_factory=dict, repr=False, compare=False)

    def locate(self, path: Sequence[str | int]) -> Location:
        """Where the value at `path` starts (for a problem about the value)."""
        resolved, _ = self._resolve(path)
        return self._location(self._values.get(resolved) if resolved is not None else None)

    def locate_key(self, path: Sequence[str | int]) -> Location:
        """Where the key of the mapping entry at `path` is (for a problem about the key)."""
        resolved, exact = self._resolve(path)
        if resolved is None:
            return self._location(None)
        if exact and resolved in self._keys:
            return self._location(self._keys[resolved])
        return self._location(self._values.get(resolved))

    def locate_in_scalar(self, path: Sequence[str | int], offset: int) -> Location:
        """Where character `offset` of the text at `path` is; the value's start when unsure.

        Exact for plain and quoted scalars on one line, for literal (`|`) block scalars, and for
        folded or multi-line plain text whose lines join with single spaces.
        """
        resolved, exact = self._resolve(path)
        if resolved is None or not exact or resolved not in self._scalars:
            return self.locate(path)
        index = self._index_in_scalar(self._scalars[resolved], offset)
        line = bisect.bisect_right(self._line_starts, index)
        return Location(self.file, line, index - self._line_starts[line - 1] + 1)

    # -- internals --

    def _location(self, mark: Mark | None) -> Location:
        if mark is None:
            return Location(self.file)
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _resolve(self, path: Sequence[str | int]) -> tuple[DataPath | None, bool]:
        """The recorded path for `path`, following aliases; exact, or the nearest ancestor."""
        current: DataPath = tuple(path)
        for _ in range(len(self._aliases) + 1):
            if current in self._values:
                return current, True
            cut = len(current) - 1
            while cut >= 0 and current[:cut] not in self._values:
                cut -= 1
            if cut < 0:
                return None, False
            ancestor = current[:cut]
            target = self._aliases.get(ancestor)
            if target is None:
                return ancestor, False
            current = target + current[cut:]
        return None, False  # pragma: no cover - aliases cannot form a cycle

    def _index_in_scalar(self, scalar: Scalar, offset: int) -> int:
        style = scalar.style or ""
        start, end, value = scalar.start_mark.index, scalar.end_mark.index, scalar.value
        skip = _PROPERTIES_RE.match(self._text, start, end)
        content_start = skip.end() if skip else start
        raw = self._text[content_start:end]
        if not 0 <= offset <= len(value):
            return content_start
        if style in ("'", '"'):
            mapped = _quoted_index(raw, value, offset, style)
        elif style in ("|", ">"):
            mapped = _block_index(raw, value, offset, style)
        else:
            mapped = _plain_index(raw, value, offset)
        return content_start if mapped is None else content_start + mapped


def _lines_with_offsets(raw: str) -> list[tuple[int, str]]:
    """The lines of `raw` with the index where each starts."""
    lines: list[tuple[int, str]] = []
    start = 0
    for match in BREAK_RE.finditer(raw):
        lines.append((start, raw[start : match.start()]))
        start = match.end()
    lines.append((start, raw[start:]))
    return lines


def _segments_index(
    segments: list[tuple[int, str]], separator: str, value: str, offset: int
) -> int | None:
    """Map `offset` in `value` onto source segments that joined with `separator` make it."""
    joined = separator.join(text for _, text in segments)
    if joined.rstrip("\n ") != value.rstrip("\n "):
        return None
    position = 0
    for start, text in segments:
        if offset <= position + len(text):
            return start + offset - position
        position += len(text) + len(separator)
    return None


def _plain_index(raw: str, value: str, offset: int) -> int | None:
    segments = []
    for start, line in _lines_with_offsets(raw):
        stripped = line.lstrip(" \t")
        segments.append((start + len(line) - len(stripped), stripped.rstrip(" \t")))
    return _segments_index(segments, " ", value, offset)


def _quoted_index(raw: str, value: str, offset: int, quote: str) -> int | None:
    """Walk the quoted text's escapes on one line; give up on text spanning lines."""
    if BREAK_RE.search(raw):
        return None
    index, count = 1, 0
    widths = {"x": 4, "u": 6, "U": 10}
    while index < len(raw) - 1 and count < offset:
        if quote == "'" and raw.startswith("''", index):
            index += 2
        elif quote == '"' and raw[index] == "\\" and index + 1 < len(raw):
            index += widths.get(raw[index + 1], 2)
        else:
            index += 1
        count += 1
    return index if count == offset and index <= len(raw) - 1 else None


def _block_index(raw: str, value: str, offset: int, style: str) -> int | None:
    lines = _lines_with_offsets(raw)[1:]  # the first line is the header, `|-` or `>+2`
    header = raw.split("\n", 1)[0]
    if re.search(r"[1-9]", header):
        return None  # an explicit indentation indicator: leave it approximate
    indent = next((len(t) - len(t.lstrip(" ")) for _, t in lines if t.strip()), -1)
    if indent < 0:
        return None
    segments = [(start + indent, text[indent:]) for start, text in lines]
    while segments and not segments[-1][1].strip():
        segments.pop()
    if style == ">" and any(not text.strip() or text[0] in " \t" for _, text in segments):
        return None  # blank or more-indented lines fold differently
    return _segments_index(segments, "\n" if style == "|" else " ", value, offset)


def line_starts(text: str) -> list[int]:
    """The index where each line of `text` starts."""
    if not any(b in text for b in "\r\x85\u2028\u2029"):  # line feeds only: count in C
        return list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))
    return [0, *(match.end() for match in BREAK_RE.finditer(text))]
