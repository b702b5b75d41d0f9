"""Loading: positions, deliberate scalar resolution, hostile input and schema error messages."""

from __future__ import annotations

import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tulosmittari import loading
from tulosmittari.loading import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    LoadedAgreement,
    SourceMap,
    load_agreement,
    load_agreement_text,
    parse_yaml,
    read_yaml,
)
from tulosmittari.problems import InputError, Location, Problem

DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "agreements" / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "agreements" / "invalid").glob("*.yaml"))
HOSTILE = sorted((DATA / "hostile" / "yaml").glob("*.yaml"))
MINIMAL = DATA / "agreements" / "valid" / "minimal.yaml"


def first_error(text: str | bytes) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "t.yaml")
    return str(caught.value.problems[0])


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml and again with PyYAML's pure-Python parser."""
    if request.param == "python":
        monkeypatch.setattr(loading, "_USE_LIBYAML", False)
    return str(request.param)


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
    parser: str, path: tuple[Any, ...], value: tuple[int, int], key: tuple[int, int]
) -> None:
    _, source = parse_yaml(POSITIONS, "p.yaml")
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
    parser: str, yaml_text: str, offset: int, expected: tuple[int, int]
) -> None:
    _, source = parse_yaml(yaml_text, "f.yaml")
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
def test_scalar_resolution(parser: str, written: str, expected: Any) -> None:
    data, _ = parse_yaml(f"v: {written}\n", "r.yaml")
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


def test_deep_nesting_with_the_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "_USE_LIBYAML", False)
    assert first_error("a: " + "[" * 100_000) == (
        "t.yaml:1:67: error: the data is nested more than 64 levels deep"
    )
    assert first_error("[" * 100_000) == (
        "t.yaml:1:1: error: the top level must be a mapping of keys and values "
        "(such as 'schema_version: 1'), not a list"
    )


def test_depth_limit_is_inclusive() -> None:
    depth_ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    data, _ = parse_yaml(depth_ok, "t.yaml")
    assert isinstance(data["a"], list)
    assert first_error("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH).endswith("64 levels deep")


def test_billion_laughs_is_rejected_without_expanding(parser: str) -> None:
    text = (DATA / "hostile" / "yaml" / "billion_laughs.yaml").read_text()
    tracemalloc.start()
    try:
        message = first_error(text)
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


# --- Agreements ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_agreements_load_without_problems(path: Path) -> None:
    loaded = load_agreement(path)
    assert loaded.problems == []
    assert loaded.agreement is not None
    assert loaded.source.file == str(path)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_both_parsers_give_the_same_data_and_positions(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    fast_data, fast = parse_yaml(text, "v.yaml")
    monkeypatch.setattr(loading, "_USE_LIBYAML", False)
    slow_data, slow = parse_yaml(text, "v.yaml")
    assert fast_data == slow_data
    assert fast._values == slow._values
    assert fast._keys == slow._keys


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_agreements_give_exactly_the_expected_problems(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    try:
        loaded = load_agreement_text(path.read_bytes(), path.name)
        lines = [str(problem) for problem in loaded.problems]
        assert loaded.agreement is None
    except InputError as error:
        lines = [str(problem) for problem in error.problems]
    assert lines == expected


def test_every_invalid_agreement_has_its_expectation() -> None:
    expectations = sorted((DATA / "agreements" / "invalid").glob("*.expected"))
    assert [p.stem for p in expectations] == [p.stem for p in INVALID]


def minimal_with(*replacements: tuple[str, str]) -> LoadedAgreement:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return load_agreement_text(text, "m.yaml")


def messages(loaded: LoadedAgreement) -> list[str]:
    return [str(problem) for problem in loaded.problems]


def test_a_union_tag_that_is_also_a_key_is_not_followed_as_a_key() -> None:
    # Pydantic's loc is (..., 2025, 'missing', 'text'): 'missing' is the union's tag here, even
    # though the cell has a key 'missing'; the error is about the value of 'text'.
    loaded = minimal_with(("2025: {missing: tbd}", "2025: {missing: tbd, text: 5}"))
    assert messages(loaded) == [
        "m.yaml:77:38: error: expected text, got the number 5; put it in quotes"
    ]


def test_untagged_union_keeps_the_errors_of_the_matching_shape() -> None:
    loaded = minimal_with(("              text: Uudistus on suunniteltu.", "              txt: x"))
    assert messages(loaded) == [
        "m.yaml:130:15: error: missing required field 'text' in qualitative item 'uudistus_2024'",
        "m.yaml:131:15: error: unknown field 'txt' in qualitative item 'uudistus_2024'; "
        "did you mean 'text'?",
    ]


def test_a_reference_row_and_cell_are_named_by_their_own_model() -> None:
    loaded = minimal_with(
        ("  - see: kayttoaste\n        name:", "  - see: kayttoaste\n        nimi:"),
        ("2025: {see: kayttoaste, text: Viite taulukko 2}", "2025: {see: kayttoaste}"),
    )
    assert messages(loaded) == [
        "m.yaml:91:11: error: missing required field 'text' in a reference cell "
        "of metric 'tyytyvaisyys'",
        "m.yaml:114:9: error: missing required field 'name' in a reference row "
        "of table 'tunnusluvut'",
        "m.yaml:115:9: error: unknown field 'nimi' in a reference row of table 'tunnusluvut'; "
        "use one of: see, name, text, impact_goal",
    ]


def test_problems_without_a_close_name_list_the_fields() -> None:
    loaded = minimal_with(('    - {mark: "1", text:', '    - {mark: "1", zzz: 1, text:'))
    assert messages(loaded) == [
        "m.yaml:118:21: error: unknown field 'zzz' in a footnote of table 'tunnusluvut'; "
        "use one of: mark, text"
    ]


def test_unknown_top_level_key_and_a_number_hint() -> None:
    loaded = minimal_with(
        ("schema_version: 1\n", "schema_version: 1\n2024: x\n"),
        ("2023: 99.7", "2023: 1 000"),
    )
    assert messages(loaded) == [
        "m.yaml:3:1: error: unknown field 2024 at the top level; use one of: schema_version, "
        "meta, strategy, sections, impact_goals, tables, identities",
        "m.yaml:76:17: error: expected a number, got text '1 000'; write the digits without "
        "separators",
    ]


def test_load_agreement_names_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    loaded = load_agreement(path)
    assert loaded.agreement is None
    assert str(loaded.problems[0]) == (
        f"{path}:1:1: error: missing required field 'meta' at the top level"
    )


# --- Properties ------------------------------------------------------------------------------

YAMLISH = st.text(alphabet="ab01:-[]{},'\"&*!#|>?~.\n \t\\", max_size=60)


def only_loaded_or_input_error(text: str | bytes) -> None:
    """Anything but a LoadedAgreement or an InputError propagates and fails the property."""
    problems: list[Problem]
    try:
        problems = load_agreement_text(text, "h.yaml").problems
    except InputError as error:
        problems = error.problems
    else:
        assert all(problem.location.line is not None for problem in problems)
    assert all(problem.message for problem in problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), YAMLISH))
def test_any_text_loads_or_is_an_input_error(text: str) -> None:
    only_loaded_or_input_error(text)


@settings(max_examples=100, deadline=None)
@given(st.binary())
def test_any_bytes_load_or_are_an_input_error(data: bytes) -> None:
    only_loaded_or_input_error(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_agreement_loads_or_is_an_input_error(data: st.DataObject) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    only_loaded_or_input_error(text[:start] + data.draw(YAMLISH) + text[end:])
