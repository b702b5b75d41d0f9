"""A file's decimal convention, learned from its own figures.

`230.100` is 230,1 where decimals are written with a point, and 230 100 in an export that
separates thousands with dots; `465,668` is 465,668 in Finnish and 465 668 in English. Each
figure read says something (`figures.Mark`): the first line of each unambiguous kind is kept,
and the ambiguous figures wait for the end of the file, where the rest of it settles them or
they are errors that say how each reading is written. The file's style settles all the figures
of one kind (`Mark.AMBIGUOUS_COMMA` or `Mark.AMBIGUOUS_POINT`) or none of them, so each kind is
held and counted on its own: those beyond the first MAX_PROBLEMS of a kind are only counted,
and counted as problems only when their kind is not settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tulosmittari.actuals_csv import MAX_PROBLEMS, Problems
from tulosmittari.figures import Mark, readings
from tulosmittari.problems import Message


@dataclass(frozen=True, slots=True)
class _Ambiguous:
    line: int
    column: int | None
    field: str
    text: str
    value: Decimal
    mark: Mark


class Convention:
    """What one file's figures say about its decimal separator, and its ambiguous figures."""

    def __init__(self) -> None:
        self.lines: dict[Mark, int] = {}  # the first line of each unambiguous kind
        self.ambiguous: list[_Ambiguous] = []  # in reading order, MAX_PROBLEMS of each kind
        self.held: dict[Mark, int] = {}  # ambiguous figures held, by kind
        self.more: dict[Mark, int] = {}  # by kind, those beyond the held: no more can be shown

    def note(self, mark: Mark, line: int) -> None:
        """An unambiguous figure on `line`."""
        if mark is not Mark.NONE and mark not in self.lines:
            self.lines[mark] = line

    def hold(
        self, mark: Mark, line: int, column: int | None, field: str, text: str, value: Decimal
    ) -> None:
        """An ambiguous figure, read for now as a decimal, to be judged at the end."""
        held = self.held.get(mark, 0)
        if held < MAX_PROBLEMS:
            self.held[mark] = held + 1
            self.ambiguous.append(_Ambiguous(line, column, field, text.strip(), value, mark))
        else:
            self.more[mark] = self.more.get(mark, 0) + 1

    def judge(self, problems: Problems) -> None:
        """At the end of the file: each ambiguous figure the file's convention does not read as
        it was read is an error.

        The figures of a kind the file settles are neither shown nor counted. When a kind is
        not settled, its held figures are errors, MAX_PROBLEMS of them if any were only counted,
        so the file's problems are full and each of the counted is one more problem."""
        comma = self._evidence(Mark.COMMA, Mark.SPACES)
        point = self._evidence(Mark.POINT)
        settled: Mark | None = None
        if comma is not None and point is None:
            settled = Mark.AMBIGUOUS_COMMA  # a decimal comma, as the file writes them
        elif point is not None and comma is None:
            settled = Mark.AMBIGUOUS_POINT
        for figure in self.ambiguous:
            if figure.mark is settled:
                continue
            if settled is Mark.AMBIGUOUS_COMMA:
                message = self._message("actuals.ambiguous.point", figure, ",", comma)
            elif settled is Mark.AMBIGUOUS_POINT:
                message = self._message("actuals.ambiguous.comma", figure, ".", point)
            else:
                separator = "," if figure.mark is Mark.AMBIGUOUS_COMMA else "."
                message = self._message("actuals.ambiguous.unsettled", figure, separator, None)
            problems.at(figure.line, figure.column, figure.field, message)
        problems.more += sum(n for mark, n in self.more.items() if mark is not settled)

    def _evidence(self, *marks: Mark) -> Message | None:
        """The earliest figure of these kinds, as the clause of a message."""
        found = [(self.lines[m], m) for m in marks if m in self.lines]
        if not found:
            return None
        line, mark = min(found)
        clauses = {
            Mark.COMMA: Message("actuals.convention.comma", line=line),
            Mark.SPACES: Message("actuals.convention.spaces", line=line),
            Mark.POINT: Message("actuals.convention.point", line=line),
        }
        return clauses[mark]

    @staticmethod
    def _message(key: str, figure: _Ambiguous, separator: str, evidence: Message | None) -> Message:
        plain, grouped, decimal = readings(figure.text, figure.value, separator)
        params: dict[str, object] = {"convention": evidence} if evidence is not None else {}
        return Message(
            key, text=figure.text, plain=plain, grouped=grouped, decimal=decimal, **params
        )
