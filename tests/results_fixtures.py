"""Hand-built results for the renderer tests: a small agreement and one check of it, built as
values so that a renderer's exact output depends on nothing but the renderer.

The results cover every outcome, a pro-rata flow target, a break-even miss with a negative
actual, a second target from the budget proposal, a printed `tbd` and qualitative items, each
with the bound judged, the coverage of the half-year and a year-end forecast as evaluation gives
them; the hostile report carries text that tries to steer a terminal, a spreadsheet or a
Markdown page.

The meeting's report (`meeting_report()`, against `meeting_agreement()`) adds what a verdict
rests on at a half year: coverage of the period, year-end projections, a range and a strict
target as printed, an incomplete outcome, a note on a miss and misses without one, a preliminary
budget-proposal target and gaps between percentages.
"""

from __future__ import annotations

import copy
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from tulosmittari.problems import Location, Message, Problem, Severity
from tulosmittari.results import (
    Bound,
    CheckReport,
    Combination,
    Coverage,
    Forecast,
    ForecastMethod,
    ForecastStatus,
    ItemStatus,
    Outcome,
    ReasonCode,
    ResultKind,
    TargetResult,
)
from tulosmittari.schema import Agreement, Direction, MissingReason, ValueRole

D = Decimal
AGREEMENT_FILE = "agreements/esimerkki.yaml"
ACTUALS_FILE = "actuals/2024-h1.csv"
HALF_YEAR = Coverage(months=6, covered=6)

HOSTILE_NAME = "[bold red]x[/] \x1b]8;;http://evil\x1b\\klik\x1b]8;;\x1b\\ a|b\rZ"
FORMULA_NOTE = "=cmd|' /C calc'!A0"


def _metric(
    ident: str,
    name: str,
    name_en: str,
    unit: str,
    unit_en: str,
    direction: str,
    period_kind: str,
    values: dict[int, Any],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": ident,
        "name": name,
        "name_en": name_en,
        "unit": unit,
        "unit_en": unit_en,
        "direction": direction,
        "period_kind": period_kind,
        "values": values,
        **extra,
    }


AGREEMENT_DATA: dict[str, Any] = {
    "schema_version": 1,
    "meta": {
        "id": "esimerkki_2024",
        "title": "Tulossopimus 2024–2025",
        "title_en": "Performance agreement 2024–2025",
        "date": "2023-12-13",
        "diary_numbers": ["VN/1/2023", "VM/2/2023"],
        "parties": [
            {"id": "vm", "name": "Valtiovarainministeriö", "role": "ministry"},
            {"id": "virasto", "name": "Esimerkkivirasto", "role": "agency"},
        ],
        "years": {"first": 2024, "last": 2025},
        "validity": {
            "binding_years": [2024],
            "preliminary_years": [2025],
            "valid_until": "2024-12-31",
            "text": "Sopimus on voimassa vuoden 2024 loppuun.",
        },
        "reporting": {
            "reports": [
                {
                    "id": "valiraportti",
                    "name": "Väliraportti",
                    "covers": "H1",
                    "due_month": 8,
                    "due_year_offset": 0,
                }
            ]
        },
    },
    "strategy": {
        "text": "Virasto tuottaa palveluja.",
        "ministry_goals": ["Tehokas hallinto"],
        "agency_strategic_goals": ["Luotettavat palvelut"],
    },
    "impact_goals": [
        {"id": "g1", "number": 1, "title": "Luotettavat palvelut", "text": "Palvelut toimivat."},
        {"id": "g2", "number": 2, "title": "Tehokas toiminta", "text": "Kulut pysyvät kurissa."},
        {"id": "g3", "number": 3, "title": "Osaava henkilöstö", "text": "Henkilöstö voi hyvin."},
    ],
    "tables": [
        {
            "id": "laatu",
            "number": 2,
            "title": "Palvelujen laatu ja talous",
            "section": "3.2.2",
            "columns": [
                {"year": 2022, "kind": "toteuma", "label": "Toteuma 2022"},
                {"year": 2023, "kind": "arvio", "label": "Arvio 2023"},
                {"year": 2024, "kind": "tavoite", "label": "Tavoite 2024"},
                {"year": 2025, "kind": "alustava_tavoite", "label": "Alustava tavoite 2025"},
            ],
            "metrics": [
                _metric(
                    "hairiot",
                    "Laajavaikutteisten häiriöiden määrä",
                    "Wide-impact outages",
                    "kpl/kk",
                    "per month",
                    "lower_is_better",
                    "level",
                    {2022: D("4.1"), 2023: D("3.5"), 2024: D("3.3"), 2025: D("3.0")},
                    impact_goal="g1",
                ),
                _metric(
                    "tyytyvaisyys",
                    "Asiakastyytyväisyys",
                    "Customer satisfaction",
                    "asteikko 1–5",
                    "scale 1–5",
                    "higher_is_better",
                    "level",
                    {2022: D("3.7"), 2023: D("3.8"), 2024: D("3.9"), 2025: D("4.0")},
                    impact_goal="g1",
                    yearly_only=True,
                ),
                _metric(
                    "kustannukset",
                    "Kokonaiskustannukset",
                    "Total costs",
                    "1000 euroa",
                    "EUR 1,000",
                    "lower_is_better",
                    "flow",
                    {2022: 452000, 2023: 460100, 2024: 465668, 2025: 470000},
                    impact_goal="g2",
                    tolerance={"relative": D("0.01")},
                ),
                _metric(
                    "kustannusvastaavuus",
                    "Kustannusvastaavuus",
                    "Cost recovery",
                    "euroa",
                    "EUR",
                    "break_even",
                    "flow",
                    {2022: -1234567, 2023: 0, 2024: 0, 2025: 0},
                    impact_goal="g2",
                    tolerance={"absolute": 50000},
                ),
                _metric(
                    "tuottavuus",
                    "Tuottavuusindeksi",
                    "Productivity index",
                    "indeksi",
                    "index",
                    "higher_is_better",
                    "level",
                    {2022: 100, 2023: D("101.2"), 2024: 102, 2025: {"missing": "tbd"}},
                    impact_goal="g2",
                    extra_targets=[
                        {
                            "year": 2024,
                            "value": D("102.5"),
                            "source": "talousarvioesitys",
                            "label": "TAE 102,5",
                        }
                    ],
                ),
                _metric(
                    "htv",
                    "Henkilötyövuodet",
                    "Person-years",
                    "htv",
                    "person-years",
                    "not_a_target",
                    "flow",
                    {2022: 1345, 2023: 1400, 2024: 1420},
                ),
                _metric(
                    "automaatio",
                    "Automaattilaskujen osuus",
                    "Share of automatic invoices",
                    "%",
                    "%",
                    "higher_is_better",
                    "level",
                    {2023: {"missing": "new_metric"}, 2024: {"missing": "tbd"}},
                    impact_goal="g1",
                ),
            ],
        },
        {
            "id": "hankkeet",
            "number": 3,
            "title": "Hankkeet",
            "section": "3.2.3",
            "groups": [
                {
                    "id": "uudistus",
                    "number": 1,
                    "title": "Palvelu-uudistus",
                    "impact_goal": "g1",
                    "years": {
                        2024: [
                            {"id": "suunnitelma", "text": "Uudistuksen suunnitelma on hyväksytty."},
                            {"id": "pilotti", "text": "Pilotti on käynnissä."},
                        ]
                    },
                }
            ],
        },
    ],
}


def agreement() -> Agreement:
    return Agreement.model_validate(AGREEMENT_DATA)


def _metric_result(
    ident: str,
    name: str,
    name_en: str,
    unit: str,
    unit_en: str,
    direction: Direction,
    impact_goal: str | None,
    line: int,
    **fields: Any,
) -> TargetResult:
    base = TargetResult(
        kind=ResultKind.METRIC,
        id=ident,
        name=name,
        name_en=name_en,
        table_id="laatu",
        table_number=2,
        table_title="Palvelujen laatu ja talous",
        section="3.2.2",
        impact_goal=impact_goal,
        group_id=None,
        unit=unit,
        unit_en=unit_en,
        direction=direction,
        period="2024-H1",
        year=2024,
        target_role=ValueRole.TARGET,
        target_source=None,
        annual_target=None,
        target=None,
        actual=None,
        difference=None,
        allowance=None,
        outcome=Outcome.NO_TARGET,
        reason=ReasonCode.NO_TARGET_VALUE,
        location=Location(AGREEMENT_FILE, line, 11),
    )
    return replace(base, **fields)


def _item_result(ident: str, text: str, line: int, **fields: Any) -> TargetResult:
    base = TargetResult(
        kind=ResultKind.ITEM,
        id=ident,
        name=text,
        name_en=None,
        table_id="hankkeet",
        table_number=3,
        table_title="Hankkeet",
        section="3.2.3",
        impact_goal="g1",
        group_id="uudistus",
        unit=None,
        unit_en=None,
        direction=None,
        period="2024-H1",
        year=2024,
        target_role=ValueRole.TARGET,
        target_source=None,
        annual_target=None,
        target=None,
        actual=None,
        difference=None,
        allowance=None,
        outcome=Outcome.NO_DATA,
        reason=ReasonCode.NO_STATUS,
        location=Location(AGREEMENT_FILE, line, 15),
    )
    return replace(base, **fields)


OUTAGES = _metric_result(
    "hairiot",
    "Laajavaikutteisten häiriöiden määrä",
    "Wide-impact outages",
    "kpl/kk",
    "per month",
    Direction.LOWER_IS_BETTER,
    "g1",
    40,
    annual_target=D("3.3"),
    target=D("3.3"),
    actual=D("3.6"),
    difference=D("0.3"),
    allowance=D("0"),
    outcome=Outcome.FAIL,
    reason=ReasonCode.MISSED,
    sources=(ACTUALS_FILE,),
    bound=Bound.AT_MOST,
    combination=Combination.MEAN,
    observations=6,
    coverage=HALF_YEAR,
    forecast=Forecast(D("4"), D("3.3"), ForecastStatus.AT_RISK, ForecastMethod.LATEST),
)
SATISFACTION = _metric_result(
    "tyytyvaisyys",
    "Asiakastyytyväisyys",
    "Customer satisfaction",
    "asteikko 1–5",
    "scale 1–5",
    Direction.HIGHER_IS_BETTER,
    "g1",
    52,
    annual_target=D("3.9"),
    target=D("3.9"),
    outcome=Outcome.NO_DATA,
    reason=ReasonCode.MEASURED_YEARLY,
    bound=Bound.AT_LEAST,
)
COSTS = _metric_result(
    "kustannukset",
    "Kokonaiskustannukset",
    "Total costs",
    "1000 euroa",
    "EUR 1,000",
    Direction.LOWER_IS_BETTER,
    "g2",
    64,
    annual_target=D("465668"),
    target=D("232834"),
    actual=D("234000"),
    difference=D("1166"),
    allowance=D("2328.34"),
    outcome=Outcome.WARN,
    reason=ReasonCode.MISSED_WITHIN_TOLERANCE,
    sources=(ACTUALS_FILE,),
    bound=Bound.AT_MOST,
    combination=Combination.GIVEN,
    observations=1,
    coverage=HALF_YEAR,
    forecast=Forecast(D("468000"), D("465668"), ForecastStatus.AT_RISK, ForecastMethod.PRO_RATA),
)
COST_RECOVERY = _metric_result(
    "kustannusvastaavuus",
    "Kustannusvastaavuus",
    "Cost recovery",
    "euroa",
    "EUR",
    Direction.BREAK_EVEN,
    "g2",
    77,
    annual_target=D("0"),
    target=D("0"),
    actual=D("-120000.5"),
    difference=D("-120000.5"),
    allowance=D("50000"),
    outcome=Outcome.FAIL,
    reason=ReasonCode.BREAK_EVEN_MISSED,
    derived=True,
    bound=Bound.EQUAL,
    combination=Combination.DERIVED,
    observations=2,
    coverage=HALF_YEAR,
    forecast=Forecast(D("-240001"), D("0"), ForecastStatus.AT_RISK, ForecastMethod.PRO_RATA),
)
PRODUCTIVITY = _metric_result(
    "tuottavuus",
    "Tuottavuusindeksi",
    "Productivity index",
    "indeksi",
    "index",
    Direction.HIGHER_IS_BETTER,
    "g2",
    90,
    annual_target=D("102"),
    target=D("102"),
    actual=D("102.6"),
    difference=D("0.6"),
    allowance=D("0"),
    outcome=Outcome.PASS,
    reason=ReasonCode.MET,
    bound=Bound.AT_LEAST,
    combination=Combination.GIVEN,
    observations=1,
    coverage=HALF_YEAR,
    forecast=Forecast(D("102.6"), D("102"), ForecastStatus.ON_TRACK, ForecastMethod.LATEST),
)
PRODUCTIVITY_TAE = replace(
    PRODUCTIVITY,
    target_role=ValueRole.PRELIMINARY_TARGET,
    target_source="talousarvioesitys",
    annual_target=D("102.5"),
    target=D("102.5"),
    difference=D("0.1"),
    forecast=Forecast(D("102.6"), D("102.5"), ForecastStatus.ON_TRACK, ForecastMethod.LATEST),
)
PERSON_YEARS = _metric_result(
    "htv",
    "Henkilötyövuodet",
    "Person-years",
    "htv",
    "person-years",
    Direction.NOT_A_TARGET,
    None,
    104,
    annual_target=D("1420"),
    actual=D("1398"),
    reason=ReasonCode.NOT_A_TARGET,
    combination=Combination.GIVEN,
    observations=1,
    coverage=HALF_YEAR,
)
AUTOMATION = _metric_result(
    "automaatio",
    "Automaattilaskujen osuus",
    "Share of automatic invoices",
    "%",
    "%",
    Direction.HIGHER_IS_BETTER,
    "g1",
    115,
    missing=MissingReason.TBD,
)
PLAN = _item_result(
    "suunnitelma",
    "Uudistuksen suunnitelma on hyväksytty.",
    130,
    outcome=Outcome.WARN,
    reason=ReasonCode.STATUS_PARTLY_MET,
    status=ItemStatus.PARTLY_MET,
    notes=("Hyväksyntä siirtyi syyskuulle.",),
    sources=("johtoryhmän pöytäkirja 6/2024",),
)
PILOT = _item_result("pilotti", "Pilotti on käynnissä.", 132)

RESULTS = (
    OUTAGES,
    SATISFACTION,
    COSTS,
    COST_RECOVERY,
    PRODUCTIVITY,
    PRODUCTIVITY_TAE,
    PERSON_YEARS,
    AUTOMATION,
    PLAN,
    PILOT,
)


def report() -> CheckReport:
    """The check of the sample agreement for 2024-H1: 2 pass, 2 warn, 2 fail, 2 no data, 2 none."""
    return CheckReport(
        agreement_id="esimerkki_2024",
        agreement_title="Tulossopimus 2024–2025",
        agreement_file=AGREEMENT_FILE,
        actuals_files=(ACTUALS_FILE,),
        periods=("2024-H1",),
        results=RESULTS,
    )


def hostile_report() -> CheckReport:
    """One failed target whose every text field tries to escape its renderer."""
    result = replace(
        OUTAGES,
        name=HOSTILE_NAME,
        name_en=HOSTILE_NAME,
        table_title="<script>alert(1)</script> *x* `y`",
        unit="%\x1b[2J",
        unit_en="%\x1b[2J",
        notes=(FORMULA_NOTE,),
        sources=("+SUM(A1:A9)", "-2+3", "@evil", "\tlead", "\rlead"),
        location=Location("agreements/a,b:c%.yaml", 7, 3),
    )
    return CheckReport(
        agreement_id="esimerkki_2024",
        agreement_title="Sopimus \x1b[31mpunainen",
        agreement_file="agreements/a,b:c%.yaml",
        actuals_files=("actuals/x.csv",),
        periods=("2024-H1",),
        results=(result,),
    )


# --- The meeting's report: what a verdict rests on at a half year -----------------------------

MEETING_TABLE: dict[str, Any] = {
    "id": "talous",
    "number": 4,
    "title": "Talous ja henkilöstö",
    "title_en": "Finances and staff",
    "section": "4",
    "columns": [
        {"year": 2024, "kind": "tavoite", "label": "Tavoite 2024"},
        {"year": 2025, "kind": "alustava_tavoite", "label": "Alustava tavoite 2025"},
    ],
    "metrics": [
        _metric(
            "kehitys_kulut",
            "Kehitykseen käytetty osuus kokonaiskustannuksista, %",
            "Share of total costs spent on development, %",
            "%",
            "%",
            "higher_is_better",
            "level",
            {2024: D("3.5"), 2025: D("3.7")},
            impact_goal="g3",
            extra_targets=[
                {"year": 2024, "value": D("4.5"), "source": "talousarvioesitys", "label": "4,5"}
            ],
        ),
        _metric(
            "kehitys_htv",
            "Kehitykseen käytetty osuus kokonaishenkilötyövuosimäärästä, %",
            "Share of total person-years spent on development, %",
            "%",
            "%",
            "higher_is_better",
            "level",
            {2024: D("4.3"), 2025: D("4.5")},
            impact_goal="g3",
        ),
        _metric(
            "henkilostokulut",
            "Henkilöstökulut",
            "Personnel costs",
            "1000 euroa",
            "EUR 1,000",
            "lower_is_better",
            "flow",
            {2024: 111664, 2025: 113000},
            symbol="t€",
        ),
        _metric(
            "vuokrat",
            "Toimitilavuokrat",
            "Premises rents",
            "1000 euroa",
            "EUR 1,000",
            "lower_is_better",
            "flow",
            {2024: 8502, 2025: 8600},
            symbol="t€",
        ),
        _metric(
            "tuotot",
            "Maksullisen toiminnan tuotot",
            "Income from chargeable activities",
            "1000 euroa",
            "EUR 1,000",
            "higher_is_better",
            "flow",
            {2024: 21114, 2025: 21500},
            symbol="t€",
        ),
        _metric(
            "sairauspoissaolot",
            "Sairauspoissaolot, työpäivää/htv",
            "Sick leave, working days per person-year",
            "pv/htv",
            "days per person-year",
            "lower_is_better",
            "level",
            {2024: {"comparison": "<", "value": 10, "printed": "< 10"}},
            impact_goal="g3",
        ),
        _metric(
            "projektit",
            "Asiakkaan tyytyväisyys asiakasprojekteihin",
            "Customer satisfaction with customer projects",
            "asteikko 1–5",
            "scale 1–5",
            "higher_is_better",
            "level",
            {2024: {"low": D("3.6"), "high": D("3.8"), "printed": "3,6–3,8"}},
            impact_goal="g1",
            scale={"min": 1, "max": 5},
            symbol="",
        ),
    ],
}


def meeting_agreement() -> Agreement:
    """The sample agreement with a table of what a half-year meeting asks about."""
    data = copy.deepcopy(AGREEMENT_DATA)
    data["tables"].append(MEETING_TABLE)
    data["tables"][1]["groups"][0]["years"][2024].append(
        {"id": "tiekartta", "text": "Tiekartta on hyväksytty johtoryhmässä."}
    )
    return Agreement.model_validate(data)


def _meeting_result(ident: str, name: str, name_en: str, line: int, **fields: Any) -> TargetResult:
    return _metric_result(
        ident,
        name,
        name_en,
        fields.pop("unit", "%"),
        fields.pop("unit_en", "%"),
        fields.pop("direction", Direction.HIGHER_IS_BETTER),
        fields.pop("impact_goal", "g3"),
        line,
        table_id="talous",
        table_number=4,
        table_title="Talous ja henkilöstö",
        table_title_en="Finances and staff",
        section="4",
        **{
            "sources": (ACTUALS_FILE,),
            "combination": Combination.GIVEN,
            "observations": 1,
            "coverage": Coverage(6, 6),
            **fields,
        },
    )


DEVELOPMENT = _meeting_result(
    "kehitys_kulut",
    "Kehitykseen käytetty osuus kokonaiskustannuksista, %",
    "Share of total costs spent on development, %",
    150,
    annual_target=D("3.5"),
    target=D("3.5"),
    actual=D("3.2"),
    difference=D("-0.3"),
    allowance=D("0"),
    outcome=Outcome.FAIL,
    reason=ReasonCode.MISSED,
    bound=Bound.AT_LEAST,
    forecast=Forecast(D("3.2"), D("3.5"), ForecastStatus.AT_RISK, ForecastMethod.LATEST),
)
DEVELOPMENT_TAE = replace(
    DEVELOPMENT,
    target_role=ValueRole.PRELIMINARY_TARGET,
    target_source="talousarvioesitys",
    target_source_en="budget proposal",
    annual_target=D("4.5"),
    target=D("4.5"),
    difference=D("-1.3"),
    forecast=None,
)
DEVELOPMENT_HTV = _meeting_result(
    "kehitys_htv",
    "Kehitykseen käytetty osuus kokonaishenkilötyövuosimäärästä, %",
    "Share of total person-years spent on development, %",
    160,
    annual_target=D("4.3"),
    target=D("4.3"),
    actual=D("4.4"),
    difference=D("0.1"),
    allowance=D("0"),
    outcome=Outcome.PASS,
    reason=ReasonCode.MET,
    bound=Bound.AT_LEAST,
    combination=Combination.UNWEIGHTED_MEAN,
    observations=6,
)
PERSONNEL = _meeting_result(
    "henkilostokulut",
    "Henkilöstökulut",
    "Personnel costs",
    170,
    unit="1000 euroa",
    unit_en="EUR 1,000",
    direction=Direction.LOWER_IS_BETTER,
    impact_goal=None,
    symbol="t€",
    annual_target=D("111664"),
    target=D("55832"),
    actual=D("56900"),
    difference=D("1068"),
    allowance=D("0"),
    outcome=Outcome.FAIL,
    reason=ReasonCode.MISSED,
    bound=Bound.AT_MOST,
    combination=Combination.SUM,
    observations=6,
    notes=("Palkkaratkaisu nosti kuluja keväällä.",),
    forecast=Forecast(D("113800"), D("111664"), ForecastStatus.AT_RISK, ForecastMethod.PRO_RATA),
)
RENTS = _meeting_result(
    "vuokrat",
    "Toimitilavuokrat",
    "Premises rents",
    180,
    unit="1000 euroa",
    unit_en="EUR 1,000",
    direction=Direction.LOWER_IS_BETTER,
    impact_goal=None,
    symbol="t€",
    annual_target=D("8502"),
    target=D("4251"),
    actual=D("4200"),
    difference=D("-51"),
    allowance=D("0"),
    outcome=Outcome.PASS,
    reason=ReasonCode.MET,
    bound=Bound.AT_MOST,
    forecast=Forecast(D("8900"), D("8502"), ForecastStatus.AT_RISK, ForecastMethod.PROFILE),
)
INCOME = _meeting_result(
    "tuotot",
    "Maksullisen toiminnan tuotot",
    "Income from chargeable activities",
    190,
    unit="1000 euroa",
    unit_en="EUR 1,000",
    impact_goal=None,
    symbol="t€",
    annual_target=D("21114"),
    target=D("10557"),
    actual=D("8000"),
    outcome=Outcome.INCOMPLETE,
    reason=ReasonCode.PARTIAL_PERIOD,
    bound=Bound.AT_LEAST,
    combination=Combination.SUM,
    observations=5,
    coverage=Coverage(6, 5, missing=("2024-06",)),
    forecast=Forecast(D("19200"), D("21114"), ForecastStatus.AT_RISK, ForecastMethod.PRO_RATA),
)
SICK_DAYS = _meeting_result(
    "sairauspoissaolot",
    "Sairauspoissaolot, työpäivää/htv",
    "Sick leave, working days per person-year",
    200,
    unit="pv/htv",
    unit_en="days per person-year",
    direction=Direction.LOWER_IS_BETTER,
    annual_target=D("10"),
    target=D("10"),
    actual=D("8.4"),
    difference=D("-1.6"),
    allowance=D("0"),
    outcome=Outcome.PASS,
    reason=ReasonCode.MET,
    bound=Bound.BELOW,
    target_text="< 10",
    combination=Combination.RATIO,
    observations=6,
    forecast=Forecast(D("8.4"), D("10"), ForecastStatus.ON_TRACK, ForecastMethod.LATEST),
)
PROJECTS = _meeting_result(
    "projektit",
    "Asiakkaan tyytyväisyys asiakasprojekteihin",
    "Customer satisfaction with customer projects",
    210,
    unit="asteikko 1–5",
    unit_en="scale 1–5",
    impact_goal="g1",
    symbol="",
    annual_target=D("3.6"),
    target=D("3.6"),
    target_high=D("3.8"),
    actual=D("3.7"),
    difference=D("0"),
    allowance=D("0"),
    outcome=Outcome.PASS,
    reason=ReasonCode.MET,
    bound=Bound.WITHIN,
    target_text="3,6–3,8",
    combination=Combination.MEAN,
    observations=4,
    coverage=Coverage(6, 4, missing=("2024-06",), partial=("2024-05-20",)),
)
ROADMAP = _item_result(
    "tiekartta",
    "Tiekartta on hyväksytty johtoryhmässä.",
    134,
    outcome=Outcome.FAIL,
    reason=ReasonCode.STATUS_NOT_MET,
    status=ItemStatus.NOT_MET,
)

MEETING_RESULTS = (
    *RESULTS,
    ROADMAP,
    DEVELOPMENT,
    DEVELOPMENT_TAE,
    DEVELOPMENT_HTV,
    PERSONNEL,
    RENTS,
    INCOME,
    SICK_DAYS,
    PROJECTS,
)


def meeting_report() -> CheckReport:
    """The sample check with the meeting's table: every outcome, incomplete included."""
    return replace(report(), results=MEETING_RESULTS)


def meeting_data() -> dict[str, Any]:
    """The meeting's agreement as data, for the English checks of tests/translation.py."""
    data = copy.deepcopy(AGREEMENT_DATA)
    data["tables"].append(MEETING_TABLE)
    return data


PROBLEMS = (
    Problem(
        Location(AGREEMENT_FILE, 12, 5),
        Message("validation.unknown", what=Message("subject.metric"), name="hairi", hint=""),
        Severity.ERROR,
        "reference",
    ),
    Problem(
        Location(AGREEMENT_FILE, 40),
        Message("validation.binding_and_preliminary", year=2025),
        Severity.INFO,
        "validity",
    ),
    Problem(
        Location(ACTUALS_FILE),
        Message("cli.unreported", count=2, lines=[4, 5]),
        Severity.WARNING,
        "actuals",
    ),
)


GOLDEN = Path(__file__).parent / "data" / "render"


def assert_golden(name: str, text: str) -> None:
    """`text` equals the stored transcript byte for byte; TULOS_UPDATE_GOLDEN=1 rewrites it (then
    read the diff before committing it)."""
    path = GOLDEN / name
    if os.environ.get("TULOS_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    with open(path, encoding="utf-8", newline="") as stream:
        assert text == stream.read()
