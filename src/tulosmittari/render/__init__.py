"""Renderers: one module per output format, each consuming the same result models.

The registry maps a `--format` name to the module that renders it; modules are imported only
when chosen, so that start-up pays for one format, not all of them. A renderer formats; it never
judges or computes anything of its own.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from types import ModuleType

from tulosmittari.numbers import Lang


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What every renderer needs to know about its reader."""

    lang: Lang = "fi"
    width: int = 100
    color: bool = False
    by_year: bool = False


FORMATS: dict[str, str] = {
    "table": "tulosmittari.render.table",
    "json": "tulosmittari.render.json",
}


def renderer(name: str) -> ModuleType:
    """The module rendering a format; it defines `render_check` and may define others."""
    return importlib.import_module(FORMATS[name])


def formats_with(function: str) -> list[str]:
    """The formats whose module offers a renderer, e.g. `render_targets`."""
    return [name for name in FORMATS if hasattr(renderer(name), function)]


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
