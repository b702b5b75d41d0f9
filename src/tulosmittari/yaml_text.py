"""A YAML file's text: read within the size limit, UTF-8, only characters YAML allows.

The checks before any YAML is parsed, with messages that say what the file is instead (a
directory, UTF-16, binary data, Windows-1252 text) and where its first offending byte is.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Final

from tulosmittari.problems import InputError, Message

MAX_BYTES: Final = 5 * 1024 * 1024
"""The bundled agreement is under 100 KB; 50 times that is still a real file, not an attack."""

_NOT_PRINTABLE: Final = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""Characters YAML does not allow. Compiled when text is checked, not when the module loads:
its ranges take milliseconds to compile, and a check of a cached agreement reads no YAML."""
_WIN1252_HINT_CHARS: Final = "äöåÄÖÅéÉüÜ§°½€‚„…‘’“”•–—"  # what a Finnish export is full of


def read_file(path: Path, file: str) -> bytes:
    """The bytes of a regular file within the size limit; InputError, naming it `file`, if not."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError.at(file, Message("file.directory"), code="unreadable")
        if not stat.S_ISREG(info.st_mode):
            raise InputError.at(file, Message("yaml.not_regular"), code="unreadable")
        if info.st_size > MAX_BYTES:
            raise _too_large(file, info.st_size)
        with path.open("rb") as stream:
            return stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError.at(file, Message("yaml.missing_file"), code="unreadable") from None
    except OSError as error:
        reason = error.strerror or str(error)
        message = Message("file.unreadable", reason=reason)
        raise InputError.at(file, message, code="unreadable") from None


def checked_text(text: str | bytes, file: str) -> str:
    """The text to parse: within the size limit, decoded, without a BOM; InputError if unusable."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise _too_large(file, size)
    decoded = _decode(text, file) if isinstance(text, bytes) else text
    return _check_text(decoded, file)


def _too_large(file: str, size: int) -> InputError:
    message = Message("yaml.too_large", size=size, limit=MAX_BYTES)
    return InputError.at(file, message, code="too-large")


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, index) + 1, column


def _decode(data: bytes, file: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at(file, Message("yaml.utf16"), 1, 1, code="encoding")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        message = Message("yaml.binary", line=line, column=column)
        raise InputError.at(file, message, line, column, code="binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        byte = data[error.start]
        as_1252 = bytes([byte]).decode("cp1252", errors="replace")
        hint = Message("yaml.windows_1252", char=as_1252) if as_1252 in _WIN1252_HINT_CHARS else ""
        message = Message(
            "yaml.not_utf8", byte=f"0x{byte:02X}", line=line, column=column, hint=hint
        )
        raise InputError.at(file, message, line, column, code="encoding") from None
    return text


def _check_text(text: str, file: str) -> str:
    """Strip a BOM and reject characters YAML does not allow, with their position."""
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = re.search(_NOT_PRINTABLE, text)  # `re` keeps it compiled after the first time
    if bad is not None:
        from tulosmittari.source_map import line_starts  # only for the message

        starts = line_starts(text[: bad.start() + 1])
        line = len(starts)
        column = bad.start() - starts[-1] + 1
        char = bad.group()
        if char == "\x00":
            message = Message("yaml.binary", line=line, column=column)
            raise InputError.at(file, message, line, column, code="binary")
        message = Message("yaml.bad_character", code=f"U+{ord(char):04X}")
        raise InputError.at(file, message, line, column, code="encoding")
    return text
