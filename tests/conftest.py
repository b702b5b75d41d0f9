"""Shared fixtures: where the repository's own files are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED_AGREEMENT = REPO / "agreements" / "2024-2027.yaml"
EXAMPLE_ACTUALS = REPO / "actuals"


@pytest.fixture
def repo_root() -> Path:
    return REPO
