"""Text from files, shown safely wherever it goes: a terminal, a spreadsheet, a log.

Names, notes and paths come from files anyone can edit. Shown on a terminal, an escape sequence
could steer it; opened in a spreadsheet, a cell starting with `=` would be evaluated. Every
output that carries such text passes it through here.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text from files shown literally: control characters (ESC, CR, bidi overrides) become
    visible escapes, so a name in an agreement can never steer the reader's terminal."""
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will not evaluate; control characters made visible."""
    text = clean(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
