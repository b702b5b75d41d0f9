"""GitHub workflow commands: annotations at the agreement's lines, escaped by the runner's rules,
and the Markdown step summary."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT
from results_fixtures import INCOME, PROBLEMS, hostile_report, report
from tulosmittari.cli import main
from tulosmittari.render import RenderOptions
from tulosmittari.render import markdown as markdown_renderer
from tulosmittari.render.github import (
    escape_data,
    escape_property,
    render_check,
    render_problems,
    step_summary,
)

FI = RenderOptions(lang="fi", width=100)
EN = RenderOptions(lang="en", width=100)


def test_failed_and_warned_targets_are_annotated_in_finnish() -> None:
    assert render_check(report(), FI).splitlines() == [
        "::error file=agreements/esimerkki.yaml,line=40,col=11,title=Taulukko 2%3A "
        "Laajavaikutteisten häiriöiden määrä 2024-H1::ei saavutettu: 3,6\u00a0kpl/kk > tavoite "
        "3,3\u00a0kpl/kk; pienempi on parempi",
        "::warning file=agreements/esimerkki.yaml,line=64,col=11,title=Taulukko 2%3A "
        "Kokonaiskustannukset 2024-H1::lähellä: 234\u00a0000\u00a01000 euroa > tavoite "
        "232\u00a0834\u00a01000 euroa, toleranssin 2\u00a0328,34\u00a01000 euroa sisällä (osuus "
        "vuoden tavoitteesta 465\u00a0668\u00a01000 euroa)",
        "::error file=agreements/esimerkki.yaml,line=77,col=11,title=Taulukko 2%3A "
        "Kustannusvastaavuus 2024-H1::ei saavutettu: \u2212120\u00a0000,5\u00a0euroa ≠ tavoite "
        "0\u00a0euroa ± 50\u00a0000\u00a0euroa (laskettu osista)",
        "::warning file=agreements/esimerkki.yaml,line=130,col=15,title=Taulukko 3%3A "
        "Uudistuksen suunnitelma on hyväksytty. 2024-H1::lähellä: osittain toteutunut",
        "Yhteensä 10: 2 saavutettu, 2 lähellä, 2 ei saavutettu, 2 ei tietoa, 2 ei tavoitetta",
    ]


def test_a_target_whose_figures_cover_part_of_its_period_is_a_notice() -> None:
    checked = replace(report(), results=(INCOME,))
    assert (
        render_check(checked, FI)
        .splitlines()[0]
        .startswith(
            "::notice file=agreements/esimerkki.yaml,line=190,col=11,title=Taulukko 4%3A "
            "Maksullisen toiminnan tuotot 2024-H1::vajaat tiedot: ei arvioitavissa"
        )
    )


def test_annotations_in_english() -> None:
    lines = render_check(report(), EN).splitlines()
    assert lines[0] == (
        "::error file=agreements/esimerkki.yaml,line=40,col=11,title=Table 2%3A Wide-impact "
        "outages 2024-H1::fail: 3.6\u00a0per month > target 3.3\u00a0per month; lower is better"
    )
    assert lines[-1] == "Total 10: 2 pass, 2 warn, 2 fail, 2 no data, 2 no target"


def test_a_hostile_name_cannot_end_its_annotation_or_start_a_command() -> None:
    text = render_check(hostile_report(), FI)
    assert text == (
        "::error file=agreements/a%2Cb%3Ac%25.yaml,line=7,col=3,title=Taulukko 2%3A "
        "[bold red]x[/] \\x1b]8;;http%3A//evil\\x1b\\klik\\x1b]8;;\\x1b\\ a|b\\x0dZ 2024-H1"
        "::ei saavutettu: 3,6\u00a0%25\\x1b[2J > tavoite 3,3\u00a0%25\\x1b[2J; pienempi on "
        "parempi\n"
        "Yhteensä 1: 1 ei saavutettu\n"
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a\\x0d%0Ab", "a\\x0d%0Ab"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_problems_are_annotated_by_severity() -> None:
    assert render_problems(PROBLEMS, FI) == (
        "::error file=agreements/esimerkki.yaml,line=12,col=5,title=reference::tuntematon"
        " mittari 'hairi'\n"
        "::notice file=agreements/esimerkki.yaml,line=40,title=validity::vuosi 2025 on sekä"
        " sitova että alustava\n"
        "::warning file=actuals/2024-h1.csv,title=actuals::2 riviä ilman arvoa ja tilaa"
        " lasketaan vielä raportoimattomiksi (rivit 4 ja 5)\n"
    )


def test_the_step_summary_is_the_markdown_report() -> None:
    assert step_summary(report(), EN) == markdown_renderer.render_check(report(), EN)


def test_the_check_command_appends_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    actuals = tmp_path / "2024-h1.csv"
    actuals.write_text("metric,period,value\nwide_outages_per_month,2024-H1,3.6\n", "utf-8")
    step_summary_file = tmp_path / "summary.md"
    step_summary_file.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary_file))
    arguments = ["check", str(actuals), "--agreement", str(BUNDLED_AGREEMENT), "-f", "github"]
    assert main([*arguments, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={BUNDLED_AGREEMENT},line=")
    assert "title=Table 7%3A Number of wide-impact outages" in out
    written = step_summary_file.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n# ")
    assert "| Number of wide-impact outages" in written
