"""Actuals files: every format feature, every rejected input with its exact message, and the
streaming fold checked against a plain reference computation."""

from __future__ import annotations

import csv
import gc
import io
import tracemalloc
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actuals_fixtures import METRIC_IDS, build_agreement, problems_of, read, read_text, write
from tulosmittari.actuals import read_actuals
from tulosmittari.observations import Actuals, Observed
from tulosmittari.periods import Period
from tulosmittari.problems import InputError, Location
from tulosmittari.results import Combination, ItemStatus
from tulosmittari.schema import Aggregation, Agreement

D = Decimal
P = Period.parse
HOSTILE = Path(__file__).parent / "data" / "hostile" / "csv"


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    return build_agreement()


def value(actuals: Actuals, metric: str, period: str) -> Decimal | None:
    observed = actuals.value(metric, P(period))
    return None if observed is None else observed.value


# --- the format, feature by feature -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "period", "expected"),
    [
        ("metric,period,value\noperating_costs,2024,5\n", "operating_costs", "2024", D(5)),
        ("metric;period;value\noperating_costs;2024;3,5\n", "operating_costs", "2024", D("3.5")),
        (
            "metric\tperiod\tvalue\noperating_costs\t2024\t3,5\n",
            "operating_costs",
            "2024",
            D("3.5"),
        ),
        ('metric,period,value\noperating_costs,2024,"3,5"\n', "operating_costs", "2024", D("3.5")),
        (
            "metric;period;value\noperating_costs;2024;465\u00a0668,5\n",
            "operating_costs",
            "2024",
            D("465668.5"),
        ),
        ("metric;period;value\nnet_costs;2024;−1 000\n", "net_costs", "2024", D(-1000)),
        ("\ufeffmetric,period,value\noperating_costs,2024,5\n", "operating_costs", "2024", D(5)),
        ("metric,period,value\r\noperating_costs,2024,5\r\n", "operating_costs", "2024", D(5)),
        ("metric,period,value\noperating_costs,2024,5", "operating_costs", "2024", D(5)),
        (" Metric , PERIOD ,Value\noperating_costs,2024,5\n", "operating_costs", "2024", D(5)),
        ("metric,period,value\n operating_costs , 2024 , 5 \n", "operating_costs", "2024", D(5)),
        (
            "# illustrative figures\n\nmetric,period,value\n# between rows\n\n"
            "operating_costs,2024,5\n",
            "operating_costs",
            "2024",
            D(5),
        ),
        (
            "metric,period,value\n,,\n , ,\noperating_costs,2024,5\n",
            "operating_costs",
            "2024",
            D(5),
        ),
        (
            '"metric","period","value"\n"operating_costs","2024","5"\n',
            "operating_costs",
            "2024",
            D(5),
        ),
        ("metric;period;value;;\noperating_costs;2024;5;;\n", "operating_costs", "2024", D(5)),
        ("metric,period,value\noperating_costs,2024,5,,\n", "operating_costs", "2024", D(5)),
        ("metric,period,value\noperating_costs,2024-h1,5\n", "operating_costs", "2024-H1", D(5)),
        ('metric,period,value\nsla_share,2024,"97,5 %"\n', "sla_share", "2024", D("97.5")),
    ],
)
def test_format_features(
    agreement: Agreement, tmp_path: Path, text: str, metric: str, period: str, expected: Decimal
) -> None:
    actuals = read_text(agreement, tmp_path, text)
    assert value(actuals, metric, period) == expected


def test_template_columns_name_and_unit_are_ignored(agreement: Agreement, tmp_path: Path) -> None:
    text = (
        'metric,name,unit,period,value,note\noperating_costs,"Toimintamenot, yhteensä",€,2024,12,\n'
    )
    assert value(read_text(agreement, tmp_path, text), "operating_costs", "2024") == D(12)


def test_sums_are_exact_whatever_the_callers_decimal_context(
    agreement: Agreement, tmp_path: Path
) -> None:
    big = "123456789012345678901234567890.5"
    text = f"metric,period,value\noperating_costs,2024-01,{big}\noperating_costs,2024-02,{big}\n"
    with localcontext() as context:
        context.prec = 5
        actuals = read_text(agreement, tmp_path, text)
        assert value(actuals, "operating_costs", "2024") == D("246913578024691357802469135781")


def test_a_header_beside_a_file_with_figures_adds_nothing(
    agreement: Agreement, tmp_path: Path
) -> None:
    empty = write(tmp_path, "# nothing yet\nmetric,period,value\n", "empty.csv")
    full = write(tmp_path, "metric,period,value\noperating_costs,2024,5\n", "full.csv")
    actuals = read(agreement, empty, full)
    assert actuals.years() == [2024]
    assert actuals.metric_ids() == frozenset({"operating_costs"})
    assert actuals.files == ("empty.csv", "full.csv")


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("met", ItemStatus.MET),
        ("Met", ItemStatus.MET),
        ("partly met", ItemStatus.PARTLY_MET),
        ("partly_met", ItemStatus.PARTLY_MET),
        ("Partly  Met", ItemStatus.PARTLY_MET),
        ("not met", ItemStatus.NOT_MET),
        ("NOT_MET", ItemStatus.NOT_MET),
        ("toteutunut", ItemStatus.MET),
        ("Osittain toteutunut", ItemStatus.PARTLY_MET),
        ("ei toteutunut", ItemStatus.NOT_MET),
        ("EI TOTEUTUNUT", ItemStatus.NOT_MET),
    ],
)
def test_status_words_in_both_languages(
    agreement: Agreement, tmp_path: Path, word: str, status: ItemStatus
) -> None:
    text = f"metric,period,status,note,source\ncloud_strategy,2024,{word},done,board\n"
    record = read_text(agreement, tmp_path, text).status("cloud_strategy", P("2024"))
    assert record is not None
    assert record.status is status
    assert (record.note, record.source) == ("done", "board")
    assert record.location == Location("a.csv", 2)


def test_status_is_the_latest_recorded_within_the_period(
    agreement: Agreement, tmp_path: Path
) -> None:
    text = (
        "metric,period,value,status\n"
        "cloud_strategy,2024-03,,not met\n"
        "cloud_strategy,2024-H1,,partly met\n"
        "cloud_strategy,2024-12,,met\n"
        "cloud_strategy,2024,,partly met\n"
        "operating_costs,2024,5,\n"
    )
    actuals = read_text(agreement, tmp_path, text)

    def status(period: str) -> ItemStatus | None:
        record = actuals.status("cloud_strategy", P(period))
        return None if record is None else record.status

    assert status("2024-Q1") is ItemStatus.NOT_MET
    assert status("2024-H1") is ItemStatus.PARTLY_MET  # H1 ends after March
    assert status("2024") is ItemStatus.PARTLY_MET  # ends with December, and is longer
    assert status("2024-12") is ItemStatus.MET
    assert status("2024-Q3") is None
    assert actuals.status("security_audit", P("2024")) is None
    assert actuals.item_ids() == frozenset({"cloud_strategy"})


def test_the_same_status_twice_is_accepted_and_a_different_one_is_not(
    agreement: Agreement, tmp_path: Path
) -> None:
    same = "metric,period,status\ncloud_strategy,2024,met\ncloud_strategy,2024,Toteutunut\n"
    record = read_text(agreement, tmp_path, same).status("cloud_strategy", P("2024"))
    assert record is not None
    assert record.location.line == 2
    other = same.replace("Toteutunut", "ei toteutunut")
    assert problems_of(agreement, write(tmp_path, other)) == [
        "a.csv:3:3 [status]: error: 'cloud_strategy' has two different statuses for 2024: "
        "met (a.csv:2) and not_met (a.csv:3)"
    ]


# --- shares -----------------------------------------------------------------------------------


def test_shares_are_weighted_by_their_denominators(agreement: Agreement, tmp_path: Path) -> None:
    text = (
        "metric,period,numerator,denominator,value\n"
        "sla_share,2024-01,90,100,90\n"
        "sla_share,2024-02,1900,2000,\n"
        "sla_share,2024-03,1,3,33.3\n"
    )
    actuals = read_text(agreement, tmp_path, text)
    assert value(actuals, "sla_share", "2024-01") == D(90)
    assert value(actuals, "sla_share", "2024-Q1") == D(100) * D(1991) / D(2103)
    assert value(actuals, "sla_share", "2024-03") == D(100) / D(3)
    observed = actuals.value("sla_share", P("2024"))
    assert observed is not None
    assert (observed.count, observed.months) == (3, frozenset({1, 2, 3}))


def test_a_share_given_only_as_a_value_stands_alone(agreement: Agreement, tmp_path: Path) -> None:
    text = "metric,period,value\nsla_share,2024-H1,97.5\nsla_share,2024,98\n"
    actuals = read_text(agreement, tmp_path, text)
    assert value(actuals, "sla_share", "2024-H1") == D("97.5")
    assert value(actuals, "sla_share", "2024") == D(98)


def test_daily_shares_fold_their_numerators_and_denominators(
    agreement: Agreement, tmp_path: Path
) -> None:
    rows = [f"sla_share,2024-05-{d:02d},{d},{10 * d}" for d in range(1, 32)]
    text = "metric,period,numerator,denominator\n" + "\n".join(rows) + "\n"
    actuals = read_text(agreement, tmp_path, text)
    assert value(actuals, "sla_share", "2024-05") == D(10)


# --- aggregation over periods ------------------------------------------------------------------


AGGREGATION_CSV = """metric,period,value
operating_costs,2024-01,100
operating_costs,2024-02,200
operating_costs,2024-07,400
outages_per_month,2024-01,3
outages_per_month,2024-02,4
outages_per_month,2024-03,4
customer_satisfaction_users,2024,4.1
customer_satisfaction_users,2024-H1,3.9
personnel,2024-01-31,100
personnel,2024-02-29,104
personnel,2024-02-01,90
personnel,2024-Q3,110
"""


@pytest.mark.parametrize(
    ("metric", "period", "expected", "count", "months"),
    [
        ("operating_costs", "2024", D(700), 3, {1, 2, 7}),  # sum
        ("operating_costs", "2024-H1", D(300), 2, {1, 2}),
        ("operating_costs", "2024-02", D(200), 1, {2}),
        ("operating_costs", "2024-H2", D(400), 1, {7}),
        ("operating_costs", "2024-Q4", None, 0, set()),
        ("outages_per_month", "2024-Q1", D(11) / D(3), 3, {1, 2, 3}),  # mean
        ("outages_per_month", "2024", D(11) / D(3), 3, {1, 2, 3}),
        ("customer_satisfaction_users", "2024", D("4.1"), 1, set(range(1, 13))),  # exact wins
        ("customer_satisfaction_users", "2024-H1", D("3.9"), 1, set(range(1, 7))),
        ("customer_satisfaction_users", "2024-Q1", None, 0, set()),
        ("personnel", "2024-Q1", D(104), 3, {1, 2}),  # last, by date, whatever the row order
        ("personnel", "2024-01", D(100), 1, {1}),
        ("personnel", "2024", D(110), 4, {1, 2, 7, 8, 9}),
    ],
)
def test_values_combine_by_aggregation(
    agreement: Agreement,
    tmp_path: Path,
    metric: str,
    period: str,
    expected: Decimal | None,
    count: int,
    months: set[int],
) -> None:
    actuals = read_text(agreement, tmp_path, AGGREGATION_CSV)
    observed = actuals.value(metric, P(period))
    if expected is None:
        assert observed is None
        return
    assert observed is not None
    assert (observed.value, observed.count, observed.months) == (expected, count, frozenset(months))


def test_days_fold_into_months_and_report_their_first_row(
    agreement: Agreement, tmp_path: Path
) -> None:
    rows = [f"operating_costs,2024-03-{d:02d},{d}" for d in range(31, 0, -1)]
    text = "metric,period,value,note\n" + "\n".join(rows) + "\noperating_costs,2024-04-01,1,x\n"
    actuals = read_text(agreement, tmp_path, text)
    march = actuals.value("operating_costs", P("2024-03"))
    assert march == Observed(
        D(496),
        31,
        frozenset({3}),
        (),
        (),
        Location("a.csv", 2),
        Combination.SUM,
        covered=frozenset({3}),
        latest=D(496),
    )
    april = actuals.value("operating_costs", P("2024-04"))
    assert april is not None
    assert april.notes == ("x",)
    assert value(actuals, "operating_costs", "2024-Q2") == D(1)
    with pytest.raises(ValueError, match="figures are asked for months or longer periods"):
        actuals.value("operating_costs", P("2024-03-01"))


def test_years_and_evaluation_periods(agreement: Agreement, tmp_path: Path) -> None:
    text = (
        "metric,period,value,status\n"
        "operating_costs,2023-11,5,\n"
        "operating_costs,2024-01-15,5,\n"
        "operating_costs,2024-06,5,\n"
        "service_catalogue,2025-Q1,,met\n"
    )
    actuals = read_text(agreement, tmp_path, text)
    assert actuals.years() == [2023, 2024, 2025]
    assert actuals.evaluation_periods() == [P("2023"), P("2024-H1"), P("2025-Q1")]
    assert actuals.metric_ids() == frozenset({"operating_costs"})
    assert actuals.item_ids() == frozenset({"service_catalogue"})
    assert actuals.files == ("a.csv",)


def test_notes_and_sources_are_distinct_and_few(agreement: Agreement, tmp_path: Path) -> None:
    rows = [f"operating_costs,2024-01-{d:02d},1,note {d % 7},src" for d in range(1, 21)]
    text = "metric,period,value,note,source\n" + "\n".join(rows) + "\n"
    observed = read_text(agreement, tmp_path, text).value("operating_costs", P("2024"))
    assert observed is not None
    assert observed.notes == ("note 1", "note 2", "note 3", "note 4", "note 5")
    assert observed.sources == ("src",)


# --- several files, repeats ------------------------------------------------------------------


def test_several_files_combine(agreement: Agreement, tmp_path: Path) -> None:
    a = write(tmp_path, "metric,period,value\noperating_costs,2024-01,5\n", "a.csv")
    b = write(tmp_path, "metric;period;value\noperating_costs;2024-02;6,5\n", "b.csv")
    actuals = read(agreement, a, b)
    assert actuals.files == ("a.csv", "b.csv")
    observed = actuals.value("operating_costs", P("2024"))
    assert observed is not None
    assert (observed.value, observed.first_location) == (D("11.5"), Location("a.csv", 2))


def test_display_names_default_to_the_paths_and_must_match_them(
    agreement: Agreement, tmp_path: Path
) -> None:
    path = write(tmp_path, "metric,period,value\noperating_costs,2024,5\n")
    assert read_actuals([path], agreement).files == (str(path),)
    with pytest.raises(ValueError, match="give one display name per path"):
        read_actuals([path], agreement, display_names=["a", "b"])


@pytest.mark.parametrize("period", ["2024-03", "2024-03-05"])
def test_an_identical_repeat_counts_once(agreement: Agreement, tmp_path: Path, period: str) -> None:
    text = f"metric,period,value\noperating_costs,{period},5\noperating_costs,{period},5.0\n"
    a = write(tmp_path, text, "a.csv")
    b = write(tmp_path, text, "b.csv")
    observed = read(agreement, a, b).value("operating_costs", P("2024"))
    assert observed is not None
    assert (observed.value, observed.count) == (D(5), 1)


@pytest.mark.parametrize("period", ["2024-03", "2024-03-05"])
def test_a_different_repeat_across_files_names_both_rows(
    agreement: Agreement, tmp_path: Path, period: str
) -> None:
    a = write(tmp_path, f"metric,period,value\noperating_costs,{period},5\n", "a.csv")
    b = write(
        tmp_path,
        f"metric;period;value\n# second export\noperating_costs;{period};5,5\n",
        "b.csv",
    )
    assert problems_of(agreement, a, b) == [
        f"b.csv:3:3 [value]: error: 'operating_costs' has two different values for {period}: "
        "5 (a.csv:2) and 5,5 (b.csv:3)"
    ]


def test_repeats_after_many_plain_rows_are_found_in_the_second_pass(
    agreement: Agreement, tmp_path: Path
) -> None:
    rows = [
        f"{m},2024-{mo:02d}-{d:02d},{d}"
        for mo in (1, 2)
        for d in range(1, 29)
        for m in ("operating_costs", "outages_per_month", "personnel")
    ]
    text = "metric,period,value\n" + "\n".join(rows) + "\n"
    repeated = text + "personnel,2024-02-03,3\noperating_costs,2024-01-07,8\n"
    assert problems_of(agreement, write(tmp_path, repeated)) == [
        "a.csv:171:3 [value]: error: 'operating_costs' has two different values for 2024-01-07: "
        "7 (a.csv:20) and 8 (a.csv:171)"
    ]


def test_overlaps_across_files_and_beside_a_whole_year(
    agreement: Agreement, tmp_path: Path
) -> None:
    a = write(
        tmp_path,
        "metric,period,value\noperating_costs,2024,9\noperating_costs,2024-05-01,1\n",
        "a.csv",
    )
    b = write(tmp_path, "metric,period,value\noperating_costs,2024-Q2,5\n", "b.csv")
    assert problems_of(agreement, a, b) == [
        "b.csv:2:2 [period]: error: 'operating_costs' has figures for 2024-05-01 (a.csv:3) and "
        "2024-Q2 (b.csv:2), which overlap: give a metric's part-year figures at one granularity "
        "(a whole-year figure may stand beside them)"
    ]
    actuals = read(agreement, a)
    assert value(actuals, "operating_costs", "2024") == D(9)
    assert value(actuals, "operating_costs", "2024-H1") == D(1)


# --- problems -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.stem for p in HOSTILE.glob("*.csv")), ids=str)
def test_hostile_files_fail_with_their_message(agreement: Agreement, name: str) -> None:
    expected = (HOSTILE / f"{name}.expected").read_text(encoding="utf-8").rstrip("\n")
    assert problems_of(agreement, HOSTILE / f"{name}.csv")[0] == expected


def test_every_hostile_file_has_its_expected_message() -> None:
    csvs = {p.stem for p in HOSTILE.glob("*.csv")}
    assert csvs == {p.stem for p in HOSTILE.glob("*.expected")}
    assert len(csvs) >= 30


def test_all_problems_of_a_row_and_of_a_file_come_in_one_run(
    agreement: Agreement, tmp_path: Path
) -> None:
    text = (
        "metric,period,value\n"
        "operating_cost,2024-13,abc\n"
        "customer_satisfaction_users,2024,0\n"
        "customer_satisfaction_users,2024-H1,5\n"
    )
    assert problems_of(agreement, write(tmp_path, text)) == [
        "a.csv:2:1 [metric]: error: unknown metric or item 'operating_cost' "
        "(did you mean 'operating_costs'?): use the ids of the agreement",
        "a.csv:2:2 [period]: error: '2024-13' is not a period (a month is 01–12): "
        "write 2024, 2024-H1, 2024-Q1, 2024-03 or 2024-03-15",
        "a.csv:2:3 [value]: error: 'abc' is not a number: write e.g. 12, -3.5, 3,5, 465 668 "
        "or 97,5 %",
        "a.csv:3:3 [value]: error: 0 is outside the scale 1–5 of 'customer_satisfaction_users'",
    ]


# --- the fold against a plain reference ----------------------------------------------------


@dataclass(frozen=True)
class RefRow:
    metric: str
    period: Period
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


def reference_rows(text: str, delimiter: str) -> list[RefRow]:
    """The straightforward reading: the csv module, lists, Decimal."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for raw in reader:

        def number(name: str, raw: dict[str, str] = raw) -> Decimal | None:
            cell = (raw.get(name) or "").strip()
            if not cell:
                return None
            cell = cell.replace("\u00a0", "").replace(" ", "").replace(",", ".")
            return Decimal(cell.rstrip("%"))

        rows.append(
            RefRow(
                raw["metric"].strip(),
                P(raw["period"].strip()),
                number("value"),
                number("numerator"),
                number("denominator"),
            )
        )
    return rows


def reference_value(
    rows: list[RefRow], agreement: Agreement, metric: str, period: Period
) -> tuple[Decimal, int] | None:
    """An exact period wins; otherwise the rows inside it combine by the metric's aggregation."""
    aggregation = agreement.metric_index[metric][1].effective_aggregation
    unique: dict[Period, RefRow] = {}
    for row in rows:
        if row.metric == metric:
            unique.setdefault(row.period, row)  # repeats are equal in generated files
    if period in unique:
        inside = [unique[period]]
    else:
        inside = [r for p, r in unique.items() if period.contains(p)]
    if not inside:
        return None
    if aggregation in (Aggregation.WEIGHTED, Aggregation.RATIO):
        numerator = sum((r.numerator for r in inside if r.numerator is not None), Decimal(0))
        denominator = sum((r.denominator for r in inside if r.denominator is not None), Decimal(0))
        hundred = 100 if aggregation is Aggregation.WEIGHTED else 1
        return hundred * numerator / denominator, len(inside)
    values = [r.value for r in inside if r.value is not None]
    if aggregation is Aggregation.SUM:
        return sum(values, Decimal(0)), len(inside)
    if aggregation is Aggregation.MEAN:
        total = sum(values, Decimal(0))
        return (total / len(values) if len(values) > 1 else total), len(inside)
    latest = max(inside, key=lambda r: r.period.end)
    assert latest.value is not None
    return latest.value, len(inside)


QUERIES = [
    P(p)
    for p in [
        "2024",
        "2024-H1",
        "2024-H2",
        *(f"2024-Q{q}" for q in range(1, 5)),
        *(f"2024-{m:02d}" for m in range(1, 13)),
    ]
]
PLAIN_METRICS = ["operating_costs", "outages_per_month", "personnel", "net_costs"]
SIGNED = {"net_costs"}  # the only metric of the test agreement that may be negative
PARTS = {"sla_share", "sick_days"}
SCALED = {"customer_satisfaction_users", "user_survey"}


def _format(number: Decimal, style: int) -> str:
    """Plain (3.5), decimal comma (3,5) or grouped with no-break spaces (12 345,5)."""
    text = f"{number:f}"
    if style == 1:
        return text.replace(".", ",")
    if style == 2:
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, dot, fraction = digits.partition(".")
        grouped = f"{int(whole):,}".replace(",", "\u00a0")
        return f"{sign}{grouped}{',' if dot else ''}{fraction}"
    return text


@st.composite
def actuals_files(draw: st.DrawFn) -> tuple[str, str]:
    """A valid file: per metric one granularity, some exact repeats, any order and quoting."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    quote_all = draw(st.booleans())  # quotes everywhere: every row takes the long path
    numbers = st.decimals(
        min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False
    )
    signed = st.decimals(
        min_value=-100_000, max_value=100_000, places=2, allow_nan=False, allow_infinity=False
    )
    records: list[list[str]] = []
    for metric in [*PLAIN_METRICS, *sorted(SCALED), *sorted(PARTS)]:
        yearly = metric == "user_survey"  # measured once a year
        granularity = draw(
            st.sampled_from(["year", "none"] if yearly else ["day", "month", "quarter", "none"])
        )
        if granularity == "none":
            continue
        if granularity == "year":
            periods = ["2024"]
        elif granularity == "day":
            month = draw(st.integers(1, 12))
            days = draw(st.sets(st.integers(1, 28), min_size=1, max_size=8))
            periods = [f"2024-{month:02d}-{d:02d}" for d in days]
        elif granularity == "month":
            months = draw(st.sets(st.integers(1, 12), min_size=1, max_size=6))
            periods = [f"2024-{m:02d}" for m in months]
        else:
            quarters = draw(st.sets(st.integers(1, 4), min_size=1, max_size=4))
            periods = [f"2024-Q{q}" for q in quarters]
        for period in periods:
            style = draw(st.integers(0, 2))
            if metric in PARTS:
                denominator = draw(st.integers(1, 1000))
                numerator = draw(st.integers(0, denominator if metric == "sla_share" else 1000))
                row = [metric, period, "", str(numerator), str(denominator)]
            elif metric in SCALED:
                number = draw(st.decimals(min_value=1, max_value=5, places=1))
                row = [metric, period, _format(number, style), "", ""]
            else:
                drawn = draw(signed if metric in SIGNED else numbers)
                row = [metric, period, _format(drawn, style), "", ""]
            records.append(row)
            if draw(st.integers(0, 9)) == 0:
                records.append(list(row))  # an export that repeated a line
    order = draw(st.permutations(range(len(records))))
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\n",
    )
    writer.writerow(["metric", "period", "value", "numerator", "denominator"])
    writer.writerows(records[i] for i in order)
    return out.getvalue(), delimiter


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(generated=actuals_files())
def test_the_streaming_fold_equals_the_reference(
    agreement: Agreement, tmp_path: Path, generated: tuple[str, str]
) -> None:
    text, delimiter = generated
    actuals = read_text(agreement, tmp_path, text)
    rows = reference_rows(text, delimiter)
    for metric in METRIC_IDS:
        for period in QUERIES:
            observed = actuals.value(metric, period)
            expected = reference_value(rows, agreement, metric, period)
            got = None if observed is None else (observed.value, observed.count)
            assert got == expected, (metric, str(period))


TOKENS = [
    "metric", "period", "value", "status", "numerator", "denominator", "note", ",", ";", "\t",
    '"', "\n", "\r\n", "\r", "#", " ", "2024", "-", "H1", "Q3", "03", "15", "operating_costs",
    "sla_share", "personnel", "cloud_strategy", "met", "5", ",5", ".5", "%", "\u00a0", "ä", "\x00",
    "\ufeff", "e", "nan",
]  # fmt: skip


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.booleans(),
    tokens=st.lists(st.sampled_from(TOKENS), max_size=40),
    cut_byte=st.booleans(),
)
def test_any_input_gives_data_or_problems_never_a_traceback(
    agreement: Agreement, tmp_path: Path, header: bool, tokens: list[str], cut_byte: bool
) -> None:
    text = ("metric,period,value,status,numerator,denominator,note\n" if header else "") + "".join(
        tokens
    )
    data = text.encode("utf-8")
    path = tmp_path / "a.csv"
    path.write_bytes(data.replace(b"\xc3", b"") if cut_byte else data)
    try:
        actuals = read(agreement, path)
    except InputError as error:
        problems = error.problems
        assert problems, "an InputError always carries its problems"
        return
    for year in actuals.years():
        for metric in METRIC_IDS:
            actuals.value(metric, Period.of_year(year))
    actuals.evaluation_periods()


# --- streaming: memory stays flat --------------------------------------------------------------


def test_memory_stays_flat_as_rows_grow(tmp_path: Path) -> None:
    """Twice the rows in the same months: the result stays the same size and the working memory
    grows only by the few hundred new day texts it caches, not by anything per row."""
    bulk = build_agreement(extra_flows=200)
    bulk.metric_index  # noqa: B018 - built once, outside the measurement
    working, kept = [], []
    for days_a_month in (10, 20):
        path = tmp_path / f"daily{days_a_month}.csv"
        with path.open("w", encoding="utf-8") as out:
            out.write("metric,period,value\n")
            for month in range(1, 13):
                for day in range(1, days_a_month + 1):
                    period = f"2024-{month:02d}-{day:02d}"
                    out.writelines(f"flow_{m:04d},{period},{m}\n" for m in range(200))
        tracemalloc.start()
        actuals = read(bulk, path)
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        working.append(peak - current)
        kept.append(current)
        assert value(actuals, "flow_0007", "2024") == D(7 * 12 * days_a_month)
    assert kept[1] < kept[0] * 1.1
    assert working[1] - working[0] < 512 << 10  # 24 000 more rows kept would take MiBs


@pytest.mark.parametrize(
    "row",
    ["operating_costs,2024,", "operating_costs,2024", "operating_costs,2024,,,"],
    ids=["empty value", "short row", "empty trailing cells"],
)
def test_a_row_without_value_or_status_is_not_reported_yet(
    agreement: Agreement, tmp_path: Path, row: str
) -> None:
    """An unfilled line of a form is no data for that target, listed so the user sees it."""
    text = f"metric,period,value,status\n{row}\noutages_per_month,2024,3\n"
    actuals = read_text(agreement, tmp_path, text)
    assert actuals.value("operating_costs", Period.parse("2024")) is None
    assert [(u.file.endswith("a.csv"), u.line) for u in actuals.unreported] == [(True, 2)]


def test_an_empty_row_is_listed_once_when_its_day_repeats(
    agreement: Agreement, tmp_path: Path
) -> None:
    """The second pass, which compares a repeated day with its first row, records nothing."""
    rows = (
        "operating_costs,2024-03-05,5\noperating_costs,2024-03-05,\noperating_costs,2024-03-05,5\n"
    )
    actuals = read_text(agreement, tmp_path, "metric,period,value\n" + rows)
    assert actuals.unreported == (Location("a.csv", 3),)
    assert value(actuals, "operating_costs", "2024-03") == D(5)


def test_an_empty_row_with_a_bad_period_is_still_an_error(
    agreement: Agreement, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("metric,period,value\noperating_costs,2024-13,\n", encoding="utf-8")
    assert [p.split(": error: ")[0] for p in problems_of(agreement, path)] == [
        "a.csv:2:2 [period]",
        "a.csv:2:3 [value]",
    ]
