"""CSV: the JSON record's fields, locale-free numbers, formula-looking text neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from results_fixtures import (
    COST_RECOVERY,
    FORMULA_NOTE,
    OUTAGES,
    PLAN,
    PROBLEMS,
    assert_golden,
    hostile_report,
    report,
)
from tulosmittari.render import RenderOptions
from tulosmittari.render.csv import flatten, render_check, render_problems
from tulosmittari.render.json import result_record
from tulosmittari.safe_text import neutralise

OPTIONS = RenderOptions(lang="fi", width=100)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_check_transcript() -> None:
    assert_golden("csv/check.csv", render_check(report(), OPTIONS))


def test_columns_are_the_json_records_fields() -> None:
    header = render_check(report(), OPTIONS).splitlines()[0].split(",")
    assert header == list(flatten(result_record(OUTAGES)))
    assert header[29:32] == ["location_file", "location_line", "location_column"]
    assert header[37:] == [
        "coverage_months",
        "coverage_covered",
        "coverage_complete",
        "coverage_missing",
        "coverage_partial",
        "forecast_value",
        "forecast_target",
        "forecast_status",
        "forecast_method",
        "unexplained",
    ]


def test_a_check_without_results_still_has_its_header() -> None:
    text = render_check(replace(report(), results=()), OPTIONS)
    assert text == render_check(report(), OPTIONS).split("\r\n")[0] + "\r\n"


def test_two_results_exactly() -> None:
    text = render_check(replace(report(), results=(COST_RECOVERY, PLAN)), OPTIONS)
    assert text.split("\r\n")[1:] == [
        "metric,kustannusvastaavuus,Kustannusvastaavuus,Cost recovery,2,laatu,3.2.2,g2,,euroa,"
        "break_even,2024-H1,2024,target,,0,0,-120000.5,-120000.5,50000,fail,"
        '"\'-120,000.5\u00a0EUR ≠ target 0\u00a0EUR ± 50,000\u00a0EUR (computed from its parts)",'
        "break_even_missed,,true,,,,,agreements/esimerkki.yaml,77,11,"
        "equal,,,derived,2,6,6,true,,,-240001,0,at_risk,pro_rata,true",
        "item,suunnitelma,Uudistuksen suunnitelma on hyväksytty.,,3,hankkeet,3.2.3,g1,uudistus,,,"
        "2024-H1,2024,target,,,,,,,warn,partly met,status_partly_met,partly_met,false,,,"
        "Hyväksyntä siirtyi syyskuulle.,johtoryhmän pöytäkirja 6/2024,"
        "agreements/esimerkki.yaml,130,15,,,,,0,,,,,,,,,,false",
        "",
    ]


def test_negative_numbers_stay_numbers_and_formula_text_does_not() -> None:
    (row,) = rows(render_check(hostile_report(), OPTIONS))
    assert row["notes"] == "'" + FORMULA_NOTE
    assert row["sources"] == "'+SUM(A1:A9); -2+3; @evil; \tlead; \\x0dlead"
    assert row["name"] == "[bold red]x[/] \\x1b]8;;http://evil\\x1b\\klik\\x1b]8;;\\x1b\\ a|b\\x0dZ"
    assert row["location_file"] == "agreements/a,b:c%.yaml"
    (recovery,) = rows(render_check(replace(report(), results=(COST_RECOVERY,)), OPTIONS))
    assert recovery["actual"] == "-120000.5"
    assert recovery["reason"].startswith("'-120,000.5\u00a0EUR ≠")  # text: a spreadsheet would
    # read a leading minus as the start of a formula


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\\x0dx"),  # made visible first, so it no longer starts the cell
        ("a=1", "a=1"),
        ("Tori", "Tori"),
    ],
)
def test_neutralise(text: str, cell: str) -> None:
    assert neutralise(text) == cell


def test_problems() -> None:
    assert render_problems(PROBLEMS, OPTIONS) == (
        "file,line,column,severity,code,message,message_id\r\n"
        "agreements/esimerkki.yaml,12,5,error,reference,tuntematon mittari 'hairi',"
        "validation.unknown\r\n"
        "agreements/esimerkki.yaml,40,,info,validity,vuosi 2025 on sekä sitova että alustava,"
        "validation.binding_and_preliminary\r\n"
        "actuals/2024-h1.csv,,,warning,actuals,2 riviä ilman arvoa ja tilaa lasketaan vielä"
        " raportoimattomiksi (rivit 4 ja 5),cli.unreported\r\n"
    )
