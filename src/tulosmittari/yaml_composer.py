"""PyYAML's node tree for a text: no scalar given a meaning, the composer kept within limits.

libyaml's composer (in C) when it is installed, PyYAML's own otherwise, both with a resolver that
gives no node a type: a plain scalar is marked for `yaml_source.resolve_plain`, any other node
without a tag is text or a plain collection. Nodes keep their start and end marks; an alias is
the anchored node itself, so the tree is a graph that shares, never copies.

The composers call a hook for every node they compose: it records what was being composed, so
that when the composer stops on an error, the part of the tree it has built can be walked for a
problem that comes earlier in the file, and where the composer might otherwise go too deep or
too far, the hook stops it one node past the limits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import yaml
from yaml.events import AliasEvent, DocumentStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tulosmittari.problems import InputError, Message
from tulosmittari.source_map import Mark

STR_TAG: Final = "tag:yaml.org,2002:str"
PLAIN: Final = "tulosmittari:plain"  # a plain scalar without a tag, or with the tag '!'
UNTAGGED: Final = "tulosmittari:untagged"  # a collection without a tag, or with the tag '!'
UNFINISHED: Final = Node("", None, None, None)  # in an unfinished tree, where the composer stopped

_ANCHOR_NAME_RE: Final = re.compile(r"[0-9A-Za-z_-]*")  # the characters both parsers allow
_SPACE: Final = " \t\r\n\x85\u2028\u2029"
_SYNTAX_HINTS: Final = (  # PyYAML's problem, and the catalogue key of the hint for it
    ("mapping values are not allowed", "yaml.hint.colon"),
    ("did not find expected key", "yaml.hint.key_indent"),
    ("did not find expected '-' indicator", "yaml.hint.list_indent"),
    ("could not find expected ':'", "yaml.hint.key_colon"),
    ("found unexpected end of stream", "yaml.hint.unclosed"),
    ("did not find expected ',' or ']'", "yaml.hint.bracket"),
    ("did not find expected ',' or '}'", "yaml.hint.brace"),
    ("cannot start any token", "yaml.hint.start_char"),
    ("unknown escape character", "yaml.hint.escape"),
    ("expected <block end>", "yaml.hint.indent"),
    ("block sequence entries are not allowed", "yaml.hint.list_line"),
    ("did not find expected node content", "yaml.hint.value"),
    ("undefined tag handle", "yaml.hint.tag_handle"),
)


class LimitError(Exception):
    """The composer was about to go deeper or further than the limits allow."""


class Composition:
    """The one document of a text, composed; or, when composing stopped, the part built."""

    def __init__(self, text: str, *, libyaml: bool, max_depth: int, max_nodes: int) -> None:
        self.text = text
        self.limits = (max_depth, max_nodes)
        self.composer: Any = (
            _LibyamlComposer(text, self.limits) if libyaml else _PythonComposer(text, self.limits)
        )

    def root(self) -> Node | None:
        """The root node of the first document, None when there is none.

        A yaml.MarkedYAMLError or a LimitError when composing stops. libyaml's composer refuses
        an anchor defined again, which YAML 1.2 and PyYAML's allow: such a text is composed again
        by PyYAML's.
        """
        try:
            self.composer.get_event()  # the start of the stream
            node: Node | None = self.composer.get_node()
        except yaml.MarkedYAMLError as error:
            if "duplicate anchor" not in (error.context or ""):
                raise
            self.close()
            self.composer = _PythonComposer(self.text, self.limits)
            return self.root()
        return node

    def second_document(self) -> Mark | None:
        """Where a second document starts, after the first one's root."""
        event = self.composer.peek_event()
        return event.start_mark if isinstance(event, DocumentStartEvent) else None

    def unfinished_root(self) -> Node | None:
        """The root of the part built when composing stopped, each collection being composed put
        in its parent, from the root down; where a mapping's key is composed but not its value,
        the value is UNFINISHED. None when no collection had an item started.

        A collection is known once one of its items is started: a problem in the last one
        itself (a tag, say) is not in this tree, so the error that stopped the composer may be
        reported before it."""
        started: dict[Node | None, Any] = self.composer.started
        chain = [node for node in started if node is not None and node.end_mark is None]
        for depth, parent in enumerate(chain):
            child = chain[depth + 1] if depth + 1 < len(chain) else UNFINISHED
            index = started[parent]
            if isinstance(parent, SequenceNode):
                if child is not UNFINISHED:
                    parent.value.append(child)
            elif index is not None:
                if not parent.value or parent.value[-1][0] is not index:
                    parent.value.append((index, child))
            elif child is not UNFINISHED:
                parent.value.append((child, UNFINISHED))
        return chain[0] if chain else None

    def close(self) -> None:
        self.composer.dispose()


class _Tracking:
    """What both composers call for every node they compose (PyYAML's resolver interface).

    `started` keeps, for each collection one of whose items has been started, that item's key
    node or index: enough to find the collections being composed. The checked hooks also stop
    the composer one node past the depth or the node limit, so that the walk finds the limit in
    the part of the tree built and reports it in place.
    """

    started: dict[Node | None, Any]
    descend_resolver: Callable[[Node | None, Any], object]
    ascend_resolver: Callable[[], object]
    resolve: Callable[[type[Node], Any, Any], str]
    limits = (0, 0)
    depth = 0
    composed = 0

    def _track(self, limits: tuple[int, int], *, checked: bool) -> None:
        self.started = {}
        self.limits = limits
        self.resolve = _tag  # a function, not a method: no bound method made for every node
        if checked:
            self.descend_resolver = self._descend_within_limits
            self.ascend_resolver = self._ascend
        else:  # plain C calls: a tenth of the time the checks take
            self.descend_resolver = self.started.__setitem__
            self.ascend_resolver = tuple

    def _descend_within_limits(self, parent: Node | None, index: Any) -> None:
        self.started[parent] = index
        self.depth += 1
        self.composed += 1
        max_depth, max_nodes = self.limits
        if self.depth > max_depth + 1 or self.composed > max_nodes + 1:
            raise LimitError

    def _ascend(self) -> None:
        self.depth -= 1


def _tag(kind: type[Node], value: Any, implicit: Any) -> str:
    """The tag of a node written without one, or with '!': no implicit types."""
    if kind is not ScalarNode:
        return UNTAGGED
    if implicit[0]:
        return PLAIN  # plain text, perhaps with '!' (`written_tag` looks)
    return STR_TAG if implicit[1] else "!"  # quoted text; else libyaml's '!' on an empty node


class _PythonComposer(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Tracking
):
    """PyYAML's own composer, which recurses in Python: it always checks the limits."""

    def __init__(self, text: str, limits: tuple[int, int]) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        self._track(limits, checked=True)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """An anchor defined again replaces the earlier one (YAML 1.2), instead of an error."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if not isinstance(event, AliasEvent) and event.anchor is not None:
            self.anchors.pop(event.anchor, None)
        return super().compose_node(parent, index)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlComposer(CParser, _Tracking):
        """libyaml's composer, in C. It stops at 1000 levels itself, and a text of at most
        `max_nodes` characters has no more than about as many nodes (an empty key and value in
        `?`, the densest there is, take a character each): such a text is composed whole,
        without checks, and the walk finds the limits in it."""

        def __init__(self, text: str, limits: tuple[int, int]) -> None:
            super().__init__(text)
            self._track(limits, checked=len(text) > limits[1])


def alias_name(text: str, index: int) -> str:
    """The name of the alias written at `index`, its '*' there."""
    found = _ANCHOR_NAME_RE.match(text, index + 1)
    return found.group() if found else ""


def written_tag(node: Node, text: str) -> str | None:
    """The tag written on `node`, as written ('!!int', '!'); None for none or '!!str'."""
    tag = node.tag
    resolved = tag is PLAIN or tag is UNTAGGED  # no tag, or the tag '!'
    if isinstance(node, ScalarNode):
        allowed = not node.style if resolved else tag == STR_TAG
    else:
        allowed = tag is UNTAGGED
    if allowed and not (resolved and _has_bang(node, text)):
        return None
    if resolved:
        return "!"
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag


def _has_bang(node: Node, text: str) -> bool:
    """Whether the node's own properties hold the tag '!', which the composer resolves like no
    tag. A scalar's properties end within it, a block mapping's where its first key starts,
    other collections' at their first indicator."""
    index = node.start_mark.index
    end = len(text)
    if isinstance(node, ScalarNode):
        end = node.end_mark.index
    elif isinstance(node, MappingNode) and not node.flow_style and node.value:
        key_start = node.value[0][0].start_mark.index
        if key_start >= index:  # else the key is an alias, which has no properties
            end = key_start
    while index < end and text[index] in "!&":
        if text[index] == "!":
            return True
        while index < end and text[index] not in _SPACE:
            index += 1
        while index < end and text[index] in _SPACE:
            index += 1
    return False


def yaml_error(
    error: yaml.MarkedYAMLError, text: str, starts: Sequence[int], file: str
) -> InputError:
    """PyYAML's error in plain words, at the place it names, with a hint where one helps.

    PyYAML's own description of the problem stays as it is (English); the rest is the reader's.
    Two slips of a figure copied as printed get messages of their own: a target such as `> 95`
    (YAML starts a block of text at `>` or `|`) and a lone `-` (YAML starts a list).
    """
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "").replace("\t", "\\t")
    if problem.startswith("found undefined alias") and mark is not None:
        name = alias_name(text, mark.index)
        message = Message("yaml.undefined_alias", name=name)
        return InputError.at(file, message, mark.line + 1, mark.column + 1, "alias")
    line = column = None
    if mark is not None:
        line, column = _clamped(mark, text, starts)
    if mark is not None and (
        _tab_indent_at(mark.index, text, starts) or "tab character" in problem
    ):
        return InputError.at(file, Message("yaml.tab"), line, column, "tab")
    slip = _printed_figure_slip(error, text, starts)
    if slip is not None:
        return InputError.at(file, *slip)
    context: Message | str = ""
    if error.context:
        cmark = error.context_mark
        if cmark is not None and cmark.line + 1 != line:
            context = Message("yaml.context_from", context=error.context, line=cmark.line + 1)
        else:
            context = Message("yaml.context", context=error.context)
    hint = next((Message(key) for needle, key in _SYNTAX_HINTS if needle in problem), "")
    message = Message(
        "yaml.syntax",
        problem=problem or Message("yaml.syntax_error"),
        context=context,
        hint=hint,
    )
    return InputError.at(file, message, line, column, "syntax")


def _printed_figure_slip(
    error: yaml.MarkedYAMLError, text: str, starts: Sequence[int]
) -> tuple[Message, int, int, str] | None:
    """A target or dash written as printed that YAML reads as syntax: (message, line, column,
    code) at the character YAML took for syntax, or None."""
    if error.context == "while scanning a block scalar" and error.context_mark is not None:
        at = error.context_mark
        rest = _line_from(text, starts, at.index)
        indicator, value = rest[:1], rest[1:].strip()
        if indicator in ">|" and value and not value.startswith("#"):
            quoted = "'" + rest.replace("'", "''") + "'"
            message = Message("yaml.folded_block", text=rest, char=indicator, quoted=quoted)
            return message, at.line + 1, at.column + 1, "printed-figure"
    mark = error.problem_mark
    if "block sequence entries are not allowed" in (error.problem or "") and mark is not None:
        rest = _line_from(text, starts, mark.index)
        if rest == "-" or rest.startswith("- #"):
            return Message("yaml.lone_dash"), mark.line + 1, mark.column + 1, "printed-figure"
    return None


def _line_from(text: str, starts: Sequence[int], index: int) -> str:
    """The text from `index` to the end of its line, without trailing space."""
    line = bisect.bisect_right(starts, index)
    end = starts[line] if line < len(starts) else len(text)
    return text[index:end].rstrip(" \t\r\n\x85\u2028\u2029")


def _clamped(mark: Any, text: str, starts: Sequence[int]) -> tuple[int, int]:
    """A mark's 1-based position; at the end of a file without a final line break, libyaml
    reports the line after the last, which an editor does not show."""
    if mark.line < len(starts):
        return mark.line + 1, mark.column + 1
    return len(starts), len(text) - starts[-1] + 1


def _tab_indent_at(index: int, text: str, starts: Sequence[int]) -> bool:
    """Whether the character at `index` is a tab with only whitespace before it on its line."""
    if not 0 <= index < len(text) or text[index] != "\t":
        return False
    line_start = starts[bisect.bisect_right(starts, index) - 1]
    return not text[line_start:index].strip(" \t")
