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
    """Write `text` as UTF-8 to `path` atomically; refuse to clobber without `force`."""
    target = path.resolve()
    if any(target == p.resolve() for p in protected):
        raise InputError.at(
            str(path), "refusing to overwrite an input file; choose another output path"
        )
    if path.is_dir():
        raise InputError.at(str(path), "is a directory; give a file path")
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
