"""Figures and targets as a signed document prints them: `3,7`, `53 946`, `−3`, `–`, `< 10`.

An author copies a table from a PDF: a cell may keep its printed form, and this is where each
form gets its meaning, as the data the schema's models take (a number, or the mapping of a
missing, bound or range cell). Nothing here guesses: a text that is none of these forms is
left for the schema to refuse with the list below.

Numbers are read by `figures.parse_number`, the one reading of a figure as people type it
(decimal comma or point, spaces, no-break spaces or narrow no-break spaces between thousands,
`−` or `-` as the sign, a trailing `%`), so that a figure reads the same in an agreement as in
an actuals file; only the forms of the patterns below are given to it, the patterns the JSON
Schema gives editors, so that an editor flags exactly what `tulos validate` refuses.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from tulosmittari.figures import parse_number

CELL_FORMS: Final = "3,7, 53 946, −3, –, tbd, < 10, ≥ 3,5, 3,6–3,8"
"""The printed forms a cell accepts, for messages and documentation."""

_JSON_NUMBER: Final = (
    r"[-−+]?(?:[0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)(?:[.,][0-9]+)?(?:\s*%)?"
)
_BOUND_RE: Final = re.compile(rf"(<=|>=|≤|≥|<|>)\s*({_JSON_NUMBER})")
_RANGE_RE: Final = re.compile(rf"({_JSON_NUMBER})\s*[–-]\s*({_JSON_NUMBER})")
_COMPARISONS: Final = {"<": "<", "<=": "<=", "≤": "<=", ">": ">", ">=": ">=", "≥": ">="}
_DASHES: Final = frozenset({"-", "–"})
PRINTED_NUMBER_PATTERN: Final = rf"^\s*{_JSON_NUMBER}\s*$"
"""A number as printed, as a JSON Schema pattern for editors (the parser is `parse_number`)."""
PRINTED_CELL_PATTERN: Final = (
    rf"^\s*(?:[-–]|[tT][bB][dD]|(?:<=|>=|≤|≥|<|>)\s*{_JSON_NUMBER}"
    rf"|{_JSON_NUMBER}(?:\s*[–-]\s*{_JSON_NUMBER})?)?\s*$"
)
"""A cell as printed (`printed_cell`), as a JSON Schema pattern for editors."""


_NUMBER_RE: Final = re.compile(PRINTED_NUMBER_PATTERN)


def printed_number(text: str) -> Decimal | None:
    """The value of a number written as printed (`3,7`, `53 946`, `−3`); None if it is none.

    Only the forms of `PRINTED_NUMBER_PATTERN` (what editors are told), read by `parse_number`,
    which would also take `.5` or `5.`, forms no document prints."""
    if not _NUMBER_RE.search(text):
        return None
    try:
        return Decimal(parse_number(text))
    except ValueError:  # longer than figures.MAX_NUMBER; the pattern has no length limit
        return None


def printed_cell(value: object) -> object:
    """What a cell written as text (or left empty) stands for, as the schema's models take it.

    `None` when the text is no printed form: the caller refuses it, naming `CELL_FORMS`.
    Values that are not text (a number, a mapping) are returned as they are.
    """
    if value is None:
        return {"missing": "blank"}
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return {"missing": "blank"}
    if text in _DASHES:
        return {"missing": "dash"}
    if text.lower() == "tbd":
        return {"missing": "tbd"}
    number = printed_number(text)
    if number is not None:
        return number
    # The patterns match only printed numbers, but `printed_number` still refuses one longer
    # than `parse_number` reads (figures.MAX_NUMBER): such a bound or range is no cell either.
    bound = _BOUND_RE.fullmatch(text)
    if bound is not None:
        limit = printed_number(bound.group(2))
        if limit is not None:
            return {"comparison": _COMPARISONS[bound.group(1)], "value": limit, "printed": text}
    span = _RANGE_RE.fullmatch(text)
    if span is not None:
        low, high = printed_number(span.group(1)), printed_number(span.group(2))
        if low is not None and high is not None:
            return {"low": low, "high": high, "printed": text}
    return None
