"""YAML text to data: positions, deliberate scalar resolution, hostile and unusable input.

Most tests run twice, with libyaml's composer and with PyYAML's pure-Python one (`libyaml`).
"""

from __future__ import annotations

import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tulosmittari.problems import InputError, Location
from tulosmittari.source_map import SourceMap
from tulosmittari.yaml_source import MAX_DEPTH, MAX_NODES, parse_yaml, read_yaml
from tulosmittari.yaml_text import MAX_BYTES

DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "agreements" / "valid").glob("*.yaml"))
HOSTILE = sorted((DATA / "hostile" / "yaml").glob("*.yaml"))


def first_error(text: str | bytes, *, libyaml: bool = True) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "t.yaml", libyaml=libyaml)
    return str(caught.value.problems[0])


@pytest.fixture(params=[True, False], ids=["libyaml", "python"])
def libyaml(request: pytest.FixtureRequest) -> bool:
    """Run a test with libyaml's composer and again with PyYAML's pure-Python one."""
    return bool(request.param)


# --- Positions -------------------------------------------------------------------------------

POSITIONS = """\
top: 1
nested:
  inner:
    leaf: text
  list:
    - first
    - {a: 1, b: [x, y]}
  "quoted key": v
flow: {k: v}
years:
  2024: 5
"""


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ((), (1, 1), (1, 1)),
        (("top",), (1, 6), (1, 1)),
        (("nested",), (3, 3), (2, 1)),
        (("nested", "inner", "leaf"), (4, 11), (4, 5)),
        (("nested", "list", 0), (6, 7), (6, 7)),
        (("nested", "list", 1, "b"), (7, 17), (7, 14)),
        (("nested", "list", 1, "b", 1), (7, 21), (7, 21)),
        (("nested", "quoted key"), (8, 17), (8, 3)),
        (("flow", "k"), (9, 11), (9, 8)),
        (("years", 2024), (11, 9), (11, 3)),
    ],
)
def test_positions_of_values_and_keys(
    libyaml: bool, path: tuple[Any, ...], value: tuple[int, int], key: tuple[int, int]
) -> None:
    _, source = parse_yaml(POSITIONS, "p.yaml", libyaml=libyaml)
    assert source.locate(path) == Location("p.yaml", *value)
    assert source.locate_key(path) == Location("p.yaml", *key)


def test_a_missing_path_falls_back_to_its_nearest_ancestor() -> None:
    _, source = parse_yaml(POSITIONS, "p.yaml")
    assert source.locate(("nested", "inner", "nope", 3)) == Location("p.yaml", 4, 5)
    assert source.locate_key(("nested", "inner", "nope")) == Location("p.yaml", 4, 5)
    assert source.locate(("nested", "list", 9)) == Location("p.yaml", 6, 5)
    assert source.locate(("years", "2024")) == Location("p.yaml", 11, 3)


def test_a_path_through_an_alias_continues_in_the_anchor() -> None:
    text = "base: &b\n  unit: '%'\n  scale: {min: 1}\nuse: *b\nlist: [*b]\n"
    data, source = parse_yaml(text, "a.yaml")
    assert data["use"] is data["base"]
    assert source.locate(("use",)) == Location("a.yaml", 4, 6)
    assert source.locate(("use", "scale", "min")) == Location("a.yaml", 3, 16)
    assert source.locate_key(("list", 0, "unit")) == Location("a.yaml", 2, 3)


def test_an_empty_source_map_has_only_the_file() -> None:
    assert SourceMap("x.yaml").locate(("a", 1)) == Location("x.yaml")
    assert SourceMap("x.yaml").locate_in_scalar(("a",), 3) == Location("x.yaml")


def test_positions_count_characters_not_bytes() -> None:
    _, source = parse_yaml("nimi: Jyväskylä\nyksikkö: ä\n", "u.yaml")
    assert source.locate(("yksikkö",)) == Location("u.yaml", 2, 10)


def test_positions_after_a_bom_and_windows_line_ends() -> None:
    _, source = parse_yaml(b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: x\r\n", "w.yaml")
    assert source.locate(("b", "c")) == Location("w.yaml", 3, 6)


# --- Offsets inside scalars (formula errors) -------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "offset", "expected"),
    [
        ("f: a + b * c\n", 4, (1, 8)),
        ("f: a + b * c\n", 9, (1, 13)),  # one past the end, for "unexpected end"
        ("f: 'it''s a + b'\n", 5, (1, 11)),
        ('f: "x\\ty + \\u00e4 + z"\n', 6, (1, 12)),
        ('f: "x\\ty + \\u00e4 + z"\n', 10, (1, 21)),
        ("f: !!str a + b\n", 4, (1, 14)),
        ("f: |\n  a +\n  bb - c\n", 6, (3, 5)),
        ("f: >-\n  aa\n  + b\n", 5, (3, 5)),
        ("f: aa\n  + b\n", 5, (2, 5)),
        ("f: |2\n    a + b\n", 2, (1, 4)),  # an explicit indentation indicator: approximate
        ('f: "a +\n  b"\n', 4, (1, 4)),  # quoted over lines: approximate
        ("f: a + b\n", 99, (1, 4)),  # out of range: the value's start
    ],
)
def test_locate_in_scalar(
    libyaml: bool, yaml_text: str, offset: int, expected: tuple[int, int]
) -> None:
    _, source = parse_yaml(yaml_text, "f.yaml", libyaml=libyaml)
    assert source.locate_in_scalar(("f",), offset) == Location("f.yaml", *expected)


def test_locate_in_scalar_of_a_non_text_value_gives_the_value() -> None:
    _, source = parse_yaml("n: 12\nm: {a: 1}\n", "f.yaml")
    assert source.locate_in_scalar(("n",), 1) == Location("f.yaml", 1, 4)
    assert source.locate_in_scalar(("m", "b"), 1) == Location("f.yaml", 2, 4)


# --- Scalar resolution -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("-2", -2),
        ("2024", 2024),
        ("3.5", Decimal("3.5")),
        ("-0.25", Decimal("-0.25")),
        ("1.50", Decimal("1.50")),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("True", "True"),
        ("FALSE", "FALSE"),
        ("Null", "Null"),
        ("2024-01-01", "2024-01-01"),
        ("1_000", "1_000"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("0777", "0777"),
        ("007.5", "007.5"),
        ("1:20", "1:20"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        (".nan", ".nan"),
        ("1e3", "1e3"),
        ("+5", "+5"),
        ("3.", "3."),
        (".5", ".5"),
        ("99,5", "99,5"),
        ('"3"', "3"),
        ("'true'", "true"),
        ('"null"', "null"),
        ("''", ""),
        ("!!str 5", "5"),
        ("!!str true", "true"),
        ("|\n  7\n", "7\n"),
    ],
)
def test_scalar_resolution(libyaml: bool, written: str, expected: Any) -> None:
    data, _ = parse_yaml(f"v: {written}\n", "r.yaml", libyaml=libyaml)
    assert type(data["v"]) is type(expected)
    assert data["v"] == expected
    if isinstance(expected, Decimal):
        assert str(data["v"]) == str(expected)


def test_keys_are_text_or_years() -> None:
    data, _ = parse_yaml("2024: a\n'2025': b\nno: c\n'true': d\n", "k.yaml")
    assert data == {2024: "a", "2025": "b", "no": "c", "true": "d"}


# --- Hostile and unusable input --------------------------------------------------------------


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_files(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")
    with pytest.raises(InputError) as caught:
        read_yaml(path, display_name=path.name)
    assert str(caught.value.problems[0]) == expected


def test_every_hostile_file_has_its_expectation() -> None:
    expectations = sorted((DATA / "hostile" / "yaml").glob("*.expected"))
    assert [p.stem for p in expectations] == [p.stem for p in HOSTILE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000, "t.yaml:1:1001: error: the data is nested more than 64 levels deep"),
        ("a: " + "[" * 100_000, "t.yaml:1:67: error: the data is nested more than 64 levels deep"),
        ("a: " + "[" * 1_500, "t.yaml:1:67: error: the data is nested more than 64 levels deep"),
        (
            "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3_000)),
            "t.yaml:65:65: error: the data is nested more than 64 levels deep",
        ),
        (
            "a: " + "- " * 100_000,
            "t.yaml:1:4: error: invalid YAML: block sequence entries are "
            "not allowed in this context; start the '- ' list on a new, indented line",
        ),
    ],
    ids=["brackets", "brackets-under-a-key", "below-libyaml-limit", "indentation", "dashes"],
)
def test_deep_nesting_is_stopped_before_the_parser_or_python_gives_up(
    text: str, expected: str
) -> None:
    assert first_error(text) == expected


def test_deep_nesting_with_the_pure_python_parser() -> None:
    assert first_error("a: " + "[" * 100_000, libyaml=False) == (
        "t.yaml:1:67: error: the data is nested more than 64 levels deep"
    )
    assert first_error("[" * 100_000, libyaml=False) == (
        "t.yaml:1:1: error: the top level must be a mapping of keys and values "
        "(such as 'schema_version: 1'), not a list"
    )


LONG_COMMENT = "\n# " + "x" * MAX_NODES
"""A text longer than this is composed with the limits checked as it goes, not after."""


@pytest.mark.parametrize("padding", ["", LONG_COMMENT], ids=["short", "long"])
def test_the_limits_hold_in_a_text_of_any_length(libyaml: bool, padding: str) -> None:
    deep = "a: " + "[" * 70 + "]" * 70 + padding
    assert first_error(deep, libyaml=libyaml) == (
        "t.yaml:1:67: error: the data is nested more than 64 levels deep"
    )
    laughs = (DATA / "hostile" / "yaml" / "billion_laughs.yaml").read_text() + padding
    assert first_error(laughs, libyaml=libyaml) == (
        "t.yaml:7:15: error: too many nodes after alias expansion (a 'billion laughs' file?): "
        f"the limit is {MAX_NODES}"
    )


def test_depth_limit_is_inclusive() -> None:
    depth_ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    data, _ = parse_yaml(depth_ok, "t.yaml")
    assert isinstance(data["a"], list)
    assert first_error("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH).endswith("64 levels deep")


def test_billion_laughs_is_rejected_without_expanding(libyaml: bool) -> None:
    text = (DATA / "hostile" / "yaml" / "billion_laughs.yaml").read_text()
    tracemalloc.start()
    try:
        message = first_error(text, libyaml=libyaml)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "too many nodes after alias expansion (a 'billion laughs' file?)" in message
    assert peak < 5_000_000


def test_node_limit_without_aliases() -> None:
    # The root mapping, the key and the list are three nodes: MAX_NODES in all is allowed.
    fits = "a: [" + ",".join("0" * (MAX_NODES - 3)) + "]"
    data, _ = parse_yaml(fits, "t.yaml")
    assert len(data["a"]) == MAX_NODES - 3
    assert first_error("a: [" + ",".join("0" * (MAX_NODES - 2)) + "]").endswith(
        f"error: too many nodes: the limit is {MAX_NODES} keys and values"
    )


def test_aliases_within_the_limit_are_shared_not_copied() -> None:
    data, _ = parse_yaml("a: &a [1, 2]\nb: *a\nc: *a\n", "t.yaml")
    assert data["b"] is data["a"] is data["c"]


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * MAX_BYTES)
    with pytest.raises(InputError) as caught:
        read_yaml(path, display_name="big.yaml")
    assert str(caught.value.problems[0]) == (
        "big.yaml: error: the file is too large: 5242885 bytes, over the limit of 5 MiB "
        "(5242880 bytes)"
    )


def test_text_over_the_size_limit() -> None:
    assert first_error("a: " + "ä" * (MAX_BYTES // 2)) == (
        "t.yaml: error: the file is too large: 5242883 bytes, over the limit of 5 MiB "
        "(5242880 bytes)"
    )


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 5))
    assert read_yaml(path)[0] == {"a": 1}


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        read_yaml(tmp_path / "nope.yaml", display_name="nope.yaml")
    assert str(missing.value.problems[0]) == "nope.yaml: error: the file does not exist"
    with pytest.raises(InputError) as directory:
        read_yaml(tmp_path)
    assert str(directory.value.problems[0]).endswith("error: this is a directory, not a file")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a:\n  - x\n\t- y\n",
            "t.yaml:3:1: error: tabs are not allowed for indentation; use spaces",
        ),
        ("a:\t1\nb: [1,\t2]\n", None),  # a tab as a separator is fine
        ("a: |\n  x\n  \ty\n", None),  # and inside a block scalar's text
        ("a: 1\n\tb: 2\n", "t.yaml:2:1: error: tabs are not allowed for indentation; use spaces"),
    ],
)
def test_tabs(text: str, expected: str | None) -> None:
    if expected is None:
        parse_yaml(text, "t.yaml")
    else:
        assert first_error(text) == expected


def test_a_str_with_a_lone_surrogate() -> None:
    assert first_error("a: \ud800\n") == (
        "t.yaml:1:4: error: the character U+D800 is not allowed in YAML text; remove it"
    )


# --- Both composers --------------------------------------------------------------------------


def data_paths(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key and index path in `data`, the root's too."""
    paths = [path]
    if isinstance(data, dict | list):
        for key, value in data.items() if isinstance(data, dict) else enumerate(data):
            paths.extend(data_paths(value, (*path, key)))
    return paths


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_both_composers_give_the_same_data_and_positions(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast_data, fast = parse_yaml(text, "v.yaml")
    slow_data, slow = parse_yaml(text, "v.yaml", libyaml=False)
    assert fast_data == slow_data
    for data_path in data_paths(fast_data):
        assert fast.locate(data_path) == slow.locate(data_path)
        assert fast.locate_key(data_path) == slow.locate_key(data_path)
        assert fast.locate_in_scalar(data_path, 1) == slow.locate_in_scalar(data_path, 1)


# --- Aliases: the tree has the anchored node, the map has where the alias was ------------------


@pytest.mark.parametrize(
    ("text", "path", "value", "key"),
    [
        ("a: &x 1\nb: # see *y\n  *x\n", ("b",), (3, 3), (2, 1)),
        ("a: &x [1]\nb: [*x, *x, 2]\n", ("b", 1), (2, 9), (2, 9)),
        ("a: &x [1]\nb: [*x, *x, 2]\n", ("b", 1, 0), (1, 8), (1, 8)),
        ("a: &x |\n  t * u\nb: [1, *x]\n", ("b", 1), (3, 8), (3, 8)),
        ("a: &k key\nm: {*k : 2}\n", ("m", "key"), (2, 10), (2, 5)),
        ("a: &x 1\nb:\nc: *x\n", ("c",), (3, 4), (3, 1)),
        ("- &x {a: 1}\n- *x\n", (), (1, 1), (1, 1)),
        ("a: &x {q: 1}\nb:\n  - *x\n  -  *x # *x\n", ("b", 1, "q"), (1, 11), (1, 8)),
    ],
)
def test_positions_of_aliases(
    libyaml: bool,
    text: str,
    path: tuple[str | int, ...],
    value: tuple[int, int],
    key: tuple[int, int],
) -> None:
    if not path:  # a list at the top level is refused: the position of the problem
        assert first_error(text, libyaml=libyaml).startswith("t.yaml:1:1: error: the top level")
        return
    _, source = parse_yaml(text, "t.yaml", libyaml=libyaml)
    assert source.locate(path) == Location("t.yaml", *value)
    assert source.locate_key(path) == Location("t.yaml", *key)


def test_an_anchor_defined_again_replaces_the_first(libyaml: bool) -> None:
    data, source = parse_yaml("a: &x 1\nb: &x [2]\nc: *x\n", "t.yaml", libyaml=libyaml)
    assert data == {"a": 1, "b": [2], "c": [2]}
    assert data["c"] is data["b"]
    assert source.locate(("c", 0)) == Location("t.yaml", 2, 8)


# --- The first problem in the file is the one reported ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\nb: [\n", "t.yaml:2:1: error: duplicate key 'a' (first at line 1)"),
        (
            "a: [x, !!binary eA==, [\n",
            "t.yaml:1:8: error: the tag '!!binary' is not allowed; only '!!str' may be used",
        ),
        ("a: " + "[" * 70, "t.yaml:1:67: error: the data is nested more than 64 levels deep"),
        (
            "a: " + "[" * 64 + "]" * 20,
            "t.yaml:1:67: error: the data is nested more than 64 levels deep",
        ),
        (
            "a: [{b: 1}, {b: 2}]\nb: 3\nb: [*undefined]\n",
            "t.yaml:3:1: error: duplicate key 'b' (first at line 2)",
        ),
    ],
)
def test_a_problem_before_a_syntax_error_comes_first(
    libyaml: bool, text: str, expected: str
) -> None:
    assert first_error(text, libyaml=libyaml) == expected


# --- Tags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("a: ! x\n", 4),
        ("a: ! 'x'\n", 4),
        ("a: ! [x]\n", 4),
        ("a: !\n  b: 1\n", 4),
        ("a: !\n", 4),
        ("a: &x !\n", 4),
    ],
)
def test_the_tag_bang_is_refused_like_any_other(libyaml: bool, text: str, column: int) -> None:
    assert first_error(text, libyaml=libyaml) == (
        f"t.yaml:1:{column}: error: the tag '!' is not allowed; only '!!str' may be used"
    )


def test_a_value_left_empty_at_the_end_of_a_text_with_tags(libyaml: bool) -> None:
    assert parse_yaml("b: !!str x\na:", "t.yaml", libyaml=libyaml)[0] == {"b": "x", "a": None}


def test_a_tag_on_the_first_key_is_the_keys_not_the_mappings(libyaml: bool) -> None:
    assert parse_yaml("a:\n  !!str 1: x\n", "t.yaml", libyaml=libyaml)[0] == {"a": {"1": "x"}}
    assert first_error("a:\n  ! b: x\n", libyaml=libyaml) == (
        "t.yaml:2:3: error: the tag '!' is not allowed; only '!!str' may be used"
    )
    assert first_error("a: &x\n! b: x\n", libyaml=libyaml) == (
        "t.yaml:2:1: error: the tag '!' is not allowed; only '!!str' may be used"
    )


# --- Properties ------------------------------------------------------------------------------

YAMLISH = st.text(alphabet="ab01:-[]{},'\"&*!#|>?~.\n \t\\", max_size=80)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), YAMLISH, YAMLISH.map(lambda tail: "a: &x [1]\nb: " + tail)))
def test_either_composer_gives_data_or_an_input_error(text: str) -> None:
    """Nothing else escapes either composer: no recursion error, no PyYAML error."""
    for libyaml in (True, False):
        problems = []
        try:
            parse_yaml(text, "h.yaml", libyaml=libyaml)
        except InputError as error:
            problems = error.problems
        assert all(problem.message for problem in problems)
