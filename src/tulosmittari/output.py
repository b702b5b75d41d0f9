"""Where a command's output goes: a file written without ever losing one, or stdout.

A file is written to a temporary file beside it, flushed to disk, then put in place in one step:
a reader never sees half a file. Without `--force` it is put in place by creating the name
exclusively (a hard link, or `O_EXCL`), so that of two runs racing for one name exactly one
wins, whatever the timing; with `--force` it replaces the old file by a rename. The tool's own
inputs are never overwritten. Whatever stops a write (a full disk, Ctrl-C, SIGTERM) removes the
temporary file.

stdout is held while a command runs (`PendingStdout`) and written once at the end, so that a
write that fails (a full disk, a closed pipe) is one error in one place, whoever wrote.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from tulosmittari.problems import InputError, Message

NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}
"""What `link` fails with on file systems that have no hard links (FAT, some network shares)."""


def write_atomic(
    path: Path,
    text: str,
    *,
    name: str | None = None,
    force: bool = False,
    protected: Sequence[Path] = (),
) -> None:
    """Write `text` as UTF-8 to `path` atomically; refuse to clobber without `force`.

    `name` is the path as messages show it (the CLI's display name). A file that cannot be
    written (no permission, a name too long, a full disk, a symbolic link that loops) is an
    InputError naming the path, as a file that cannot be read is.
    """
    shown = name if name is not None else str(path)
    try:
        _write(path, shown, text, force, protected)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError.at(shown, Message("cli.write.failed", reason=reason)) from None


def _write(path: Path, shown: str, text: str, force: bool, protected: Sequence[Path]) -> None:
    status = _status(path)  # a loop of symbolic links or a path through a file fails here
    target = Path(os.path.realpath(path))
    if any(_same_file(target, p) for p in protected):
        raise InputError.at(shown, Message("cli.write.input"))
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError.at(shown, Message("cli.write.directory"))
    if status is not None and not stat.S_ISREG(status.st_mode):  # a device, a pipe
        raise InputError.at(shown, Message("cli.write.not_regular"))
    if status is not None and not force:  # said early; the exclusive creation is the guarantee
        raise InputError.at(shown, Message("cli.write.exists"))
    directory = target.parent
    if not directory.is_dir():
        raise InputError.at(shown, Message("cli.write.no_folder", folder=_shown_folder(path)))
    temporary = directory / f".{target.name}.{os.urandom(8).hex()}.tmp"  # as secrets would
    try:
        _write_temporary(temporary, text, _mode_for(status))
        if force:
            os.replace(temporary, target)
        else:
            _create(temporary, target, shown)
    finally:  # after a rename there is nothing left to remove; after a link, the second name
        temporary.unlink(missing_ok=True)


def _status(path: Path) -> os.stat_result | None:
    """The file at `path` (through symbolic links), or None when there is none yet."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _shown_folder(path: Path) -> str:
    from tulosmittari.invocation import display_name

    return display_name(path.parent)


def _same_file(target: Path, other: Path) -> bool:
    """The same file by name or by identity (a hard link, a case-insensitive file system)."""
    if target == Path(os.path.realpath(other)):
        return True
    try:
        return os.path.samefile(target, other)
    except OSError:  # either does not exist (or cannot be looked at): not the same file
        return False


def _write_temporary(temporary: Path, text: str, mode: int) -> None:
    """The whole text on disk under the temporary name, with the permissions it will keep."""
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
        os.fchmod(descriptor, mode)  # created private; a report is not
        stream.write(text)
        stream.flush()
        os.fsync(descriptor)


def _create(temporary: Path, target: Path, shown: str) -> None:
    """Put the finished file at `target` only if no file is there: a hard link fails when the
    name exists, so of two writers exactly one succeeds. Without hard links, the name is taken
    with `O_EXCL` (an empty file for a moment) and the text renamed over it."""
    try:
        os.link(temporary, target)
        return
    except FileExistsError:
        raise InputError.at(shown, Message("cli.write.exists")) from None
    except OSError as error:
        if error.errno not in NO_HARD_LINKS:
            raise
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise InputError.at(shown, Message("cli.write.exists")) from None
    os.replace(temporary, target)


def _mode_for(status: os.stat_result | None) -> int:
    """The replaced file's permissions, or what the umask gives a new file."""
    if status is not None:
        return status.st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class PendingStdout(io.StringIO):
    """What a command writes to stdout while it runs, Typer's help included, held in memory
    to be written by `deliver`. It answers `isatty` for the real stream, so a command knows
    whether a person is reading."""

    def __init__(self, real: TextIO) -> None:
        super().__init__()
        self.real = real

    def isatty(self) -> bool:
        return self.real.isatty()


class StdoutWriteError(Exception):
    """stdout could not be written: a full disk, a closed descriptor."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


class StdoutClosedError(Exception):
    """The reader of stdout went away (a closed pipe: `tulos check … | head -1`)."""


def deliver(pending: PendingStdout) -> None:
    """Write what a command held for stdout, or say why it could not be written."""
    text = pending.getvalue()
    if not text:  # nothing for stdout (`-o FILE`): a closed stdout is no error then
        return
    try:
        pending.real.write(text)
        pending.real.flush()
    except BrokenPipeError:
        _discard_the_rest(pending.real)
        raise StdoutClosedError from None
    except OSError as error:
        _discard_the_rest(pending.real)
        reason = error.strerror or str(error)
        raise StdoutWriteError(Message("cli.write.stdout_failed", reason=reason)) from None


def _discard_the_rest(stream: TextIO) -> None:
    """Point a failed stream's descriptor at /dev/null: what is left in its buffer would fail
    again when the interpreter flushes it at exit, with a message after ours."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # no descriptor (a stream in memory): nothing flushes at exit
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def append_step_summary(text: str, environment: Mapping[str, str]) -> Message | None:
    """GitHub Actions shows on the run's page what a step appends to $GITHUB_STEP_SUMMARY;
    the warning to give when it cannot be appended (the check itself is not spoilt)."""
    path = environment.get("GITHUB_STEP_SUMMARY")
    if not path:
        return None
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        from tulosmittari.invocation import display_name

        reason = error.strerror or str(error)
        return Message("cli.step_summary_failed", path=display_name(path), reason=reason)
    return None
