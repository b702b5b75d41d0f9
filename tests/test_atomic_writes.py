"""Nothing is lost: every file the tool writes (`-o` of every command, `report`, `template`)
appears whole or not at all, an existing file is replaced only with `--force`, and the inputs are
never touched, not even by `-o` naming one of them with `--force`. Of two runs racing to create
one file without `--force`, exactly one succeeds.

Each command runs on copies of the bundled agreement and actuals, and the copies' bytes and
modification times are compared before and after every run.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, Tulos
from tulosmittari.output import write_atomic
from tulosmittari.problems import InputError

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
    assert err.endswith(f"tulos: kirjoitettiin {target}\n")
    written = target.read_bytes()
    assert written
    assert list(folder.iterdir()) == [target]  # no temporary file left beside it

    target.write_text("kept", encoding="utf-8")
    kept = snapshot(folder)
    code, out, err = tulos(*args)
    assert (code, out) == (2, "")
    assert err.endswith(f"{target}: error: on jo olemassa; korvaa se valitsimella --force\n")
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
    code, out, err = tulos(*args, "-o", str(alias), "--force", "--lang", "en")
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
    assert "syötetiedoston päälle ei kirjoiteta" in err
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
        (OSError(28, "No space left on device"), 2, "error: tiedostoa ei voi kirjoittaa: No space"),
        (KeyboardInterrupt(), 130, "tulos: keskeytetty"),
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
    code, _, err = tulos("targets", "-a", str(agreement), "-o", str(target), "--lang", "en")
    assert code == 2
    assert err == f"{target}: error: folder {target.parent} does not exist\n"
    assert not target.parent.exists()


# --- Races: two writers, one name ----------------------------------------------------------------

RACES = 50  # each a fresh name; the unguarded check-then-rename lost nearly every one


def _race(target: Path, force: bool) -> list[int]:
    """Two threads write `target` at the same moment; the numbers of those that succeeded (the
    other must have been told the file exists)."""
    start = threading.Barrier(2)
    won: list[int] = []
    refused: list[str] = []

    def write(writer: int) -> None:
        start.wait()
        try:
            write_atomic(target, f"writer {writer}\n" * 1000, force=force)
            won.append(writer)
        except InputError as error:
            refused.append(str(error))

    threads = [threading.Thread(target=write, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all("already exists; use --force" in reason for reason in refused), refused
    assert len(won) + len(refused) == 2
    return won


@pytest.mark.parametrize("links", ["hard links", "no hard links"])
def test_of_two_racing_writers_exactly_one_creates_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: str
) -> None:
    if links == "no hard links":  # FAT, some network shares: the name is taken with O_EXCL

        def refuse(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", refuse)
    for race in range(RACES):
        target = tmp_path / f"race-{race}.csv"
        won = _race(target, force=False)
        assert len(won) == 1, f"race {race}: {len(won)} writers won"
        assert target.read_text(encoding="utf-8") == f"writer {won[0]}\n" * 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"race-{race}.csv" for race in range(RACES)
    )  # no temporary file left by the loser


def test_with_force_the_last_writer_wins_whole(tmp_path: Path) -> None:
    target = tmp_path / "forced.csv"
    target.write_text("old", encoding="utf-8")
    assert sorted(_race(target, force=True)) == [1, 2]
    assert target.read_text(encoding="utf-8") in {f"writer {n}\n" * 1000 for n in (1, 2)}
    assert [p.name for p in tmp_path.iterdir()] == ["forced.csv"]
