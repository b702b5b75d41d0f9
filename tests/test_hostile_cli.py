"""Broken and hostile input through the real command: a clear error every time, exit 2, no
traceback, within bounded time and memory.

Each case runs as its own process (`python -m tulosmittari`) under a cap on its address space and
a timeout, so that a hang, a blow-up or a crash in any layer (Typer, the readers, the renderers,
interpreter start-up) shows here as it would in CI. The corpora in tests/data/hostile/:

* `yaml/NAME.yaml` with `NAME.expected`: `tulos validate NAME.yaml`, and as the agreement of
  `tulos check`, run in that folder so that messages name the file as given;
* `csv/NAME.csv` with `NAME.expected`: `tulos check NAME.csv` against `csv_agreement.yaml`, the
  agreement the expectations were written for;
* `cli/NAME.args` with `NAME.expected`: a command line, one argument a line, run from the
  repository root; `{tmp}` is an empty folder. Cases only the command sees: an agreement valid as
  YAML but not as an agreement, a folder or a missing file given as a file, `-o` where no file
  can or may be written.

Inputs too big to keep in git are made once per session. In-process below: unexpected internal
errors and Ctrl-C, and arbitrary text and bytes as either file (Hypothesis).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tulosmittari import __version__, actuals, loading
from tulosmittari.cli import main
from tulosmittari.yaml_source import MAX_NODES
from tulosmittari.yaml_text import MAX_BYTES

REPO = Path(__file__).resolve().parent.parent
HOSTILE = REPO / "tests" / "data" / "hostile"
CSV_AGREEMENT = HOSTILE / "csv_agreement.yaml"
H1 = REPO / "actuals" / "2024-h1.csv"

MEMORY_LIMIT = 512 << 20
"""Address space per run. The interpreter with its libraries needs about 50 MiB; the heaviest
agreement the loader admits (just under 5 MiB, one node a line up to the node limit) needs about
200 MiB (it fails at 150); a limit that stopped holding would need gigabytes."""

TIMEOUT = 20  # seconds per run; every case takes well under one


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _environment() -> dict[str, str]:
    drop = ("TULOS_LANG", "NO_COLOR", "GITHUB_STEP_SUMMARY")
    kept = {k: v for k, v in os.environ.items() if k not in drop}
    return {**kept, "TULOS_LANG": "en"}  # the expectations are English; Finnish is the default


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tulosmittari", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        env=_environment(),
        preexec_fn=_cap_memory,
        check=False,
    )


def assert_unusable(done: subprocess.CompletedProcess[str], expected: str) -> None:
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[0] == expected


def expected_line(path: Path) -> str:
    return path.with_suffix(".expected").read_text(encoding="utf-8").rstrip("\n")


def _stems(folder: str, suffix: str) -> list[str]:
    return sorted(p.stem for p in (HOSTILE / folder).glob(f"*{suffix}"))


# --- The corpora -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _stems("yaml", ".yaml"), ids=str)
def test_hostile_agreement_for_validate(name: str) -> None:
    folder = HOSTILE / "yaml"
    done = run(["validate", f"{name}.yaml"], folder)
    assert_unusable(done, expected_line(folder / f"{name}.yaml"))


@pytest.mark.parametrize("name", _stems("yaml", ".yaml"), ids=str)
def test_hostile_agreement_for_check(name: str) -> None:
    folder = HOSTILE / "yaml"
    done = run(["check", "--agreement", f"{name}.yaml", str(H1)], folder)
    assert_unusable(done, expected_line(folder / f"{name}.yaml"))
    assert done.stdout == ""


@pytest.mark.parametrize("name", _stems("csv", ".csv"), ids=str)
def test_hostile_actuals_for_check(name: str) -> None:
    folder = HOSTILE / "csv"
    done = run(["check", "--agreement", "../csv_agreement.yaml", f"{name}.csv"], folder)
    assert_unusable(done, expected_line(folder / f"{name}.csv"))
    assert done.stdout == ""


@pytest.mark.parametrize("name", _stems("cli", ".args"), ids=str)
def test_hostile_command_line(name: str, tmp_path: Path) -> None:
    case = HOSTILE / "cli" / name
    lines = case.with_suffix(".args").read_text(encoding="utf-8").splitlines()
    args = [line.replace("{tmp}", str(tmp_path)) for line in lines]
    before = _snapshot(REPO / "agreements", REPO / "actuals")
    done = run(args, REPO)
    assert_unusable(done, expected_line(case).replace("{tmp}", str(tmp_path)))
    assert _snapshot(REPO / "agreements", REPO / "actuals") == before
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temporary file


def _snapshot(*folders: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for f in folders for p in f.iterdir()}


def test_every_case_has_its_expected_line() -> None:
    for folder, suffix in (("yaml", ".yaml"), ("csv", ".csv"), ("cli", ".args")):
        assert _stems(folder, suffix) == _stems(folder, ".expected"), folder


def test_the_csv_agreement_is_the_one_the_expectations_were_written_for() -> None:
    """The reader's own tests use `actuals_fixtures.build_agreement()`; the file must not drift."""
    from actuals_fixtures import build_agreement

    loaded = loading.load_agreement(CSV_AGREEMENT)
    assert loaded.agreement is not None
    assert loaded.agreement.metric_index.keys() == build_agreement().metric_index.keys()
    for ours, theirs in zip(loaded.agreement.tables, build_agreement().tables, strict=True):
        assert (ours.metrics, ours.groups) == (theirs.metrics, theirs.groups)
    assert main(["validate", str(CSV_AGREEMENT)]) == 0


# --- Inputs too big for git --------------------------------------------------------------------


@pytest.fixture(scope="session")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    (folder / "too_large.yaml").write_text("a: " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    (folder / "deep_brackets.yaml").write_text("[" * 100_000, encoding="utf-8")
    # just under the size limit, one node per line: the most work and memory the loader admits
    (folder / "most_nodes.yaml").write_text("a:\n" + "- x\n" * 1_300_000, encoding="utf-8")
    line = "operating_costs,2024," + "1" * 10_000_000
    (folder / "long_line.csv").write_text(f"metric,period,value\n{line}\n", encoding="utf-8")
    rows = "operating_costs,2024-13,x\n" * 100_000  # two problems a row, capped at 100 a file
    (folder / "many_problems.csv").write_text(f"metric,period,value\n{rows}", encoding="utf-8")
    return folder


BIG_AGREEMENTS = {
    "too_large.yaml": f"too_large.yaml: error: the file is too large: {MAX_BYTES + 4} bytes, "
    f"over the limit of 5 MiB ({MAX_BYTES} bytes)",
    "deep_brackets.yaml": "deep_brackets.yaml:1:1001: error: the data is nested more than 64 "
    "levels deep",
    "most_nodes.yaml": f"most_nodes.yaml:{MAX_NODES - 1}:3: error: too many nodes: the limit is "
    f"{MAX_NODES} keys and values",
}


@pytest.mark.parametrize("name", sorted(BIG_AGREEMENTS), ids=str)
@pytest.mark.parametrize("command", ["validate", "check"])
def test_big_agreements(big: Path, name: str, command: str) -> None:
    args = ["validate", name] if command == "validate" else ["check", "-a", name, str(H1)]
    assert_unusable(run(args, big), BIG_AGREEMENTS[name])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "long_line.csv",
            "long_line.csv:2: error: line 2 is longer than 1 MiB: this is not a CSV file of "
            "actuals",
        ),
        (
            "many_problems.csv",
            "many_problems.csv:2:2 [period]: error: '2024-13' is not a period (a month is "
            "01–12): write 2024, 2024-H1, 2024-Q1, 2024-03 or 2024-03-15",
        ),
    ],
)
def test_big_actuals(big: Path, name: str, expected: str) -> None:
    done = run(["check", "--agreement", str(CSV_AGREEMENT), name], big)
    assert_unusable(done, expected)
    assert len(done.stderr.splitlines()) <= 101  # the cap, then one line counting the rest


# --- Not errors: what a hand-edited file may also look like ------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('metric;period;value;note\noperating_costs;2024;"1,5";"a note; a delimiter"\n', "1,5"),
    ],
    ids=["quoted-delimiter"],
)
def test_files_that_are_not_errors(tmp_path: Path, text: str, shown: str) -> None:
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    done = run(
        ["check", "--agreement", str(CSV_AGREEMENT), "a.csv", "--fail-on", "never", "--lang", "fi"],
        tmp_path,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert shown in done.stdout


# --- Bugs and Ctrl-C ---------------------------------------------------------------------------


def _raising(error: BaseException) -> Callable[..., object]:
    def raising(*args: object, **kwargs: object) -> object:
        raise error

    return raising


def test_an_internal_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(actuals, "read_actuals", _raising(ValueError("boom\x1b[2J\nline 2")))
    assert main(["check", "--agreement", str(CSV_AGREEMENT), str(H1)]) == 3
    out, err = capsys.readouterr()
    (crash,) = tmp_path.glob("tulos-crash-*.txt")
    assert out == ""
    assert err == (
        "tulos: internal error: ValueError('boom\\x1b[2J\\nline 2'). This is a bug in "
        f"tulosmittari {__version__}; the traceback is in '{crash}' (or run with --debug). "
        "Please report it to the tulosmittari maintainers, with that traceback and the command"
        " you ran.\n"
    )
    assert "Traceback (most recent call last):" in crash.read_text(encoding="utf-8")


def test_debug_shows_the_traceback_with_control_characters_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(actuals, "read_actuals", _raising(ValueError("boom\x1b[2J")))
    assert main(["--debug", "check", "--agreement", str(CSV_AGREEMENT), str(H1)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith("ValueError: boom\\x1b[2J\n")


def test_ctrl_c_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(loading, "load_agreement", _raising(KeyboardInterrupt()))
    assert main(["validate", str(CSV_AGREEMENT)]) == 130
    assert capsys.readouterr() == ("", "tulos: interrupted\n")


PATCHED = """
import signal, sys
import tulosmittari.actuals
from tulosmittari.cli import main

def interrupt(*args, **kwargs):
    signal.raise_signal(signal.SIGINT)  # a real Ctrl-C: the signal, not a raised exception

def fail(*args, **kwargs):
    raise RuntimeError("a bug")

tulosmittari.actuals.read_actuals = {function}
raise SystemExit(main(sys.argv[1:]))
"""


CHECK_ARGS = ["check", "--agreement", str(CSV_AGREEMENT), str(H1)]


def _patched_run(function: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real process with one core function replaced, the crash file kept in `tmp_path`."""
    return subprocess.run(
        [sys.executable, "-c", PATCHED.format(function=function), *CHECK_ARGS],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env={**_environment(), "TMPDIR": str(tmp_path)},
        check=False,
    )


def test_an_internal_error_as_a_process(tmp_path: Path) -> None:
    done = _patched_run("fail", tmp_path)
    (crash,) = tmp_path.glob("tulos-crash-*.txt")
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr.startswith("tulos: internal error: RuntimeError('a bug'). This is a bug")
    assert done.stderr.count("\n") == 1
    assert f"'{crash}'" in done.stderr
    assert "RuntimeError: a bug" in crash.read_text(encoding="utf-8")


def test_ctrl_c_as_a_process(tmp_path: Path) -> None:
    done = _patched_run("interrupt", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "tulos: interrupted\n")


# --- Named pipes -------------------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_a_pipe_no_one_writes_to_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "actuals.csv")
    done = run(["check", "actuals.csv", "--agreement", str(CSV_AGREEMENT)], tmp_path)
    assert_unusable(
        done,
        "actuals.csv: error: nothing came through the pipe: it needs a header row such as "
        "metric,period,value",
    )


def _check_through_a_pipe(tmp_path: Path, data: bytes) -> tuple[int, str, str]:
    """`tulos check` of a named pipe, run from a folder with the bundled agreement, that a
    thread writes `data` into once the command opens it."""
    (tmp_path / "agreements").symlink_to(REPO / "agreements")
    pipe = tmp_path / "actuals.csv"
    os.mkfifo(pipe)
    reading = subprocess.Popen(
        [sys.executable, "-m", "tulosmittari", "check", "actuals.csv"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )

    def write() -> None:
        with pipe.open("wb") as writer:  # waits for a reader to open the pipe
            writer.write(data)

    writing = threading.Thread(target=write, daemon=True)
    writing.start()
    try:
        out, err = reading.communicate(timeout=TIMEOUT)
    finally:
        reading.kill()
        if writing.is_alive():  # the command never opened the pipe: release the writer
            os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
        writing.join(TIMEOUT)
    return reading.returncode, out.decode(), err.decode()


@needs_fifo
def test_a_pipe_being_written_reads_like_the_file(tmp_path: Path) -> None:
    code, out, err = _check_through_a_pipe(tmp_path, H1.read_bytes())
    direct = run(["check", str(H1)], REPO)
    assert (code, err, out) == (direct.returncode, direct.stderr, direct.stdout)


@needs_fifo
def test_a_repeated_day_through_a_pipe_is_an_error_not_a_guess(tmp_path: Path) -> None:
    """The earlier row of a repeat is found by reading the file again, which a pipe cannot be."""
    rows = b"metric,period,value\nbilling_rate,2024-01-05,71\nbilling_rate,2024-01-05,80\n"
    code, out, err = _check_through_a_pipe(tmp_path, rows)
    assert (code, out) == (2, "")
    assert err == (
        "actuals.csv:3:3 [value]: error: 'billing_rate' is given for 2024-01-05 again here, and"
        " its earlier row could not be read again to compare the two (a pipe can be read only"
        " once): give the actuals as a file\n"
    )


# --- Anything at all, in-process ---------------------------------------------------------------

PROPERTY = settings(
    max_examples=100, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
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


def _exit_of(args: list[str], capsys: pytest.CaptureFixture[str]) -> int:
    code = main(args)
    assert "Traceback" not in capsys.readouterr().err
    return code


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


@PROPERTY
@given(content=st.one_of(ANY_BYTES, edited_agreements()))
def test_any_agreement_file_gives_a_documented_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(content)
    assert _exit_of(["validate", str(path)], capsys) in (0, 1, 2)


@PROPERTY
@given(content=st.one_of(ANY_BYTES, actuals_files()))
def test_any_actuals_file_gives_a_documented_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    args = ["check", "--agreement", str(CSV_AGREEMENT), str(path), "--format", "json"]
    assert _exit_of(args, capsys) in (0, 1, 2)
