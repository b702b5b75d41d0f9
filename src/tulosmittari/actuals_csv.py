"""An actuals file as CSV text: bytes to numbered lines, the header, each row's fields.

Lines are decoded a block at a time; the header names the columns and sets the delimiter; a
row's fields come from a plain split, or from the csv module when it holds quotes (a quoted
field may go on over lines). A problem with the whole file, a file or pipe over the size limits
and one problem more than the cap stop the reading where they are seen, and are recorded with
the file's other problems. What the fields mean is `actuals`'s to check.
"""

from __future__ import annotations

import csv
import difflib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from tulosmittari.problems import Location, Message, Problem, Severity

MAX_LINE = 1 << 20  # bytes; longer lines mean the file is not a CSV of actuals
MAX_PROBLEMS = 100  # per file; the rest are counted

REQUIRED = ("metric", "period")
FIGURES = ("value", "status", "numerator", "denominator")
OPTIONAL = ("note", "source")
IGNORED = ("name", "unit")
COLUMNS = REQUIRED + FIGURES + OPTIONAL + IGNORED

_CHUNK = 64 << 10  # small blocks keep the lines of a block in the CPU cache
_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {
    ",": Message("actuals.delimiter.comma"),
    ";": Message("actuals.delimiter.semicolon"),
    "\t": Message("actuals.delimiter.tab"),
}

Lines = Iterator[tuple[int, str]]  # numbered from 1, line breaks removed


class UnusableFileError(Exception):
    """A problem with the whole file: reading it stops here (None: already reported)."""

    def __init__(self, problem: Problem | None) -> None:
        super().__init__(str(problem.message) if problem else "stop")
        self.problem = problem


@dataclass(frozen=True)
class Header:
    """What the header line says about the rows: their delimiter and where each column is."""

    delimiter: str
    columns: dict[str, int]  # name -> 0-based index
    width: int  # number of named columns (trailing unnamed ones are ignored)
    line: int

    @property
    def others(self) -> tuple[int, ...]:
        """Columns that must be empty for a row to take the short path."""
        names = ("status", "numerator", "denominator", *OPTIONAL)
        return tuple(self.columns[n] for n in names if n in self.columns)


class Problems:
    """One file's problems, capped; whole-file problems are always kept.

    While the file is read (`reading`), a row problem beyond the cap stops the reading: the
    file is unusable, and the rest of it would only be counted.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.kept: list[Problem] = []
        self.more = 0
        self.reading = False
        self.stopped_at: int | None = None  # the line where too many problems stopped it

    def add(self, problem: Problem, *, always: bool = False) -> None:
        if len(self.kept) < MAX_PROBLEMS or always:
            self.kept.append(problem)
        else:
            self.more += 1

    @property
    def full(self) -> bool:
        """Further row problems are only counted: their messages need not be worded."""
        return len(self.kept) >= MAX_PROBLEMS

    def at(self, line: int | None, column: int | None, field: str | None, message: Message) -> None:
        if not self.full:
            self.add(Problem(Location(self.file, line, column, field), message, Severity.ERROR))
        elif self.reading:
            self.stopped_at = line
            raise UnusableFileError(None)
        else:
            self.more += 1

    def all(self) -> list[Problem]:
        problems = sorted(self.kept, key=_reading_order)
        if self.stopped_at is not None:
            stop = Message("actuals.file.stopped", limit=MAX_PROBLEMS)
            problems.append(Problem(Location(self.file, self.stopped_at), stop))
        if self.more:
            more = Message("actuals.file.more_problems", n=self.more)
            problems.append(Problem(Location(self.file), more, Severity.ERROR))
        return problems


def _reading_order(problem: Problem) -> tuple[int, int]:
    """By line; within a line, by column, the problems of the whole row last."""
    location = problem.location
    return (location.line or 0, location.column or 1 << 30)


class CsvFile:
    """One file's text, with the problems found in it.

    After `read`: `stopped` when the reading ended before the end of the file (a problem with
    the whole of it, or too many), `rereadable` when it is a regular file that a second pass
    can read again (a pipe cannot be).
    """

    def __init__(
        self, path: Path, name: str, problems: Problems, max_bytes: int, max_rows: int
    ) -> None:
        self.path = path
        self.name = name
        self.problems = problems
        self.max_bytes = max_bytes
        self.max_rows = max_rows
        self.stopped = False
        self.rereadable = False

    def read(self, use: Callable[[Header, Lines], None]) -> None:
        """Open the file, find its header and give it to `use` with the numbered lines after it.

        A problem with the whole file ends the reading wherever it is seen, `use`'s reading of
        the lines included, and is recorded with the others.
        """
        self.problems.reading = True
        try:
            with _open(self.path) as handle:
                mode = os.fstat(handle.fileno())
                self.rereadable = stat.S_ISREG(mode.st_mode)
                if self.rereadable and mode.st_size > self.max_bytes:
                    raise self._too_big(None)
                lines = enumerate(chain.from_iterable(self._limited(self._blocks(handle))), 1)
                header = self._find_header(lines)
                if header is None:
                    piped = stat.S_ISFIFO(mode.st_mode)
                    key = "actuals.file.empty_pipe" if piped else "actuals.file.empty"
                    raise self._stop(None, None, Message(key))
                use(header, lines)
        except UnusableFileError as stop:
            self.stopped = True
            if stop.problem is not None:
                self.problems.add(stop.problem, always=True)
        except IsADirectoryError:  # worded as an agreement's, which is checked before opening
            self.stopped = True
            self.problems.add(Problem(Location(self.name), Message("file.directory")), always=True)
        except OSError as error:
            self.stopped = True
            reason = Message("file.unreadable", reason=error.strerror or str(error))
            self.problems.add(Problem(Location(self.name), reason), always=True)
        finally:
            self.problems.reading = False

    def split(self, line: int, text: str, lines: Lines, header: Header) -> list[str] | None:
        """The row's fields, or None for a comment, a blank row or a row in error."""
        if not text or text.lstrip().startswith("#"):
            return None
        delimiter = header.delimiter
        if '"' in text:
            fields = self._split_quoted(line, text, lines, delimiter)
            if fields is None:
                return None
        else:
            fields = text.split(delimiter)
        if not any(f.strip() for f in fields):
            return None
        width = header.width
        if len(fields) != width:
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                return fields[:width]
            if 1 < len(fields) < width:
                return fields + [""] * (width - len(fields))  # empty cells left out at the end
            hint: Message | str = ""
            if len(fields) == 1:
                hint = Message("actuals.row.other_delimiter", delimiter=_DELIMITER_NAMES[delimiter])
            elif delimiter == ",":
                hint = Message("actuals.row.decimal_comma")
            self.problems.at(
                line,
                None,
                None,
                Message("actuals.row.fields", count=len(fields), width=width, hint=hint),
            )
            return None
        return fields

    def _split_quoted(
        self,
        line: int,
        text: str,
        lines: Lines,
        delimiter: str,
    ) -> list[str] | None:
        """A row with quotes, which may go on over the following lines."""

        def physical() -> Iterator[str]:
            yield text + "\n"
            size = len(text)
            for _, more in lines:
                size += len(more) + 1
                if size > MAX_LINE:
                    raise self._stop(line, None, Message("actuals.file.long_quote", line=line))
                yield more + "\n"

        limit = csv.field_size_limit(MAX_LINE + 1)  # our own limit is the one that applies
        try:
            return next(
                csv.reader(physical(), delimiter=delimiter, skipinitialspace=True, strict=True)
            )
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise self._stop(
                    line, None, Message("actuals.file.unclosed_quote", line=line)
                ) from None
            self.problems.at(line, None, None, Message("actuals.row.quotes", error=str(error)))
            return None
        except StopIteration:
            return None
        finally:
            csv.field_size_limit(limit)

    def _blocks(self, handle: BinaryIO) -> Iterator[list[str]]:
        """Complete lines, decoded a block at a time; stops after the last usable line, and at
        the limits on bytes and rows (a pipe has no end of its own)."""
        rest = b""
        start = True
        line = 1
        size = 0
        while True:
            data = handle.read(_CHUNK)
            size += len(data)
            if size > self.max_bytes:
                raise self._too_big(line)
            if start:
                start = False
                if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise self._stop(1, 1, Message("actuals.file.utf16"))
                if data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
            if not data:
                if rest:
                    lines, problem = self._decode(rest, line)
                    yield lines
                    if problem:
                        raise problem
                return
            buffer = rest + data if rest else data
            cut = buffer.rfind(b"\n")
            if cut < 0:
                if len(buffer) > MAX_LINE:
                    raise self._too_long(line)
                rest = buffer
                continue
            body, rest = buffer[:cut], buffer[cut + 1 :]
            if body.endswith(b"\r"):  # the CR of the last line's CR LF, whose LF is cut off
                body = body[:-1]
            lines, problem = self._decode(body, line)
            if len(body) > MAX_LINE and max(map(len, lines)) > MAX_LINE:
                long = next(i for i, text in enumerate(lines) if len(text) > MAX_LINE)
                yield lines[:long]
                raise self._too_long(line + long)
            yield lines
            if problem:
                raise problem
            line += len(lines)
            if len(rest) > MAX_LINE:
                raise self._too_long(line)

    def _limited(self, blocks: Iterator[list[str]]) -> Iterator[list[str]]:
        """The blocks' lines up to the limit on rows: a pipe may never end."""
        line = 1
        for lines in blocks:
            allowed = self.max_rows - line + 1
            if len(lines) > allowed:
                yield lines[:allowed]
                limit = Message("actuals.file.too_many_rows", limit=self.max_rows)
                raise self._stop(self.max_rows + 1, None, limit)
            yield lines
            line += len(lines)

    def _decode(self, body: bytes, line: int) -> tuple[list[str], UnusableFileError | None]:
        """The lines of a block up to the first NUL or undecodable byte, and that problem."""
        stop = None
        bad = body.find(b"\0")
        if bad >= 0:
            stop = self._stop(*self._position(body, bad, line), Message("actuals.file.nul"))
        else:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as error:
                bad = error.start
                byte = body[bad]
                code = f"{byte:02X}"
                as_ansi = bytes([byte]).decode("cp1252", errors="replace")
                message = (
                    Message("actuals.file.not_utf8_cp1252", byte=code, char=as_ansi)
                    if byte >= 0xA0 and as_ansi.isprintable()
                    else Message("actuals.file.not_utf8", byte=code)
                )
                stop = self._stop(*self._position(body, bad, line), message)
        if stop is not None:
            good = body.rfind(b"\n", 0, bad)
            if good < 0:
                return [], stop
            text = body[:good].decode("utf-8", errors="replace")
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        return text.split("\n"), stop

    @staticmethod
    def _position(body: bytes, offset: int, line: int) -> tuple[int, int]:
        line_start = body.rfind(b"\n", 0, offset) + 1
        prefix = body[line_start:offset].decode("utf-8", errors="replace")
        return line + body.count(b"\n", 0, offset), len(prefix) + 1

    def _stop(self, line: int | None, column: int | None, message: Message) -> UnusableFileError:
        return UnusableFileError(
            Problem(Location(self.name, line, column), message, Severity.ERROR)
        )

    def _too_long(self, line: int) -> UnusableFileError:
        return self._stop(line, None, Message("actuals.file.long_line", line=line))

    def _too_big(self, line: int | None) -> UnusableFileError:
        return self._stop(line, None, Message("actuals.file.too_many_bytes", limit=self.max_bytes))

    # --- header ---

    def _find_header(self, lines: Lines) -> Header | None:
        for line, text in lines:
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            return self._header(line, text)
        return None

    def _header(self, line: int, text: str) -> Header:
        if "\r" in text:
            raise self._stop(line, None, Message("actuals.file.bare_cr"))
        candidates = [(d, n) for d in _DELIMITERS if (n := _split_header(text, d)) is not None]
        if not candidates:
            raise self._stop(line, None, Message("actuals.header.quotes"))
        known = [c for c in candidates if {"metric", "period"} <= set(c[1])]
        if known:
            delimiter, names = max(known, key=lambda c: len(c[1]))
        else:
            delimiter, names = max(candidates, key=lambda c: (len(c[1]), -_DELIMITERS.index(c[0])))
            if len(names) == 1:
                shown = text.strip()[:60]
                raise self._stop(line, None, Message("actuals.header.single_column", text=shown))
        while names and not names[-1]:
            names.pop()
        if not set(names) & set(COLUMNS):
            shown = text.strip()[:60]
            raise self._stop(line, None, Message("actuals.header.not_a_header", text=shown))
        columns: dict[str, int] = {}
        for index, name in enumerate(names):
            column = index + 1
            if not name:
                unnamed = Message("actuals.header.unnamed", column=column)
                self.problems.at(line, column, None, unnamed)
            elif name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
                hint = Message("actuals.header.did_you_mean", name=close[0]) if close else ""
                self.problems.at(
                    line,
                    column,
                    name,
                    Message(
                        "actuals.header.unknown", name=name, hint=hint, columns=", ".join(COLUMNS)
                    ),
                )
            elif name in columns:
                self.problems.at(line, column, name, Message("actuals.header.twice", name=name))
            else:
                columns[name] = index
        missing = [n for n in REQUIRED if n not in columns]
        if missing:
            self.problems.at(
                line,
                None,
                None,
                Message(
                    "actuals.header.missing", names=missing, delimiter=_DELIMITER_NAMES[delimiter]
                ),
            )
        if ("numerator" in columns) != ("denominator" in columns):
            have, lack = (
                ("numerator", "denominator")
                if "numerator" in columns
                else ("denominator", "numerator")
            )
            partner = Message("actuals.header.needs_partner", have=have, lack=lack)
            self.problems.at(line, None, None, partner)
        if not missing and not any(n in columns for n in FIGURES):
            self.problems.at(line, None, None, Message("actuals.header.no_figure_column"))
        if any(p.location.line == line for p in self.problems.kept):
            raise UnusableFileError(None)  # the header is unusable: its rows cannot be read
        return Header(delimiter, columns, len(names), line)


def _open(path: Path) -> BinaryIO:
    """The file opened for reading without waiting for a writer: a named pipe that nothing
    writes to reads as empty instead of blocking for ever; one being written (`<(...)`) reads
    as usual."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX only: elsewhere an open never waits
    descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        if nonblocking:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _split_header(text: str, delimiter: str) -> list[str] | None:
    """Header names in lower case, or None when the quotes do not fit this delimiter."""
    try:
        names = next(csv.reader([text], delimiter=delimiter, skipinitialspace=True, strict=True))
    except (csv.Error, StopIteration):
        return None
    return [n.strip().lower() for n in names]
