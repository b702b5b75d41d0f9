"""What English adds to an output whose Finnish version is a golden file.

The languages differ only through the message catalogue, the agreement's English names
(`name_en`) and the number format, so instead of a second golden file an English output is held
to four rules against the Finnish one, both rendered alike:

* no fixed Finnish text of the catalogue shows in it;
* every catalogue text the Finnish output shows, it shows in English;
* every name the Finnish output shows that has an English version shows in English;
* every number written differently in Finnish (`465 668`, `3,5`, `−3`) shows in the English
  format (`465,668`, `3.5`, `-3`), and not in the Finnish one.

Texts are matched as whole words, the longer of two first (so that `Ero` is not found inside
`Ero tavoitteeseen`). The agreement's own texts of more than one word, shown in Finnish in both
languages when they have no English version (a table title, an item's text, a column label), are
taken out before the catalogue is looked for. Render both outputs wide enough that no text is cut
or wrapped: what is left of a cut text would read as a word of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from tulosmittari.catalogue import AREAS, CATALOGUE
from tulosmittari.render import RenderOptions

REPORT_TEXTS = AREAS["report"]
FINNISH, ENGLISH = 0, 1  # the places of the languages in a catalogue entry
PLACEHOLDER = re.compile(r"\{[^}]*\}")
FINNISH_NUMBER = re.compile(
    r"(?<![\w,.])(?:−?\d{1,3}(?:\u00a0\d{3})+(?:,\d+)?|−?\d+,\d+|−\d+)(?![\w,])"
)
"""A number as Finnish writes it differently from English: grouped with a no-break space, with a
decimal comma or with a minus sign."""


def assert_translated(finnish: str, english: str, agreement_data: Any) -> None:
    """`english` is `finnish` in English; `agreement_data` is the agreement as YAML data, for
    its English names and its own words."""
    own_texts = {text for text in _texts(agreement_data) if " " in text.strip()}
    finnish_left, english_left = _without(finnish, own_texts), _without(english, own_texts)

    leaked = _found(english_left, _pieces(FINNISH) - _pieces(ENGLISH))
    assert not leaked, f"Finnish catalogue texts in the English output: {sorted(leaked)}"

    shown = {k for k in _keys_shown(finnish_left, FINNISH) if len(set(CATALOGUE[k])) == 2}
    assert shown, "the Finnish output shows no catalogue text"
    in_english = _keys_shown(english_left, ENGLISH)
    missing = {k for k in shown if not _twins(k) & in_english}
    assert not missing, f"catalogue texts missing from the English output: {sorted(missing)}"

    names = [(fi, en) for fi, en in _english_names(agreement_data) if _word(fi).search(finnish)]
    assert names, "the Finnish output shows no name that has an English version"
    for _, name in names:
        assert _word(name).search(english), f"no {name!r} in the English output"

    numbers = set(FINNISH_NUMBER.findall(finnish_left))
    assert numbers, "the Finnish output shows no number written differently in English"
    for number in numbers:
        written = number.replace(",", ".").replace("\u00a0", ",").replace("−", "-")
        assert _number(written).search(english_left), f"no {written!r} in the English output"
        assert not _number(number).search(english_left), f"{number!r} in the English output"


def _pieces_of(text: str) -> set[str]:
    """The fixed words of one catalogue text: what is left between its placeholders."""
    pieces = (piece.strip(" .,:;()") for piece in PLACEHOLDER.split(text))
    return {piece for piece in pieces if re.search(r"[^\W\d_]", piece)}


def _pieces(lang: int) -> set[str]:
    return {piece for texts in CATALOGUE.values() for piece in _pieces_of(texts[lang])}


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def _number(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w,.]){re.escape(text)}(?![\w,])")


def _any_word(words: set[str]) -> re.Pattern[str]:
    """Any of `words` as a whole word; where two start at the same place, the longer."""
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, longest_first))})(?!\w)")


def _without(text: str, words: set[str]) -> str:
    return _any_word(words).sub("\0", text) if words else text


def _found(text: str, pieces: set[str]) -> set[str]:
    return set(_any_word(pieces).findall(text)) if pieces else set()


def _keys_shown(text: str, lang: int) -> set[str]:
    """The report texts (labels, headings, reasons) all of whose fixed words in `lang` show in
    `text`; the diagnostics' single nouns ("luku", "toleranssin") would match words of any
    sentence."""
    found = _found(text, _pieces(lang))
    keys = ((key, _pieces_of(texts[lang])) for key, texts in REPORT_TEXTS.items())
    return {key for key, pieces in keys if pieces and pieces <= found}


def _twins(key: str) -> set[str]:
    """The keys whose Finnish reads the same as `key`'s ("ei tavoitetta" is an outcome and a
    reason): the Finnish output cannot tell which of them it shows."""
    pieces = _pieces_of(CATALOGUE[key][FINNISH])
    return {k for k, texts in REPORT_TEXTS.items() if _pieces_of(texts[FINNISH]) == pieces}


def _texts(node: Any, key: str = "") -> Iterator[str]:
    """Every text of the agreement but its English versions."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _texts(value, str(name))
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value, key)
    elif isinstance(node, str) and not key.endswith("_en"):
        yield node


def _english_names(node: Any) -> Iterator[tuple[str, str]]:
    """(Finnish, English) of every name of the agreement that has an English version."""
    if isinstance(node, dict):
        name, english = node.get("name"), node.get("name_en")
        if isinstance(name, str) and isinstance(english, str) and name != english:
            yield name, english
        for value in node.values():
            yield from _english_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _english_names(value)


WIDE = 1000  # columns: wide enough that no text is cut or wrapped


def assert_english_of(render: Callable[[RenderOptions], str], agreement_data: Any) -> None:
    """`assert_translated` of what `render` gives in Finnish and in English, WIDE columns."""
    finnish = render(RenderOptions(lang="fi", width=WIDE))
    english = render(RenderOptions(lang="en", width=WIDE))
    assert_translated(finnish, english, agreement_data)
