"""The actuals form: which rows are due in a period, the file Finnish Excel opens, and that the
actuals reader takes it back once filled in."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT, REPO
from results_fixtures import agreement
from tulosmittari.actuals import read_actuals
from tulosmittari.cli import main
from tulosmittari.loading import load_agreement
from tulosmittari.periods import Period
from tulosmittari.schema import Agreement
from tulosmittari.template import BOM, TemplateRow, render_template, template_rows

CSV_AGREEMENT = REPO / "tests" / "data" / "hostile" / "csv_agreement.yaml"


@pytest.fixture(scope="module")
def bundled() -> Agreement:
    loaded = load_agreement(BUNDLED_AGREEMENT)
    assert loaded.agreement is not None
    return loaded.agreement


def ids(rows: list[TemplateRow]) -> list[str]:
    return [row.id for row in rows]


def test_half_year_rows_leave_out_what_is_measured_once_a_year() -> None:
    rows = template_rows(agreement(), Period.parse("2024-H1"), "fi")
    assert ids(rows) == [
        "hairiot",
        "kustannukset",
        "kustannusvastaavuus",
        "tuottavuus",
        "htv",
        "automaatio",
        "suunnitelma",
        "pilotti",
    ]
    assert {row.period for row in rows} == {"2024-H1"}
    assert [row.is_item for row in rows][-3:] == [False, True, True]


def test_a_year_asks_for_the_surveys_too() -> None:
    assert "tyytyvaisyys" in ids(template_rows(agreement(), Period.parse("2024"), "fi"))


def test_a_year_without_printed_figures_asks_only_for_metrics_due() -> None:
    # 2025: no person-years printed (not a target: nothing to set it beside), no items
    assert ids(template_rows(agreement(), Period.parse("2025"), "fi")) == [
        "hairiot",
        "tyytyvaisyys",
        "kustannukset",
        "kustannusvastaavuus",
        "tuottavuus",
    ]


def test_derived_metrics_are_left_out_their_unprinted_inputs_asked_for(bundled: Agreement) -> None:
    year = ids(template_rows(bundled, Period.parse("2024"), "fi"))
    assert "self_assessment_ank_mean" not in year  # computed from the two below
    assert {"self_assessment", "ank_assessment"} <= set(year)
    assert "compliance_verified" not in year
    assert {"compliance_tori", "compliance_tuve"} <= set(year)
    assert "person_years" in year
    assert "investment_available" not in year  # printed for 2023 only
    half = ids(template_rows(bundled, Period.parse("2024-H1"), "fi"))
    assert "self_assessment" not in half  # a survey: yearly only


def test_the_form_exactly() -> None:
    rows = template_rows(agreement(), Period.parse("2024-H1"), "en")
    assert render_template(rows[:2] + rows[-1:]) == (
        "\ufeffmetric;period;value;status;note;source;name;unit\r\n"
        "hairiot;2024-H1;;;;;Wide-impact outages;per month\r\n"
        "kustannukset;2024-H1;;;;;Total costs;EUR 1,000\r\n"
        "pilotti;2024-H1;;;;;Pilotti on käynnissä.;\r\n"
    )


def test_names_cannot_run_as_spreadsheet_formulas_or_break_rows() -> None:
    rows = [TemplateRow("x", "2024", '=HYPERLINK("http://evil")', "-1;\nkpl", is_item=False)]
    parsed = list(csv.reader(io.StringIO(render_template(rows).removeprefix(BOM)), delimiter=";"))
    assert parsed[1] == ["x", "2024", "", "", "", "", '\'=HYPERLINK("http://evil")', "'-1; kpl"]


@pytest.mark.parametrize("period", ["2024-H1", "2024"])
def test_the_filled_form_reads_back(bundled: Agreement, tmp_path: Path, period: str) -> None:
    rows = template_rows(bundled, Period.parse(period), "fi")
    path = tmp_path / "actuals.csv"
    table = list(csv.reader(io.StringIO(render_template(rows).removeprefix(BOM)), delimiter=";"))
    value, status = table[0].index("value"), table[0].index("status")
    for line, row in zip(table[1:], rows, strict=True):
        line[status if row.is_item else value] = "osittain toteutunut" if row.is_item else "3,5"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(table)
    path.write_text(BOM + buffer.getvalue(), encoding="utf-8", newline="")
    actuals = read_actuals([path], bundled)
    assert actuals.metric_ids() == {r.id for r in rows if not r.is_item}
    assert actuals.item_ids() == {r.id for r in rows if r.is_item}


def test_rows_left_empty_beside_figures_read_back_as_not_reported(
    bundled: Agreement, tmp_path: Path
) -> None:
    """Rows left empty are no data yet, listed for the user; the rows filled are read."""
    path = tmp_path / "actuals.csv"
    rows = template_rows(bundled, Period.parse("2024-H1"), "fi")
    text = render_template(rows).replace("total_costs;2024-H1;;", "total_costs;2024-H1;5;")
    path.write_text(text, encoding="utf-8", newline="")
    actuals = read_actuals([path], bundled)
    assert actuals.metric_ids() == frozenset({"total_costs"})
    assert len(actuals.unreported) == len(rows) - 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fi",
            "form.csv: error: ei tarkistettavia lukuja: {rows} riviä nimeää mittarin tai"
            " tavoitteen ja jakson mutta jättää luvun tyhjäksi; täytä value-sarake, status-sarake"
            " laadullisille tavoitteille ja numerator ja denominator osuuksille ja suhdeluvuille",
        ),
        (
            "en",
            "form.csv: error: no figures to check: {rows} rows name a metric or item and a"
            " period but no figure; fill in the value column, the status column for qualitative"
            " items and numerator and denominator for shares and ratios",
        ),
    ],
)
def test_an_unfilled_form_is_no_figures_and_says_what_to_fill(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    agreement = ["--agreement", str(CSV_AGREEMENT)]
    assert main(["template", "2024-H1", *agreement, "-o", "form.csv"]) == 0
    rows = len((tmp_path / "form.csv").read_text(encoding="utf-8").splitlines()) - 1
    capsys.readouterr()
    assert main(["check", "form.csv", *agreement, "--lang", lang]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [expected.format(rows=rows)]
    assert main(["check", "form.csv", *agreement, "--format", "json"]) == 2
    assert "ei tarkistettavia lukuja" in capsys.readouterr().err


def test_a_share_or_ratio_gets_numerator_and_denominator_columns_named_in_the_forms_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["template", "2024", "--agreement", str(CSV_AGREEMENT)]) == 0
    fi = list(csv.reader(io.StringIO(capsys.readouterr().out.removeprefix(BOM)), delimiter=";"))
    assert fi[0] == [
        "metric",
        "period",
        "value",
        "numerator",
        "denominator",
        "status",
        "note",
        "source",
        "name",
        "unit",
    ]
    names = {row[0]: row[8] for row in fi[1:]}
    assert names["sick_days"] == "Sick days: sairauspoissaolopäivät / jakson henkilötyövuodet"
    assert names["sla_share"] == "Sla share"  # a share whose parts the agreement does not name
    assert main(["template", "2024", "--agreement", str(CSV_AGREEMENT), "--lang", "en"]) == 0
    en = list(csv.reader(io.StringIO(capsys.readouterr().out.removeprefix(BOM)), delimiter=";"))
    names = {row[0]: row[8] for row in en[1:]}
    assert names["sick_days"] == "Sick days: sick days / person-years of the period"


def test_the_parts_filled_in_the_form_read_back_as_the_ratio(tmp_path: Path) -> None:
    agreement = load_agreement(CSV_AGREEMENT).agreement
    assert agreement is not None
    rows = template_rows(agreement, Period.parse("2024"), "fi")
    table = list(csv.reader(io.StringIO(render_template(rows).removeprefix(BOM)), delimiter=";"))
    for line in table[1:]:
        if line[0] == "sick_days":
            line[3:5] = ["3400", "820"]
        elif line[0] == "cloud_strategy":
            line[5] = "toteutunut"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(table)
    path = tmp_path / "form.csv"
    path.write_text(BOM + buffer.getvalue(), encoding="utf-8", newline="")
    actuals = read_actuals([path], agreement)
    observed = actuals.value("sick_days", Period.parse("2024"))
    assert observed is not None
    assert observed.value == Decimal(3400) / Decimal(820)


# --- The command -----------------------------------------------------------------------------


def test_the_command_writes_the_form_and_will_not_overwrite_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "2024-h1.csv"
    arguments = ["template", "2024-H1", "--agreement", str(BUNDLED_AGREEMENT), "-o", str(form)]
    assert main(arguments) == 0
    text = form.read_text(encoding="utf-8")
    assert text.startswith(
        BOM + "metric;period;value;numerator;denominator;status;note;source;name;unit\n"
    )
    assert main([*arguments, "--lang", "en"]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    form.write_text("changed", encoding="utf-8")
    assert main([*arguments, "--force", "--lang", "en"]) == 0
    assert "Number of wide-impact outages" in form.read_text(encoding="utf-8")


def test_the_command_prints_the_form_without_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "2024", "--agreement", str(BUNDLED_AGREEMENT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(BOM + "metric;period;")
    assert "person_years;2024;;;;;" in out


@pytest.mark.parametrize(
    ("period", "message"),
    [("2024-H3", "a half-year is H1 or H2"), ("2031", "outside the agreement's years 2022–2027")],
)
def test_the_command_rejects_a_period_it_cannot_make_a_form_for(
    period: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", period, "--agreement", str(BUNDLED_AGREEMENT), "--lang", "en"]) == 2
    assert message in capsys.readouterr().err
