"""Writing files: atomic, never clobbering without --force, readable like any new file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tulosmittari.output import write_atomic
from tulosmittari.problems import InputError


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", "<p>ä</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "<p>ä</p>"


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new", force=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


def test_an_existing_file_needs_force_and_stays_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match="already exists; use --force"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_an_input_is_never_overwritten_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "actuals.csv"
    source.write_text("metric,period,value\n", encoding="utf-8")
    with pytest.raises(InputError, match="refusing to overwrite an input file"):
        write_atomic(source, "x", force=True, protected=[source])
    assert source.read_text(encoding="utf-8") == "metric,period,value\n"
