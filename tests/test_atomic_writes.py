"""Nothing is lost: every file the tool writes (`-o` of every command, `report`, `template`)
appears whole or not at all, an existing file is replaced only with `--force`, and the inputs are
never touched, not even by `-o` naming one of them with `--force`.

Each command runs on copies of the bundled agreement and actuals, and the copies' bytes and
modification times are compared before and after every run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, Tulos

COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "validate": lambda agreement, actuals: ["validate", str(agreement)],
    "targets": lambda agreement, actuals: ["targets", "-a", str(agreement)],
    "check": lambda agreement, actuals: ["check", str(actuals), "-a", str(agreement)],
    "summary": lambda agreement, actuals: ["summary", str(actuals), "-a", str(agreement)],
    "report": lambda agreement, actuals: ["report", str(actuals), "-a", str(agreement)],
    "template": lambda agreement, actuals: ["template", "2024-H1", "-a", str(agreement)],
}


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    agreement = folder / "agreement.yaml"
    agreement.write_bytes((REPO / "agreements" / "2024-2027.yaml").read_bytes())
    actuals = folder / "2024-h1.csv"
    actuals.write_bytes((REPO / "actuals" / "2024-h1.csv").read_bytes())
    return agreement, actuals


def snapshot(*folders: Path) -> dict[Path, tuple[bytes, int]]:
    """Every file's bytes and modification time (ns)."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for f in folders for p in f.iterdir()}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_is_written_once_and_replaced_only_with_force(
    command: str,
    inputs: tuple[Path, Path],
    tmp_path: Path,
    tulos: Tulos,
) -> None:
    agreement, actuals = inputs
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "result"
    args = [*COMMANDS[command](agreement, actuals), "-o", str(target)]
    before = snapshot(agreement.parent)

    code, out, err = tulos(*args)
    assert code in (0, 1), err
    assert out == ""
    assert err.endswith(f"tulos: wrote {target}\n")
    written = target.read_bytes()
    assert written
    assert list(folder.iterdir()) == [target]  # no temporary file left beside it

    target.write_text("kept", encoding="utf-8")
    kept = snapshot(folder)
    code, out, err = tulos(*args)
    assert (code, out) == (2, "")
    assert err.endswith(f"{target}: error: already exists; use --force to replace it\n")
    assert snapshot(folder) == kept

    code, _, err = tulos(*args, "--force")
    assert code in (0, 1), err
    assert target.read_bytes() == written
    assert list(folder.iterdir()) == [target]
    assert snapshot(agreement.parent) == before


READERS = [(command, "agreement") for command in sorted(COMMANDS)]
READERS += [(command, "actuals") for command in ("check", "report", "summary")]


@pytest.mark.parametrize(("command", "which"), READERS, ids=[f"{c}-{w}" for c, w in READERS])
@pytest.mark.parametrize("how", ["same path", "symbolic link", "hard link"])
def test_an_input_is_never_the_output(
    command: str,
    which: str,
    how: str,
    inputs: tuple[Path, Path],
    tmp_path: Path,
    tulos: Tulos,
) -> None:
    agreement, actuals = inputs
    args = COMMANDS[command](agreement, actuals)
    victim = agreement if which == "agreement" else actuals
    alias = {
        "same path": victim,
        "symbolic link": tmp_path / "link",
        "hard link": tmp_path / "hard",
    }[how]
    if how == "symbolic link":
        alias.symlink_to(victim)
    elif how == "hard link":
        alias.hardlink_to(victim)
    before = snapshot(agreement.parent)
    code, out, err = tulos(*args, "-o", str(alias), "--force")
    assert (code, out) == (2, "")
    assert err.endswith(
        f"{alias}: error: refusing to overwrite an input file; choose another output path\n"
    )
    assert snapshot(agreement.parent) == before


def test_validate_protects_every_file_it_reads(
    inputs: tuple[Path, Path], tmp_path: Path, tulos: Tulos
) -> None:
    agreement, _ = inputs
    other = agreement.with_name("other.yaml")
    other.write_bytes(agreement.read_bytes())
    before = snapshot(agreement.parent)
    code, _, err = tulos("validate", str(agreement), str(other), "-o", str(other), "--force")
    assert code == 2
    assert "refusing to overwrite an input file" in err
    assert snapshot(agreement.parent) == before


def test_the_temporary_file_is_beside_the_target_and_renamed_over_it(
    inputs: tuple[Path, Path],
    tmp_path: Path,
    tulos: Tulos,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader of the target sees the old file or the new one, never half of one: the text goes
    to a temporary file in the same folder (the same file system), renamed over the target."""
    agreement, actuals = inputs
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    renames: list[tuple[Path, Path, str]] = []
    replace = os.replace

    def watched(source: str, destination: Path) -> None:
        renames.append((Path(source), Path(destination), target.read_text(encoding="utf-8")))
        replace(source, destination)

    monkeypatch.setattr(os, "replace", watched)
    code, _, err = tulos(*COMMANDS["report"](agreement, actuals), "-o", str(target), "--force")
    assert code == 1, err
    ((source, destination, seen),) = renames
    assert (source.parent, destination) == (target.parent, target)
    assert source.name.startswith(".report.html.")
    assert seen == "old"  # until the rename, the target is the old file, whole
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("failure", "code", "message"),
    [
        (OSError(28, "No space left on device"), 2, "error: cannot write the file: No space"),
        (KeyboardInterrupt(), 130, "tulos: interrupted"),
    ],
    ids=["disk-full", "ctrl-c"],
)
def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(
    inputs: tuple[Path, Path],
    tmp_path: Path,
    tulos: Tulos,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    code: int,
    message: str,
) -> None:
    agreement, actuals = inputs
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "summary.md"
    target.write_text("old", encoding="utf-8")

    def fail(descriptor: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    args = [*COMMANDS["summary"](agreement, actuals), "-o", str(target), "--force"]
    exit_code, _, err = tulos(*args)
    assert exit_code == code
    assert message in err
    assert target.read_text(encoding="utf-8") == "old"
    assert list(folder.iterdir()) == [target]


def test_a_new_file_in_a_missing_folder_is_refused(
    inputs: tuple[Path, Path], tmp_path: Path, tulos: Tulos
) -> None:
    agreement, _ = inputs
    target = tmp_path / "missing" / "targets.md"
    code, _, err = tulos("targets", "-a", str(agreement), "-o", str(target))
    assert code == 2
    assert err == f"{target}: error: folder {target.parent} does not exist\n"
    assert not target.parent.exists()
