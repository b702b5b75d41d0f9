"""Loading an agreement: the YAML with its source map, then the schema's validation.

The two steps have modules of their own (`yaml_source`, `schema_errors`); this one puts them
together for the commands, and for an agreement from memory (tests, a file at a git revision).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic

from tulosmittari.problems import Problem
from tulosmittari.schema import Agreement
from tulosmittari.source_map import SourceMap
from tulosmittari.yaml_source import parse_yaml, read_yaml


@dataclass(frozen=True)
class LoadedAgreement:
    """An agreement with its source map, or the schema problems that stopped it."""

    agreement: Agreement | None
    source: SourceMap
    problems: list[Problem]


def load_agreement(path: Path, *, display_name: str | None = None) -> LoadedAgreement:
    """Read and validate an agreement file; InputError only when it is not usable YAML.
    `display_name` is the path as messages show it (default: the path as given)."""
    data, source = read_yaml(path, display_name=display_name)
    return _validate(data, source)


def load_agreement_text(text: str | bytes, file: str) -> LoadedAgreement:
    """The same from memory (tests, and an agreement at another git revision)."""
    data, source = parse_yaml(text, file)
    return _validate(data, source)


def _validate(data: Any, source: SourceMap) -> LoadedAgreement:
    try:
        agreement = Agreement.model_validate(data)
    except pydantic.ValidationError as error:
        # imported here: only an agreement the schema refuses needs its errors translated
        from tulosmittari.schema_errors import problems_from_validation_error

        return LoadedAgreement(None, source, problems_from_validation_error(error, data, source))
    return LoadedAgreement(agreement, source, [])
