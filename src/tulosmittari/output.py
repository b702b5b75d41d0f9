"""Writing files without ever losing one: a temporary file beside the target, then a rename.

A reader never sees half a file, an existing file is replaced only when asked, and the tool's
own inputs are never overwritten.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tulosmittari.problems import InputError


def write_atomic(
    path: Path, text: str, *, force: bool = False, protected: Sequence[Path] = ()
) -> None:
    """Write `text` as UTF-8 to `path` atomically; refuse to clobber without `force`.

    A file that cannot be written (no permission, a name too long, a full disk) is an InputError
    naming the path, as a file that cannot be read is.
    """
    try:
        _write(path, text, force, protected)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError.at(str(path), f"cannot write the file: {reason}") from None


def _same_file(target: Path, other: Path) -> bool:
    """The same file by name or by identity (a hard link, a case-insensitive file system)."""
    if target == other.resolve():
        return True
    return target.exists() and other.exists() and os.path.samefile(target, other)


def _write(path: Path, text: str, force: bool, protected: Sequence[Path]) -> None:
    target = path.resolve()
    if any(_same_file(target, p) for p in protected):
        raise InputError.at(
            str(path), "refusing to overwrite an input file; choose another output path"
        )
    if path.is_dir():
        raise InputError.at(str(path), "is a directory; give a file path")
    if path.exists() and not path.is_file():  # a device or a pipe would be replaced, not written
        raise InputError.at(str(path), "is not a regular file; give a file path")
    if path.exists() and not force:
        raise InputError.at(str(path), "already exists; use --force to replace it")
    directory = target.parent
    if not directory.is_dir():
        raise InputError.at(str(path), f"folder {directory} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(temporary, _mode_for(target))  # mkstemp makes it private; a report is not
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
