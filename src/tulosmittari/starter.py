"""The agreement `tulos init` writes: the smallest one that validates, commented for filling in.

A new user starts from a file that already passes `tulos validate`, with one table and one row
to replace, and comments (in the reader's language) that say what may be added and how figures
are written; the full reference is docs/agreement-format.md. Pure: text in, text out.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Final

from tulosmittari.i18n import message
from tulosmittari.numbers import Lang
from tulosmittari.periods import MAX_YEAR, MIN_YEAR
from tulosmittari.problems import Message
from tulosmittari.vocabulary import SLUG_PATTERN

WIDTH: Final = 100
_ID_RE: Final = re.compile(SLUG_PATTERN)
_YEARS_RE: Final = re.compile(r"\s*([0-9]{4})\s*(?:[-–]\s*([0-9]{4})\s*)?")


class StarterError(ValueError):
    """An option `tulos init` cannot make an agreement of; `message` says what to give."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def parse_years(text: str) -> tuple[int, int]:
    """`2022-2025` (or `2022–2025`) as (2022, 2025); one year `2024` as (2024, 2024)."""
    found = _YEARS_RE.fullmatch(text)
    if found is None:
        raise StarterError(Message("starter.bad_years", text=text))
    first = int(found.group(1))
    last = int(found.group(2) or first)
    if not MIN_YEAR <= first <= last <= MAX_YEAR:
        raise StarterError(Message("starter.bad_years", text=text))
    return first, last


def column_kinds(first: int, last: int) -> list[tuple[int, str, str]]:
    """(year, kind, printed label) of the standard columns: the first year an actual, then an
    estimate (when there are four years or more), the binding target, preliminary targets."""
    years = list(range(first, last + 1))
    if len(years) == 1:
        kinds = ["tavoite"]
    else:
        kinds = ["toteuma", *(["arvio"] if len(years) >= 4 else []), "tavoite"]
        kinds += ["alustava_tavoite"] * (len(years) - len(kinds))
    labels = {
        "toteuma": "Toteuma",
        "arvio": "Arvio",
        "tavoite": "Tavoite",
        "alustava_tavoite": "Alustava tavoite",
    }
    return [(year, kind, f"{labels[kind]} {year}") for year, kind in zip(years, kinds, strict=True)]


_EXAMPLE_FIGURES: Final = {
    "toteuma": "71,5",
    "arvio": "72,0",
    "tavoite": "73",
    "alustava_tavoite": "74",
}


def starter_text(agreement_id: str, title: str, first: int, last: int, lang: Lang) -> str:
    """The agreement's YAML, valid as it is; StarterError for an id or title it cannot hold."""
    if not _ID_RE.fullmatch(agreement_id):
        raise StarterError(Message("starter.bad_id", id=agreement_id))
    if not title.strip() or not title.isprintable():
        raise StarterError(Message("starter.bad_title"))
    columns = column_kinds(first, last)
    lines = [
        *_comment(message("starter.intro", lang), 0),
        "schema_version: 1",
        "",
        "meta:",
        f"  id: {agreement_id}",
        f"  title: {_quoted(title)}",
        f"  years: {{first: {first}, last: {last}}}",
        *_comment(message("starter.meta", lang), 2),
        "",
        "tables:",
        *_comment(message("starter.tables", lang), 2),
        "  - id: taulukko_1",
        f"    title: {_quoted(message('starter.table_title', lang))}",
        "    columns:",
        *(f'      - {{year: {y}, kind: {k}, label: "{label}"}}' for y, k, label in columns),
        "    metrics:",
        *_comment(message("starter.rows", lang), 6),
        "      - id: esimerkkimittari",
        f"        name: {_quoted(message('starter.metric_name', lang))}",
        '        unit: "%"',
        *_comment(message("starter.direction", lang), 8),
        "        direction: higher_is_better",
        *_comment(message("starter.period_kind", lang), 8),
        "        period_kind: level",
        "        values:",
        *(f"          {year}: {_EXAMPLE_FIGURES[kind]}" for year, kind, _ in columns),
    ]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


_QUOTED_RE: Final = re.compile(r"'[^']*'")
_KEPT_SPACE: Final = "\x00"  # a space inside quotes, not broken at


def _comment(text: str, indent: int) -> list[str]:
    """Paragraphs (one a line of `text`) as `#` comment lines within the width; an example in
    quotes ('> 95') is never broken."""
    prefix = " " * indent + "# "
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append(prefix.rstrip())
            continue
        kept = _QUOTED_RE.sub(lambda m: m.group().replace(" ", _KEPT_SPACE), paragraph)
        wrapped = textwrap.wrap(
            kept, WIDTH, initial_indent=prefix, subsequent_indent=prefix, break_on_hyphens=False
        )
        lines.extend(line.replace(_KEPT_SPACE, " ") for line in wrapped)
    return lines
