"""Loading an agreement: YAML with source positions, then schema validation.

The YAML is read at the event level and turned into plain data by one loop with an explicit stack,
so that every key and value gets its line and column, nothing is ever constructed from a tag, and a
hostile file (a 'billion laughs', 100 000 nested brackets, binary junk) is rejected within the
limits below instead of exhausting memory, the stack or the CI job's time. Scalars resolve by a
small, deliberate table, never YAML 1.1's: `no`, `on`, `2024-01-01` and `0777` stay text, so the
strict schema reports them where a number or a bool is wanted instead of silently accepting them.

Pydantic's errors are mapped back onto the YAML by walking the data and the schema's types side by
side, so that a union's tag names in an error's `loc` are recognised as such and never mistaken
for keys, and every message names the field, the object and what to write instead.
"""

from __future__ import annotations

import bisect
import difflib
import re
import stat
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from itertools import accumulate
from pathlib import Path
from typing import Any, Final

import pydantic
import yaml
import yaml.events as ev
from pydantic import BaseModel

from tulosmittari.problems import InputError, Location, Problem, Severity
from tulosmittari.schema import Agreement, Slug, Year

# --- Limits ----------------------------------------------------------------------------------

MAX_BYTES: Final = 5 * 1024 * 1024
"""The bundled agreement is under 100 KB; 50 times that is still a real file, not an attack."""

MAX_DEPTH: Final = 64
"""An agreement nests about 8 levels; 64 leaves room and keeps every later walk shallow."""

MAX_NODES: Final = 200_000
"""Keys and values after alias expansion. A full agreement has a few thousand; 200 000 still
load in about half a second and a few tens of MB, while a 'billion laughs' needs 10^9 and is
stopped at its first aliases over the limit, none of them expanded (an alias adds its anchor's
counted size and shares the anchored object)."""

MAX_NUMBER_DIGITS: Final = 40
"""Far beyond any figure in euros; keeps `int()` clear of Python's 4300-digit conversion limit."""

DataPath = tuple[str | int, ...]

_STR_TAG: Final = "tag:yaml.org,2002:str"
_INT_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_BREAK_RE: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as libyaml's
_NOT_PRINTABLE_RE: Final = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_WORDS: Final[dict[str, Any]] = {
    "true": True,
    "false": False,
    "null": None,
    "~": None,
    "": None,
}
_PROPERTIES_RE: Final = re.compile(r"(?:[!&][^ \t\r\n\x85\u2028\u2029]*[ \t]+)*")
_WIN1252_HINT_CHARS: Final = "äöåÄÖÅéÉüÜ§°½€‚„…‘’“”•–—"  # what a Finnish export is full of

# --- Source map ------------------------------------------------------------------------------


# Where a text scalar was written, to find a character inside it (formula errors): its style
# ("" plain, "'", '"', "|" or ">"), the character indices of its start (its tag or anchor, if any)
# and of its end, and its value. A plain tuple: one is made for every text value.
_Span = tuple[str, int, int, str]


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
    _values: Mapping[DataPath, tuple[int, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _keys: Mapping[DataPath, tuple[int, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _aliases: Mapping[DataPath, DataPath] = field(default_factory=dict, repr=False, compare=False)
    _scalars: Mapping[DataPath, _Span] = field(default_factory=dict, repr=False, compare=False)

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
        return self._location(self._position(index))

    # -- internals --

    def _location(self, position: tuple[int, int] | None) -> Location:
        if position is None:
            return Location(self.file)
        return Location(self.file, position[0], position[1])

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

    def _position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1

    def _index_in_scalar(self, span: _Span, offset: int) -> int:
        style, start, end, value = span
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
    for match in _BREAK_RE.finditer(raw):
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
    if _BREAK_RE.search(raw):
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


# --- Reading the bytes -----------------------------------------------------------------------


def read_yaml(path: Path, *, display_name: str | None = None) -> tuple[Any, SourceMap]:
    """Read and parse one YAML file within the size limit; InputError when it is unusable."""
    file = display_name if display_name is not None else str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError.at(file, "this is a directory, not a file", code="unreadable")
        if not stat.S_ISREG(info.st_mode):
            raise InputError.at(file, "this is not a regular file", code="unreadable")
        if info.st_size > MAX_BYTES:
            raise _too_large(file, info.st_size)
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError.at(file, "the file does not exist", code="unreadable") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError.at(file, f"cannot read the file: {reason}", code="unreadable") from None
    return parse_yaml(data, file)


def _too_large(file: str, size: int) -> InputError:
    return InputError.at(
        file,
        f"the file is too large: {size} bytes, over the limit of 5 MiB ({MAX_BYTES} bytes)",
        code="too-large",
    )


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, index) + 1, column


def _decode(data: bytes, file: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at(
            file, "the file is UTF-16 encoded; save it as UTF-8", 1, 1, code="encoding"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise InputError.at(
            file,
            f"the file holds binary data (a NUL byte at line {line}, column {column}), "
            "not UTF-8 text",
            line,
            column,
            code="binary",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        byte = data[error.start]
        message = (
            f"the file is not valid UTF-8: the byte 0x{byte:02X} at line {line}, column {column} "
            "is not part of a UTF-8 character"
        )
        as_1252 = bytes([byte]).decode("cp1252", errors="replace")
        if as_1252 in _WIN1252_HINT_CHARS:
            message += (
                f"; it looks like Windows-1252 or Latin-1 text ('{as_1252}' as a single byte): "
                "save the file as UTF-8"
            )
        raise InputError.at(file, message, line, column, code="encoding") from None
    return text


def _check_text(text: str, file: str) -> str:
    """Strip a BOM and reject characters YAML does not allow, with their position."""
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _NOT_PRINTABLE_RE.search(text)
    if bad is not None:
        line_starts = _line_starts(text[: bad.start() + 1])
        line = len(line_starts)
        column = bad.start() - line_starts[-1] + 1
        char = bad.group()
        if char == "\x00":
            message = (
                f"the file holds binary data (a NUL byte at line {line}, column {column}), "
                "not UTF-8 text"
            )
            raise InputError.at(file, message, line, column, code="binary")
        raise InputError.at(
            file,
            f"the character U+{ord(char):04X} is not allowed in YAML text; remove it",
            line,
            column,
            code="encoding",
        )
    return text


def _line_starts(text: str) -> list[int]:
    if not any(b in text for b in "\r\x85\u2028\u2029"):  # line feeds only: count in C
        return list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))
    return [0, *(match.end() for match in _BREAK_RE.finditer(text))]


# --- Parsing events into data ----------------------------------------------------------------


def _make_parser(text: str) -> Any:
    """libyaml when available: fast, and it never recurses; else PyYAML's own parser."""
    if yaml.__with_libyaml__ and _USE_LIBYAML:
        from yaml._yaml import CParser

        return CParser(text)
    return _PurePythonParser(text)


_USE_LIBYAML = True  # tests switch this off to exercise the pure-Python parser


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = ("anchor", "container", "height", "key", "key_pending", "path")

    def __init__(self, container: dict[Any, Any] | list[Any], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: str | int = ""
        self.key_pending = False  # a key has arrived and waits for its value
        self.height = 1
        self.anchor: _Anchor | None = None


class _Anchor:
    __slots__ = ("column", "count", "done", "height", "line", "path", "start_count", "value")

    def __init__(self, value: Any, path: DataPath | None, line: int, column: int) -> None:
        self.value = value
        self.path = path
        self.line = line
        self.column = column
        self.count = 1
        self.start_count = 0
        self.height = 0
        self.done = False


def parse_yaml(text: str | bytes, file: str) -> tuple[Any, SourceMap]:
    """Parse YAML from memory into plain data and its source map; InputError when unusable."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise _too_large(file, size)
    decoded = _decode(text, file) if isinstance(text, bytes) else text
    decoded = _check_text(decoded, file)
    return _Builder(decoded, file).run()


_SYNTAX_HINTS: Final = (
    ("mapping values are not allowed", "put text that contains ': ' in quotes"),
    (
        "did not find expected key",
        "check the indentation: the keys of one mapping start in the same column",
    ),
    (
        "did not find expected '-' indicator",
        "check the indentation: the items of a list start in the same column",
    ),
    ("could not find expected ':'", "a key must end with ':'; put text with line breaks in quotes"),
    ("found unexpected end of stream", "a quote, '[' or '{' is not closed"),
    ("did not find expected ',' or ']'", "a '[' is not closed or a ',' is missing"),
    ("did not find expected ',' or '}'", "a '{' is not closed or a ',' is missing"),
    ("cannot start any token", "put text that starts with '@', '`' or '%' in quotes"),
    ("unknown escape character", "use single quotes, or write a backslash as '\\\\'"),
    ("expected <block end>", "check the indentation"),
    ("block sequence entries are not allowed", "start the '- ' list on a new, indented line"),
    ("did not find expected node content", "a value is missing"),
    ("undefined tag handle", "tags are not allowed; remove it"),
)


class _Builder:
    """One pass over the parser's events that builds plain data and records positions."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.line_starts = _line_starts(text)
        self.values: dict[DataPath, tuple[int, int]] = {}
        self.keys: dict[DataPath, tuple[int, int]] = {}
        self.aliases: dict[DataPath, DataPath] = {}
        self.scalars: dict[DataPath, _Span] = {}
        self.anchors: dict[str, _Anchor] = {}
        self.tab_columns: dict[int, int] = {}  # by 0-based line: 1-based column of a tab, or 0
        self.tabs = "\t" in text  # without any, no line needs looking at
        self.stack: list[_Frame] = []
        self.count = 0
        self.used_alias = False
        self.documents = 0
        self.root: Any = None

    def run(self, *, retry_deep: bool = True) -> tuple[Any, SourceMap]:
        parser = _make_parser(self.text)
        try:
            self._consume(parser)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            problem = error.problem or ""
            if "maximum nesting depth" in problem and mark is not None:
                raise self._deep_error(mark, retry_deep) from None
            raise self._syntax_error(error) from None
        except yaml.YAMLError as error:
            raise InputError.at(self.file, f"invalid YAML: {error}", code="syntax") from None
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()
        if self.root is None:
            raise InputError.at(self.file, "the file is empty", code="empty")
        source = SourceMap(
            self.file,
            self.text,
            self.line_starts,
            self.values,
            self.keys,
            self.aliases,
            self.scalars,
        )
        return self.root, source

    def _consume(self, parser: Any) -> None:
        """The event loop; a text, number or bool inside a collection, the most common event by
        far, is handled inline (a third of the time of a method per step), the rest by methods."""
        get_event = parser.get_event
        scalar_event = ev.ScalarEvent
        stack = self.stack
        values = self.values
        keys = self.keys
        scalars = self.scalars
        tab_columns = self.tab_columns
        tabs = self.tabs
        plain_words = _PLAIN_WORDS
        event: Any = get_event()
        while event is not None:
            if type(event) is not scalar_event or not stack or event.anchor is not None:
                self._handle(event)
                event = get_event()
                continue
            mark: Any = event.start_mark
            if tabs and tab_columns.get(mark.line) != 0:
                self._check_tab_indent(mark)
            tag = event.tag
            if tag is not None:
                self._check_tag(event)
            self.count += 1
            if self.count > MAX_NODES:
                self._count(0, mark)
            text = event.value
            style = event.style or ""
            if style or tag is not None:
                value: Any = text
            elif text in plain_words:
                value = plain_words[text]
            elif text[0] in "-0123456789":
                value = self._resolve_plain(text, mark.line + 1, mark.column + 1)
            else:
                value = text
            parent = stack[-1]
            container: Any = parent.container
            position = (mark.line + 1, mark.column + 1)
            if type(container) is dict:
                if not parent.key_pending:
                    if type(value) is str and value != "<<" and value not in container:
                        keys[(*parent.path, value)] = position
                        parent.key = value
                        parent.key_pending = True
                    else:
                        self._take_key(parent, container, value, *position, False)
                    event = get_event()
                    continue
                path = (*parent.path, parent.key)
                container[parent.key] = value
                parent.key_pending = False
            else:
                path = (*parent.path, len(container))
                container.append(value)
            values[path] = position
            if type(value) is str:
                end: Any = event.end_mark
                scalars[path] = (style, mark.index, end.index, value)
            event = get_event()

    # -- errors --

    def _error(self, message: str, line: int, column: int, code: str) -> InputError:
        return InputError.at(self.file, message, line, column, code=code)

    def _deep_error(self, mark: Any, retry: bool) -> InputError:
        """libyaml stops at 1000 levels before we see level 65; find level 65 in the prefix."""
        if retry:
            try:
                _Builder(self.text[: mark.index], self.file).run(retry_deep=False)
            except InputError as error:
                if error.problems[0].code == "too-deep":
                    return error
        return self._error(_too_deep_message(), mark.line + 1, mark.column + 1, "too-deep")

    def _syntax_error(self, error: yaml.MarkedYAMLError) -> InputError:
        mark = error.problem_mark or error.context_mark
        line = column = None
        if mark is not None:
            line, column = self._clamped(mark)
        problem = (error.problem or "").replace("\t", "\\t")
        if mark is not None and (self._tab_indent_at(mark.index) or "tab character" in problem):
            return InputError.at(
                self.file, "tabs are not allowed for indentation; use spaces", line, column, "tab"
            )
        message = f"invalid YAML: {problem or 'syntax error'}"
        if error.context:
            context = error.context
            cmark = error.context_mark
            if cmark is not None and cmark.line + 1 != line:
                context += f" from line {cmark.line + 1}"
            message += f" ({context})"
        hint = next((hint for needle, hint in _SYNTAX_HINTS if needle in problem), None)
        if hint:
            message += f"; {hint}"
        return InputError.at(self.file, message, line, column, "syntax")

    def _clamped(self, mark: Any) -> tuple[int, int]:
        """A mark's 1-based position; at the end of a file without a final line break, libyaml
        reports the line after the last, which an editor does not show."""
        if mark.line < len(self.line_starts):
            return mark.line + 1, mark.column + 1
        last = self.line_starts[-1]
        return len(self.line_starts), len(self.text) - last + 1

    def _tab_indent_at(self, index: int) -> bool:
        """Whether the character at `index` is a tab with only whitespace before it on its line."""
        if not 0 <= index < len(self.text) or self.text[index] != "\t":
            return False
        line_start = self.line_starts[bisect.bisect_right(self.line_starts, index) - 1]
        return not self.text[line_start:index].strip(" \t")

    def _check_tab_indent(self, mark: Any) -> None:
        """A node on a line whose indentation holds a tab: libyaml accepts some of those."""
        if not self.tabs:
            return
        tab = self.tab_columns.get(mark.line)
        if tab is None:
            text = self.text
            # libyaml may place an empty node at the end of the stream, past the last line
            start = index = self.line_starts[min(mark.line, len(self.line_starts) - 1)]
            while index < len(text) and text[index] in " \t":
                index += 1
            tab = text.find("\t", start, index) + 1 - start if "\t" in text[start:index] else 0
            self.tab_columns[mark.line] = tab
        if tab > 0:
            raise self._error(
                "tabs are not allowed for indentation; use spaces", mark.line + 1, tab, "tab"
            )

    # -- events --

    def _handle(self, event: Any) -> None:
        kind = type(event)
        if kind is ev.ScalarEvent:
            self._scalar(event)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            self._end()
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            self._start(event, kind is ev.MappingStartEvent)
        elif kind is ev.AliasEvent:
            self._alias(event)
        elif kind is ev.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark = event.start_mark
                raise self._error(
                    "the file holds more than one YAML document (a second '---'); "
                    "an agreement is one document",
                    mark.line + 1,
                    mark.column + 1,
                    "documents",
                )

    def _count(self, added: int, mark: Any) -> None:
        self.count += added
        if self.count > MAX_NODES:
            if self.used_alias:
                message = (
                    "too many nodes after alias expansion (a 'billion laughs' file?): "
                    f"the limit is {MAX_NODES}"
                )
            else:
                message = f"too many nodes: the limit is {MAX_NODES} keys and values"
            raise self._error(message, mark.line + 1, mark.column + 1, "too-many-nodes")

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is None or (tag == _STR_TAG and type(event) is ev.ScalarEvent):
            return
        short = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag
        mark = event.start_mark
        raise self._error(
            f"the tag '{short}' is not allowed; only '!!str' may be used",
            mark.line + 1,
            mark.column + 1,
            "tag",
        )

    def _scalar(self, event: Any) -> None:
        mark = event.start_mark
        self._check_tab_indent(mark)
        self._check_tag(event)
        self._count(1, mark)
        line, column = mark.line + 1, mark.column + 1
        style = event.style or ""
        if style or event.tag:
            value: Any = event.value
        else:
            value = self._resolve_plain(event.value, line, column)
            if not self.stack and event.value == "":
                raise InputError.at(self.file, "the file is empty", code="empty")
        path = self._place(value, line, column, 0, False)
        if path is not None and isinstance(value, str):
            self.scalars[path] = (style, mark.index, event.end_mark.index, value)
        if event.anchor is not None:
            anchor = _Anchor(value, path, line, column)
            anchor.done = True
            self.anchors[event.anchor] = anchor

    def _resolve_plain(self, text: str, line: int, column: int) -> Any:
        """The deliberate resolution table: everything not listed here stays text."""
        if text in _PLAIN_WORDS:
            return _PLAIN_WORDS[text]
        if len(text) > MAX_NUMBER_DIGITS + 2 and (
            _INT_RE.fullmatch(text) or _DECIMAL_RE.fullmatch(text)
        ):
            raise self._error(
                f"a number with more than {MAX_NUMBER_DIGITS} digits; put it in quotes if it is "
                "text",
                line,
                column,
                "number",
            )
        if _INT_RE.fullmatch(text):
            return int(text)
        if _DECIMAL_RE.fullmatch(text):
            return Decimal(text)
        return text

    def _start(self, event: Any, is_mapping: bool) -> None:
        mark = event.start_mark
        self._check_tab_indent(mark)
        self._check_tag(event)
        line, column = mark.line + 1, mark.column + 1
        if len(self.stack) + 1 > MAX_DEPTH:
            raise self._error(_too_deep_message(), line, column, "too-deep")
        self._count(1, mark)
        container: dict[Any, Any] | list[Any] = {} if is_mapping else []
        anchor = None
        if event.anchor is not None:
            anchor = _Anchor(container, None, line, column)
            anchor.start_count = self.count - 1
            self.anchors[event.anchor] = anchor
        path = self._place(container, line, column, 1, True)
        if path is None:  # pragma: no cover - _place raises for a collection as a key
            return
        frame = _Frame(container, path)
        if anchor is not None:
            anchor.path = path
            frame.anchor = anchor
        self.stack.append(frame)

    def _end(self) -> None:
        frame = self.stack.pop()
        if self.stack and frame.height + 1 > self.stack[-1].height:
            self.stack[-1].height = frame.height + 1
        if frame.anchor is not None:
            frame.anchor.count = self.count - frame.anchor.start_count
            frame.anchor.height = frame.height
            frame.anchor.done = True

    def _alias(self, event: Any) -> None:
        mark = event.start_mark
        self._check_tab_indent(mark)
        line, column = mark.line + 1, mark.column + 1
        name = event.anchor
        anchor = self.anchors.get(name)
        if anchor is None:
            raise self._error(
                f"the alias '*{name}' has no anchor '&{name}' before it", line, column, "alias"
            )
        if not anchor.done:
            raise self._error(
                f"the alias '*{name}' is inside its own anchor '&{name}' (line {anchor.line}): "
                "a recursive structure is not allowed",
                line,
                column,
                "alias",
            )
        self.used_alias = True
        self._count(anchor.count, mark)
        if len(self.stack) + anchor.height > MAX_DEPTH:
            raise self._error(
                f"{_too_deep_message()} (through the alias '*{name}')", line, column, "too-deep"
            )
        is_collection = isinstance(anchor.value, dict | list)
        path = self._place(anchor.value, line, column, anchor.height, is_collection)
        if path is not None and is_collection and anchor.path is not None:
            self.aliases[path] = anchor.path

    def _place(
        self, value: Any, line: int, column: int, height: int, is_collection: bool
    ) -> DataPath | None:
        """Put a node into its parent and record where it is; None when it was a key."""
        if not self.stack:
            if not is_collection or not isinstance(value, dict):
                raise self._error(
                    "the top level must be a mapping of keys and values (such as "
                    f"'schema_version: 1'), not {_describe(value)}",
                    line,
                    column,
                    "not-a-mapping",
                )
            self.root = value
            self.values[()] = (line, column)
            return ()
        parent = self.stack[-1]
        container = parent.container
        if isinstance(container, dict):
            if not parent.key_pending:
                self._take_key(parent, container, value, line, column, is_collection)
                return None
            path = (*parent.path, parent.key)
            container[parent.key] = value
            parent.key_pending = False
        else:
            path = (*parent.path, len(container))
            container.append(value)
        if height + 1 > parent.height:
            parent.height = height + 1
        self.values[path] = (line, column)
        return path

    def _take_key(
        self,
        parent: _Frame,
        container: dict[Any, Any],
        key: Any,
        line: int,
        column: int,
        is_collection: bool,
    ) -> None:
        if is_collection or type(key) not in (str, int):
            hint = "" if is_collection else "; put it in quotes to use it as text"
            raise self._error(
                f"a key must be text or a whole number (a year), not {_describe(key)}{hint}",
                line,
                column,
                "key",
            )
        if key == "<<":
            raise self._error(
                "merge keys ('<<') are not supported; write the keys out in full",
                line,
                column,
                "key",
            )
        path = (*parent.path, key)
        if key in container:
            first = self.keys[path][0]
            raise self._error(
                f"duplicate key {_quote(key)} (first at line {first})",
                line,
                column,
                "duplicate-key",
            )
        self.keys[path] = (line, column)
        parent.key = key
        parent.key_pending = True


def _too_deep_message() -> str:
    return f"the data is nested more than {MAX_DEPTH} levels deep"


# --- Describing values -----------------------------------------------------------------------


def _quote(value: Any, limit: int = 60) -> str:
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    return _scalar_text(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def _describe(value: Any) -> str:
    """A value as a reader would name it: `text 'abc'`, `the number 3`, `a list`."""
    if isinstance(value, str):
        return f"text {_quote(value)}"
    if isinstance(value, bool):
        return _scalar_text(value)
    if value is None:
        return "an empty value (null)"
    if isinstance(value, int | Decimal | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)  # pragma: no cover - the loader makes nothing else


# --- Loading an agreement --------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedAgreement:
    """An agreement with its source map, or the schema problems that stopped it."""

    agreement: Agreement | None
    source: SourceMap
    problems: list[Problem]


def load_agreement(path: Path) -> LoadedAgreement:
    """Read and validate an agreement file; InputError only when it is not usable YAML."""
    data, source = read_yaml(path)
    return _validate(data, source)


def load_agreement_text(text: str | bytes, file: str) -> LoadedAgreement:
    """The same from memory (tests, and an agreement at another git revision)."""
    data, source = parse_yaml(text, file)
    return _validate(data, source)


def _validate(data: Any, source: SourceMap) -> LoadedAgreement:
    try:
        agreement = Agreement.model_validate(data)
    except pydantic.ValidationError as error:
        return LoadedAgreement(None, source, problems_from_validation_error(error, data, source))
    return LoadedAgreement(agreement, source, [])


# --- Schema errors to problems ---------------------------------------------------------------


def _slug_pattern() -> str | None:
    for meta in typing.get_args(Slug)[1:]:
        for item in getattr(meta, "metadata", []):
            pattern = getattr(item, "pattern", None)
            if isinstance(pattern, str):
                return pattern
    return None  # pragma: no cover


def _bounds(metadata: Sequence[Any]) -> dict[str, Any]:
    """`ge`, `gt`, `le`, `lt`, `min_length`, `max_length` from Pydantic and annotated_types."""
    found: dict[str, Any] = {}
    pending = list(metadata)
    while pending:
        item = pending.pop()
        pending.extend(getattr(item, "metadata", None) or [])
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
            value = getattr(item, name, None)
            if value is not None:
                found.setdefault(name, value)
    return found


_SLUG_PATTERN: Final = _slug_pattern()
_YEAR_BOUNDS: Final = _bounds(typing.get_args(Year)[1:])

_EXPECTED: Final = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "decimal_type": "a number",
    "float_type": "a number",
    "date_type": "a date (YYYY-MM-DD)",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


@dataclass
class _Walk:
    """Where an error's `loc` leads in the data and in the schema."""

    path: DataPath  # the deepest existing data path
    present: bool  # the whole loc exists in the data
    node: Any  # the data at `path`
    tp: Any  # the schema type at the end, None when unknown
    metadata: list[Any]  # constraints of that type
    frames: list[tuple[type[BaseModel], Any, DataPath, bool]]  # models passed, with their data
    is_key: bool  # the error is about a mapping key
    unions: list[tuple[DataPath, Any]]  # untagged unions passed: their path and the member chosen


def _strip(tp: Any, metadata: list[Any] | None = None) -> Any:
    """Without Annotated and without `| None`, collecting the Annotated metadata."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            if metadata is not None:
                metadata.extend(args[1:])
            tp = args[0]
            continue
        if origin is typing.Union or origin is types.UnionType:
            members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _union_members(tp: Any) -> list[Any] | None:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return [arg for arg in typing.get_args(tp) if arg is not type(None)]
    return None


def _model(tp: Any) -> type[BaseModel] | None:
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _choose_member(members: list[Any], component: str | int) -> tuple[Any, bool] | None:
    """The union member a loc component names: by its Tag, or by Pydantic's name for it."""
    for member in members:
        metadata: list[Any] = []
        base = _strip(member, metadata)
        if any(isinstance(m, pydantic.Tag) and m.tag == component for m in metadata):
            return member, True
        if not isinstance(component, str):
            continue
        origin = typing.get_origin(base)
        if (isinstance(base, type) and base.__name__ == component) or (
            origin is not None and component.startswith(f"{getattr(origin, '__name__', '')}[")
        ):
            return member, False
    return None


def _walk(loc: Sequence[str | int], data: Any) -> _Walk:
    """Follow an error's `loc` through the schema and the data together.

    Components that select a union member (a Tag name, or Pydantic's `list[...]` and class names
    for an untagged union) move in the schema only; the rest are keys and indices of the data.
    A component the schema does not know is taken as a data key when the data has it, else skipped.
    """
    tp: Any = Agreement
    node = data
    path: list[str | int] = []
    present = True
    metadata: list[Any] = []
    frames: list[tuple[type[BaseModel], Any, DataPath, bool]] = [(Agreement, data, (), False)]
    unions: list[tuple[DataPath, Any]] = []
    is_key = False
    is_item = False  # whether the last data step entered a list item or a mapping's value
    for index, component in enumerate(loc):
        if component == "[key]":
            is_key = True
            continue
        members = _union_members(_strip(tp, metadata)) if tp is not None else None
        if members is not None:
            chosen = _choose_member(members, component)
            if chosen is not None:
                tp, tagged = chosen
                if not tagged:
                    unions.append((tuple(path), tp))
                _note_model(frames, tp, node, tuple(path), present, is_item)
                continue
            tp = None
        key_next = index + 1 < len(loc) and loc[index + 1] == "[key]"
        step, tp, metadata = _child_type(tp, component, key_next)
        found, child = _child_node(node, component) if present else (False, None)
        if found:
            node = child
            path.append(component)
            is_item = step != "field"
        elif step is not None:
            present = False
            continue
        else:
            continue
        _note_model(frames, tp, node, tuple(path), present, is_item)
    if tp is not None:
        tp = _strip(tp, metadata)
    return _Walk(tuple(path), present, node, tp, metadata, frames, is_key, unions)


def _child_node(node: Any, component: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and component in node:
        return True, node[component]
    if isinstance(node, list) and isinstance(component, int) and 0 <= component < len(node):
        return True, node[component]
    return False, None


def _note_model(
    frames: list[tuple[type[BaseModel], Any, DataPath, bool]],
    tp: Any,
    node: Any,
    path: DataPath,
    present: bool,
    is_item: bool,
) -> None:
    """Remember the model a data mapping is validated as, for naming it in messages."""
    model = _model(_strip(tp)) if tp is not None else None
    if not present or model is None or not isinstance(node, dict):
        return
    if frames[-1][2] == path:
        frames[-1] = (model, node, path, is_item)
    else:
        frames.append((model, node, path, is_item))


def _child_type(tp: Any, component: str | int, key_next: bool) -> tuple[str | None, Any, list[Any]]:
    """The kind of data step `component` is from `tp` ("field", "item" or None when the schema
    does not know it), with the type it leads to and that type's constraints."""
    if tp is None:
        return None, None, []
    tp = _strip(tp)
    model = _model(tp)
    if model is not None:
        info = model.model_fields.get(component) if isinstance(component, str) else None
        if info is None:
            return None, None, []
        return "field", info.annotation, list(info.metadata)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and isinstance(component, int):
        return "item", (args[0] if args else None), []
    if origin is dict:
        if not args:
            return "item", None, []
        return "item", (args[0] if key_next else args[1]), []
    return None, None, []


def _noun(model: type[BaseModel]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _format_path(path: DataPath) -> str:
    text = ""
    for component in path:
        if isinstance(component, int):
            text += f"[{component}]"
        else:
            text += f".{component}" if text else component
    return text


def _identity(obj: Any) -> str | None:
    ident = obj.get("id") if isinstance(obj, dict) else None
    return _quote(ident) if isinstance(ident, str | int) and not isinstance(ident, bool) else None


def _subject(frames: list[tuple[type[BaseModel], Any, DataPath, bool]]) -> str:
    """The object an error is in: `metric 'x'`, `a column of table 't'`, `'meta.validity'`.

    A list item or mapping value is named by its model and its id; an object that is a field's
    value is named by its path from the nearest such item.
    """
    if len(frames) == 1:
        return "the top level"
    model, obj, path, is_item = frames[-1]
    owner = next((f for f in reversed(frames[:-1]) if f[3] and _identity(f[1])), None)
    owner_path = owner[2] if owner is not None else ()
    of_owner = f" of {_noun(owner[0])} {_identity(owner[1])}" if owner is not None else ""
    if not is_item:
        return f"'{_format_path(path[len(owner_path) :])}'{of_owner}"
    ident = _identity(obj)
    if ident is not None:
        return f"{_noun(model)} {ident}"
    return f"{_article(_noun(model))}{of_owner}"


def _in(subject: str) -> str:
    return "at the top level" if subject == "the top level" else f"in {subject}"


def _allowed_values(tp: Any) -> list[Any] | None:
    base = _strip(tp) if tp is not None else None
    if isinstance(base, type) and issubclass(base, Enum):
        return [member.value for member in base]
    if typing.get_origin(base) is typing.Literal:
        return list(typing.get_args(base))
    return None


def _suggest(word: Any, choices: Sequence[Any]) -> str | None:
    if not isinstance(word, str) or not choices:
        return None
    by_lower = {str(choice).lower(): str(choice) for choice in choices}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def _number_hint(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if _INT_RE.fullmatch(text) or _DECIMAL_RE.fullmatch(text):
        return "; remove the quotes"
    if re.fullmatch(r"-?[0-9]+,[0-9]+", text):
        return "; use a decimal point, not a comma"
    if re.fullmatch(r"-?[0-9]{1,3}(?:[ _\u00a0][0-9]{3})+(?:\.[0-9]+)?", text):
        return "; write the digits without separators"
    if re.fullmatch(r"-?0[0-9]+(?:\.[0-9]+)?", text):
        return "; write it without leading zeros"
    if re.fullmatch(r"-?[0-9.]+[eE][-+]?[0-9]+", text):
        return "; write the number out in full, without an exponent"
    return ""


def _type_message(kind: str, walk: _Walk, value: Any, ctx: Mapping[str, Any]) -> str:
    expected = _EXPECTED.get(kind)
    if kind == "is_instance_of":
        expected = "a number" if ctx.get("class") == "Decimal" else f"a {ctx.get('class')}"
    model = _model(_strip(walk.tp)) if walk.tp is not None else None
    if kind in ("model_type", "model_attributes_type", "dict_type") and model is not None:
        expected = f"{_article(_noun(model))} (a mapping)"
    message = f"expected {expected}, got {_describe(value)}"
    if expected in ("a number", "a whole number"):
        message += _number_hint(value)
    elif expected == "text" and isinstance(value, int | Decimal | bool):
        message += "; put it in quotes"
    elif expected == "true or false" and isinstance(value, str):
        message += "; write true or false"
    elif kind == "date_type" and isinstance(value, str):
        shaped = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
        message += "; there is no such day" if shaped else "; write it as YYYY-MM-DD"
    elif expected == "a list" and isinstance(value, str):
        message += "; write it as [a, b] or as lines that start with '- '"
    return message


def _range_message(kind: str, walk: _Walk, value: Any, ctx: Mapping[str, Any]) -> str:
    bounds = {**_bounds(walk.metadata), **{k: v for k, v in ctx.items() if k in ("ge", "le")}}
    shown = _scalar_text(value)
    low, high = bounds.get("ge"), bounds.get("le")
    if low is not None and high is not None:
        if {"ge": low, "le": high} == _YEAR_BOUNDS:
            return f"year {shown} is out of range: use a year from {low} to {high}"
        return f"{shown} is out of range: use a value from {low} to {high}"
    if kind == "greater_than_equal":
        return f"{shown} is too small: the minimum is {ctx.get('ge')}"
    if kind == "greater_than":
        return f"{shown} is too small: it must be more than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"{shown} is too large: the maximum is {ctx.get('le')}"
    return f"{shown} is too large: it must be less than {ctx.get('lt')}"


def _items(count: Any) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _length_message(kind: str, walk: _Walk, ctx: Mapping[str, Any]) -> str:
    bounds = {**_bounds(walk.metadata), **ctx}
    low, high = bounds.get("min_length"), bounds.get("max_length")
    actual = ctx.get("actual_length")
    if low is not None and low == high:
        return f"expected exactly {_items(low)}, got {actual}"
    if kind == "too_short":
        return f"expected at least {_items(low)}, got {actual}"
    return f"expected at most {_items(high)}, got {actual}"


def _message(error: Mapping[str, Any], walk: _Walk, loc: Sequence[str | int]) -> str:
    kind = str(error["type"])
    value = error.get("input")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("extra_forbidden", "invalid_key"):
        key = walk.path[-1] if walk.path and walk.present else (loc[-1] if loc else "")
        model = walk.frames[-1][0]
        fields = list(model.model_fields)
        message = f"unknown field {_quote(key)} {_in(_subject(walk.frames))}"
        suggestion = _suggest(key, fields)
        if suggestion is not None:
            return f"{message}; did you mean '{suggestion}'?"
        if len(fields) <= 8:
            return f"{message}; use one of: {', '.join(fields)}"
        return f"{message}; remove it or correct its name"
    if kind == "missing":
        name = loc[-1] if loc else ""
        return f"missing required field {_quote(name)} {_in(_subject(walk.frames))}"
    allowed = _allowed_values(walk.tp) if kind in ("enum", "literal_error") else None
    if kind in ("enum", "literal_error"):
        choices = allowed if allowed is not None else re.findall(r"'([^']*)'", ctx["expected"])
        listed = ", ".join(_scalar_text(choice) for choice in choices) or ctx.get("expected", "")
        use = f"use one of {listed}" if len(choices) > 1 else f"use {listed}"
        message = f"{_quote(value)} is not a valid value: {use}"
        suggestion = _suggest(value, choices)
        return f"{message}; did you mean '{suggestion}'?" if suggestion else message
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _SLUG_PATTERN:
            message = f"{_quote(value)} is not a valid id: use a-z first, then a-z, 0-9 or _"
            return message + (" (at most 80 characters)" if len(str(value)) > 80 else "")
        return f"{_quote(value)} does not match the pattern {ctx.get('pattern')}"
    if kind == "string_too_short":
        return "the text must not be empty"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _range_message(kind, walk, value, ctx)
    if kind in ("too_short", "too_long"):
        return _length_message(kind, walk, ctx)
    if kind == "value_error":
        text = str(error.get("msg", "")).removeprefix("Value error, ").replace("`", "'")
        subject = _subject(walk.frames)
        return text if subject == "the top level" else f"{subject}: {text}"
    if kind in _EXPECTED or kind == "is_instance_of":
        return _type_message(kind, walk, value, ctx)
    return f"{error.get('msg', 'invalid value')}, got {_describe(value)}"


def _union_kind(tp: Any) -> str:
    base = _strip(tp)
    if typing.get_origin(base) is list:
        return "list"
    return "mapping" if _model(base) is not None else "scalar"


def _data_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    return "mapping" if isinstance(value, dict) else "scalar"


def _union_phrase(tp: Any) -> str:
    base = _strip(tp)
    if typing.get_origin(base) is list:
        items = typing.get_args(base)
        inner = _model(_strip(items[0])) if items else None
        return f"a list of {_noun(inner)}s" if inner is not None else "a list"
    model = _model(base)
    return _article(_noun(model)) if model is not None else "a value"


def _node_at(data: Any, path: DataPath) -> Any:
    node = data
    for component in path:
        node = node[component]
    return node


def problems_from_validation_error(
    error: pydantic.ValidationError, data: Any, source: SourceMap
) -> list[Problem]:
    """One problem per schema error, at the offending key or value, in plain words.

    An untagged union makes Pydantic report every member's errors; only the member that has the
    input's shape (a list, a mapping) is kept, and when none has, one problem names the shapes.
    """
    walked = []
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        walked.append((item, loc, _walk(loc, data)))

    by_union: dict[DataPath, list[int]] = {}
    for index, (_, _, walk) in enumerate(walked):
        if walk.unions:
            by_union.setdefault(walk.unions[0][0], []).append(index)
    dropped: set[int] = set()
    problems: list[Problem] = []
    for union_path, indices in by_union.items():
        kind = _data_kind(_node_at(data, union_path))
        matching = [i for i in indices if _union_kind(walked[i][2].unions[0][1]) == kind]
        if matching:
            dropped.update(i for i in indices if i not in matching)
            continue
        dropped.update(indices)
        members = []
        for i in indices:
            phrase = _union_phrase(walked[i][2].unions[0][1])
            if phrase not in members:
                members.append(phrase)
        value = _node_at(data, union_path)
        message = f"expected {' or '.join(members)}, got {_describe(value)}"
        problems.append(Problem(_value_location(source, data, union_path), message, code="schema"))

    for index, (item, loc, walk) in enumerate(walked):
        if index in dropped:
            continue
        message = _message(item, walk, loc)
        if item["type"] in ("extra_forbidden", "invalid_key") or walk.is_key:
            location = source.locate_key(walk.path)
        else:
            location = _value_location(source, data, walk.path)
        problems.append(Problem(location, message, Severity.ERROR, "schema"))

    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return unique


def _value_location(source: SourceMap, data: Any, path: DataPath) -> Location:
    """A scalar's own position; a mapping's or list's key, where the reader looks for it."""
    if path and isinstance(_node_at(data, path), dict | list):
        parent = _node_at(data, path[:-1])
        if isinstance(parent, dict):
            return source.locate_key(path)
    return source.locate(path)
