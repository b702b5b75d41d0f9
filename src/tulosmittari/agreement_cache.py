"""Agreements that validated, kept between runs by their bytes, so that a check skips the work.

A `check` of the half-year file spends about a fifth of its time turning the same agreement
into the same models: parsing the YAML, Pydantic building its validators and validating, and the
semantic checks. None of that changes until the file's bytes, its name or tulosmittari do, so a
run that found the agreement valid keeps it here, and the next run with the same key loads the
models in a millisecond (the models are built lazily: a run that never validates never builds
Pydantic's validators). Only agreements without errors are kept, so a hit needs no checks.

The entries are pickles, which run code when loaded: they are read only from a folder that
belongs to the user and that no one else can write, and only files the user owns; anything
unexpected (another owner, a broken or foreign file, a folder that cannot be made) is a miss,
never an error. `TULOS_CACHE_DIR` chooses the folder; set to an empty value, it turns the cache
off. The default is `$XDG_CACHE_HOME/tulosmittari`, else `~/.cache/tulosmittari`.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tulosmittari import __version__
from tulosmittari.problems import DataPath, Location, Locator
from tulosmittari.schema import Agreement

KEEP = 8  # entries kept: a few agreements, and a few versions of the one being edited
_FORMAT = b"tulosmittari agreement cache 1\0"


@dataclass(frozen=True)
class _Entry:
    """What a cache file holds: the agreement, and the very bytes it was read from."""

    data: bytes
    checked: CheckedAgreement


@dataclass(frozen=True)
class CheckedAgreement:
    """An agreement that validated without errors, with where its rows are in its file.

    It answers `locate` for the paths it was given (see `evaluation.located_paths`), and with
    the file alone for any other: it is a `Locator` for a check, not for a diff.
    """

    agreement: Agreement
    file: str
    locations: Mapping[DataPath, Location]

    def locate(self, path: Sequence[str | int]) -> Location:
        return self.locations.get(tuple(path), Location(self.file))

    def locate_key(self, path: Sequence[str | int]) -> Location:
        return self.locate(path)

    def locate_in_scalar(self, path: Sequence[str | int], offset: int) -> Location:
        return self.locate(path)


def directory() -> Path | None:
    """The cache's folder from the environment, or None when the user turned it off."""
    chosen = os.environ.get("TULOS_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tulosmittari"


def recall(folder: Path | None, data: bytes, file: str) -> CheckedAgreement | None:
    """The agreement kept for exactly these bytes under this name, or None."""
    if folder is None or not _private(folder):
        return None
    entry = folder / _key(data, file)
    try:
        with open(entry, "rb") as stream:
            if (
                os.fstat(stream.fileno()).st_uid != os.getuid()
                or stream.read(len(_FORMAT)) != _FORMAT
            ):
                return None
            found = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(found, _Entry) or found.data != data or found.checked.file != file:
        return None  # another file's entry under the same name: a miss, never its agreement
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: kept longest
    return found.checked


def keep(folder: Path | None, data: bytes, checked: CheckedAgreement) -> None:
    """Keep a valid agreement for the next run; a cache that cannot be written is no error."""
    if folder is None:
        return
    import tempfile  # here: only a run that found the agreement anew keeps it

    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_FORMAT)
                pickle.dump(_Entry(data, checked), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / _key(data, checked.file))
        finally:
            Path(temporary).unlink(missing_ok=True)
        _prune(folder)


def checked(
    agreement: Agreement, file: str, locate: Locator, paths: Iterable[DataPath]
) -> CheckedAgreement:
    """The agreement with the locations of `paths`, asked of its source map once."""
    return CheckedAgreement(agreement, file, {path: locate.locate(path) for path in paths})


def _key(data: bytes, file: str) -> str:
    """An entry's name, from what it depends on: the bytes, the name messages give the file,
    the tool and the Python that pickled it. Two inputs may share a name; the entry keeps its
    bytes, and only the same bytes are a hit (a checksum is quick to import, unlike hashlib)."""
    context = "\0".join((__version__, sys.version, file)).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data, zlib.crc32(context)):08x}{len(data):016x}{len(context):08x}"


def _private(folder: Path) -> bool:
    """The user's own folder that no one else can write to: only then are its pickles read."""
    try:
        info = folder.stat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _prune(folder: Path) -> None:
    """The `KEEP` entries used last stay; older ones go."""
    entries = sorted(
        (e for e in folder.iterdir() if len(e.name) == 32 and not e.name.startswith(".")),
        key=lambda e: e.stat().st_mtime,
        reverse=True,
    )
    for entry in entries[KEEP:]:
        entry.unlink(missing_ok=True)
