"""A file's decimal convention, learned from its own figures.

`230.100` is 230,1 where decimals are written with a point, and 230 100 in an export that
separates thousands with dots; `465,668` is 465,668 in Finnish and 465 668 in English. Each
figure read says something (`figures.Mark`): the first line of each unambiguous kind is kept,
and the ambiguous figures wait for the end of the file, where the rest of it settles them or
they are errors that say how each reading is written.
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
        self.ambiguous: list[_Ambiguous] = []
        self.more = 0  # ambiguous figures beyond those held: no more can be shown

    def note(self, mark: Mark, line: int) -> None:
        """An unambiguous figure on `line`."""
        if mark is not Mark.NONE and mark not in self.lines:
            self.lines[mark] = line

    def hold(
        self, mark: Mark, line: int, column: int | None, field: str, text: str, value: Decimal
    ) -> None:
        """An ambiguous figure, read for now as a decimal, to be judged at the end."""
        if len(self.ambiguous) < MAX_PROBLEMS:
            self.ambiguous.append(_Ambiguous(line, column, field, text.strip(), value, mark))
        else:
            self.more += 1

    def judge(self, problems: Problems) -> None:
        """At the end of the file: each ambiguous figure the file's convention does not read as
        it was read is an error."""
        comma = self._evidence(Mark.COMMA, Mark.SPACES)
        point = self._evidence(Mark.POINT)
        for figure in self.ambiguous:
            if comma is not None and point is None:
                if figure.mark is Mark.AMBIGUOUS_COMMA:
                    continue  # a decimal comma, as the file writes them
                message = self._message("actuals.ambiguous.point", figure, ",", comma)
            elif point is not None and comma is None:
                if figure.mark is Mark.AMBIGUOUS_POINT:
                    continue
                message = self._message("actuals.ambiguous.comma", figure, ".", point)
            else:
                separator = "," if figure.mark is Mark.AMBIGUOUS_COMMA else "."
                message = self._message("actuals.ambiguous.unsettled", figure, separator, None)
            problems.at(figure.line, figure.column, figure.field, message)
        problems.more += self.more

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
