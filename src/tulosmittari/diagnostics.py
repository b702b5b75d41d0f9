"""What the command says on stderr: one line each, in the language of the command line.

The language is known before anything is parsed (`invocation.language_of`), since Typer's own
errors are diagnostics too; `cli.main` sets it first. Every line is safe to show: names and
paths come from files and the command line, so control characters, line breaks and bytes that
are not UTF-8 are shown escaped.
"""

from __future__ import annotations

import contextlib
import sys

from tulosmittari.invocation import without_surrogates
from tulosmittari.numbers import Lang
from tulosmittari.problems import Message, Problem

language: Lang = "fi"


def word(message: Message) -> str:
    """A message in the language of diagnostics."""
    from tulosmittari.i18n import word as worded

    return worded(message, language)


def line(text: str) -> None:
    """One line on stderr. A stderr that cannot be written leaves nowhere to say anything: the
    run goes on."""
    from tulosmittari.safe_text import clean

    shown = without_surrogates(clean(text.removesuffix("\n")).replace("\n", "\\n"))
    with contextlib.suppress(OSError):
        sys.stderr.write(shown + "\n")


def say(message: Message, severity: str = "") -> None:
    """A line of the command's own: `tulos: error: …`, `tulos: warning: …` or `tulos: …`."""
    line(f"tulos: {severity + ': ' if severity else ''}{word(message)}")


def report(problem: Problem) -> None:
    """A problem at its place: `file:line:col [column]: error: message`."""
    from tulosmittari.i18n import problem_line

    line(problem_line(problem, language))
