"""The cache of validated agreements: a hit only for the same bytes and name, from the user's
own private folder, and a miss, never an error, for anything else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT, EXAMPLE_ACTUALS, REPO, Tulos
from tulosmittari import agreement_cache
from tulosmittari.agreement_cache import CheckedAgreement, checked, keep, recall
from tulosmittari.evaluation import located_paths
from tulosmittari.loading import load_agreement_text
from tulosmittari.problems import Location

DATA = BUNDLED_AGREEMENT.read_bytes()
NAME = "agreements/2024-2027.yaml"


def entry() -> CheckedAgreement:
    loaded = load_agreement_text(DATA, NAME)
    assert loaded.agreement is not None
    return checked(loaded.agreement, NAME, loaded.source, located_paths(loaded.agreement))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_an_agreement_kept_is_recalled_whole(folder: Path) -> None:
    kept = entry()
    keep(folder, DATA, kept)
    found = recall(folder, DATA, NAME)
    assert found is not None
    assert found.agreement == kept.agreement
    assert found.locations == kept.locations
    assert found.locate(("tables", 3, "metrics", 1)) == Location(NAME, 557, 9)  # billing_rate
    assert found.locate(("meta", "title")) == Location(NAME)  # not asked for: the file alone
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_other_bytes_or_another_name_miss(folder: Path) -> None:
    keep(folder, DATA, entry())
    assert recall(folder, DATA + b"\n", NAME) is None
    assert recall(folder, DATA, "other.yaml") is None


def test_an_entry_of_other_bytes_under_the_same_name_is_a_miss(folder: Path) -> None:
    """Entry names are checksums, which two inputs may share: only the same bytes are a hit."""
    keep(folder, DATA, entry())
    (ours,) = folder.iterdir()
    other = folder / "other"
    other.mkdir(mode=0o700)
    keep(other, DATA + b"# edited\n", entry())
    (theirs,) = other.iterdir()
    theirs.replace(ours)  # as if the edited file's checksum were the same
    assert recall(folder, DATA, NAME) is None
    assert recall(folder, DATA + b"# edited\n", NAME) is None  # not under its own name either


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", b"tulosmittari agreement cache 1\0garbage"],
    ids=["empty", "foreign", "broken"],
)
def test_a_damaged_entry_is_a_miss(folder: Path, damage: bytes) -> None:
    keep(folder, DATA, entry())
    (kept,) = [e for e in folder.iterdir() if not e.name.startswith(".")]
    kept.write_bytes(damage)
    assert recall(folder, DATA, NAME) is None


def test_a_folder_others_can_write_is_neither_read_nor_written(folder: Path) -> None:
    keep(folder, DATA, entry())
    folder.chmod(0o777)
    assert recall(folder, DATA, NAME) is None  # its pickles could be anyone's
    for child in folder.iterdir():
        child.unlink()
    keep(folder, DATA, entry())
    assert list(folder.iterdir()) == []


def test_only_the_latest_entries_are_kept(folder: Path) -> None:
    kept = entry()
    for n in range(agreement_cache.KEEP + 3):
        keep(folder, DATA + b"\n" * n, kept)
        latest = max(folder.iterdir(), key=lambda e: e.stat().st_mtime)
        os.utime(latest, (n, n))  # a clock that surely moves between two writes
    assert len(list(folder.iterdir())) == agreement_cache.KEEP
    assert recall(folder, DATA, NAME) is None  # the oldest went first
    assert recall(folder, DATA + b"\n" * (agreement_cache.KEEP + 2), NAME) is not None


def test_the_folder_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TULOS_CACHE_DIR", "")
    assert agreement_cache.directory() is None  # turned off
    monkeypatch.setenv("TULOS_CACHE_DIR", str(tmp_path))
    assert agreement_cache.directory() == tmp_path
    monkeypatch.delenv("TULOS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert agreement_cache.directory() == tmp_path / "xdg" / "tulosmittari"


# --- Through the command -----------------------------------------------------------------------


def test_a_check_from_the_cache_says_exactly_what_a_fresh_one_says(
    tulos: Tulos, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h1 = EXAMPLE_ACTUALS / "2024-h1.csv"
    fresh = tulos("check", h1, "--format", "json", cwd=REPO)
    cold = tulos("check", h1, "--format", "json", cwd=REPO, env={"TULOS_CACHE_DIR": str(folder)})
    assert len(list(folder.iterdir())) == 1
    monkeypatch.setattr("tulosmittari.loading.load_agreement_text", _no_loading)
    warm = tulos("check", h1, "--format", "json", cwd=REPO, env={"TULOS_CACHE_DIR": str(folder)})
    assert fresh == cold == warm  # locations of the results included
    for command in (["targets"], ["template", "2024-H1"], ["summary", h1]):
        assert tulos(*command, cwd=REPO, env={"TULOS_CACHE_DIR": str(folder)}).code in (0, 1)


def test_an_edited_agreement_is_loaded_again(tulos: Tulos, folder: Path, tmp_path: Path) -> None:
    agreement = tmp_path / "a.yaml"
    agreement.write_bytes(DATA)
    h1 = EXAMPLE_ACTUALS / "2024-h1.csv"
    cache = {"TULOS_CACHE_DIR": str(folder)}
    assert tulos("check", h1, "-a", agreement, "--fail-on", "never", env=cache).code == 0
    agreement.write_bytes(DATA.replace(b"2024: 111664", b"2024: 111674"))  # breaks an identity
    ran = tulos("check", h1, "-a", agreement, env=cache)
    assert ran.code == 2
    assert "t11_gross_expenses_sum" in ran.err


def _no_loading(*args: object, **kwargs: object) -> object:
    raise AssertionError("a cached agreement is not loaded again")
