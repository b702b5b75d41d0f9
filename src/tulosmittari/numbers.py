"""Numbers as a reader expects them: `3,5` and `465 668` in Finnish, `3.5`, `465,668` in English.

Display only: JSON and CSV outputs carry exact, locale-free decimal strings instead.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")

NBSP = "\u00a0"  # keeps "465 668" on one line in tables
MINUS = "\u2212"  # Finnish typography uses the real minus sign


def plain_decimal(value: Decimal) -> str:
    """An exact, locale-free string without exponent or trailing zeros: `465668`, `-0.5`."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@functools.lru_cache(maxsize=4096)  # a report shows each figure in a cell and in its reason
def format_number(value: Decimal, lang: Lang, max_places: int = 2) -> str:
    """Group thousands and use the language's decimal mark; at most `max_places` decimals."""
    scaled = value.scaleb(max_places)  # digits beyond `max_places` that are not all zeros
    if scaled != scaled.to_integral_value():  # (trailing zeros go anyway: as_tuple is slow)
        value = value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    text = plain_decimal(value)
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    if lang == "fi":
        body = NBSP.join(groups) + ("," + fraction if fraction else "")
        return (MINUS if negative else "") + body
    body = ",".join(groups) + ("." + fraction if fraction else "")
    return ("-" if negative else "") + body


def with_unit(number: str, unit: str | None) -> str:
    """`72 %`, `3,3 kpl/kk`; no unit, just the number."""
    return f"{number}{NBSP}{unit}" if unit else number
