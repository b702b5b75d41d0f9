"""Fuzz targets, kept in the suite with few examples so that the classes of issue 16 stay fixed:
any agreement file, any actuals file and any command line give exit 0, 1 or 2, no traceback
(the `tulos` fixture refuses one), and a diagnostic is one line of a known shape.

For a long run outside the suite, set the examples per target, for instance
`TULOS_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz.py -p no:randomly -x`.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, Ran, Tulos

HOSTILE = REPO / "tests" / "data" / "hostile"
CSV_AGREEMENT = HOSTILE / "csv_agreement.yaml"

FUZZ = settings(
    max_examples=int(os.environ.get("TULOS_FUZZ_EXAMPLES", "40")),
    deadline=None,  # a check takes a tenth of a second, more on a busy machine
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

DIAGNOSTIC = re.compile(
    r"tulos: \S.*"  # the command's own: `tulos: error: …`, `tulos: kirjoitettiin …`
    r"|.+?: (error|warning|info): \S.*"  # a problem at its place (a file may be called " ")
    r"|.+: (kelvollinen|valid|\d+ (havainto|havaintoa|finding|findings))(, \d+ \S.*)?"
)
"""The lines stderr may hold: a validate verdict is the only one without a severity."""


def assert_documented(ran: Ran) -> None:
    assert ran.code in (0, 1, 2), ran.err
    for line in ran.err.splitlines():
        assert DIAGNOSTIC.fullmatch(line), line


# --- The loaders -------------------------------------------------------------------------------

ANY_BYTES = st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode))
IDS = st.sampled_from(["operating_costs", "sla_share", "personnel", "cloud_strategy", "x"])
PERIODS = st.sampled_from(["2024", "2024-H1", "2024-Q3", "2024-03", "2024-03-15", "2024-13"])
FIGURES = st.sampled_from(["1", "1,5", "-3.5", "12 345", "97,5 %", "NaN", "met", "", '"', "#"])
HEADS = st.sampled_from(
    [
        ("value",),
        ("value", "note"),
        ("status", "note"),
        ("value", "status", "note", "source"),
        ("value", "numerator", "denominator"),
        ("value", ""),
    ]
)


def _or_text(known: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(known, st.text(max_size=8))


@st.composite
def actuals_files(draw: st.DrawFn) -> bytes:
    """The shape of an actuals file with anything in its cells, so that examples get past the
    header to the rows."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    extra = draw(st.one_of(HEADS, st.lists(_or_text(st.sampled_from(["value", "x"])), max_size=3)))
    rows = draw(
        st.lists(
            st.tuples(_or_text(IDS), _or_text(PERIODS), st.lists(_or_text(FIGURES), max_size=4)),
            max_size=12,
        )
    )
    lines = [delimiter.join(["metric", "period", *extra])]
    lines.extend(delimiter.join([metric, period, *cells]) for metric, period, cells in rows)
    return "\n".join(lines).encode()


MINIMAL_LINES = (REPO / "tests/data/agreements/valid/minimal.yaml").read_text("utf-8").splitlines()


@st.composite
def edited_agreements(draw: st.DrawFn) -> bytes:
    """A valid agreement after a few careless edits: lines deleted, doubled, re-indented or
    overwritten, so that examples reach the schema and the validation behind the parser."""
    lines = list(MINIMAL_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "double", "indent", "dedent", "overwrite"]))
        if edit == "delete":
            del lines[index]
        elif edit == "double":
            lines.insert(index, lines[index])
        elif edit == "indent":
            lines[index] = "  " + lines[index]
        elif edit == "dedent":
            lines[index] = lines[index][2:]
        else:
            head = lines[index][: draw(st.integers(0, len(lines[index])))]
            lines[index] = head + draw(st.text(max_size=12))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@FUZZ
@given(content=st.one_of(ANY_BYTES, edited_agreements()))
def test_any_agreement_file(tulos: Tulos, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(content)
    assert_documented(tulos("validate", path))
    assert_documented(tulos("check", REPO / "actuals" / "2024-h1.csv", "-a", path, "-f", "json"))


@FUZZ
@given(content=st.one_of(ANY_BYTES, actuals_files()))
def test_any_actuals_file(tulos: Tulos, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    assert_documented(tulos("check", "--agreement", CSV_AGREEMENT, path, "--format", "json"))


# --- The command line --------------------------------------------------------------------------

COMMANDS = ["validate", "targets", "check", "summary", "report", "template", "diff", "schema"]
OPTIONS = [
    "--agreement", "-a", "--year", "-y", "--period", "-p", "--format", "-f", "--by-year",
    "--fail-on", "--lang", "--output", "-o", "--force", "--rev", "-r", "--actuals", "--help",
    "--version", "--debug", "--", "--lang=en", "--year=2024", "--force=1", "-o-",
]  # fmt: skip
VALUES = [
    # years and periods
    "2024", "2025", "2030", "0", "-1", "2_024", "10000", "1" * 23, "２０２４", "2024-H1",
    "2024-H3", "2030-H1", "2024-Q3", "2024-03", "2024-03-15", "2024-13",
    # formats, conditions, languages, revisions
    "table", "plain", "markdown", "json", "csv", "github", "html", "yaml", "fail", "warn",
    "incomplete", "unexplained", "never", "fi", "en", "sv", "", "HEAD", "HEAD~1", "nosuch",
    # files: the examples, broken ones, and what the example's folder holds
    str(REPO / "actuals" / "2024-h1.csv"), str(REPO / "actuals" / "2024.csv"),
    str(REPO / "agreements" / "2024-2027.yaml"), str(CSV_AGREEMENT),
    str(HOSTILE / "csv" / "utf16.csv"), str(HOSTILE / "yaml" / "python_object.yaml"),
    "agreements/2024-2027.yaml", "missing.csv", "-", "out.txt", "out.txt", "folder", "loop",
    os.fsdecode(b"h1\xff.csv"), os.fsdecode(b"new\xe4.json"),
]  # fmt: skip
SETTINGS = {
    "TULOS_LANG": ["fi", "en", "sv", ""],
    "TULOS_MAX_BYTES": ["", "1", "100", "2048", "0", "abc", "1" * 30],
    "TULOS_MAX_ROWS": ["", "1", "10", "1000000", "-1"],
}
WORDS = st.text(st.characters(blacklist_characters="\x00/"), max_size=8)  # a name, not a path


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command (or not) and options with values, right or wrong, in any order."""
    command = draw(st.one_of(st.sampled_from(COMMANDS), WORDS))
    tokens = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), WORDS)
    return [command, *draw(st.lists(tokens, max_size=8))]


def _folder(path: Path) -> None:
    """What a user's folder holds: the agreements, a folder, a loop, a name that is not UTF-8."""
    (path / "agreements").symlink_to(REPO / "agreements")
    (path / "folder").mkdir()
    (path / "loop").symlink_to(path / "loop")
    (path / os.fsdecode(b"h1\xff.csv")).write_bytes((REPO / "actuals/2024-h1.csv").read_bytes())


@FUZZ
@given(
    arguments=command_lines(),
    environment=st.fixed_dictionaries(
        {}, optional={k: st.sampled_from(v) for k, v in SETTINGS.items()}
    ),
)
def test_any_command_line(tulos: Tulos, arguments: list[str], environment: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _folder(folder)
        assert_documented(tulos(*arguments, cwd=folder, env=environment))
