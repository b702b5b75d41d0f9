"""The layout of text grids: within the width, figures whole, texts wrapped or cut so that no two
rows of different things read the same, details under their row; and the bundled agreement's
names at 80 columns, in check and in the summary, in both languages."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BUNDLED_AGREEMENT, EXAMPLE_ACTUALS
from tulosmittari.actuals import read_actuals
from tulosmittari.evaluation import evaluate
from tulosmittari.loading import load_agreement
from tulosmittari.numbers import Lang
from tulosmittari.render.grid import Grid, check_grids, fit
from tulosmittari.render.layout import Layout, distinct, joined, lay_out, wrapped
from tulosmittari.render.summary_grids import attention_grid, summary_grids
from tulosmittari.results import CheckReport
from tulosmittari.schema import Agreement
from tulosmittari.summary import summarize


def lines(layout: Layout) -> list[str]:
    out = [joined(line) for line in layout.header]
    for row, details in zip(layout.rows, layout.details, strict=True):
        out.extend(joined(line) for line in row)
        out.extend(details)
    return out


NAMES = Grid(
    title="t",
    headers=("Mittari", "Tavoite", "Tulos"),
    right=frozenset({1}),
    rows=(
        ("Kehitykseen käytetty osuus kokonaiskustannuksista, %", "3,5 %", "✗"),
        ("Kehitykseen käytetty osuus kokonaishenkilötyövuosimäärästä, %", "4,3 %", "✓"),
    ),
    shrink=(0,),
    details=(("osuus vuoden tavoitteesta 7 t€; selitys puuttuu",), ()),
    names=0,
    keys=("kulut", "htv"),
)


def test_texts_wrap_and_details_follow_their_row() -> None:
    assert lines(lay_out(NAMES, 40)) == [
        "Mittari                   Tavoite  Tulos",
        "Kehitykseen käytetty        3,5 %  ✗",
        "osuus",
        "kokonaiskustannuksista,",
        "%",
        "  osuus vuoden tavoitteesta 7 t€;",
        "  selitys puuttuu",
        "Kehitykseen käytetty        4,3 %  ✓",
        "osuus kokonaishenkilötyö",  # a word longer than MAX_WORD is broken
        "vuosimäärästä, %",
    ]


def test_cut_names_keep_their_ends_where_their_beginnings_agree() -> None:
    assert lines(lay_out(NAMES, 40, one_line=True)) == [
        "Mittari                   Tavoite  Tulos",
        "Kehitykse…tannuksista, %    3,5 %  ✗",
        "Kehitykse…osimäärästä, %    4,3 %  ✓",
    ]
    assert lines(lay_out(NAMES, 60, one_line=True))[1:] == [  # a plain cut tells them apart
        "Kehitykseen käytetty osuus kokonaiskustannu…    3,5 %  ✗",
        "Kehitykseen käytetty osuus kokonaishenkilöt…    4,3 %  ✓",
    ]


@pytest.mark.parametrize(
    ("texts", "keys", "width", "shown"),
    [
        (["abc def", "abc xyz"], ["a", "b"], 10, ["abc def", "abc xyz"]),  # they fit
        (["Tori-hinnat kasvavat", "Tuve-hinnat kasvavat"], ["a", "b"], 12, None),
        (["sama nimi tässä pitkä", "sama nimi tässä pitkä"], ["a", "a"], 10, None),
        (["sama nimi tässä pitkä", "sama nimi tässä pitkä"], ["x_1", "x_2"], 10, ["x_1", "x_2"]),
    ],
)
def test_distinct(texts: list[str], keys: list[str], width: int, shown: list[str] | None) -> None:
    cut = distinct(texts, keys, width)
    if shown is not None:
        assert cut == shown
    assert all(len(text) <= width for text in cut)
    for a, ka in zip(cut, keys, strict=True):
        for b, kb in zip(cut, keys, strict=True):
            assert a != b or ka == kb


def test_an_optional_column_gives_way_before_a_name_is_cut_to_nothing() -> None:
    grid = Grid(
        title="t",
        headers=("Nimi", "Luku", "Ero"),
        right=frozenset({1, 2}),
        rows=(("Henkilöstökulut kasvoivat", "55 832 t€", "+1 068 t€ (1,9 %)"),),
        shrink=(0,),
        optional=(2,),
        floor={0: 20},
    )
    assert lines(lay_out(grid, 60, one_line=True)) == [
        "Nimi                            Luku                Ero",
        "Henkilöstökulut kasvoivat  55 832 t€  +1 068 t€ (1,9 %)",
    ]
    assert lines(lay_out(grid, 40, one_line=True)) == [
        "Nimi                            Luku",
        "Henkilöstökulut kasvoivat  55 832 t€",
    ]


def test_a_phrase_list_is_cut_between_phrases() -> None:
    assert fit("selitys puuttuu; osuus vuoden tavoitteesta", 20) == "selitys puuttuu…"
    assert fit("Kehitykseen käytetty osuus", 12) == "Kehitykseen…"


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö", min_size=1, max_size=30)
cell = st.lists(words, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(cell, cell, cell, cell), min_size=1, max_size=5),
    width=st.integers(min_value=20, max_value=160),
    one_line=st.booleans(),
    shrink=st.sets(st.integers(0, 3)),
)
def test_no_line_is_wider_than_the_page(
    rows: list[tuple[str, ...]], width: int, one_line: bool, shrink: set[int]
) -> None:
    grid = Grid(
        title="t",
        headers=("a", "bb", "ccc", "dddd"),
        right=frozenset({1}),
        rows=tuple(rows),
        shrink=tuple(sorted(shrink)),
        details=tuple((" ".join(row),) for row in rows),
        optional=(2,),
    )
    assert all(len(line) <= width for line in lines(lay_out(grid, width, one_line=one_line)))


# --- The bundled agreement's names at 80 columns ---------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> tuple[Agreement, CheckReport]:
    loaded = load_agreement(Path(BUNDLED_AGREEMENT))
    assert loaded.agreement is not None
    observations = read_actuals([EXAMPLE_ACTUALS / "2024-h1.csv"], loaded.agreement)
    report = evaluate(
        loaded.agreement, observations, observations.evaluation_periods(), agreement_file="a"
    )
    return loaded.agreement, report


def name_cells(layout: Layout, grid: Grid) -> list[str]:
    """Each row's name as shown: its cell's lines put together."""
    assert grid.names is not None
    at = layout.columns.index(grid.names)
    return [" ".join(line[at].strip() for line in row).strip() for row in layout.rows]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_no_two_bundled_rows_show_the_same_name(
    bundled: tuple[Agreement, CheckReport], lang: Lang
) -> None:
    agreement, report = bundled
    summary = summarize(agreement, report)
    laid_out = [(grid, False) for grid in check_grids(report, lang)]
    laid_out += [(grid, False) for grid in summary_grids(summary, lang) if grid.names is not None]
    laid_out.append((attention_grid(summary, lang), True))
    cut = 0
    for grid, one_line in laid_out:
        layout = lay_out(grid, 80, one_line=one_line)
        assert max(len(line) for line in lines(layout)) <= 80
        owners: dict[str, set[str]] = {}
        for name, key in zip(name_cells(layout, grid), grid.keys, strict=True):
            owners.setdefault(name, set()).add(key)
        assert all(len(keys) == 1 for keys in owners.values()), (grid.title, owners)
        cut += sum("…" in name for name in owners)
    assert cut  # names were cut, and still read apart


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" ab\t\n\u00a0\r€", max_size=30), st.integers(min_value=1, max_value=20))
def test_wrapping_is_textwraps_whatever_the_text(text: str, width: int) -> None:
    """The shortcut for a text that fits gives what textwrap gives."""
    assert wrapped(text, width) == (textwrap.wrap(text, width) or [""])
