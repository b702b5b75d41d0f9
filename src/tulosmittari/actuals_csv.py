"""An actuals file as CSV text: bytes to numbered lines, the header, each row's fields.

Lines are decoded a block at a time; the header names the columns and sets the delimiter; a
row's fields come from a plain split, or from the csv module when it holds quotes (a quoted
field may go on over lines). A problem with the whole file stops the reading where it is seen
and is recorded with the file's other problems. What the fields mean is `actuals`'s to check.
"""

from __future__ import annotations

import csv
import difflib
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from tulosmittari.problems import Location, Problem, Severity

MAX_LINE = 1 << 20  # bytes; longer lines mean the file is not a CSV of actuals
MAX_PROBLEMS = 100  # per file; the rest are counted

REQUIRED = ("metric", "period")
FIGURES = ("value", "status", "numerator", "denominator")
OPTIONAL = ("note", "source")
IGNORED = ("name", "unit")
COLUMNS = REQUIRED + FIGURES + OPTIONAL + IGNORED

SAVE_AS_UTF8 = "save it as UTF-8 (in Excel: CSV UTF-8)"

_CHUNK = 64 << 10  # small blocks keep the lines of a block in the CPU cache
_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}

Lines = Iterator[tuple[int, str]]  # numbered from 1, line breaks removed


class UnusableFileError(Exception):
    """A problem with the whole file: reading it stops here (None: already reported)."""

    def __init__(self, problem: Problem | None) -> None:
        super().__init__(problem.message if problem else "stop")
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
    """One file's problems, capped; whole-file problems are always kept."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.kept: list[Problem] = []
        self.more = 0

    def add(self, problem: Problem, *, always: bool = False) -> None:
        if len(self.kept) < MAX_PROBLEMS or always:
            self.kept.append(problem)
        else:
            self.more += 1

    @property
    def full(self) -> bool:
        """Further row problems are only counted: their messages need not be worded."""
        return len(self.kept) >= MAX_PROBLEMS

    def at(self, line: int | None, column: int | None, field: str | None, message: str) -> None:
        if self.full:
            self.more += 1
        else:
            self.add(Problem(Location(self.file, line, column, field), message, Severity.ERROR))

    def all(self) -> list[Problem]:
        problems = sorted(self.kept, key=_reading_order)
        if self.more:
            problems.append(
                Problem(
                    Location(self.file),
                    f"… and {self.more} more problem{'s' if self.more > 1 else ''}",
                    Severity.ERROR,
                )
            )
        return problems


def _reading_order(problem: Problem) -> tuple[int, int]:
    """By line; within a line, by column, the problems of the whole row last."""
    location = problem.location
    return (location.line or 0, location.column or 1 << 30)


def either(names: Sequence[str]) -> str:
    """Names for a message: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`."""
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


class CsvFile:
    """One file's text, with the problems found in it."""

    def __init__(self, path: Path, name: str, problems: Problems) -> None:
        self.path = path
        self.name = name
        self.problems = problems

    def read(self, use: Callable[[Header, Lines], None]) -> None:
        """Open the file, find its header and give it to `use` with the numbered lines after it.

        A problem with the whole file ends the reading wherever it is seen, `use`'s reading of
        the lines included, and is recorded with the others.
        """
        try:
            with _open(self.path) as handle:
                lines = enumerate(chain.from_iterable(self._blocks(handle)), 1)
                header = self._find_header(lines)
                if header is None:
                    piped = stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode)
                    what = "nothing came through the pipe" if piped else "the file is empty"
                    raise self._stop(
                        None, None, f"{what}: it needs a header row such as metric,period,value"
                    )
                use(header, lines)
        except UnusableFileError as stop:
            if stop.problem is not None:
                self.problems.add(stop.problem, always=True)
        except IsADirectoryError:  # worded as an agreement's, which is checked before opening
            self.problems.add(
                Problem(Location(self.name), "this is a directory, not a file"), always=True
            )
        except OSError as error:
            self.problems.add(
                Problem(Location(self.name), f"cannot read the file: {error.strerror or error}"),
                always=True,
            )

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
            hint = ""
            if len(fields) == 1:
                hint = f" (is it separated by a {_DELIMITER_NAMES[delimiter]} like the header?)"
            elif delimiter == ",":
                hint = " (a decimal comma needs quotes, or use ; as the separator)"
            self.problems.at(
                line,
                None,
                None,
                f"the row has {len(fields)} field{'s' if len(fields) != 1 else ''} "
                f"but the header has {width}{hint}",
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
                    raise self._stop(
                        line,
                        None,
                        f"the quoted field that starts on line {line} runs over 1 MiB: "
                        "is a closing quote missing?",
                    )
                yield more + "\n"

        limit = csv.field_size_limit(MAX_LINE + 1)  # our own limit is the one that applies
        try:
            return next(
                csv.reader(physical(), delimiter=delimiter, skipinitialspace=True, strict=True)
            )
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise self._stop(
                    line, None, f"the quoted field that starts on line {line} is never closed"
                ) from None
            self.problems.at(
                line,
                None,
                None,
                f'the row\'s quotes are wrong ({error}): quote whole fields, "" inside',
            )
            return None
        except StopIteration:
            return None
        finally:
            csv.field_size_limit(limit)

    def _blocks(self, handle: BinaryIO) -> Iterator[list[str]]:
        """Complete lines, decoded a block at a time; stops after the last usable line."""
        rest = b""
        start = True
        line = 1
        while True:
            data = handle.read(_CHUNK)
            if start:
                start = False
                if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise self._stop(1, 1, f"the file is UTF-16: {SAVE_AS_UTF8}")
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

    def _decode(self, body: bytes, line: int) -> tuple[list[str], UnusableFileError | None]:
        """The lines of a block up to the first NUL or undecodable byte, and that problem."""
        stop = None
        bad = body.find(b"\0")
        if bad >= 0:
            stop = self._stop(
                *self._position(body, bad, line),
                "the file contains NUL bytes: it is not a text CSV file "
                "(a spreadsheet or UTF-16 file?); save it as CSV UTF-8",
            )
        else:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as error:
                bad = error.start
                byte = body[bad]
                hint = ""
                as_ansi = bytes([byte]).decode("cp1252", errors="replace")
                if byte >= 0xA0 and as_ansi.isprintable():
                    hint = f" (in Windows-1252 or Latin-1 it is {as_ansi!r})"
                stop = self._stop(
                    *self._position(body, bad, line),
                    f"the file is not UTF-8: byte 0x{byte:02X}{hint}; {SAVE_AS_UTF8}",
                )
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

    def _stop(self, line: int | None, column: int | None, message: str) -> UnusableFileError:
        return UnusableFileError(
            Problem(Location(self.name, line, column), message, Severity.ERROR)
        )

    def _too_long(self, line: int) -> UnusableFileError:
        return self._stop(
            line, None, f"line {line} is longer than 1 MiB: this is not a CSV file of actuals"
        )

    # --- header ---

    def _find_header(self, lines: Lines) -> Header | None:
        for line, text in lines:
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            return self._header(line, text)
        return None

    def _header(self, line: int, text: str) -> Header:
        if "\r" in text:
            raise self._stop(
                line,
                None,
                f"the lines end in a bare carriage return (old Mac format): {SAVE_AS_UTF8}",
            )
        candidates = [(d, n) for d in _DELIMITERS if (n := _split_header(text, d)) is not None]
        if not candidates:
            raise self._stop(
                line, None, 'the header\'s quotes are wrong: quote whole names, "" inside'
            )
        known = [c for c in candidates if {"metric", "period"} <= set(c[1])]
        if known:
            delimiter, names = max(known, key=lambda c: len(c[1]))
        else:
            delimiter, names = max(candidates, key=lambda c: (len(c[1]), -_DELIMITERS.index(c[0])))
            if len(names) == 1:
                raise self._stop(
                    line,
                    None,
                    f"the header {text.strip()[:60]!r} has a single column: separate the columns "
                    "with a comma, semicolon or tab (metric,period,value)",
                )
        while names and not names[-1]:
            names.pop()
        if not set(names) & set(COLUMNS):
            raise self._stop(
                line,
                None,
                f"the first line {text.strip()[:60]!r} is not a header: name the columns first, "
                "e.g. metric,period,value",
            )
        columns: dict[str, int] = {}
        for index, name in enumerate(names):
            column = index + 1
            if not name:
                self.problems.at(line, column, None, f"column {column} of the header has no name")
            elif name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problems.at(
                    line,
                    column,
                    name,
                    f"unknown column {name!r}{hint}: the columns are {', '.join(COLUMNS)}",
                )
            elif name in columns:
                self.problems.at(line, column, name, f"column {name!r} is given twice")
            else:
                columns[name] = index
        missing = [n for n in REQUIRED if n not in columns]
        if missing:
            self.problems.at(
                line,
                None,
                None,
                f"missing column {either(missing)}: the header needs metric, period and value "
                f"(or status), separated by a {_DELIMITER_NAMES[delimiter]}",
            )
        if ("numerator" in columns) != ("denominator" in columns):
            have, lack = (
                ("numerator", "denominator")
                if "numerator" in columns
                else ("denominator", "numerator")
            )
            self.problems.at(line, None, None, f"column {have!r} needs a {lack!r} column")
        if not missing and not any(n in columns for n in FIGURES):
            self.problems.at(
                line,
                None,
                None,
                "missing column 'value': the header needs value, status or numerator and "
                "denominator",
            )
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
