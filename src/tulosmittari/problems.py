"""Problems as values, and the exit codes they map to.

Every part of the tool reports what is wrong as `Problem` values with a 1-based source location,
converted once where the problem is found; the CLI prints them one per line and maps the worst
severity to an exit code with a single pure function. What a problem says is a `Message`: a key
of the message catalogue and its parameters, worded in the reader's language only when shown,
so that the core never formats a number or picks a language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Protocol


class ExitCode(IntEnum):
    """The process exit codes, the same for every command."""

    OK = 0  # all good
    FINDINGS = 1  # targets missed, or validation findings
    UNUSABLE = 2  # unusable input or usage
    INTERNAL = 3  # a bug in tulosmittari
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it
    CLOSED_PIPE = 141  # the reader of stdout went away: 128 + SIGPIPE, as a shell reports it


class Severity(StrEnum):
    """How bad a problem is; `error` findings fail validation, `info` is shown only."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True, init=False)
class Message:
    """A sentence not yet worded: a catalogue key and its parameters.

    Parameters stay typed (a `Decimal` is worded `3,5` in Finnish and `3.5` in English, a nested
    `Message` is worded in the same language), so machine formats can carry them as they are.
    """

    key: str
    params: tuple[tuple[str, object], ...]

    def __init__(self, key: str, /, **params: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", tuple(params.items()))

    @property
    def arguments(self) -> dict[str, object]:
        return dict(self.params)

    def __str__(self) -> str:
        from tulosmittari.i18n import word  # the catalogue imports this module

        return word(self, "en")


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file: 1-based line and column, or a CSV row and column name."""

    file: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        text = ":".join(parts)
        return f"{text} [{self.field}]" if self.field else text


DataPath = tuple[str | int, ...]
"""Keys and list indexes from an agreement's root to one of its values."""


class Locator(Protocol):
    """Where a value of a loaded file is, by its data path; the core asks, the loader answers.

    The checks and the evaluation speak of data paths only, so that they need no YAML: the
    loader's source map is the locator they are given.
    """

    def locate(self, path: Sequence[str | int]) -> Location:
        """Where the value at `path` starts."""
        ...

    def locate_key(self, path: Sequence[str | int]) -> Location:
        """Where the key of the mapping entry at `path` is."""
        ...

    def locate_in_scalar(self, path: Sequence[str | int], offset: int) -> Location:
        """Where character `offset` of the text at `path` is."""
        ...


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, with where it is and what to do about it."""

    location: Location
    message: Message
    severity: Severity = Severity.ERROR
    code: str = "invalid"

    def __str__(self) -> str:
        """In English, for logs and exceptions; people read `i18n.problem_line`."""
        return f"{self.location}: {self.severity.value}: {self.message}"


class InputError(Exception):
    """Input that cannot be used at all (unreadable file, bad syntax); exit code 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def at(
        cls,
        file: str,
        message: Message,
        line: int | None = None,
        column: int | None = None,
        code: str = "unusable",
    ) -> InputError:
        """One problem at one place: the common case."""
        return cls([Problem(Location(file, line, column), message, Severity.ERROR, code)])


def exit_code_for(problems: list[Problem]) -> ExitCode:
    """Validation findings fail with 1 when any is an error; info and warnings pass."""
    if any(p.severity is Severity.ERROR for p in problems):
        return ExitCode.FINDINGS
    return ExitCode.OK
