"""The formula language: what it computes, what it refuses and where, and the derivation order."""

from __future__ import annotations

import re
from decimal import Decimal, getcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tulosmittari.formula import (
    CycleError,
    Formula,
    FormulaError,
    evaluation_order,
    holds,
    parse,
)
from tulosmittari.i18n import word
from tulosmittari.numbers import LANGS

D = Decimal
LANGUAGE = (
    "a formula has numbers, metric ids, + - * /, parentheses and the functions "
    "abs, floor, max, mean, min, round, sum"
)
VALUES = {
    "a": D(7),
    "b": D(2),
    "c": D("-3.5"),
    "zero": D(0),
    "compliance_tori": D(53),
    "compliance_tuve": D(74),
    "forecast_use_eur": D(4592663),
}


# --- What formulas compute -----------------------------------------------------------------

VALUES_OF = [
    # numbers and operators
    ("12", "12"),
    ("3.5", "3.5"),
    ("0.01", "0.01"),
    ("007", "7"),
    ("123456789012345678901234567890", "123456789012345678901234567890"),
    ("1 + 2", "3"),
    ("0.1 + 0.2", "0.3"),
    ("7 - 10", "-3"),
    ("2.5 * 4", "10.0"),
    ("7 / 2", "3.5"),
    ("10 / 4 / 5", "0.5"),
    ("10 - 4 - 3", "3"),
    ("2 + 3 * 4", "14"),
    ("(2 + 3) * 4", "20"),
    ("2 * 3 + 4 * 5", "26"),
    ("8 - 6 / 2", "5"),
    ("-2", "-2"),
    ("+2", "2"),
    ("- -2", "2"),
    ("-2 - -3 * 4", "10"),
    ("-(2 + 3)", "-5"),
    ("-2 * -2", "4"),
    (" \t1\n+\r\n2 ", "3"),
    ("((((1))))", "1"),
    ("1 / 3 * 3", "0.999999999999999999999999999999999999999999999999999999999999"),
    # names
    ("a", "7"),
    ("a * b - c", "17.5"),
    ("a / b", "3.5"),
    ("-c", "3.5"),
    # functions
    ("sum(a)", "7"),
    ("sum(a, b, c)", "5.5"),
    ("mean(a)", "7"),
    ("mean(a, b)", "4.5"),
    ("mean(1, 2, 4)", "2." + "3" * 59),
    ("min(a, b, c)", "-3.5"),
    ("max(a, b, c)", "7"),
    ("min(a)", "7"),
    ("abs(c)", "3.5"),
    ("abs(a)", "7"),
    ("floor(63.5)", "63"),
    ("floor(-63.5)", "-64"),
    ("floor(63)", "63"),
    ("floor(mean(53, 74))", "63"),
    ("floor(mean(compliance_tori, compliance_tuve))", "63"),
    ("round(4592663 / 1000)", "4593"),
    ("round(forecast_use_eur / 1000)", "4593"),
    ("round(2.5)", "3"),
    ("round(3.5)", "4"),
    ("round(2.49)", "2"),
    ("round(-2.5)", "-3"),
    ("round(1.005, 2)", "1.01"),
    ("round(2.345, 1)", "2.3"),
    ("round(7, 2)", "7"),
    ("round(1 / 3, 10)", "0.3333333333"),
    ("round(2.5, 0)", "3"),
    ("sum(mean(1, 2), max(3, -4), abs(-5))", "9.5"),
    ("sum (a , b)", "9"),
    # a function name alone is a metric id
    ("sum + 1", "11"),
]


@pytest.mark.parametrize(("text", "expected"), VALUES_OF)
def test_value(text: str, expected: str) -> None:
    value = parse(text).evaluate({**VALUES, "sum": D(10)})
    assert value == D(expected)
    assert str(value) == expected


def test_evaluation_leaves_the_global_context_alone() -> None:
    before = getcontext().copy()
    parse("1 / 3 + round(2.5)").evaluate({})
    after = getcontext()
    assert (after.prec, after.rounding, after.traps) == (before.prec, before.rounding, before.traps)


# --- Parsed facts --------------------------------------------------------------------------

NAMES_OF = [
    ("1 + 2", set()),
    ("a", {"a"}),
    ("a + a * b", {"a", "b"}),
    ("floor(mean(compliance_tori, compliance_tuve))", {"compliance_tori", "compliance_tuve"}),
    ("sum", {"sum"}),
    ("net_use == gross_expenses - gross_income", {"net_use", "gross_expenses", "gross_income"}),
]


@pytest.mark.parametrize(("text", "names"), NAMES_OF)
def test_names(text: str, names: set[str]) -> None:
    assert parse(text, allow_comparison=True).names == frozenset(names)


def test_plain_formula_facts() -> None:
    formula = parse("  a + b ")
    assert formula.text == "  a + b "
    assert formula.comparison is None
    assert (formula.left_text, formula.right_text) == ("a + b", "")
    assert formula.offset_of("b") == 6
    assert formula.ordered_names == ("a", "b")
    assert all(formula.on_left(n) for n in "ab")  # a plain formula is all left side


def test_names_in_source_order_and_the_side_they_are_on() -> None:
    formula = parse("total / 2 == max(b, a) + c * total", allow_comparison=True)
    assert formula.ordered_names == ("total", "b", "a", "c")  # first reference, left to right
    assert [n for n in formula.ordered_names if formula.on_left(n)] == ["total"]
    assert parse("(x) ==  y", allow_comparison=True).on_left("x")
    assert not parse("x==y", allow_comparison=True).on_left("y")


IDENTITIES = [
    (
        "gross_expenses == sum(personnel, rents, purchases, other, investments)",
        "==",
        "gross_expenses",
        "sum(personnel, rents, purchases, other, investments)",
    ),
    ("net_use == gross_expenses - gross_income", "==", "net_use", "gross_expenses - gross_income"),
    (
        "round(forecast_use_eur / 1000) == investment_appropriation",
        "==",
        "round(forecast_use_eur / 1000)",
        "investment_appropriation",
    ),
    ("  a<=b  ", "<=", "a", "b"),
    ("a >= b", ">=", "a", "b"),
    ("a < b", "<", "a", "b"),
    ("a > b", ">", "a", "b"),
]


@pytest.mark.parametrize(("text", "op", "left", "right"), IDENTITIES)
def test_identity_parts(text: str, op: str, left: str, right: str) -> None:
    formula = parse(text, allow_comparison=True)
    assert formula.comparison == op
    assert (formula.left_text, formula.right_text) == (left, right)


def test_sides() -> None:
    formula = parse("gross_expenses == sum(p, r, s) - 1", allow_comparison=True)
    values = {"gross_expenses": D(465667), "p": D(300000), "r": D(100000), "s": D(65669)}
    assert formula.sides(values) == (D(465667), D(465668))


def test_an_identity_has_no_single_value() -> None:
    formula = parse("a == b", allow_comparison=True)
    with pytest.raises(FormulaError) as caught:
        formula.evaluate(VALUES)
    assert (str(caught.value.message), caught.value.offset) == (
        "an identity (`==`) has two sides; evaluate it with sides()",
        2,
    )


def test_a_plain_formula_has_no_sides() -> None:
    with pytest.raises(FormulaError) as caught:
        parse("a + b", allow_comparison=True).sides(VALUES)
    assert (str(caught.value.message), caught.value.offset) == (
        "not an identity: put ==, <=, >=, < or > between two sides",
        5,
    )


def test_formulas_compare_by_text() -> None:
    assert parse("a + b") == parse("a + b")
    assert parse("a + b") != parse("a+b")
    assert len({parse("a"), parse("a")}) == 1


# --- Identities with tolerance -------------------------------------------------------------

HOLDS = [
    ("==", "100", "100", "0", True),
    ("==", "100", "101", "0", False),
    ("==", "100", "101", "1", True),
    ("==", "101", "100", "1", True),
    ("==", "100", "102", "1", False),
    ("==", "0.3", "0.30", "0", True),
    ("<=", "100", "100", "0", True),
    ("<=", "101", "100", "0", False),
    ("<=", "101", "100", "1", True),
    ("<=", "102", "100", "1", False),
    (">=", "100", "100", "0", True),
    (">=", "99", "100", "0", False),
    (">=", "99", "100", "1", True),
    (">=", "98", "100", "1", False),
    ("<", "99", "100", "0", True),
    ("<", "100", "100", "0", False),
    ("<", "100", "100", "0.5", True),
    ("<", "100.5", "100", "0.5", False),
    (">", "101", "100", "0", True),
    (">", "100", "100", "0", False),
    (">", "100", "100", "0.5", True),
    (">", "99.5", "100", "0.5", False),
]


@pytest.mark.parametrize(("op", "left", "right", "tolerance", "expected"), HOLDS)
def test_holds(op: str, left: str, right: str, tolerance: str, expected: bool) -> None:
    assert holds(op, D(left), D(right), D(tolerance)) is expected


def test_identity_of_table_11_off_by_one_from_rounding() -> None:
    formula = parse("gross == sum(a, b)", allow_comparison=True)
    left, right = formula.sides({"gross": D(465668), "a": D(400000), "b": D(65667)})
    assert not holds("==", left, right, D(0))
    assert holds("==", left, right, D(1))


@pytest.mark.parametrize(
    ("op", "tolerance", "message"),
    [
        ("!=", "0", "unknown comparison '!='; use one of ==, <=, >=, <, >"),
        ("==", "-1", "tolerance must not be negative, got -1"),
    ],
)
def test_holds_rejects(op: str, tolerance: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        holds(op, D(1), D(1), D(tolerance))


# --- What the parser refuses, with the message and where -----------------------------------

NUMBER = "is not a number: write plain decimals such as 12 or 3.5 (no exponent, no `_`)"
NOT_AN_ID = "is not a metric id: ids start with a-z and go on with a-z, 0-9 or _"
ROUND_PLACES = (
    "round(): the number of decimals must be a whole number from 0 to 10, such as round(x, 2)"
)
COMMA = "`,` outside a function call; only sum, mean, min, max and round take several arguments"
OPERAND = "where a number, metric id or `(` is expected"

REJECTED = [
    # not Python
    ("a.b", 1, "`.`: there is no attribute access; metric ids use `_`"),
    ("os.system", 2, "`.`: there is no attribute access; metric ids use `_`"),
    ("__import__('os')", 0, f"`__import__` {NOT_AN_ID}"),
    ("lambda: 1", 6, f"unexpected `:`; {LANGUAGE}"),
    (
        "exec(x)",
        0,
        "unknown function `exec`; the functions are abs, floor, max, mean, min, round, sum",
    ),
    (
        "open(x)",
        0,
        "unknown function `open`; the functions are abs, floor, max, mean, min, round, sum",
    ),
    ("mena(a, b)", 0, "unknown function `mena`; did you mean `mean`?"),
    ("a (b)", 0, "unknown function `a`; the functions are abs, floor, max, mean, min, round, sum"),
    ("2 ** 100000", 2, "`**`: there is no power operator; write the multiplication out"),
    ("a // b", 2, "`//` is not an operator; use floor(a / b)"),
    ("a % b", 2, "`%` is not an operator; the operators are + - * /"),
    ("a[0]", 1, "indexing with `[` is not supported; refer to a metric by its id"),
    ("'a'", 0, "strings are not allowed; refer to a metric by its id"),
    ('sum("a")', 4, "strings are not allowed; refer to a metric by its id"),
    (
        "a if b else c",
        2,
        "unexpected `if` after a complete expression; join the parts with an operator",
    ),
    ("{a}", 0, f"unexpected `{{`; {LANGUAGE}"),
    ("a\u00a0+ b", 1, f"unexpected U+00A0; {LANGUAGE}"),
    ("a ä", 2, f"unexpected `ä`; {LANGUAGE}"),
    # names and numbers
    ("Gross", 0, f"`Gross` {NOT_AN_ID}"),
    ("_a", 0, f"`_a` {NOT_AN_ID}"),
    ("a" * 81, 0, "a name of 81 characters; metric ids have at most 80"),
    ("1e5", 0, f"`1e5` {NUMBER}"),
    ("1_000", 0, f"`1_000` {NUMBER}"),
    ("3.", 0, f"`3.` {NUMBER}"),
    ("1.2.3", 0, f"`1.2.3` {NUMBER}"),
    ("2x", 0, f"`2x` {NUMBER}"),
    (".5", 0, "a number must start with a digit: write 0.5, not .5"),
    ("1" * 31, 0, "a number with 31 digits; numbers have at most 30"),
    ("1 + 0." + "0" * 30, 4, "a number with 31 digits; numbers have at most 30"),
    # structure
    ("", 0, "empty formula; write an expression such as sum(a, b)"),
    ("  \n ", 0, "empty formula; write an expression such as sum(a, b)"),
    ("(a", 0, "`(` is never closed; add a matching `)`"),
    ("sum(a, (b)", 3, "`(` is never closed; add a matching `)`"),
    ("a)", 1, "`)` has no matching `(`"),
    ("()", 1, f"`)` {OPERAND}"),
    ("(a b)", 3, "unexpected `b`; expected an operator or `)`"),
    ("sum(a b)", 6, "unexpected `b`; expected an operator or `,` or `)`"),
    ("a b", 2, "unexpected `b` after a complete expression; join the parts with an operator"),
    ("a + 1 2", 6, "unexpected `2` after a complete expression; join the parts with an operator"),
    ("a +", 3, f"the end of the formula {OPERAND}"),
    ("a + * b", 4, f"`*` {OPERAND}"),
    ("a, b", 1, COMMA),
    ("(a, b)", 2, COMMA),
    ("sum(a,)", 6, f"`)` {OPERAND}"),
    ("sum(,a)", 4, f"`,` {OPERAND}"),
    # functions and their arguments
    ("mean()", 0, "mean() needs at least one argument"),
    ("sum()", 0, "sum() needs at least one argument"),
    ("min()", 0, "min() needs at least one argument"),
    ("max()", 0, "max() needs at least one argument"),
    ("abs()", 0, "abs() takes exactly one argument, got 0"),
    ("1 + abs(a, b)", 4, "abs() takes exactly one argument, got 2"),
    ("floor(a, b)", 0, "floor() takes exactly one argument, got 2"),
    ("round()", 0, "round() takes one or two arguments, got 0"),
    ("round(a, 1, 2)", 0, "round() takes one or two arguments, got 3"),
    ("round(a, 11)", 9, ROUND_PLACES),
    ("round(a, 2.0)", 9, ROUND_PLACES),
    ("round(a, -1)", 9, ROUND_PLACES),
    ("round(a, b)", 9, ROUND_PLACES),
]


def error_of(text: str, *, allow_comparison: bool = False) -> tuple[str, int]:
    with pytest.raises(FormulaError) as caught:
        parse(text, allow_comparison=allow_comparison)
    return str(caught.value.message), caught.value.offset


@pytest.mark.parametrize(("text", "offset", "message"), REJECTED)
def test_rejected(text: str, offset: int, message: str) -> None:
    assert error_of(text) == (message, offset)
    assert error_of(text, allow_comparison=True) == (message, offset)


NOT_HERE = "in a derived-metric formula; only identities compare two sides"
SECOND = "an identity compares exactly two sides"
NESTED = "inside parentheses; an identity compares only at the top level"
COMPARISONS_REJECTED = [
    # (text, allow_comparison, offset, message)
    ("a == b", False, 2, f"comparison `==` {NOT_HERE}"),
    ("a < b", False, 2, f"comparison `<` {NOT_HERE}"),
    ("a == b == c", True, 7, f"a second comparison `==`; {SECOND}"),
    ("a <= b >= c", True, 7, f"a second comparison `>=`; {SECOND}"),
    ("(a == b)", True, 3, f"comparison `==` {NESTED}"),
    ("sum(a < b)", True, 6, f"comparison `<` {NESTED}"),
    ("a = b", True, 2, "`=` alone is not a comparison; write `==`"),
    ("a != b", True, 2, "`!=` is not a comparison; use ==, <=, >=, < or >"),
    ("== b", True, 0, f"`==` {OPERAND}"),
    ("a ==", True, 4, f"the end of the formula {OPERAND}"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "allow", "offset", "message"), COMPARISONS_REJECTED)
def test_comparison_rejected(text: str, allow: bool, offset: int, message: str) -> None:
    assert error_of(text, allow_comparison=allow) == (message, offset)


LONG = "characters long; the limit is 2000, split it into derived metrics"
DEEP = "formula nests deeper than 50 levels; split it into derived metrics"
BOUNDS = [
    ("a" * 2001, 2000, f"formula is 2001 {LONG}"),
    ("(" * 10_000 + "a" + ")" * 10_000, 2000, f"formula is 20001 {LONG}"),
    ("(" * 51 + "a" + ")" * 51, 50, DEEP),
    ("abs(" * 51 + "a" + ")" * 51, 203, DEEP),
    ("-" * 51 + "1", 50, DEEP),
    ("+".join(["1"] * 251), 500, "formula has more than 500 parts; split it into derived metrics"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "offset", "message"), BOUNDS)
def test_bounds(text: str, offset: int, message: str) -> None:
    assert error_of(text) == (message, offset)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 50 + "a" + ")" * 50,
        "-" * 50 + "1",
        "+".join(["1"] * 250),
        "sum(" + ", ".join(f"m{i}" for i in range(249)) + ")",
        "a" * 80,
        "a" + " " * 1999,
    ],
)
def test_within_bounds(text: str) -> None:
    assert isinstance(parse(text), Formula)


def test_long_chains_evaluate_without_deep_recursion() -> None:
    assert parse("+".join(["1"] * 250)).evaluate({}) == 250
    assert parse("(" * 50 + "2" + ")" * 50).evaluate({}) == 2


# --- Evaluation errors ---------------------------------------------------------------------

EVALUATION_ERRORS = [
    ("x", 0, "no value for `x`; check the spelling against the agreement's metric ids"),
    (
        "a + compliance_tory",
        4,
        "no value for `compliance_tory`; did you mean `compliance_tori` or `compliance_tuve`?",
    ),
    ("a / zero", 4, "division by zero: `zero` is 0"),
    ("a / (b - 2)", 4, "division by zero: `(b - 2)` is 0"),
    ("mean(a, b / (b - b))", 12, "division by zero: `(b - b)` is 0"),
    ("1 / 0.00", 4, "division by zero: `0.00` is 0"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "offset", "message"), EVALUATION_ERRORS)
def test_evaluation_error(text: str, offset: int, message: str) -> None:
    formula = parse(text)
    with pytest.raises(FormulaError) as caught:
        formula.evaluate(VALUES)
    assert (str(caught.value.message), caught.value.offset) == (message, offset)


def test_a_result_out_of_range() -> None:
    with pytest.raises(FormulaError) as caught:
        parse("1 + huge * 10").evaluate({"huge": D("9E+999999")})
    assert (str(caught.value.message), caught.value.offset) == (
        "cannot compute `huge * 10`: the result is out of range",
        4,
    )


def test_a_value_that_is_not_finite() -> None:
    with pytest.raises(FormulaError) as caught:
        parse("1 + a").evaluate({"a": D("NaN")})
    assert (str(caught.value.message), caught.value.offset) == (
        "`a` is NaN, not a finite number",
        4,
    )


def test_unknown_names_point_at_each_unknown_reference() -> None:
    formula = parse("gross == sum(compliance_tory, a, xyz, a)", allow_comparison=True)
    errors = formula.unknown_names(["gross", "a", "compliance_tori"])
    assert [(str(e.message), e.offset) for e in errors] == [
        ("unknown metric id `compliance_tory`; did you mean `compliance_tori`?", 13),
        ("unknown metric id `xyz`; check the spelling against the agreement's metric ids", 33),
    ]
    assert formula.unknown_names(["gross", "a", "compliance_tory", "xyz"]) == []


# --- Order of derived metrics --------------------------------------------------------------


def definitions(**formulas: str) -> dict[str, Formula]:
    return {metric: parse(text) for metric, text in formulas.items()}


ORDERS = [
    ({}, []),
    ({"x": "a + b"}, ["x"]),
    ({"total": "part1 + part2", "part1": "a", "part2": "b * 2"}, ["part1", "part2", "total"]),
    ({"c": "b + 1", "b": "a + 1", "a": "1"}, ["a", "b", "c"]),
    ({"p": "q + r", "q": "r", "r": "1", "s": "2"}, ["r", "q", "p", "s"]),
    ({"d": "mean(b, c)", "b": "a", "c": "a", "a": "x"}, ["a", "b", "c", "d"]),
]


@pytest.mark.parametrize(("formulas", "order"), ORDERS)
def test_evaluation_order(formulas: dict[str, str], order: list[str]) -> None:
    assert evaluation_order(definitions(**formulas)) == order


def test_evaluation_order_handles_long_chains() -> None:
    chain = {f"m{i}": f"m{i + 1} + 1" for i in range(3000)} | {"m3000": "1"}
    order = evaluation_order(definitions(**chain))
    assert order == [f"m{i}" for i in range(3000, -1, -1)]


CYCLES = [
    ({"a": "b + 1", "b": "a - 1"}, ["a", "b", "a"], 0),
    ({"a": "a + 1"}, ["a", "a"], 0),
    ({"x": "1", "a": "x + b", "b": "2 * c", "c": "mean(x, a)"}, ["a", "b", "c", "a"], 4),
]


@pytest.mark.parametrize(("formulas", "cycle", "offset"), CYCLES)
def test_cycle(formulas: dict[str, str], cycle: list[str], offset: int) -> None:
    with pytest.raises(CycleError) as caught:
        evaluation_order(definitions(**formulas))
    assert caught.value.cycle == cycle
    assert caught.value.offset == offset
    assert str(caught.value.message) == (
        f"derived metrics form a cycle: {' -> '.join(cycle)}; "
        "define one of them from printed figures"
    )
    assert isinstance(caught.value, FormulaError)


# --- Any text: a Formula or a FormulaError, nothing else -----------------------------------

FORMULA_ALPHABET = st.sampled_from(
    [*"abcxyz_019.+-*/(),<>=! ", "sum(", "mean(", "round(", "floor(", "==", "<=", "**"]
)


def parse_anything(text: str, allow_comparison: bool) -> None:
    """Parse, then evaluate with every name at 1; any error must be a well-formed FormulaError."""
    error: FormulaError | None = None
    try:
        formula = parse(text, allow_comparison=allow_comparison)
        assert formula.text == text
        values = dict.fromkeys(formula.names, D(1))
        if formula.comparison is None:
            formula.evaluate(values)
        else:
            formula.sides(values)
    except FormulaError as caught:
        error = caught
    if error is not None:
        assert 0 <= error.offset <= len(text)
        for lang in LANGS:
            text = word(error.message, lang)
            assert text
            assert "\n" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_any_text_parses_or_fails_cleanly(text: str, allow_comparison: bool) -> None:
    parse_anything(text, allow_comparison)


@settings(max_examples=200, deadline=None)
@given(st.lists(FORMULA_ALPHABET, max_size=60).map("".join), st.booleans())
def test_formula_like_text_parses_or_fails_cleanly(text: str, allow_comparison: bool) -> None:
    parse_anything(text, allow_comparison)
