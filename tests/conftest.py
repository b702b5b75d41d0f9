"""Shared fixtures: where the repository's own files are, and `tulos`, the command run in this
process the way a user runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import tty
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NamedTuple

import pytest

from tulosmittari.cli import main

REPO = Path(__file__).resolve().parent.parent
BUNDLED_AGREEMENT = REPO / "agreements" / "2024-2027.yaml"
EXAMPLE_ACTUALS = REPO / "actuals"

USER_SETTINGS = ("TULOS_LANG", "NO_COLOR", "GITHUB_STEP_SUMMARY", "COLUMNS", "LINES")
"""The environment a user sets that changes what `tulos` writes; unset unless a test sets it."""

TIMEOUT = 20
"""Seconds one run may take; every run takes well under one. A hang fails, not the suite."""

TERMINAL_SIZE = (40, 120)  # rows and columns of the pseudo-terminal of `terminal=True`


@pytest.fixture
def repo_root() -> Path:
    return REPO


class Ran(NamedTuple):
    """What one run of `tulos` gave: its exit code, stdout and stderr."""

    code: int
    out: str
    err: str


class TimedOut(BaseException):
    """Raised into a run that takes longer than TIMEOUT; a BaseException, so that the command's
    own last line of defence (which turns any Exception into exit 3) lets it through."""


class Tulos:
    """`tulos ARGS` through `tulosmittari.cli.main`, its streams captured.

    `cwd` and `env` apply to this run only (`None` in `env` unsets a variable); `terminal=True`
    gives stdout a pseudo-terminal, as when a person runs the command, of TERMINAL_SIZE or of
    `size` (rows, columns). No run may show a traceback: the command turns every failure into a
    message and an exit code.
    """

    def __init__(self, capsys: pytest.CaptureFixture[str]):
        self._capsys = capsys

    def __call__(
        self,
        *args: str | os.PathLike[str],
        cwd: Path | None = None,
        env: Mapping[str, str | None] | None = None,
        terminal: bool = False,
        size: tuple[int, int] = TERMINAL_SIZE,
    ) -> Ran:
        with pytest.MonkeyPatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            for name, value in (env or {}).items():
                if value is None:
                    patch.delenv(name, raising=False)
                else:
                    patch.setenv(name, value)
            with _time_limit(TIMEOUT):
                if terminal:
                    with _terminal_stdout(patch, size) as screen:
                        code = main([os.fspath(arg) for arg in args])
                    out, err = screen(), self._capsys.readouterr().err
                else:
                    code = main([os.fspath(arg) for arg in args])
                    out, err = self._capsys.readouterr()
        assert "Traceback" not in out + err, err
        return Ran(code, out, err)


@pytest.fixture
def tulos(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Tulos:
    """Runs the command in this process; see `Tulos`."""
    for name in USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return Tulos(capsys)


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimedOut(f"tulos ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _terminal_stdout(
    patch: pytest.MonkeyPatch, size: tuple[int, int]
) -> Iterator[Callable[[], str]]:
    """stdout on a pseudo-terminal of `size` (rows, columns), also as file descriptor 1 (where
    the terminal's size is asked); yields a function that returns what the terminal received."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # no CR added before each line feed
    rows, columns = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    received: list[bytes] = []

    def drain() -> None:  # read as it is written: a full terminal would block the writer
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # every writer has closed the terminal
                return
            if not chunk:
                return
            received.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    saved = os.dup(1)
    os.dup2(slave, 1)
    stream = open(slave, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (closed below)
    patch.setattr(sys, "stdout", stream)
    try:
        yield lambda: b"".join(received).decode("utf-8")
    finally:
        stream.close()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(slave)
        reader.join(TIMEOUT)
        os.close(master)
