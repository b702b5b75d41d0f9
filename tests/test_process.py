"""What only a whole process shows: `tulos` as its own interpreter (`python -m tulosmittari`).

Everything else runs in-process (the `tulos` fixture of conftest.py); each case here says why it
needs a process of its own:

* memory: the heaviest inputs run under a cap on the address space, which only a child can have;
* signals: a real SIGINT, SIGTERM or SIGHUP ends the process, not a test;
* stdout: a full disk, a closed pipe or no stdout at all, and what the interpreter flushes at exit;
* named pipes: a writer on the other end of the pipe, at the speed of a separate reader;
* the interpreter: `python -m` start-up, the crash line of a process, the modules a fresh process
  imports, Pydantic's plugins (looked for once per process).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO, USER_SETTINGS, Tulos

HOSTILE = REPO / "tests" / "data" / "hostile"
CSV_AGREEMENT = HOSTILE / "csv_agreement.yaml"
H1 = "actuals/2024-h1.csv"

MEMORY_LIMIT = 512 << 20
"""Address space per run. The interpreter with its libraries needs about 50 MiB; the heaviest
agreement the loader admits (just under 5 MiB, one node a line up to the node limit) needs about
200 MiB (it fails at 150); a limit that stopped holding would need gigabytes."""

TIMEOUT = 20  # seconds per run; every case takes well under one
MAX_NODES = 200_000  # the node limit of an agreement, as its message states it


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _environment(**extra: str) -> dict[str, str]:
    """The environment of the tests, less what the user sets to change the output."""
    kept = {k: v for k, v in os.environ.items() if k not in USER_SETTINGS}
    return {**kept, **extra}


def run(
    args: list[str],
    cwd: Path = REPO,
    *,
    command: tuple[str, ...] = ("-m", "tulosmittari"),
    tmpdir: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python COMMAND ARGS` (by default `tulos ARGS`) under the memory cap and the timeout;
    temporary files (a crash report) in `tmpdir`."""
    return subprocess.run(
        [sys.executable, *command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        env=_environment(**({"TMPDIR": str(tmpdir)} if tmpdir else {})),
        preexec_fn=_cap_memory,
        check=False,
    )


def assert_unusable(done: subprocess.CompletedProcess[str], expected: str) -> None:
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[0] == expected


# --- Memory: the heaviest inputs under a cap ---------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    # just under the size limit, one node per line: the most work and memory the loader admits
    (folder / "most_nodes.yaml").write_text("a:\n" + "- x\n" * 1_300_000, encoding="utf-8")
    line = "operating_costs,2024," + "1" * 10_000_000
    (folder / "long_line.csv").write_text(f"metric,period,value\n{line}\n", encoding="utf-8")
    return folder


MOST_NODES = (
    f"most_nodes.yaml:{MAX_NODES - 1}:3: error: too many nodes: the limit is {MAX_NODES} keys and "
    "values"
)


@pytest.mark.parametrize("command", ["validate", "check"])
def test_the_most_nodes_an_agreement_may_have(big: Path, command: str) -> None:
    args = ["validate"] if command == "validate" else ["check", str(REPO / H1), "-a"]
    assert_unusable(run([*args, "most_nodes.yaml", "--lang", "en"], big), MOST_NODES)


def test_billion_laughs() -> None:
    folder = HOSTILE / "yaml"
    expected = (folder / "billion_laughs.expected").read_text(encoding="utf-8").rstrip("\n")
    assert_unusable(run(["validate", "--lang", "en", "billion_laughs.yaml"], folder), expected)


def test_a_ten_megabyte_line_of_actuals(big: Path) -> None:
    done = run(["check", "--lang", "en", "--agreement", str(CSV_AGREEMENT), "long_line.csv"], big)
    assert_unusable(
        done,
        "long_line.csv:2: error: line 2 is longer than 1 MiB: this is not a CSV file of actuals",
    )
    assert len(done.stderr.splitlines()) <= 101  # the cap, then one line counting the rest


# --- Signals and crashes of the process --------------------------------------------------------

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


def _patched_run(function: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The real process with one core function replaced, the crash file kept in `tmp_path`."""
    args = ["check", "--agreement", str(CSV_AGREEMENT), str(REPO / H1)]
    return run(args, tmp_path, command=("-c", PATCHED.format(function=function)), tmpdir=tmp_path)


def test_an_internal_error_as_a_process(tmp_path: Path) -> None:
    done = _patched_run("fail", tmp_path)
    (crash,) = tmp_path.glob("tulos-crash-*.txt")
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr.startswith("tulos: internal error: RuntimeError('a bug'). Tämä on vika")
    assert done.stderr.count("\n") == 1
    assert f"'{crash}'" in done.stderr
    assert "RuntimeError: a bug" in crash.read_text(encoding="utf-8")


def test_ctrl_c_as_a_process(tmp_path: Path) -> None:
    done = _patched_run("interrupt", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "tulos: keskeytetty\n")


SIGNAL_WHILE_WRITING = """
import os, signal, sys
from tulosmittari.cli import main

write_to_disk = os.fsync

def fsync(descriptor):  # the temporary file is written, not yet in place: the worst moment
    signal.raise_signal(signal.{name})
    write_to_disk(descriptor)

os.fsync = fsync
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("name", "code", "said"),
    [
        ("SIGTERM", 143, "tulos: lopetettu signaalilla SIGTERM"),
        ("SIGHUP", 129, "tulos: lopetettu signaalilla SIGHUP"),
        ("SIGINT", 130, "tulos: keskeytetty"),
    ],
)
def test_a_signal_while_writing_leaves_no_temporary_file(
    tmp_path: Path, name: str, code: int, said: str
) -> None:
    """A service manager's stop (SIGTERM) or a closed terminal (SIGHUP) cleans up as Ctrl-C does,
    and the process ends with 128 + the signal, as a shell reports it."""
    folder = tmp_path / "out"
    folder.mkdir()
    agreement = REPO / "agreements" / "2024-2027.yaml"
    args = ["check", str(REPO / H1), "-a", str(agreement), "-o", str(folder / "out.txt")]
    done = run(args, tmp_path, command=("-c", SIGNAL_WHILE_WRITING.format(name=name)))
    assert (done.returncode, done.stdout, done.stderr) == (code, "", said + "\n")
    assert list(folder.iterdir()) == []


# --- stdout that cannot be written ---------------------------------------------------------------


def _with_stdout(args: list[str], stdout: int, close_stdout: bool = False) -> tuple[int, str]:
    """`tulos ARGS` with its stdout on descriptor `stdout` (or closed): exit code and stderr."""

    def prepare() -> None:
        _cap_memory()
        if close_stdout:
            os.close(1)

    done = subprocess.run(
        [sys.executable, "-m", "tulosmittari", *args],
        cwd=REPO,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        env=_environment(),
        preexec_fn=prepare,
        check=False,
    )
    return done.returncode, done.stderr.decode("utf-8")


@pytest.mark.parametrize("args", [["--help"], ["schema"]])
def test_a_full_disk_as_a_process(args: list[str]) -> None:
    """Also what the interpreter flushes at exit fails no more: one line, exit 2."""
    with open("/dev/full", "wb") as full:
        assert _with_stdout(args, full.fileno()) == (
            2,
            "tulos: error: vakiotulosteeseen ei voi kirjoittaa: No space left on device\n",
        )


def test_a_closed_pipe_as_a_process() -> None:
    """`tulos check … | head -1`, the reader already gone: nothing on stderr, exit 141."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        assert _with_stdout(["check", H1], writing) == (141, "")
    finally:
        os.close(writing)


def test_a_closed_stdout_as_a_process() -> None:
    """`tulos check … >&-`: Python starts without sys.stdout."""
    assert _with_stdout(["check", H1, "--lang", "en"], subprocess.DEVNULL, close_stdout=True) == (
        2,
        "tulos: error: cannot write to standard output: Bad file descriptor\n",
    )


# --- Named pipes -------------------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_a_pipe_no_one_writes_to_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "actuals.csv")
    done = run(
        ["check", "actuals.csv", "--lang", "en", "--agreement", str(CSV_AGREEMENT)], tmp_path
    )
    assert_unusable(
        done,
        "actuals.csv: error: nothing came through the pipe: it needs a header row such as "
        "metric,period,value",
    )


def _check_through_a_pipe(tmp_path: Path, data: bytes, *options: str) -> tuple[int, str, str]:
    """`tulos check` of a named pipe, run from a folder with the bundled agreement, that a
    thread writes `data` into once the command opens it."""
    (tmp_path / "agreements").symlink_to(REPO / "agreements")
    pipe = tmp_path / "actuals.csv"
    os.mkfifo(pipe)
    reading = subprocess.Popen(
        [sys.executable, "-m", "tulosmittari", "check", "actuals.csv", *options],
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
def test_a_pipe_being_written_reads_like_the_file(tmp_path: Path, tulos: Tulos) -> None:
    code, out, err = _check_through_a_pipe(tmp_path, (REPO / H1).read_bytes())
    assert (code, out, err) == tulos("check", REPO / H1, cwd=REPO)


@needs_fifo
def test_a_repeated_day_through_a_pipe_is_an_error_not_a_guess(tmp_path: Path) -> None:
    """The earlier row of a repeat is found by reading the file again, which a pipe cannot be."""
    rows = b"metric,period,value\nbilling_rate,2024-01-05,71\nbilling_rate,2024-01-05,80\n"
    code, out, err = _check_through_a_pipe(tmp_path, rows, "--lang", "en")
    assert (code, out) == (2, "")
    assert err == (
        "actuals.csv:3:3 [value]: error: 'billing_rate' is given for 2024-01-05 again here, and"
        " its earlier row could not be read again to compare the two (a pipe can be read only"
        " once): give the actuals as a file\n"
    )


# --- The interpreter ---------------------------------------------------------------------------


def test_the_main_job_as_a_process() -> None:
    """`python -m tulosmittari`, its stdout not a terminal: plain text, no colour."""
    done = run(["check", H1])
    assert done.returncode == 1
    assert done.stderr == ""
    assert " ".join(done.stdout.splitlines()[:2]).endswith("tavoitteet ja toteumat 2024-H1")
    assert "\x1b" not in done.stdout


MODULES_AFTER = """
import sys
from tulosmittari.cli import main
main(sys.argv[1:])
sys.__stdout__.write('\\n'.join(sys.modules))
"""


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh process has imported after running `tulos ARGS`."""
    done = run(list(args), command=("-c", MODULES_AFTER))
    return set(done.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "used"),
    [
        (("validate", "--format", "github"), "tulosmittari.render.github"),
        (
            ("check", H1, "--format", "json", "-o", os.devnull, "--force"),
            "tulosmittari.render.json",
        ),
    ],
)
def test_a_chosen_format_imports_its_renderer_only(args: tuple[str, ...], used: str) -> None:
    modules = _modules_after(*args)
    assert used in modules
    unused = {"tulosmittari.render.table", "tulosmittari.render.csv", "tulosmittari.render.html"}
    assert unused & modules == set()
    assert "rich" not in modules  # the terminal renderer's library, the costliest to import
    assert "tabulate" not in modules  # no plain table is laid out


def _with_a_pydantic_plugin(tmp_path: Path, setting: str | None) -> Path:
    """Runs `tulos validate` beside an installed Pydantic plugin that leaves a file when loaded."""
    marker = tmp_path / "plugin-loaded"
    (tmp_path / "spy_plugin.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).touch()\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n",
        encoding="utf-8",
    )
    info = tmp_path / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8"
    )
    env = {k: v for k, v in _environment().items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = str(tmp_path)
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = subprocess.run(
        [sys.executable, "-m", "tulosmittari", "validate"],
        cwd=REPO,
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return marker


def test_pydantic_plugins_are_not_looked_for(tmp_path: Path) -> None:
    assert not _with_a_pydantic_plugin(tmp_path, None).exists()


def test_pydantic_plugins_run_when_the_user_asks(tmp_path: Path) -> None:
    assert _with_a_pydantic_plugin(tmp_path, "").exists()
