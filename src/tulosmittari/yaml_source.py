"""YAML text to plain data and its source map, within limits a hostile file cannot get past.

The text, once checked (`yaml_text`), is composed into PyYAML's node tree (`yaml_composer`); one
loop with an explicit stack then walks the tree into dicts, lists and scalars, recording where
every key and value was written. Nothing is ever constructed from a tag, and scalars resolve by
a small, deliberate table (`resolve_plain`), never YAML 1.1's: `no`, `on`, `2024-01-01` and
`0777` stay text, so the strict schema reports them where a number or a bool is wanted instead of
silently accepting them.

A hostile file (a 'billion laughs', 100 000 nested brackets) is rejected within the limits below
instead of exhausting memory, the stack or the CI job's time: the composer goes no further than
the limits, and an alias is never expanded: it shares its anchor's data and adds its anchor's
size to the count. When the composer stops, on a limit or on an error, the part of the tree it
has built is walked first, so that the problem reported is the first one in the file.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from tulosmittari.problems import DataPath, InputError, Message
from tulosmittari.source_map import BREAK_RE, Mark, Scalar, SourceMap, line_starts
from tulosmittari.yaml_composer import (
    PLAIN,
    STR_TAG,
    UNFINISHED,
    UNTAGGED,
    Composition,
    LimitError,
    alias_name,
    written_tag,
    yaml_error,
)
from tulosmittari.yaml_text import checked_text, read_file

# --- Limits ----------------------------------------------------------------------------------

MAX_DEPTH: Final = 64
"""An agreement nests about 8 levels; 64 leaves room and keeps every later walk shallow."""

MAX_NODES: Final = 200_000
"""Keys and values after alias expansion. A full agreement has a few thousand; 200 000 still
load in about half a second and a few tens of MB, while a 'billion laughs' needs 10^9 and is
stopped at its first aliases over the limit, none of them expanded (an alias adds its anchor's
counted size and shares the anchored object)."""

MAX_NUMBER_DIGITS: Final = 40
"""Far beyond any figure in euros; keeps `int()` clear of Python's 4300-digit conversion limit."""

# --- Plain scalars ---------------------------------------------------------------------------

_INT_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL_RE: Final = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NUMBER_START: Final = "-0123456789"  # resolve_plain leaves other text but _PLAIN_WORDS as it is
_PLAIN_WORDS: Final[dict[str, Any]] = {
    "true": True,
    "false": False,
    "null": None,
    "~": None,
    "": None,
}


class NumberTooLongError(ValueError):
    """A plain scalar of digits too long to be a figure."""


def resolve_plain(text: str) -> Any:
    """The value a plain (unquoted, untagged) scalar stands for; everything not listed stays text.

    The one place where a scalar's text becomes a value. NumberTooLongError for a number too long
    to be a figure.
    """
    if text in _PLAIN_WORDS:
        return _PLAIN_WORDS[text]
    if text[0] not in _NUMBER_START:
        return text
    if _INT_RE.fullmatch(text):
        number: Any = int
    elif _DECIMAL_RE.fullmatch(text):
        number = Decimal
    else:
        return text
    if len(text) > MAX_NUMBER_DIGITS + 2:
        raise NumberTooLongError(text)
    return number(text)


# --- Describing values -----------------------------------------------------------------------


def quote(value: Any, limit: int = 60) -> str:
    """Text in quotes, shortened; other values as written in YAML."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    return scalar_text(value)


def scalar_text(value: Any) -> str:
    """A scalar as it is written in YAML: `true`, `null`, `3.5`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def describe(value: Any) -> Message:
    """A value as a reader would name it: `text 'abc'`, `the number 3`, `a list`."""
    if isinstance(value, str):
        return Message("yaml.value.text", text=quote(value))
    if isinstance(value, bool):
        return Message("yaml.value.bool", word=scalar_text(value))
    if value is None:
        return Message("yaml.value.null")
    if isinstance(value, int | Decimal | float):
        return Message("yaml.value.number", number=str(value))  # as written in the file
    if isinstance(value, dict):
        return Message("yaml.value.mapping")
    if isinstance(value, list):
        return Message("yaml.value.list")
    raise TypeError(type(value))  # pragma: no cover - the loader makes nothing else


# --- Parsing ---------------------------------------------------------------------------------


def read_yaml(path: Path, *, display_name: str | None = None) -> tuple[Any, SourceMap]:
    """Read and parse one YAML file within the size limit; InputError when it is unusable."""
    file = display_name if display_name is not None else str(path)
    return parse_yaml(read_file(path, file), file)


def parse_yaml(text: str | bytes, file: str, *, libyaml: bool = True) -> tuple[Any, SourceMap]:
    """Parse YAML from memory into plain data and its source map; InputError when unusable.

    `libyaml=False` composes with PyYAML's pure-Python code even when libyaml is installed: five
    to ten times slower, with the same data, positions and messages (a syntax error's wording
    aside); the tests run both.
    """
    checked = checked_text(text, file)
    with _no_cycle_collection():
        return _Builder(checked, file).build(libyaml=libyaml and yaml.__with_libyaml__)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the tree is built: it would pass over its nodes and
    marks, four objects a node that live until the walk is done, again and again for nothing,
    a fifth of the time of a load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- Walking the tree into data --------------------------------------------------------------


class _UnfinishedError(Exception):
    """The walk of a tree the composer did not finish has reached the point where it stopped."""


class _Frame:
    """A mapping or sequence whose items the walk is going through."""

    __slots__ = ("alias_end", "container", "height", "index", "items", "key", "node", "path")

    def __init__(self, node: Node, container: dict[Any, Any] | list[Any], path: DataPath) -> None:
        self.node = node
        self.items: list[Any] = node.value
        self.index = 0  # of the next item; a mapping's items are its (key, value) pairs
        self.container = container
        self.path = path
        self.key: str | int = ""  # of the mapping value being placed
        self.height = 1
        self.alias_end = (-2, 0)  # which item the last alias here was (see _alias_index), its end


class _Anchor:
    """A node seen once, in a file that may have aliases: what an alias of it stands for."""

    __slots__ = ("done", "height", "mark", "path", "size", "start_count", "value")

    def __init__(self, value: Any, path: DataPath | None, mark: Mark, start_count: int) -> None:
        self.value = value
        self.path = path
        self.mark = mark
        self.start_count = start_count
        self.size = 1  # nodes counted, aliases within it expanded
        self.height = 0  # levels of mappings and sequences
        self.done = False


class _Builder:
    """One walk over the composed tree that builds plain data and records positions."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.line_starts = line_starts(text)
        self.values: dict[DataPath, Mark] = {}
        self.keys: dict[DataPath, Mark] = {}
        self.aliases: dict[DataPath, DataPath] = {}
        self.scalars: dict[DataPath, Scalar] = {}
        self.tab_columns: dict[int, int] = {}  # by 0-based line: 1-based column of a tab, or 0
        self.tabs = "\t" in text  # without any, no line needs looking at
        self.bangs = "!" in text  # without any, no node has the tag '!'
        # every node seen, when there may be anchors: a node met again is an alias
        self.seen: dict[Node, _Anchor] | None = {} if "&" in text else None
        self.stack: list[_Frame] = []
        self.count = 0
        self.used_alias = False
        self.root: Any = None

    def build(self, *, libyaml: bool, retry_deep: bool = True) -> tuple[Any, SourceMap]:
        composition = Composition(
            self.text, libyaml=libyaml, max_depth=MAX_DEPTH, max_nodes=MAX_NODES
        )
        second = stop = None
        try:
            root = composition.root()
            if root is not None:
                self._walk(root)
                second = composition.second_document()
        except (LimitError, yaml.MarkedYAMLError) as error:
            stop = error
        except yaml.YAMLError as error:
            message = Message("yaml.invalid", detail=str(error))
            raise InputError.at(self.file, message, code="syntax") from None
        finally:
            composition.close()
        if isinstance(stop, yaml.MarkedYAMLError):
            self._walk_unfinished(composition.unfinished_root())
            mark = stop.problem_mark
            if "maximum nesting depth" in (stop.problem or "") and mark is not None:
                raise self._deep_error(mark, libyaml, retry_deep)
            raise yaml_error(stop, self.text, self.line_starts, self.file)
        if stop is not None:
            self._walk_unfinished(composition.unfinished_root())
            raise AssertionError("the walk stops at the limit")  # pragma: no cover
        if second is not None:
            raise self._error(Message("yaml.documents"), second, "documents")
        if self.root is None:
            raise InputError.at(self.file, Message("yaml.empty"), code="empty")
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

    def _walk_unfinished(self, root: Node | None) -> None:
        """Walk the part of the tree built before the composer stopped, for a problem in it
        to be reported first, as it comes first in the file."""
        if root is not None:
            with contextlib.suppress(_UnfinishedError):
                self._walk(root)

    def _walk(self, root: Node) -> None:
        """The loop. Nodes without a tag, an anchor or a tab before them, nearly all of them, are
        handled inline (a third of the time of a method call per node); the rest (flow mappings
        too, for `_check_flow_commas`), and every node of a text that may have anchors, by
        `_place`."""
        self._place(root, None, 0, False)
        stack = self.stack
        text = self.text
        values = self.values
        keys = self.keys
        scalars = self.scalars
        tab_columns = self.tab_columns
        tabs = self.tabs
        bangs = self.bangs
        general = self.seen is not None  # every node may be an alias: no inline handling
        scalar_node = ScalarNode
        plain = PLAIN
        str_tag = STR_TAG
        untagged = UNTAGGED
        mapping_node = MappingNode
        plain_words = _PLAIN_WORDS
        number_start = _NUMBER_START
        count = self.count
        key: Any = None
        inline: bool
        while stack:
            frame = stack[-1]
            container: Any = frame.container
            base = frame.path
            is_mapping = type(container) is dict
            items = frame.items
            for index in range(frame.index, len(items)):
                if is_mapping:
                    key_node, node = items[index]
                    if general or type(key_node) is not scalar_node:
                        inline = False
                    else:
                        mark: Any = key_node.start_mark
                        style = key_node.style
                        if style:
                            inline = key_node.tag is str_tag
                        else:
                            inline = key_node.tag is plain and not (
                                bangs and text.startswith("!", mark.index)
                            )
                    if not inline:
                        self.count = count
                        self._place(key_node, frame, 2 * index, True)
                        count = self.count
                        key = frame.key
                        path = (*base, key)
                    else:
                        if tabs and tab_columns.get(mark.line) != 0:
                            self._check_tab_indent(mark.line)
                        count += 1
                        if count > MAX_NODES:
                            self.count = count
                            self._count(0, mark)
                        key = key_node.value
                        if not style:
                            if key in plain_words:
                                key = plain_words[key]
                            elif key[0] in number_start:
                                key = self._resolve(key, mark)
                        path = (*base, key)
                        if type(key) is str and key != "<<" and key not in container:
                            keys[path] = mark
                        else:
                            self._take_key(frame, key, mark, False)
                    ordinal = 2 * index + 1
                else:
                    node = items[index]
                    path = (*base, index)
                    ordinal = index
                if general:
                    inline = False
                elif type(node) is scalar_node:
                    mark = node.start_mark
                    style = node.style
                    if style:
                        inline = node.tag is str_tag
                    else:
                        inline = node.tag is plain and not (
                            bangs and text.startswith("!", mark.index)
                        )
                else:  # a mapping or sequence, entered here when it needs no checks but depth
                    mark = node.start_mark
                    if (
                        node.tag is untagged
                        and not (bangs and text.startswith("!", mark.index))
                        and len(stack) < MAX_DEPTH
                        and not (tabs and tab_columns.get(mark.line) != 0)
                        and not (node.flow_style and type(node) is mapping_node)
                    ):
                        count += 1
                        if count > MAX_NODES:
                            self.count = count
                            self._count(0, mark)
                        child: Any = {} if type(node) is mapping_node else []
                        if is_mapping:
                            container[key] = child
                        else:
                            container.append(child)
                        values[path] = mark
                        frame.index = index + 1
                        stack.append(_Frame(node, child, path))
                        break
                    inline = False
                if not inline:
                    frame.index = index + 1
                    frame.key = key
                    self.count = count
                    self._place(node, frame, ordinal, False)
                    count = self.count
                    if stack[-1] is not frame:
                        break  # into the collection just entered
                    continue
                if tabs and tab_columns.get(mark.line) != 0:
                    self._check_tab_indent(mark.line)
                count += 1
                if count > MAX_NODES:
                    self.count = count
                    self._count(0, mark)
                value = node.value
                if not style:
                    if value in plain_words:
                        value = plain_words[value]
                    elif value[0] in number_start:
                        value = self._resolve(value, mark)
                if is_mapping:
                    container[key] = value
                else:
                    container.append(value)
                values[path] = mark
                if type(value) is str:
                    scalars[path] = node
            else:
                stack.pop()
                if general:
                    self._leave(frame)
        self.count = count

    # -- one node --

    def _place(self, node: Node, frame: _Frame | None, ordinal: int, as_key: bool) -> None:
        """Check one node, build its value and put it in place: the general case of the walk."""
        if node is UNFINISHED:
            raise _UnfinishedError
        seen = self.seen
        if seen is not None and node in seen:
            assert frame is not None  # the root is never an alias
            self._alias(seen[node], frame, ordinal, as_key)
            return
        mark = node.start_mark
        if self.tabs:
            self._check_tab_indent(mark.line)
        self._check_tag(node)
        if isinstance(node, ScalarNode):
            self._count(1, mark)
            value = node.value
            if node.tag is PLAIN:
                value = self._resolve(value, mark)
                if frame is None and node.value == "":
                    raise InputError.at(self.file, Message("yaml.empty"), code="empty")
            path = self._put(value, frame, mark, 0, as_key)
            if path is not None and isinstance(value, str):
                self.scalars[path] = node
            if seen is not None:
                anchor = seen[node] = _Anchor(value, path, mark, self.count - 1)
                anchor.done = True
            return
        if len(self.stack) + 1 > MAX_DEPTH:
            raise self._error(_too_deep_message(), mark, "too-deep")
        self._count(1, mark)
        if isinstance(node, MappingNode) and node.flow_style:
            self._check_flow_commas(node)
        container: dict[Any, Any] | list[Any] = {} if isinstance(node, MappingNode) else []
        path = self._put(container, frame, mark, 1, as_key)
        if path is None:  # pragma: no cover - _put raises for a collection as a key
            return
        if seen is not None:
            seen[node] = _Anchor(container, path, mark, self.count - 1)
        self.stack.append(_Frame(node, container, path))

    def _leave(self, frame: _Frame) -> None:
        """A collection is done: what an alias of it adds to the count and to the depth."""
        if self.stack and frame.height + 1 > self.stack[-1].height:
            self.stack[-1].height = frame.height + 1
        assert self.seen is not None
        anchor = self.seen[frame.node]
        anchor.size = self.count - anchor.start_count
        anchor.height = frame.height
        anchor.done = True

    def _alias(self, anchor: _Anchor, frame: _Frame, ordinal: int, as_key: bool) -> None:
        index, name = self._alias_index(frame, ordinal)
        line = bisect.bisect_right(self.line_starts, index) - 1
        mark = yaml.Mark(self.file, index, line, index - self.line_starts[line], None, 0)
        if self.tabs:
            self._check_tab_indent(line)
        if not anchor.done:
            message = Message("yaml.recursive_alias", name=name, line=anchor.mark.line + 1)
            raise self._error(message, mark, "alias")
        self.used_alias = True
        self._count(anchor.size, mark)
        if len(self.stack) + anchor.height > MAX_DEPTH:
            message = Message("yaml.too_deep_alias", limit=MAX_DEPTH, name=name)
            raise self._error(message, mark, "too-deep")
        frame.alias_end = (ordinal, index + 1 + len(name))
        is_collection = isinstance(anchor.value, dict | list)
        path = self._put(anchor.value, frame, mark, anchor.height, as_key)
        if path is not None and is_collection and anchor.path is not None:
            self.aliases[path] = anchor.path

    def _alias_index(self, frame: _Frame, ordinal: int) -> tuple[int, str]:
        """Where the alias that is item `ordinal` of `frame` is written, and its name.

        The tree has the anchored node where an alias was: the alias is the first '*' outside a
        comment after the item before it (or the collection's start), since between two items
        there is only space, comments and indicators. A mapping's key is item 2i, its value 2i+1.
        """
        if frame.alias_end[0] == ordinal - 1:
            start = frame.alias_end[1]
        elif ordinal == 0:
            start = frame.node.start_mark.index
        elif isinstance(frame.node, MappingNode):
            start = frame.items[(ordinal - 1) // 2][(ordinal - 1) % 2].end_mark.index
        else:
            start = frame.items[ordinal - 1].end_mark.index
        text = self.text
        star = text.find("*", start)
        comment = text.find("#", start, star)
        while comment >= 0:
            line_end = BREAK_RE.search(text, comment)
            start = line_end.end() if line_end else len(text)
            star = text.find("*", start)
            comment = text.find("#", start, star)
        return star, alias_name(text, star)

    def _put(
        self, value: Any, frame: _Frame | None, mark: Mark, height: int, as_key: bool
    ) -> DataPath | None:
        """Put a value into its collection and record where it is; None when it was a key.

        `height` is the levels of collections the value has: 0 for a scalar."""
        if frame is None:
            if not isinstance(value, dict):
                message = Message("yaml.not_a_mapping", got=describe(value))
                raise self._error(message, mark, "not-a-mapping")
            self.root = value
            self.values[()] = mark
            return ()
        if as_key:
            self._take_key(frame, value, mark, height > 0)
            return None
        container = frame.container
        if isinstance(container, dict):
            path = (*frame.path, frame.key)
            container[frame.key] = value
        else:
            path = (*frame.path, len(container))
            container.append(value)
        if height + 1 > frame.height:
            frame.height = height + 1
        self.values[path] = mark
        return path

    def _take_key(self, frame: _Frame, key: Any, mark: Mark, is_collection: bool) -> None:
        if is_collection or type(key) not in (str, int):
            hint = "" if is_collection else Message("yaml.hint.quote_key")
            raise self._error(Message("yaml.bad_key", got=describe(key), hint=hint), mark, "key")
        if key == "<<":
            raise self._error(Message("yaml.merge_key"), mark, "key")
        path = (*frame.path, key)
        if key in frame.container:
            first = self.keys[path].line + 1
            message = Message("yaml.duplicate_key", name=quote(key), line=first)
            raise self._error(message, mark, "duplicate-key")
        self.keys[path] = mark
        frame.key = key

    def _resolve(self, text: str, mark: Mark) -> Any:
        try:
            return resolve_plain(text)
        except NumberTooLongError:
            message = Message("yaml.long_number", limit=MAX_NUMBER_DIGITS)
            raise self._error(message, mark, "number") from None

    def _count(self, added: int, mark: Mark) -> None:
        self.count += added
        if self.count > MAX_NODES:
            key = "yaml.too_many_aliased" if self.used_alias else "yaml.too_many_nodes"
            raise self._error(Message(key, limit=MAX_NODES), mark, "too-many-nodes")

    def _check_tag(self, node: Node) -> None:
        """Only '!!str' may be written: a tag is never constructed, nor silently ignored."""
        tag = written_tag(node, self.text)
        if tag is not None:
            raise self._error(Message("yaml.tag", tag=tag), node.start_mark, "tag")

    def _check_flow_commas(self, node: MappingNode) -> None:
        """A figure with a decimal comma inside `{…}` (`{2022: 4,3, 2023: 4,1}`), which YAML
        splits at the comma into the value 4 and a key 3 without a value: a key that starts with
        a digit, has no value and follows a comma that ends a number is that, never an
        agreement's data."""
        text = self.text
        items = node.value
        for index in range(1, len(items)):
            before = items[index - 1][1]
            if not (_is_plain(before) and before.value[-1:].isdigit()):
                continue
            end = index
            while end < len(items) and self._split_off(items[end - 1][1], *items[end]):
                end += 1
            if end == index:
                continue
            last = items[end - 1][0]
            year = items[index - 1][0]
            message = Message(
                "yaml.flow_comma",
                text=text[before.start_mark.index : last.end_mark.index],
                value=before.value,
                split=items[index][0].value,
                year=year.value if isinstance(year, ScalarNode) else "",
            )
            raise self._error(message, before.start_mark, "flow-comma")

    def _split_off(self, before: Node, key: Node, value: Node) -> bool:
        """Whether `key` is the part of a figure after a comma: right after `before` and `,`,
        starting with a digit, with no value of its own (no `:` follows it)."""
        text = self.text
        return (
            _is_plain(before)
            and _is_plain(key)
            and _is_plain(value)
            and key.value[:1].isdigit()
            and value.value == ""
            and text[before.end_mark.index : key.start_mark.index] == ","
            and text[key.end_mark.index :].lstrip(" ")[:1] in (",", "}")
        )

    # -- errors --

    def _error(self, message: Message, mark: Mark, code: str) -> InputError:
        return InputError.at(self.file, message, mark.line + 1, mark.column + 1, code=code)

    def _deep_error(self, mark: Any, libyaml: bool, retry: bool) -> InputError:
        """libyaml stops at 1000 levels before it gives us level 65; find it in the prefix."""
        if retry:
            try:
                _Builder(self.text[: mark.index], self.file).build(
                    libyaml=libyaml, retry_deep=False
                )
            except InputError as error:
                if error.problems[0].code == "too-deep":
                    return error
        return self._error(_too_deep_message(), mark, "too-deep")

    def _check_tab_indent(self, line: int) -> None:
        """A node on a line (0-based) whose indentation holds a tab: libyaml accepts some."""
        if not self.tabs:
            return
        tab = self.tab_columns.get(line)
        if tab is None:
            text = self.text
            # libyaml may place an empty node at the end of the stream, past the last line
            start = index = self.line_starts[min(line, len(self.line_starts) - 1)]
            while index < len(text) and text[index] in " \t":
                index += 1
            tab = text.find("\t", start, index) + 1 - start if "\t" in text[start:index] else 0
            self.tab_columns[line] = tab
        if tab > 0:
            raise InputError.at(self.file, Message("yaml.tab"), line + 1, tab, "tab")


def _is_plain(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style


def _too_deep_message() -> Message:
    return Message("yaml.too_deep", limit=MAX_DEPTH)
