"""A small agreement with one metric of each kind the actuals reader treats differently, and
reading actuals text against it with stable file names in messages."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tulosmittari.actuals import read_actuals
from tulosmittari.observations import Actuals
from tulosmittari.problems import InputError
from tulosmittari.schema import Agreement


def _metric(ident: str, unit: str, period_kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "name": ident.replace("_", " ").capitalize(),
        "unit": unit,
        "direction": "higher_is_better",
        "period_kind": period_kind,
        "values": {2024: 1},
        **extra,
    }


METRICS: list[dict[str, Any]] = [
    # a level on a survey scale: mean of observations, bounded 1–5
    _metric("customer_satisfaction_users", "1–5", "level", scale={"min": 1, "max": 5}),
    # a level without a scale: mean
    _metric("outages_per_month", "kpl/kk", "level"),
    # a flow in euros: sum
    _metric("operating_costs", "€", "flow"),
    # a share with numerator and denominator: weighted
    _metric("sla_share", "%", "level", aggregation="weighted"),
    # a stock read at the end of the period: last
    _metric("personnel", "htv", "level", aggregation="last"),
    # a balance, which may be negative: no bounds
    _metric("net_costs", "€", "flow", bounds={}),
    # a ratio that is no percentage: Σ numerator / Σ denominator
    _metric(
        "sick_days",
        "pv/htv",
        "level",
        aggregation="ratio",
        parts={
            "numerator": "sairauspoissaolopäivät",
            "denominator": "jakson henkilötyövuodet",
            "numerator_en": "sick days",
            "denominator_en": "person-years of the period",
        },
    ),
    # a survey measured once a year, on a scale
    _metric("user_survey", "1–5", "level", scale={"min": 1, "max": 5}, yearly_only=True),
]

ITEMS: dict[int, list[dict[str, str]]] = {
    2024: [
        {"id": "cloud_strategy", "text": "Pilvistrategia on päivitetty."},
        {"id": "security_audit", "text": "Tietoturva-auditointi on tehty."},
    ],
    2025: [{"id": "service_catalogue", "text": "Palveluluettelo on uudistettu."}],
}

AGREEMENT_DATA: dict[str, Any] = {
    "schema_version": 1,
    "meta": {
        "id": "actuals_test",
        "title": "Testisopimus",
        "date": "2023-12-13",
        "diary_numbers": ["VN/1/2023"],
        "parties": [
            {"id": "min", "name": "Ministeriö", "role": "ministry"},
            {"id": "agency", "name": "Virasto", "role": "agency"},
        ],
        "years": {"first": 2023, "last": 2025},
        "validity": {
            "binding_years": [2024],
            "preliminary_years": [2025],
            "valid_until": "2024-12-31",
            "text": "Sopimus on voimassa vuoden 2024 loppuun.",
        },
        "reporting": {
            "reports": [
                {
                    "id": "h1",
                    "name": "väliraportti",
                    "covers": "H1",
                    "due_month": 8,
                    "due_year_offset": 0,
                },
            ]
        },
    },
    "strategy": {"text": "Strategia.", "ministry_goals": ["A"], "agency_strategic_goals": ["B"]},
    "tables": [
        {"id": "t1", "number": 1, "title": "Mittarit", "section": "3.2", "metrics": METRICS},
        {
            "id": "t2",
            "number": 2,
            "title": "Laadulliset tavoitteet",
            "section": "3.1",
            "groups": [{"id": "goals", "title": "Tavoitteet", "years": ITEMS}],
        },
    ],
}

METRIC_IDS = [m["id"] for m in METRICS]


def build_agreement(extra_flows: int = 0) -> Agreement:
    """The test agreement, with `extra_flows` more flow metrics `flow_0000`... for bulk files."""
    if not extra_flows:
        return Agreement.model_validate(AGREEMENT_DATA)
    data = copy.deepcopy(AGREEMENT_DATA)
    data["tables"][0]["metrics"] += [
        _metric(f"flow_{i:04d}", "€", "flow") for i in range(extra_flows)
    ]
    return Agreement.model_validate(data)


def write(tmp_path: Path, text: str, name: str = "a.csv", encoding: str = "utf-8") -> Path:
    """A CSV file exactly as given: no newline translation."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read(agreement: Agreement, *paths: Path) -> Actuals:
    """Read with the bare file names as display names, so messages are stable."""
    return read_actuals(list(paths), agreement, display_names=[p.name for p in paths])


def read_text(agreement: Agreement, tmp_path: Path, text: str, name: str = "a.csv") -> Actuals:
    return read(agreement, write(tmp_path, text, name))


def problems_of(agreement: Agreement, *paths: Path) -> list[str]:
    """The problems reading the files gives, as the command prints them."""
    with pytest.raises(InputError) as caught:
        read(agreement, *paths)
    return [str(p) for p in caught.value.problems]
