"""The actuals reader through the command (`tulos check`): plausible figures, a file's decimal
convention, yearly metrics, shares and ratios, empty input, bounds on input and repeated rows,
each with its exit code and its message, in English and in Finnish."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT, REPO, Tulos
from tulosmittari.cli import main

CSV_AGREEMENT = REPO / "tests" / "data" / "hostile" / "csv_agreement.yaml"
D = Decimal


def errors(lines: list[str]) -> list[str]:
    """The error lines of stderr: a figure far from its small test target also warns."""
    return [line for line in lines if ": error: " in line]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named as given: `a.csv` in messages."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TULOS_LANG", raising=False)


def check(
    capsys: pytest.CaptureFixture[str],
    text: str,
    *options: str,
    agreement: Path = CSV_AGREEMENT,
    name: str = "a.csv",
) -> tuple[int, str, list[str]]:
    """`tulos check` of one file holding `text`: exit code, stdout and stderr's lines."""
    Path(name).write_bytes(text.encode("utf-8"))
    code = main(["check", name, "--agreement", str(agreement), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def actual(out: str, metric: str) -> Decimal:
    """A metric's actual in `--format json` output."""
    document = json.loads(out, parse_float=Decimal)
    (result,) = [r for r in document["results"] if r.get("metric") == metric]
    return Decimal(result["actual"])


# --- plausible figures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "sick_days,2024,-3",
            "a.csv:2:3 [value]: error: -3 is below 0, the lowest figure 'sick_days' can have:"
            " check the figure and its sign (a metric that may be negative says so under bounds"
            " in the agreement)",
        ),
        (
            "billing_rate,2024,720",
            "a.csv:2:3 [value]: error: 720 is outside 0–100, where the figures of 'billing_rate'"
            " can lie: check the figure and its unit",
        ),
        (
            "total_costs,2024,-100",
            "a.csv:2:3 [value]: error: -100 is below 0, the lowest figure 'total_costs' can have:"
            " check the figure and its sign (a metric that may be negative says so under bounds"
            " in the agreement)",
        ),
    ],
)
def test_a_figure_that_cannot_be_right_is_an_error_at_its_row(
    capsys: pytest.CaptureFixture[str], row: str, expected: str
) -> None:
    text = f"metric,period,value\n{row}\n"
    code, out, err = check(capsys, text, "--lang", "en", agreement=BUNDLED_AGREEMENT)
    assert (code, out, err) == (2, "", [expected])
    code, out, _ = check(capsys, text, "--format", "json", agreement=BUNDLED_AGREEMENT)
    assert (code, out) == (2, "")


def test_bounds_are_worded_in_finnish(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(
        capsys, "metric,period,value\nbilling_rate,2024,720\n", agreement=BUNDLED_AGREEMENT
    )
    assert code == 2
    assert err == [
        "a.csv:2:3 [value]: error: 720 ei ole välillä 0–100, jolla mittarin 'billing_rate' luvut"
        " voivat olla: tarkista luku ja sen yksikkö"
    ]


def test_a_balance_may_be_negative_and_a_share_is_checked_on_the_share_it_makes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "metric,period,value\nnet_costs,2024,-5\n"
    code, out, err = check(capsys, text, "--format", "json", "--fail-on", "never")
    assert (code, err, actual(out, "net_costs")) == (0, [], D(-5))
    text = "metric,period,numerator,denominator\nsla_share,2024,120,100\n"
    code, out, err = check(capsys, text, "--lang", "en")
    assert (code, out) == (2, "")
    assert err == [
        "a.csv:2:3 [numerator]: error: 120 is outside 0–100, where the figures of 'sla_share' can"
        " lie: check the figure and its unit"
    ]


def test_a_scale_is_the_one_of_the_figures_year_on_the_short_path_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A grade on 1–4 in 2023 became 1–5 in 2024: 4.5 is right in 2024 only; day rows after
    the first of a month are folded on the short path, which must see the same bounds."""
    agreement = CSV_AGREEMENT.read_text(encoding="utf-8").replace(
        "        scale: {min: 1, max: 5}\n      - id: outages",
        "        scale: {min: 1, max: 5}\n        scale_by_year: {2023: {min: 1, max: 4}}\n"
        "      - id: outages",
    )
    assert "scale_by_year" in agreement
    Path("agreement.yaml").write_text(agreement, encoding="utf-8")
    rows = [
        f"customer_satisfaction_users,{year}-01-{day:02d},{value}"
        for year in (2023, 2024)
        for day, value in ((1, "3"), (2, "3"), (3, "4.5"))
    ]
    text = "metric,period,value\n" + "\n".join(rows) + "\n"
    code, _, err = check(capsys, text, "--lang", "en", agreement=Path("agreement.yaml"))
    assert code == 2
    assert err == [
        "a.csv:4:3 [value]: error: 4.5 is outside the scale 1–4 of 'customer_satisfaction_users'"
    ]


# --- a file's decimal convention ---------------------------------------------------------------


def test_a_dot_before_three_digits_in_a_file_of_decimal_commas_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 13: `230.100` beside `72,5` was read as 230,1 and passed a ceiling of 232 834."""
    text = "metric;period;value\nbilling_rate;2024-01;72,5\ntotal_costs;2024-H1;230.100\n"
    code, out, err = check(capsys, text, "--lang", "en", agreement=BUNDLED_AGREEMENT)
    assert (code, out) == (2, "")
    assert err == [
        "a.csv:3:3 [value]: error: '230.100' has a dot before three digits, and this file writes"
        " decimals with a comma (line 2): it was probably 230 100, written with another locale's"
        " thousands separator; write 230100 or 230 100 (or 230,1 if a decimal was meant)"
    ]
    code, _, err = check(capsys, text, agreement=BUNDLED_AGREEMENT)
    assert code == 2
    assert err == [
        "a.csv:3:3 [value]: error: luvussa '230.100' on piste ennen kolmea numeroa, ja tämä"
        " tiedosto kirjoittaa desimaalit pilkulla (rivi 2): luku on luultavasti 230 100 toisen"
        " kielialueen tuhaterottimella kirjoitettuna; kirjoita 230100 tai 230 100 (tai 230,1,"
        " jos tarkoitit desimaalilukua)"
    ]


def test_the_convention_may_be_settled_after_the_ambiguous_figure_and_by_spaces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    later = "metric;period;value\ntotal_costs;2024-H1;230.100\nbilling_rate;2024-01;72,5\n"
    code, _, err = check(capsys, later, "--lang", "en", agreement=BUNDLED_AGREEMENT)
    assert code == 2
    assert err[0].startswith("a.csv:2:3 [value]: error: '230.100' has a dot before three digits")
    spaces = "metric;period;value\ntotal_costs;2024;465 668\ntotal_costs;2024-H1;230.100\n"
    code, _, err = check(capsys, spaces, "--lang", "en", agreement=BUNDLED_AGREEMENT)
    assert code == 2
    assert "this file groups thousands with spaces (line 2)" in err[0]


def test_in_a_file_of_decimal_points_a_dot_is_a_decimal_and_a_comma_thousands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "metric,period,value\nsla_share,2024-H1,97.5\noperating_costs,2024-H1,230.100\n"
    code, out, err = check(capsys, text, "--format", "json")
    assert (code, errors(err), actual(out, "operating_costs")) == (0, [], D("230.1"))
    text = 'metric,period,value\nsla_share,2024-H1,97.5\noperating_costs,2024-H1,"465,668"\n'
    code, _, err = check(capsys, text, "--lang", "en")
    assert code == 2
    assert err == [
        "a.csv:3:3 [value]: error: '465,668' has a comma before three digits, and this file"
        " writes decimals with a point (line 2): it was probably 465 668, written with an"
        " English thousands separator; write 465668 or 465 668 (or 465.6680 if a decimal was"
        " meant)"
    ]


def test_in_a_file_that_settles_nothing_either_reading_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = 'metric,period,value\noperating_costs,2024,"1,500"\n'
    code, out, err = check(capsys, text, "--lang", "en")
    assert (code, out) == (2, "")
    assert err == [
        "a.csv:2:3 [value]: error: '1,500' is ambiguous: it may be 1 500 written with a"
        " thousands separator, or a decimal, and the file's other figures do not settle which;"
        " write 1500 or 1 500 for the first, 1,5 for the second"
    ]
    code, _, err = check(capsys, text)
    assert err == [
        "a.csv:2:3 [value]: error: luku '1,500' on monitulkintainen: se voi olla 1 500"
        " tuhaterottimella kirjoitettuna tai desimaaliluku, eivätkä tiedoston muut luvut ratkaise"
        " kumpi; kirjoita 1500 tai 1 500, jos tarkoitit ensimmäistä, ja 1,5, jos jälkimmäistä"
    ]
    both = (
        "metric;period;value\nsla_share;2024-01;72,5\nsla_share;2024-02;72.5\n"
        "operating_costs;2024;1.500\n"
    )
    code, _, err = check(capsys, both, "--lang", "en")
    assert code == 2
    assert err[0].startswith("a.csv:4:3 [value]: error: '1.500' is ambiguous")


def test_what_the_english_report_prints_reads_back_as_the_same_number_or_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 16: `--lang en` prints 465 668 as `465,668`, which was read back 1000× too small."""
    code, out, _ = check(
        capsys, "metric,period,value\noperating_costs,2024,465668\n", "--lang", "en"
    )
    assert code == 0
    assert "465,668" in out
    pasted = 'metric,period,value\nsla_share,2024,3.5\noperating_costs,2024,"465,668"\n'
    code, _, err = check(capsys, pasted, "--lang", "en")
    assert code == 2
    assert "it was probably 465 668" in err[0]
    code, out, _ = check(capsys, "metric,period,value\nsla_share,2024,3.5\n", "--format", "json")
    assert (code, actual(out, "sla_share")) == (0, D("3.5"))


def test_daily_figures_with_three_decimals_take_the_full_checks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The short path folds plain day rows; a dot before three digits must not slip past it."""
    rows = [f"operating_costs;2024-01-{d:02d};{d},50" for d in range(1, 20)]
    rows.append("operating_costs;2024-01-25;230.100")
    code, _, err = check(capsys, "metric;period;value\n" + "\n".join(rows) + "\n", "--lang", "en")
    assert code == 2
    assert err[0].startswith(
        "a.csv:21:3 [value]: error: '230.100' has a dot before three digits, and this file writes"
        " decimals with a comma (line 2)"
    )
    points = [f"operating_costs,2024-01-{d:02d},{d}.50" for d in range(1, 20)]
    points.append("operating_costs,2024-01-25,230.100")
    text = "metric,period,value\n" + "\n".join(points) + "\n"
    code, out, err = check(capsys, text, "--format", "json", "--period", "2024-01")
    assert (code, errors(err)) == (0, [])
    assert actual(out, "operating_costs") == sum(D(d) + D("0.5") for d in range(1, 20)) + D("230.1")


def _days(count: int) -> list[str]:
    """`count` distinct days of 2024, 28 to a month from January."""
    return [f"2024-{i // 28 + 1:02d}-{i % 28 + 1:02d}" for i in range(count)]


@pytest.mark.parametrize("count", [50, 150])
def test_ambiguous_figures_beyond_the_problem_cap_are_settled_like_the_first(
    tulos: Tulos, count: int
) -> None:
    """Ambiguous figures past the first 100 were counted as problems even when the file's own
    decimal points settled them: 150 rows failed with only '… and 50 more problems'."""
    rows = ["net_costs,2024-03,1.5", *(f"operating_costs,{d},230.100" for d in _days(count))]
    Path("a.csv").write_text("metric,period,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ran = tulos(
        "check", "a.csv", "--agreement", CSV_AGREEMENT, "--format", "json", "--period", "2024-H1"
    )
    assert (ran.code, errors(ran.err.splitlines())) == (0, [])
    assert actual(ran.out, "operating_costs") == count * D("230.1")


@pytest.mark.parametrize(
    ("first", "key"),
    [
        ("net_costs;2024-03;1,5", "has a dot before three digits"),  # the file's decimal commas
        ("net_costs;2024-03;15", "is ambiguous"),  # nothing settles them
    ],
)
def test_ambiguous_figures_the_file_does_not_settle_are_each_a_problem(
    tulos: Tulos, first: str, key: str
) -> None:
    rows = [first, *(f"operating_costs;{d};230.100" for d in _days(150))]
    Path("a.csv").write_text("metric;period;value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ran = tulos("check", "a.csv", "--agreement", CSV_AGREEMENT, "--lang", "en")
    assert (ran.code, ran.out) == (2, "")
    err = errors(ran.err.splitlines())
    assert len(err) == 101
    for line, text in zip(range(3, 103), err[:-1], strict=True):
        assert text.startswith(f"a.csv:{line}:3 [value]: error: '230.100' {key}")
    assert err[-1] == "a.csv: error: … and 50 more problems"


def test_the_problem_cap_holds_each_kind_of_ambiguous_figure_on_its_own(tulos: Tulos) -> None:
    """150 settled `230.100` before 150 unsettled `"1,500"`: the first 100 of the unsettled are
    shown and 50 more counted; the settled ones neither shown nor counted."""
    rows = [
        "net_costs,2024-03,1.5",
        *(f"operating_costs,{d},230.100" for d in _days(150)),
        *(f'outages_per_month,{d},"1,500"' for d in _days(150)),
    ]
    Path("a.csv").write_text("metric,period,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    ran = tulos("check", "a.csv", "--agreement", CSV_AGREEMENT, "--lang", "en")
    assert (ran.code, ran.out) == (2, "")
    err = errors(ran.err.splitlines())
    assert len(err) == 101
    assert [line.split(" [value]: error: ", 1)[0] for line in err[:-1]] == [
        f"a.csv:{line}:3" for line in range(153, 253)
    ]
    assert all("'1,500' has a comma before three digits" in line for line in err[:-1])
    assert err[-1] == "a.csv: error: … and 50 more problems"


# --- yearly metrics, shares and ratios ---------------------------------------------------------


def test_a_part_year_figure_of_a_yearly_metric_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "metric,period,value\ncustomer_satisfaction_users,2024-H1,3.9\n"
    code, out, err = check(capsys, text, "--lang", "en", agreement=BUNDLED_AGREEMENT)
    assert (code, out) == (2, "")
    assert err == [
        "a.csv:2:2 [period]: error: 'customer_satisfaction_users' is measured once a year: give"
        " the year's figure (period 2024), not one for 2024-H1"
    ]
    code, _, err = check(capsys, text, agreement=BUNDLED_AGREEMENT)
    assert err == [
        "a.csv:2:2 [period]: error: 'customer_satisfaction_users' mitataan kerran vuodessa: anna"
        " koko vuoden luku (jakso 2024), ei jakson 2024-H1 lukua"
    ]
    days = "metric,period,value\nuser_survey,2024-03-01,3\nuser_survey,2024-03-02,3\n"
    code, _, err = check(capsys, days, "--lang", "en")
    assert code == 2
    assert len(err) == 2
    code, _, err = check(capsys, "metric,period,value\nuser_survey,2024,3.9\n")
    assert (code, err) == (0, [])


def test_a_ratio_divides_the_sums_without_a_hundred(capsys: pytest.CaptureFixture[str]) -> None:
    text = "metric,period,value,numerator,denominator\nsick_days,2024,,3400,820\n"
    code, out, err = check(capsys, text, "--format", "json")
    assert (code, err) == (0, [])
    assert actual(out, "sick_days").quantize(D("0.000001")) == D("4.146341")  # not 414.6
    halves = (
        "metric,period,value,numerator,denominator\n"
        "sick_days,2024-H1,4.15,1700,410\nsick_days,2024-H2,,1800,410\n"
    )
    code, out, err = check(capsys, halves, "--format", "json", "--period", "2024")
    assert (code, err) == (0, [])
    assert actual(out, "sick_days").quantize(D("0.000001")) == D("4.268293")  # 3500 / 820
    wrong = "metric,period,value,numerator,denominator\nsick_days,2024,414.6,3400,820\n"
    code, _, err = check(capsys, wrong, "--lang", "en")
    assert code == 2
    assert err == [
        "a.csv:2:3 [value]: error: the value 414.6 does not agree with 3400 / 820 = 4.15"
    ]


def test_a_share_given_as_bare_percentages_is_their_plain_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "metric,period,value\nsla_share,2024-01,95\nsla_share,2024-02,98\n"
    code, out, err = check(capsys, text, "--format", "json", "--period", "2024-Q1")
    assert (code, err) == (0, [])
    assert actual(out, "sla_share") == D("96.5")


# --- no figures at all -------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_header_only_file_is_no_figures_whatever_its_line_ends(
    capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    """Issue 13: exit 0 and "nothing to check" before; with CR LF, a bare carriage return."""
    code, out, err = check(capsys, f"metric,period,value{newline}", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == [
        "a.csv: error: no figures to check: the file has a header and no rows; add a row for"
        " each figure and fill in the value column"
    ]
    code, _, err = check(capsys, f"metric;period;value;status{newline}{newline}")
    assert err == [
        "a.csv: error: ei tarkistettavia lukuja: tiedostossa on vain otsikkorivi; lisää rivi"
        " kustakin luvusta ja täytä value-sarake ja status-sarake laadullisille tavoitteille"
    ]


def test_rows_without_figures_say_which_columns_to_fill(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "metric,period,value,numerator,denominator\nsla_share,2024,,,\n"
    code, _, err = check(capsys, text, "--lang", "en")
    assert code == 2
    assert err == [
        "a.csv: error: no figures to check: 1 row names a metric or item and a period but no"
        " figure; fill in numerator and denominator for shares and ratios"
    ]


def test_comments_only_is_an_empty_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, "# nothing yet\n\n", "--lang", "en")
    assert (code, err) == (
        2,
        ["a.csv: error: the file is empty: it needs a header row such as metric,period,value"],
    )


def test_files_without_figures_beside_one_with_figures_are_fine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("empty.csv").write_text("metric,period,value\r\n", encoding="utf-8")
    Path("form.csv").write_text("metric,period,value\noperating_costs,2024,\n", encoding="utf-8")
    Path("full.csv").write_text(
        "metric,period,value\noperating_costs,2024-01,5\n", encoding="utf-8"
    )
    code = main(["check", "empty.csv", "form.csv", "full.csv", "--agreement", str(CSV_AGREEMENT)])
    assert code == 0
    code = main(
        ["check", "empty.csv", "form.csv", "--agreement", str(CSV_AGREEMENT), "--lang", "en"]
    )
    assert code == 2
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "empty.csv: error: no figures to check: the file has a header and no rows; add a row for"
        " each figure and fill in the value column",
        "form.csv: error: no figures to check: 1 row names a metric or item and a period but no"
        " figure; fill in the value column",
    ]


# --- bounds on input and repeated rows ---------------------------------------------------------


Stream = Callable[[str, str], str]


@pytest.fixture
def stream() -> Iterator[Stream]:
    """A pipe fed for ever by another thread, as `<(yes ...)` is: a header, then one row again
    and again; gives the pipe's path. The reader's end is closed afterwards, which ends it."""
    read_end, write_end = os.pipe()
    threads: list[threading.Thread] = []

    def start(header: str, row: str) -> str:
        def write() -> None:
            with os.fdopen(write_end, "wb", buffering=0) as out:
                try:
                    out.write(header.encode())
                    while True:
                        out.write(row.encode() * 1000)
                except OSError:  # the reader's end closed: a broken pipe
                    pass

        threads.append(threading.Thread(target=write, daemon=True))
        threads[0].start()
        return f"/dev/fd/{read_end}"

    yield start
    os.close(read_end)
    for thread in threads:
        thread.join(timeout=5)


def test_a_stream_of_one_row_repeated_ends_promptly(
    capsys: pytest.CaptureFixture[str], stream: Stream
) -> None:
    """Issue 16: `tulos check <(yes billing_rate,2024-01-01,70)` read for ever."""
    path = stream("metric,period,value\n", "billing_rate,2024-01-01,70\n")
    started = time.monotonic()
    code = main(["check", path, "--agreement", str(BUNDLED_AGREEMENT), "--lang", "en"])
    assert time.monotonic() - started < 5
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:1002:3 [value]: error: 'billing_rate' for 2024-01-01 is repeated 1,000 times,"
        f" from {path}:3 on: a row repeated so often is not actuals; give each figure once"
    ]
