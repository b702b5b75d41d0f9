"""The message catalogue: every fixed text a person reads, in Finnish and in English.

One module per area keeps each short; `CATALOGUE` is their union, and a test holds that no key is
defined twice and that both languages of an entry take the same parameters. An entry is
`key: (Finnish, English)`, each a `str.format` template worded by `tulosmittari.i18n.word`.
"""

from __future__ import annotations

from tulosmittari.catalogue import actuals, agreement, cli, evaluation, files, report

AREAS: dict[str, dict[str, tuple[str, str]]] = {
    "report": report.TEXTS,
    "agreement": agreement.TEXTS,
    "evaluation": evaluation.TEXTS,
    "actuals": actuals.TEXTS,
    "cli": cli.TEXTS,
    "files": files.TEXTS,
}

CATALOGUE: dict[str, tuple[str, str]] = {
    key: texts for area in AREAS.values() for key, texts in area.items()
}
