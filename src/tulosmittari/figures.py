"""Figures as people type them, in Finland or elsewhere: `3,5`, `465 668`, `−3`, `97,5 %`.

Parsing only, with no state: exact results (an int, or a Decimal when there is a decimal
separator) and a message saying what is wrong and how to write it instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

Number = int | Decimal

MAX_NUMBER = 64  # characters in one number
NUMBER_FORMS = "write e.g. 12, -3.5, 3,5, 465 668 or 97,5 %"

_GROUP_SPACES = re.compile("[ \u00a0\u202f]")
_SIGNS = {"-": "-", "−": "-", "+": ""}
_NOT_NUMBERS = {"nan", "snan", "inf", "infinity"}


def parse_number(text: str) -> Number:
    """A figure as people type it, exactly; ValueError says what is wrong.

    A decimal point or a decimal comma (a comma is never a thousands separator), a sign (`-`,
    `−` or `+`), spaces, no-break spaces or narrow no-break spaces between groups of three
    digits and a trailing `%`. Returns an int when the text has no decimal separator, else a
    Decimal.
    """
    body = text.strip()
    if not body:
        raise ValueError("the value is empty")
    if len(body) > MAX_NUMBER:
        raise ValueError(f"{body[:12]!r}… is too long for a number ({len(body)} characters)")
    if body.endswith("%"):
        body = body[:-1].rstrip()
    sign = ""
    if body[:1] in _SIGNS:
        sign = _SIGNS[body[0]]
        body = body[1:]
    if body.lower() in _NOT_NUMBERS:
        raise ValueError(f"{text.strip()!r} is not a number: {NUMBER_FORMS}")
    separators = body.count(".") + body.count(",")
    if separators > 1:
        raise ValueError(
            f"{text.strip()!r} has more than one decimal separator: "
            "write e.g. 1234.5 or 1 234,5 (a comma is always a decimal comma)"
        )
    whole, separator, fraction = body.replace(",", ".").partition(".")
    if _GROUP_SPACES.search(whole):
        groups = _GROUP_SPACES.split(whole)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise ValueError(
                f"{text.strip()!r} has spaces that do not separate thousands: "
                "write e.g. 465 668 or 465668"
            )
        whole = "".join(groups)
    digits = whole + fraction
    if not digits or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{text.strip()!r} is not a number: {NUMBER_FORMS}")
    if not separator:
        return int(sign + whole)
    return Decimal(f"{sign}{whole or 0}.{fraction or 0}")


def plain_number(text: str) -> Number | None:
    """The forms `123`, `-4`, `12.5`, `-12,5` quickly, each as `parse_number` gives it; None
    sends the text to `parse_number`."""
    body = text[1:] if text[:1] == "-" else text
    whole, separator, fraction = body.replace(",", ".").partition(".")
    if not (whole.isdigit() and text.isascii() and len(text) <= MAX_NUMBER):
        return None
    if not separator:
        return int(text)
    if fraction.isdigit():
        return Decimal(f"{text[: len(text) - len(body)]}{whole}.{fraction}")
    return None
