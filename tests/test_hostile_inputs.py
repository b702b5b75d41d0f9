"""Broken and hostile input through the command: a clear error every time, exit 2, no traceback.

The corpora in tests/data/hostile/ run through `tulosmittari.cli.main` in this process (the
`tulos` fixture: captured streams, a time limit, no traceback allowed):

* `yaml/NAME.yaml` with `NAME.expected`: `tulos validate NAME.yaml`, and as the agreement of
  `tulos check`, run in that folder so that messages name the file as given;
* `csv/NAME.csv` with `NAME.expected`: `tulos check NAME.csv` against `csv_agreement.yaml`, the
  agreement the expectations were written for;
* `cli/NAME.args` with `NAME.expected`: a command line, one argument a line, run from the
  repository root; `{tmp}` is an empty folder. Cases only the command sees: an agreement valid as
  YAML but not as an agreement, a folder or a missing file given as a file, `-o` where no file
  can or may be written.

Also here: inputs too big to keep in git, unexpected internal errors and Ctrl-C. Arbitrary
text and bytes as either file, and arbitrary command lines, are in tests/test_fuzz.py. What only
a whole process shows (memory caps, real signals, named pipes, interpreter start-up) is in
tests/test_process.py.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, Ran, Tulos
from tulosmittari import __version__
from tulosmittari.cli import main

HOSTILE = REPO / "tests" / "data" / "hostile"
CSV_AGREEMENT = HOSTILE / "csv_agreement.yaml"
H1 = REPO / "actuals" / "2024-h1.csv"

ENGLISH = {"TULOS_LANG": "en"}  # the language the corpora's expectations are written in
MAX_BYTES = 5 * 1024 * 1024  # the limits of an agreement file, as its messages state them
MAX_NODES = 200_000


def assert_unusable(ran: Ran, expected: str) -> None:
    assert ran.code == 2, ran.err
    assert ran.err.splitlines()[0] == expected


def expected_line(path: Path) -> str:
    return path.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")


def _stems(folder: str, suffix: str) -> list[str]:
    return sorted(p.stem for p in (HOSTILE / folder).glob(f"*{suffix}"))


# --- The corpora -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _stems("yaml", ".yaml"), ids=str)
def test_hostile_agreement_for_validate(tulos: Tulos, name: str) -> None:
    folder = HOSTILE / "yaml"
    ran = tulos("validate", f"{name}.yaml", cwd=folder, env=ENGLISH)
    assert_unusable(ran, expected_line(folder / f"{name}.yaml"))


@pytest.mark.parametrize("name", _stems("yaml", ".yaml"), ids=str)
def test_hostile_agreement_for_check(tulos: Tulos, name: str) -> None:
    folder = HOSTILE / "yaml"
    ran = tulos("check", "--agreement", f"{name}.yaml", H1, cwd=folder, env=ENGLISH)
    assert_unusable(ran, expected_line(folder / f"{name}.yaml"))
    assert ran.out == ""


@pytest.mark.parametrize("name", _stems("csv", ".csv"), ids=str)
def test_hostile_actuals_for_check(tulos: Tulos, name: str) -> None:
    folder = HOSTILE / "csv"
    ran = tulos(
        "check", "--agreement", "../csv_agreement.yaml", f"{name}.csv", cwd=folder, env=ENGLISH
    )
    assert_unusable(ran, expected_line(folder / f"{name}.csv"))
    assert ran.out == ""


@pytest.mark.parametrize("name", _stems("cli", ".args"), ids=str)
def test_hostile_command_line(tulos: Tulos, name: str, tmp_path: Path) -> None:
    case = HOSTILE / "cli" / name
    lines = case.with_suffix(".args").read_text(encoding="utf-8").splitlines()
    args = [line.replace("{tmp}", str(tmp_path)) for line in lines]
    before = _snapshot(REPO / "agreements", REPO / "actuals")
    ran = tulos(*args, cwd=REPO, env=ENGLISH)
    assert_unusable(ran, expected_line(case).replace("{tmp}", str(tmp_path)))
    assert _snapshot(REPO / "agreements", REPO / "actuals") == before
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temporary file


def _snapshot(*folders: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for f in folders for p in f.iterdir()}


def test_every_case_has_its_expected_line() -> None:
    for folder, suffix in (("yaml", ".yaml"), ("csv", ".csv"), ("cli", ".args")):
        assert _stems(folder, suffix) == _stems(folder, ".expected"), folder


def test_the_csv_agreement_is_the_one_the_expectations_were_written_for(tulos: Tulos) -> None:
    """The reader's own tests use `actuals_fixtures.build_agreement()`; the file must not drift."""
    from actuals_fixtures import build_agreement
    from tulosmittari.loading import load_agreement

    loaded = load_agreement(CSV_AGREEMENT)
    assert loaded.agreement is not None
    assert loaded.agreement.metric_index.keys() == build_agreement().metric_index.keys()
    for ours, theirs in zip(loaded.agreement.tables, build_agreement().tables, strict=True):
        assert (ours.metrics, ours.groups) == (theirs.metrics, theirs.groups)
    assert tulos("validate", CSV_AGREEMENT).code == 0


# --- Inputs too big for git --------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The big inputs that stop early; those that take real memory are run as processes under a
    memory cap, in tests/test_process.py."""
    folder = tmp_path_factory.mktemp("big")
    (folder / "too_large.yaml").write_text("a: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    (folder / "deep_brackets.yaml").write_text("[" * 100_000, encoding="utf-8")
    rows = "operating_costs,2024-13,x\n" * 100_000  # two problems a row, capped at 100 a file
    (folder / "many_problems.csv").write_text(f"metric,period,value\n{rows}", encoding="utf-8")
    return folder


BIG_AGREEMENTS = {
    "too_large.yaml": f"too_large.yaml: error: the file is too large: {MAX_BYTES + 4} bytes, "
    f"over the limit of 5 MiB ({MAX_BYTES} bytes)",
    "deep_brackets.yaml": "deep_brackets.yaml:1:1001: error: the data is nested more than 64 "
    "levels deep",
}


@pytest.mark.parametrize("name", sorted(BIG_AGREEMENTS), ids=str)
@pytest.mark.parametrize("command", ["validate", "check"])
def test_big_agreements(tulos: Tulos, big: Path, name: str, command: str) -> None:
    args = ["validate", name] if command == "validate" else ["check", "-a", name, str(H1)]
    assert_unusable(tulos(*args, cwd=big, env=ENGLISH), BIG_AGREEMENTS[name])


def test_many_problems_are_capped(tulos: Tulos, big: Path) -> None:
    ran = tulos("check", "--agreement", CSV_AGREEMENT, "many_problems.csv", cwd=big, env=ENGLISH)
    assert_unusable(
        ran,
        "many_problems.csv:2:2 [period]: error: '2024-13' is not a period (a month is 01–12): "
        "write 2024, 2024-H1, 2024-Q1, 2024-03 or 2024-03-15",
    )
    assert len(ran.err.splitlines()) <= 101  # the cap, then one line counting the rest


# --- Not errors: what a hand-edited file may also look like ------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('metric;period;value;note\noperating_costs;2024;"1,5";"a note; a delimiter"\n', "1,5"),
    ],
    ids=["quoted-delimiter"],
)
def test_files_that_are_not_errors(tulos: Tulos, tmp_path: Path, text: str, shown: str) -> None:
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    args = ["check", "--agreement", str(CSV_AGREEMENT), "a.csv", "--fail-on", "never"]
    ran = tulos(*args, cwd=tmp_path)
    assert (ran.code, ran.err) == (0, "")
    assert shown in ran.out


# --- Bugs and Ctrl-C ---------------------------------------------------------------------------

READ_ACTUALS = "tulosmittari.actuals.read_actuals"  # where `check` reads its actuals
LOAD_AGREEMENT = "tulosmittari.loading.load_agreement"  # where every command loads its agreement


def _raising(error: BaseException) -> Callable[..., object]:
    def raising(*args: object, **kwargs: object) -> object:
        raise error

    return raising


def test_an_internal_error_is_one_line_and_exit_3(
    tulos: Tulos, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(READ_ACTUALS, _raising(ValueError("boom\x1b[2J\nline 2")))
    ran = tulos("check", "--agreement", CSV_AGREEMENT, H1, "--lang", "en")
    (crash,) = tmp_path.glob("tulos-crash-*.txt")
    assert (ran.code, ran.out) == (3, "")
    assert ran.err == (
        "tulos: internal error: ValueError('boom\\x1b[2J\\nline 2'). This is a bug in "
        f"tulosmittari {__version__}; the traceback is in '{crash}' (or run with --debug). "
        "Please report it to the tulosmittari maintainers, with that traceback and the command"
        " you ran.\n"
    )
    assert "Traceback (most recent call last):" in crash.read_text(encoding="utf-8")


def test_debug_shows_the_traceback_with_control_characters_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`main` itself, not the `tulos` fixture: the one run whose traceback is asked for."""
    monkeypatch.setattr(READ_ACTUALS, _raising(ValueError("boom\x1b[2J")))
    assert main(["--debug", "check", "--agreement", str(CSV_AGREEMENT), str(H1)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith("ValueError: boom\\x1b[2J\n")


def test_ctrl_c_ends_quietly(tulos: Tulos, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LOAD_AGREEMENT, _raising(KeyboardInterrupt()))
    assert tulos("validate", CSV_AGREEMENT) == (130, "", "tulos: keskeytetty\n")
    assert tulos("validate", CSV_AGREEMENT, "--lang", "en") == (130, "", "tulos: interrupted\n")
