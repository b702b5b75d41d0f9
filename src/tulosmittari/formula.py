"""A small, safe formula language for derived metrics and identities in agreement files.

An agreement file defines derived metrics (`floor(mean(compliance_tori, compliance_tuve))`) and
identities between printed figures (`net_use == gross_expenses - gross_income`). The text comes
from a file anyone can edit, so it is read by a hand-written tokenizer and recursive-descent parser
into a small tree and never reaches `eval`. Every input is bounded (length, nesting, size), so
hostile text ends in a `FormulaError` with an offset, never in a crash or a RecursionError.

Grammar::

    formula  := sum [("==" | "<=" | ">=" | "<" | ">") sum]    (the comparison only in identities)
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := ("-" | "+") unary | primary
    primary  := number | name | function "(" [sum ("," sum)*] ")" | "(" sum ")"

Functions: sum, mean, min, max (one or more arguments), abs, floor (toward minus infinity), and
round(x) / round(x, n) with a literal 0 <= n <= 10, rounding half up (2.5 -> 3, -2.5 -> -3) because
that is how the printed figures were rounded; Python's own round() would give 2.

Numbers are exact `Decimal`s. Arithmetic runs in a private 60-digit context, never the global
one, so sums and products of an agreement's figures are exact; only a division (`1 / 3`) rounds,
half-even at the 60th digit, far below anything printed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import (
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from functools import reduce
from typing import NamedTuple

from tulosmittari.problems import Message

__all__ = [
    "COMPARISONS",
    "FUNCTIONS",
    "CycleError",
    "Formula",
    "FormulaError",
    "describe_break",
    "evaluation_order",
    "holds",
    "parse",
]

MAX_LENGTH = 2000
MAX_DEPTH = 50
MAX_NODES = 500
MAX_DIGITS = 30
MAX_NAME = 80
MAX_DECIMALS = 10

COMPARISONS = ("==", "<=", ">=", "<", ">")
FUNCTIONS = ("abs", "floor", "max", "mean", "min", "round", "sum")

_CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_WHITESPACE = frozenset(" \t\r\n")
_SINGLE = frozenset("+-*/(),<>")
_BAD_PAIRS = {
    "**": Message("formula.power"),
    "//": Message("formula.floor_division"),
    "!=": Message("formula.not_equal"),
}
_BAD_CHARS = {
    "'": Message("formula.string"),
    '"': Message("formula.string"),
    "[": Message("formula.indexing", char="["),
    "]": Message("formula.indexing", char="]"),
    "=": Message("formula.single_equals"),
    "%": Message("formula.percent"),
}


class FormulaError(ValueError):
    """What is wrong with a formula, and where: `offset` is 0-based into the formula text."""

    message: Message
    offset: int

    def __init__(self, message: Message, offset: int) -> None:
        super().__init__(str(message))
        self.message = message
        self.offset = offset


class CycleError(FormulaError):
    """Derived metrics that need each other; `offset` is into the formula of `cycle[0]`."""

    cycle: list[str]

    def __init__(self, cycle: list[str], offset: int = 0) -> None:
        super().__init__(Message("formula.cycle", cycle=" -> ".join(cycle)), offset)
        self.cycle = cycle


# --- Tokens --------------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # "num", "name", "cmp", "end", or the character itself: + - * / ( ) ,
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def shown(self) -> Message | str:
        return Message("formula.end") if self.kind == "end" else f"`{self.text}`"


def _word_end(text: str, start: int, *, with_dot: bool) -> int:
    end = start
    while end < len(text) and text[end].isascii():
        char = text[end]
        if not (char.isalnum() or char == "_" or (with_dot and char == ".")):
            break
        end += 1
    return end


def _shown_char(char: str) -> str:
    return f"`{char}`" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _WHITESPACE:
            i += 1
            continue
        if "0" <= char <= "9":
            end = _word_end(text, i, with_dot=True)  # `1e5`, `1_000`: one bad number, not two
            tokens.append(_number(text[i:end], i))
            i = end
            continue
        if char.isascii() and (char.isalpha() or char == "_"):
            end = _word_end(text, i, with_dot=False)  # `__import__`: one bad name
            tokens.append(_name(text[i:end], i))
            i = end
            continue
        pair = text[i : i + 2]
        if pair in ("==", "<=", ">="):
            tokens.append(_Token("cmp", pair, i))
            i += 2
            continue
        if pair in _BAD_PAIRS:
            raise FormulaError(_BAD_PAIRS[pair], i)
        if char in _SINGLE:
            tokens.append(_Token("cmp" if char in "<>" else char, char, i))
            i += 1
            continue
        raise FormulaError(_unexpected_char(text, i, tokens), i)
    tokens.append(_Token("end", "", len(text)))
    return tokens


def _number(word: str, start: int) -> _Token:
    if not _NUMBER.fullmatch(word):
        raise FormulaError(Message("formula.bad_number", word=word), start)
    digits = sum(c.isdigit() for c in word)
    if digits > MAX_DIGITS:
        raise FormulaError(Message("formula.long_number", digits=digits, limit=MAX_DIGITS), start)
    return _Token("num", word, start)


def _name(word: str, start: int) -> _Token:
    if not _NAME.fullmatch(word):
        raise FormulaError(Message("formula.bad_name", word=word), start)
    if len(word) > MAX_NAME:
        raise FormulaError(Message("formula.long_name", length=len(word), limit=MAX_NAME), start)
    return _Token("name", word, start)


def _unexpected_char(text: str, i: int, tokens: list[_Token]) -> Message:
    char = text[i]
    if char == ".":
        after_name = bool(tokens) and tokens[-1].kind == "name" and tokens[-1].end == i
        if not after_name and text[i + 1 : i + 2].isdigit():
            return Message("formula.leading_dot")
        return Message("formula.attribute")
    found = _BAD_CHARS.get(char)
    if found is not None:
        return found
    return Message(
        "formula.unexpected_char", char=_shown_char(char), functions=", ".join(FUNCTIONS)
    )


# --- Tree ----------------------------------------------------------------------------------


# Tuples, not dataclasses: a formula is parsed seldom, but these classes are made every start.


class _Num(NamedTuple):
    start: int  # the node's source span, parentheses included
    end: int
    value: Decimal


class _Ref(NamedTuple):
    start: int
    end: int
    name: str


class _Unary(NamedTuple):
    start: int
    end: int
    op: str
    operand: _Node


class _Chain(NamedTuple):
    """A left-associative run such as `a + b - c`: flat, so long sums do not nest deeply."""

    start: int
    end: int
    first: _Node
    rest: tuple[tuple[str, _Node], ...]


class _Call(NamedTuple):
    start: int
    end: int
    function: str
    args: tuple[_Node, ...]


_Node = _Num | _Ref | _Unary | _Chain | _Call


# --- Parser --------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the token list, counting nesting depth and nodes as it goes."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.nodes = 0
        self.names: dict[str, int] = {}

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def count(self, token: _Token) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise FormulaError(Message("formula.too_many_parts", limit=MAX_NODES), token.start)

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(Message("formula.too_deep", limit=MAX_DEPTH), token.start)

    def additive(self) -> _Node:
        return self.chain(("+", "-"), self.multiplicative)

    def multiplicative(self) -> _Node:
        return self.chain(("*", "/"), self.unary)

    def chain(self, ops: tuple[str, str], operand: Callable[[], _Node]) -> _Node:
        first = operand()
        rest: list[tuple[str, _Node]] = []
        while self.peek().kind in ops:
            op = self.advance()
            self.count(op)
            rest.append((op.kind, operand()))
        if not rest:
            return first
        return _Chain(first.start, rest[-1][1].end, first, tuple(rest))

    def unary(self) -> _Node:
        token = self.peek()
        if token.kind not in ("+", "-"):
            return self.primary()
        self.advance()
        self.enter(token)
        self.count(token)
        operand = self.unary()
        self.depth -= 1
        return _Unary(token.start, operand.end, token.kind, operand)

    def primary(self) -> _Node:
        token = self.advance()
        if token.kind == "num":
            self.count(token)
            return _Num(token.start, token.end, Decimal(token.text))
        if token.kind == "name":
            if self.peek().kind == "(":
                return self.call(token)
            self.count(token)
            self.names.setdefault(token.text, token.start)
            return _Ref(token.start, token.end, token.text)
        if token.kind == "(":
            self.enter(token)
            inner = self.additive()
            close = self.close(token, in_call=False)
            self.depth -= 1
            return inner._replace(start=token.start, end=close.end)
        raise FormulaError(Message("formula.operand_expected", token=token.shown()), token.start)

    def call(self, name: _Token) -> _Call:
        function = name.text
        if function not in FUNCTIONS:
            nearest = difflib.get_close_matches(function, FUNCTIONS, n=1)
            hint = (
                Message("formula.did_you_mean", names=[f"`{nearest[0]}`"])
                if nearest
                else Message("formula.the_functions", functions=", ".join(FUNCTIONS))
            )
            raise FormulaError(
                Message("formula.unknown_function", function=function, hint=hint), name.start
            )
        opening = self.advance()
        self.enter(opening)
        self.count(name)
        args: list[_Node] = []
        if self.peek().kind != ")":
            args.append(self.additive())
            while self.peek().kind == ",":
                self.advance()
                args.append(self.additive())
        close = self.close(opening, in_call=True)
        self.depth -= 1
        _check_arity(function, args, name.start)
        return _Call(name.start, close.end, function, tuple(args))

    def close(self, opening: _Token, *, in_call: bool) -> _Token:
        token = self.advance()
        if token.kind == ")":
            return token
        if token.kind == "end":
            raise FormulaError(Message("formula.unclosed"), opening.start)
        if token.kind == "cmp":
            raise FormulaError(
                Message("formula.nested_comparison", comparison=token.text), token.start
            )
        if token.kind == "," and not in_call:
            raise _comma(token)
        key = "formula.unexpected_in_call" if in_call else "formula.unexpected_in_parentheses"
        raise FormulaError(Message(key, token=token.shown()), token.start)

    def formula(self, allow_comparison: bool) -> tuple[_Node, _Token | None, _Node | None]:
        left = self.additive()
        comparison = None
        right = None
        if self.peek().kind == "cmp":
            comparison = self.advance()
            if not allow_comparison:
                raise FormulaError(
                    Message("formula.comparison_in_derived", comparison=comparison.text),
                    comparison.start,
                )
            right = self.additive()
            if self.peek().kind == "cmp":
                second = self.peek()
                raise FormulaError(
                    Message("formula.second_comparison", comparison=second.text), second.start
                )
        token = self.peek()
        if token.kind == ")":
            raise FormulaError(Message("formula.unopened"), token.start)
        if token.kind == ",":
            raise _comma(token)
        if token.kind != "end":
            raise FormulaError(Message("formula.trailing", token=token.shown()), token.start)
        return left, comparison, right


def _comma(token: _Token) -> FormulaError:
    return FormulaError(Message("formula.comma"), token.start)


def _check_arity(function: str, args: list[_Node], offset: int) -> None:
    if function in ("abs", "floor") and len(args) != 1:
        raise FormulaError(
            Message("formula.one_argument", function=function, count=len(args)), offset
        )
    if function in ("sum", "mean", "min", "max") and not args:
        raise FormulaError(Message("formula.no_arguments", function=function), offset)
    if function == "round":
        if len(args) not in (1, 2):
            raise FormulaError(Message("formula.round_arguments", count=len(args)), offset)
        if len(args) == 2:
            places = args[1]
            whole = isinstance(places, _Num) and places.value.as_tuple().exponent == 0
            if not (whole and isinstance(places, _Num) and places.value <= MAX_DECIMALS):
                raise FormulaError(
                    Message("formula.round_places", limit=MAX_DECIMALS), places.start
                )


# --- Evaluation ----------------------------------------------------------------------------


def _snippet(text: str, node: _Node) -> str:
    source = text[node.start : node.end]
    return source if len(source) <= 60 else source[:59] + "…"


def _unknown(name: str, known: Collection[str], offset: int, key: str) -> FormulaError:
    close = difflib.get_close_matches(name, list(known), n=3)
    hint = (
        Message("formula.did_you_mean", names=[f"`{c}`" for c in close])
        if close
        else Message("formula.check_spelling")
    )
    return FormulaError(Message(key, name=name, hint=hint), offset)


def _evaluate(node: _Node, values: Mapping[str, Decimal], text: str) -> Decimal:
    """Evaluate a tree; its depth is bounded by the parser, so recursion is safe."""
    try:
        match node:
            case _Num(value=value):
                return value
            case _Ref(name=name):
                if name not in values:
                    raise _unknown(name, values.keys(), node.start, "formula.no_value")
                value = values[name]
                if not value.is_finite():
                    raise FormulaError(
                        Message("formula.not_finite", name=name, value=str(value)), node.start
                    )
                return value
            case _Unary(op=op, operand=operand):
                value = _evaluate(operand, values, text)
                return _CONTEXT.minus(value) if op == "-" else _CONTEXT.plus(value)
            case _Chain(first=first, rest=rest):
                result = _evaluate(first, values, text)
                for op, operand in rest:
                    value = _evaluate(operand, values, text)
                    result = _binary(op, result, value, operand, text)
                return result
            case _Call(function=function, args=args):
                return _call(function, [_evaluate(arg, values, text) for arg in args])
    except DecimalException:
        raise FormulaError(
            Message("formula.out_of_range", snippet=_snippet(text, node)), node.start
        ) from None
    raise AssertionError(f"unknown node {node!r}")  # pragma: no cover


def _binary(op: str, left: Decimal, right: Decimal, right_node: _Node, text: str) -> Decimal:
    if op == "+":
        return _CONTEXT.add(left, right)
    if op == "-":
        return _CONTEXT.subtract(left, right)
    if op == "*":
        return _CONTEXT.multiply(left, right)
    if right == 0:
        raise FormulaError(
            Message("formula.division_by_zero", snippet=_snippet(text, right_node)),
            right_node.start,
        )
    return _CONTEXT.divide(left, right)


def _call(function: str, args: list[Decimal]) -> Decimal:
    if function == "sum":
        return reduce(_CONTEXT.add, args)
    if function == "mean":
        return _CONTEXT.divide(reduce(_CONTEXT.add, args), len(args))
    if function == "min":
        return min(args)
    if function == "max":
        return max(args)
    if function == "abs":
        return _CONTEXT.abs(args[0])
    if function == "floor":
        return args[0].to_integral_value(rounding=ROUND_FLOOR, context=_CONTEXT)
    return _round(args[0], int(args[1]) if len(args) == 2 else 0)


def _round(value: Decimal, places: int) -> Decimal:
    """Half up, as printed figures are rounded (63.5 → 64), not Python's half-even."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -places:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_CONTEXT)


# --- Public API ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A parsed formula: a derived metric's definition, or an identity with a comparison."""

    text: str
    names: frozenset[str]
    comparison: str | None
    left_text: str  # identities: each side's source, stripped; plain formulas: all of it
    right_text: str  # plain formulas: ""
    _left: _Node = field(repr=False, compare=False)
    _right: _Node | None = field(repr=False, compare=False)
    _comparison_offset: int = field(repr=False, compare=False)
    _name_offsets: Mapping[str, int] = field(repr=False, compare=False)

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal:
        """A plain formula's value; an identity has two, so it raises (use `sides`)."""
        if self.comparison is not None:
            raise FormulaError(
                Message("formula.two_sides", comparison=self.comparison), self._comparison_offset
            )
        return _evaluate(self._left, values, self.text)

    def sides(self, values: Mapping[str, Decimal]) -> tuple[Decimal, Decimal]:
        """An identity's (left, right), to compare with `holds` and show when it breaks."""
        if self._right is None:
            raise FormulaError(Message("formula.not_an_identity"), len(self.text))
        return (
            _evaluate(self._left, values, self.text),
            _evaluate(self._right, values, self.text),
        )

    def offset_of(self, name: str) -> int:
        """Where `name` is first referenced, to point a message at it."""
        return self._name_offsets[name]

    @property
    def ordered_names(self) -> tuple[str, ...]:
        """`names` in source order, each where it is first referenced, left to right."""
        return tuple(self._name_offsets)  # the parser records them as it reads them

    def on_left(self, name: str) -> bool:
        """Whether `name` is first referenced on an identity's left side, before its comparison;
        in a plain formula, which is all left side, always."""
        return self._comparison_offset < 0 or self._name_offsets[name] < self._comparison_offset

    def unknown_names(self, known: Collection[str]) -> list[FormulaError]:
        """References to ids not in `known`, in source order, each with the nearest known ids."""
        ids = set(known)
        missing = [name for name in self.ordered_names if name not in ids]
        return [_unknown(n, known, self.offset_of(n), "formula.unknown_id") for n in missing]


def parse(text: str, *, allow_comparison: bool = False) -> Formula:
    """Parse a formula; a comparison is allowed only in identities (`allow_comparison=True`).

    Allowed, not required: an identity's caller checks that `comparison` is not None. Raises
    `FormulaError` with the offset of the first problem, for the caller to map to a file position.
    """
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            Message("formula.too_long", length=len(text), limit=MAX_LENGTH), MAX_LENGTH
        )
    tokens = _tokenize(text)
    if len(tokens) == 1:
        raise FormulaError(Message("formula.empty"), 0)
    parser = _Parser(tokens)
    left, comparison, right = parser.formula(allow_comparison)
    if comparison is None:
        left_text, right_text, offset = text.strip(), "", -1
    else:
        left_text = text[: comparison.start].strip()
        right_text = text[comparison.end :].strip()
        offset = comparison.start
    return Formula(
        text=text,
        names=frozenset(parser.names),
        comparison=comparison.text if comparison else None,
        left_text=left_text,
        right_text=right_text,
        _left=left,
        _right=right,
        _comparison_offset=offset,
        _name_offsets=dict(parser.names),
    )


def holds(op: str, left: Decimal, right: Decimal, tolerance: Decimal) -> bool:
    """Whether `left op right` holds, allowing `tolerance` for printed rounding.

    `==` holds when |left - right| <= tolerance; `<=` when left <= right + tolerance, and
    likewise for the others, so a tolerance always loosens the relation.
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    difference = _CONTEXT.subtract(left, right)
    if op == "==":
        return abs(difference) <= tolerance
    if op == "<=":
        return difference <= tolerance
    if op == ">=":
        return difference >= -tolerance
    if op == "<":
        return difference < tolerance
    if op == ">":
        return difference > -tolerance
    raise ValueError(f"unknown comparison {op!r}; use one of {', '.join(COMPARISONS)}")


def describe_break(
    key: str,
    identity: str,
    when: Mapping[str, object],
    formula: Formula,
    left: Decimal,
    right: Decimal,
    tolerance: Decimal,
    **more: object,
) -> Message:
    """An identity that does not hold, worded by the catalogue's `key`: `expected 465 667 =
    sum(...), printed 465 668, difference 1, tolerance 1`. `when` is the year or the period it
    breaks in (`{"year": 2024}`), `more` any further parameters of the key (the figures)."""
    return Message(
        key,
        identity=identity,
        **when,
        right=right,
        right_text=formula.right_text,
        left=left,
        left_text=formula.left_text,
        difference=left - right,
        tolerance=tolerance,
        **more,
    )


def evaluation_order(definitions: Mapping[str, Formula]) -> list[str]:
    """Derived metric ids, each after the derived metrics its formula uses.

    Otherwise in the mapping's order, so the result is stable. Raises `CycleError` when
    definitions need each other. Iterative, so long chains cannot exhaust the stack.
    """

    def uses(metric: str) -> list[str]:
        formula = definitions[metric]
        return sorted(formula.names & definitions.keys(), key=formula.offset_of)

    order: list[str] = []
    done: set[str] = set()
    for root in definitions:
        if root in done:
            continue
        path = [root]
        pending = [iter(uses(root))]
        while pending:
            for dependency in pending[-1]:
                if dependency in path:
                    cycle = [*path[path.index(dependency) :], dependency]
                    raise CycleError(cycle, definitions[cycle[0]].offset_of(cycle[1]))
                if dependency not in done:
                    path.append(dependency)
                    pending.append(iter(uses(dependency)))
                    break
            else:
                pending.pop()
                done.add(path[-1])
                order.append(path.pop())
    return order
