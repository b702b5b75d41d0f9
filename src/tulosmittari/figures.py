"""Figures as people type them, in Finland or elsewhere: `3,5`, `465 668`, `−3`, `97,5 %`.

Parsing only, with no state: exact results (an int, or a Decimal when there is a decimal
separator), what the figure says about its file's decimal separator, and a message saying what
is wrong and how to write it instead.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum

from tulosmittari.problems import Message

Number = int | Decimal

MAX_NUMBER = 64  # characters in one number

_GROUP_SPACES = re.compile("[ \u00a0\u202f]")
_SIGNS = {"-": "-", "−": "-", "+": ""}
_NOT_NUMBERS = {"nan", "snan", "inf", "infinity"}


class FigureError(ValueError):
    """A figure that cannot be read, with the message saying how to write it."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


class Mark(Enum):
    """What a figure as written says about its file's decimal separator.

    A single `,` or `.` before exactly three digits, with one to three digits before it (not a
    lone 0), may be a decimal separator or a thousands separator: `230.100` is 230,1 in English
    and 230 100 in a German export. Any other separator is a decimal one, and so is the one of a
    figure grouped by spaces (`465 668,5`); spaces alone (`465 668`) are the Finnish way.
    """

    NONE = "none"  # a whole number, which says nothing
    SPACES = "spaces"  # thousands grouped by spaces: the Finnish way, with decimal commas
    COMMA = "comma"  # the file writes decimals with a comma
    POINT = "point"  # the file writes decimals with a point
    AMBIGUOUS_COMMA = "ambiguous_comma"  # `465,668`
    AMBIGUOUS_POINT = "ambiguous_point"  # `230.100`


def parse_number(text: str) -> Number:
    """A figure as people type it, exactly; FigureError says what is wrong.

    A decimal point or a decimal comma, a sign (`-`, `−` or `+`), spaces, no-break spaces or
    narrow no-break spaces between groups of three digits and a trailing `%`. Returns an int
    when the text has no decimal separator, else a Decimal; a separator before exactly three
    digits is read as a decimal one (`parse_figure` says when that is ambiguous).
    """
    return parse_figure(text)[0]


def parse_figure(text: str) -> tuple[Number, Mark]:
    """`parse_number`'s figure, and what it says about the file's decimal separator."""
    shown = text.strip()
    body = shown
    if not body:
        raise FigureError(Message("actuals.number.empty"))
    if len(body) > MAX_NUMBER:
        raise FigureError(Message("actuals.number.too_long", start=body[:12], length=len(body)))
    if body.endswith("%"):
        body = body[:-1].rstrip()
    sign = ""
    if body[:1] in _SIGNS:
        sign = _SIGNS[body[0]]
        body = body[1:]
    if body.lower() in _NOT_NUMBERS:
        raise FigureError(Message("actuals.number.not_a_number", text=shown))
    commas = body.count(",")
    if commas + body.count(".") > 1:
        raise FigureError(Message("actuals.number.two_separators", text=shown))
    whole, separator, fraction = body.replace(",", ".").partition(".")
    grouped = _GROUP_SPACES.search(whole) is not None
    if grouped:
        groups = _GROUP_SPACES.split(whole)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise FigureError(Message("actuals.number.bad_spaces", text=shown))
        whole = "".join(groups)
    digits = whole + fraction
    if not digits or not (digits.isascii() and digits.isdigit()):
        raise FigureError(Message("actuals.number.not_a_number", text=shown))
    if not separator:
        return int(sign + whole), Mark.SPACES if grouped else Mark.NONE
    value = Decimal(f"{sign}{whole or 0}.{fraction or 0}")
    if not grouped and len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        return value, Mark.AMBIGUOUS_COMMA if commas else Mark.AMBIGUOUS_POINT
    return value, Mark.COMMA if commas else Mark.POINT


def plain_number(text: str) -> Number | None:
    """The forms `123`, `-4`, `12.5`, `-12,5` quickly, each as `parse_number` gives it; None
    sends the text to `parse_figure`, and so does a separator before exactly three digits,
    which may be ambiguous."""
    body = text[1:] if text[:1] == "-" else text
    whole, separator, fraction = body.replace(",", ".").partition(".")
    if not (whole.isdigit() and text.isascii() and len(text) <= MAX_NUMBER):
        return None
    if not separator:
        return int(text)
    if fraction.isdigit() and len(fraction) != 3:
        return Decimal(f"{text[: len(text) - len(body)]}{whole}.{fraction}")
    return None


def readings(text: str, value: Decimal, separator: str) -> tuple[str, str, str]:
    """An ambiguous figure's two readings as it should be written: with no thousands separator
    (`230100`), grouped by a space (`230 100`), and as a decimal with `separator` that cannot
    be mistaken (`230,1`; `465,6680` where three decimals are meant)."""
    digits = "".join(c for c in text if c.isdigit())
    sign = "-" if value < 0 else ""
    whole = str(int(digits))
    grouped = f"{whole[:-3]} {whole[-3:]}"
    integral, _, fraction = f"{abs(value):f}".partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) == 3:
        fraction += "0"
    decimal = f"{sign}{integral}{separator}{fraction}" if fraction else f"{sign}{integral}"
    return f"{sign}{whole}", f"{sign}{grouped}", decimal
