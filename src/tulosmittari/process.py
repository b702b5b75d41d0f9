"""The process around a command: signals that end it, a missing standard stream, a crash.

None of this knows Typer; `cli.main` puts a run inside `signals_end_the_run()` and
`standard_streams()`, and turns anything unexpected into `internal_error`'s one line.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator, Sequence
from types import FrameType

from tulosmittari import __version__

ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals that ask a process to end, besides Ctrl-C (SIGINT, which Python raises as
KeyboardInterrupt): a service manager's stop, a closed terminal."""


def without_pydantic_plugins() -> None:
    """Pydantic looks for plugins in the entry points of every installed distribution the first
    time a model is built (about 20 ms of a check on the development machine); tulos has no
    use for them. A value the user set wins: an empty one lets installed plugins run."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


class Terminated(BaseException):
    """Raised where the process is when an ending signal comes, so that `finally` clauses run
    (a half-written temporary file is removed) before the process ends with 128 + the signal.
    A BaseException, like KeyboardInterrupt, so that no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # as a shell reports a process the signal ended


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_end_the_run() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run as Ctrl-C does: by an exception, cleaning up on the way.
    Only the main thread may handle signals; elsewhere (a test's thread) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _terminate) for signum in ENDING_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class _Closed(io.TextIOBase):
    """A standard stream the process was started without (`tulos … >&-`): every write fails
    as writing to a closed file descriptor does, so the command says so instead of crashing."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(9, os.strerror(9))  # EBADF

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def standard_streams() -> Iterator[None]:
    """stdout and stderr as objects even when the process has none: a closed stdout fails
    its writes (exit 2 with a message), a closed stderr swallows diagnostics (nowhere to say
    them)."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = io.StringIO()
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def internal_error(error: BaseException, argv: Sequence[str], lang: str) -> int:
    """One line instead of a traceback; the traceback goes to a file (or stderr with --debug).

    Needs nothing beyond the standard library and the catalogue's plain texts, so that it works
    whatever broke (it falls back to English if even the catalogue is what broke).
    """
    details = "".join(traceback.format_exception(error))
    if "--debug" in argv:
        sys.stderr.write(printable(details, keep="\n"))
        return 3
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="tulos-crash-", suffix=".txt", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(details)
        where: tuple[str, str | None] = ("cli.crash_file", handle.name)
    except OSError:
        where = ("cli.crash_debug", None)
    sys.stderr.write(_crash_line(printable(repr(error)), where, lang) + "\n")
    return 3


def _crash_line(error: str, where: tuple[str, str | None], lang: str) -> str:
    """The crash line from the catalogue's plain text, formatted with `str.format` alone."""
    try:
        from tulosmittari.catalogue.cli import TEXTS

        place = 1 if lang == "en" else 0
        file = repr(printable(where[1])) if where[1] is not None else ""
        text = TEXTS["cli.internal_error"][place].format(
            error=error, version=__version__, where=TEXTS[where[0]][place].format(file=file)
        )
    except Exception:  # the catalogue itself is broken: say it in English, as before
        text = f"{error}. This is a bug in tulosmittari {__version__}."
    return f"tulos: internal error: {text}"


def printable(text: str, keep: str = "") -> str:
    """Control characters, line breaks (unless kept) and bidi overrides as escapes, as `clean()`
    does, but without importing anything that might be what is broken."""
    return "".join(c if c.isprintable() or c in keep else ascii(c)[1:-1] for c in text)
