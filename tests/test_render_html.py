"""The HTML report: one self-contained page, everything from files escaped, and a real browser's
view of it (headless Chromium, where installed)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT
from results_fixtures import (
    agreement,
    assert_golden,
    hostile_report,
    meeting_agreement,
    meeting_data,
    meeting_report,
    report,
)
from translation import assert_english_of
from tulosmittari.cli import main
from tulosmittari.render import RenderOptions
from tulosmittari.render.html import render_report
from tulosmittari.render.svg import axis_ticks, marker
from tulosmittari.results import Outcome
from tulosmittari.summary import PointKind, summarize

FI = RenderOptions(lang="fi", width=100)
EN = RenderOptions(lang="en", width=100)
CHROMIUM = Path("/usr/bin/chromium")


def page(options: RenderOptions = FI, hostile: bool = False) -> str:
    if hostile:
        return render_report(
            agreement(), hostile_report(), summarize(agreement(), hostile_report()), options
        )
    meeting = meeting_agreement()
    return render_report(meeting, meeting_report(), summarize(meeting, meeting_report()), options)


def test_report_transcript() -> None:
    assert_golden("html/report.fi.html", page(FI))


def test_report_in_english() -> None:
    assert_english_of(page, meeting_data())


def test_each_verdict_shows_its_basis_explanation_and_projection() -> None:
    text = page(FI)
    assert (
        '<p class="basis">selitys: Palkkaratkaisu nosti kuluja keväällä.</p>'
        '<p class="forecast">ennuste vuodelle 2024: 113\u00a0800\u00a0t€ — tavoite'
        " 111\u00a0664\u00a0t€ vaarassa</p>"
    ) in text
    assert '<p class="basis unexplained">selitys puuttuu</p>' in text
    assert (  # the reason states the coverage: it is not said twice
        '<p class="incomplete"><strong>2024-H1 ◐ vajaat tiedot</strong>: ei arvioitavissa:'
        " kattaa 5/6 kuukautta; 2024-06 puuttuu (osuus vuoden tavoitteesta 21\u00a0114\u00a0t€)</p>"
    ) in text
    assert '<p class="basis">2024-06 puuttuu; luvut 2024-05-20 asti</p>' in text
    assert '<td class="unexplained">selitys puuttuu</td>' in text  # an item missed, no note
    assert "<td>Hyväksyntä siirtyi syyskuulle.</td>" in text  # an item's note
    assert '<circle class="forecast"' in text  # on the chart, as a projection
    assert "ennuste 113\u00a0800" in text


def test_a_projection_is_never_counted_as_an_outcome() -> None:
    text = page(EN)
    totals = re.search(r'<p class="totals">(.*?)</p>', text)
    assert totals is not None
    assert "projection" not in totals.group(1)
    assert "<h3>Year-end projections</h3>" in text


def test_an_agreement_without_date_parties_or_diary_numbers() -> None:
    bare = agreement()
    meta = bare.meta.model_copy(update={"date": None, "parties": [], "diary_numbers": []})
    bare = bare.model_copy(update={"meta": meta})
    text = render_report(bare, report(), summarize(bare, report()), FI)
    assert "<dt>Päivätty</dt>" not in text
    assert "<dt>Osapuolet</dt>" not in text
    assert "<dt>Diaarinumerot</dt>" not in text
    assert "<dt>Sopimustiedosto</dt><dd>agreements/esimerkki.yaml</dd>" in text


def test_the_page_declares_its_language() -> None:
    assert page(FI).startswith('<!DOCTYPE html>\n<html lang="fi">\n')
    assert page(EN).startswith('<!DOCTYPE html>\n<html lang="en">\n')


@pytest.mark.parametrize("options", [FI, EN], ids=["fi", "en"])
def test_nothing_is_fetched(options: RenderOptions) -> None:
    text = page(options).lower()
    for needle in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"):
        assert needle not in text
    assert "http" not in text


def test_everything_from_files_is_escaped() -> None:
    text = page(FI, hostile=True)
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" not in text  # the table title: not shown here
    assert "[bold red]x[/] \\x1b]8;;http://evil" in text
    assert "a|b\\x0dZ" in text
    assert "\x1b" not in text
    assert "\r" not in text
    assert "agreements/a,b:c%.yaml" in text


def test_hostile_agreement_text_is_escaped() -> None:
    data = agreement().model_copy(
        update={"meta": agreement().meta.model_copy(update={"title": "<b>x</b> & y"})}
    )
    text = render_report(data, report(), summarize(data, report()), FI)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in text
    assert "<b>x</b>" not in text


def test_a_report_without_results_says_so() -> None:
    empty = replace(report(), results=(), periods=())
    text = render_report(agreement(), empty, summarize(agreement(), empty), EN)
    assert "<p>Nothing to check: the actuals files hold no period.</p></section>" in text
    assert '<svg class="chart"' not in text


def test_one_chart_per_metric_and_a_section_per_table() -> None:
    text = page(FI)
    assert text.count('<svg class="chart"') == 13  # one of the 14 has no figure to draw
    assert re.findall(r"<h2>(Taulukko [^<]*)</h2>", text) == [
        "Taulukko 2. Palvelujen laatu ja talous",
        "Taulukko 3. Hankkeet",
        "Taulukko 4. Talous ja henkilöstö",
    ]


def test_outcome_is_text_and_shape_not_only_colour() -> None:
    text = page(EN)
    assert '<p class="fail"><strong>2024-H1 ✗ fail</strong>' in text
    assert '<path class="new fail"' in text  # a cross
    assert '<path class="new warn"' in text  # a triangle
    assert '<circle class="new pass"' in text


@pytest.mark.parametrize(
    ("values", "ticks"),
    [
        (["3.0", "4.1"], ["3", "3.5", "4", "4.5"]),
        (["-1234567", "0"], ["-1500000", "-1000000", "-500000", "0"]),
        (["5", "5"], ["4", "4.5", "5", "5.5", "6"]),
        (["0.2", "0.9"], ["0.2", "0.4", "0.6", "0.8", "1"]),
    ],
)
def test_axis_ticks_are_round(values: list[str], ticks: list[str]) -> None:
    assert [t.normalize() for t in axis_ticks([Decimal(v) for v in values])] == [
        Decimal(t).normalize() for t in ticks
    ]


def test_markers_differ_by_kind_and_outcome() -> None:
    shapes = {
        marker(kind, 10, 10).split(" ", 1)[0]
        for kind in (PointKind.ACTUAL, PointKind.TARGET, Outcome.FAIL, Outcome.WARN)
    }
    assert shapes == {"<circle", "<rect", "<path"}
    assert marker(Outcome.FAIL, 10, 10) != marker(Outcome.WARN, 10, 10)


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with no network: any request the page made would fail."""
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={tmp_path / 'profile'}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip("chromium not installed: apt-get install chromium")
    return CHROMIUM


def test_chromium_renders_the_charts_and_sections(chromium: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "report.html"
    report_file.write_text(page(FI), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri()).stdout
    assert dom.count('<svg class="chart"') == 13
    assert dom.count("<polyline") >= 6
    assert "<h2>Taulukko 2. Palvelujen laatu ja talous</h2>" in dom
    assert "<h2>Yhteenveto</h2>" in dom
    screenshot = tmp_path / "report.png"
    _chromium(
        tmp_path, f"--screenshot={screenshot}", "--window-size=1200,2600", report_file.as_uri()
    )
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- The command -----------------------------------------------------------------------------


def test_the_command_writes_the_page_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actuals = tmp_path / "2024-h1.csv"
    actuals.write_text("metric,period,value\nsupport_sla,2024-H1,95\n", encoding="utf-8")
    output = tmp_path / "report.html"
    arguments = ["report", str(actuals), "--agreement", str(BUNDLED_AGREEMENT), "-o", str(output)]
    assert main([*arguments, "--lang", "en"]) == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "VN/17411/2023" in text
    assert str(actuals) in text
    assert main([*arguments, "--lang", "en"]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert main([*arguments, "--force"]) == 0
    assert output.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="fi">')


def test_the_command_needs_a_file_to_write(tmp_path: Path) -> None:
    actuals = tmp_path / "2024-h1.csv"
    actuals.write_text("metric,period,value\nsupport_sla,2024-H1,95\n", encoding="utf-8")
    assert main(["report", str(actuals), "--agreement", str(BUNDLED_AGREEMENT)]) == 2
