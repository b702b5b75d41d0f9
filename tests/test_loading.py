"""Loading an agreement: the file, the YAML and the schema together, whatever the input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tulosmittari.loading import load_agreement, load_agreement_text
from tulosmittari.problems import InputError, Problem

DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "agreements" / "valid").glob("*.yaml"))
MINIMAL = DATA / "agreements" / "valid" / "minimal.yaml"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_agreements_load_without_problems(path: Path) -> None:
    loaded = load_agreement(path)
    assert loaded.problems == []
    assert loaded.agreement is not None
    assert loaded.source.file == str(path)


def test_load_agreement_names_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    loaded = load_agreement(path)
    assert loaded.agreement is None
    assert str(loaded.problems[0]) == (
        f"{path}:1:1: error: missing required field 'meta' at the top level"
    )


# --- Properties ------------------------------------------------------------------------------

YAMLISH = st.text(alphabet="ab01:-[]{},'\"&*!#|>?~.\n \t\\", max_size=60)


def only_loaded_or_input_error(text: str | bytes) -> None:
    """Anything but a LoadedAgreement or an InputError propagates and fails the property."""
    problems: list[Problem]
    try:
        problems = load_agreement_text(text, "h.yaml").problems
    except InputError as error:
        problems = error.problems
    else:
        assert all(problem.location.line is not None for problem in problems)
    assert all(problem.message for problem in problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), YAMLISH))
def test_any_text_loads_or_is_an_input_error(text: str) -> None:
    only_loaded_or_input_error(text)


@settings(max_examples=100, deadline=None)
@given(st.binary())
def test_any_bytes_load_or_are_an_input_error(data: bytes) -> None:
    only_loaded_or_input_error(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_agreement_loads_or_is_an_input_error(data: st.DataObject) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    only_loaded_or_input_error(text[:start] + data.draw(YAMLISH) + text[end:])
