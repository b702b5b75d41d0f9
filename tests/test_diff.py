"""The semantic diff: each kind of change, easier/harder by direction, order, and its renderers.

Pairs of agreements are made from the small valid example, edited in memory, so each test shows
exactly the edit it is about.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from results_fixtures import HOSTILE_NAME, OUTAGES, report
from tulosmittari.diff import (
    AgreementDiff,
    Change,
    ChangeKind,
    Effect,
    Subject,
    SubjectKind,
    TableRef,
    diff_agreements,
    with_flips,
)
from tulosmittari.loading import load_agreement_text
from tulosmittari.render import RenderOptions, renderer
from tulosmittari.results import Outcome
from tulosmittari.schema import (
    Agreement,
    ColumnKind,
    Direction,
    LineRole,
    MissingCell,
    MissingReason,
    PeriodKind,
    Scale,
    Tolerance,
    ValueRole,
)
from tulosmittari.yaml_source import parse_yaml

MINIMAL = Path(__file__).parent / "data" / "agreements" / "valid" / "minimal.yaml"
D = Decimal
Data = dict[str, Any]


def _data() -> Data:
    """A fresh copy of the example, as the loader reads it (Decimals, int year keys)."""
    data, _ = parse_yaml(MINIMAL.read_bytes(), str(MINIMAL))
    assert isinstance(data, dict)
    return data


def _diff(
    edit: Callable[[Data], object], old: Callable[[Data], object] | None = None
) -> AgreementDiff:
    before, after = _data(), _data()
    if old is not None:
        old(before)
    edit(after)
    return diff_agreements(Agreement.model_validate(before), Agreement.model_validate(after))


def _changes(edit: Callable[[Data], object]) -> list[Change]:
    return list(_diff(edit).changes)


def _only(edit: Callable[[Data], object]) -> Change:
    changes = _changes(edit)
    assert len(changes) == 1, changes
    return changes[0]


def _table(data: Data, table_id: str) -> Any:
    return next(t for t in data["tables"] if t["id"] == table_id)


def _metric(data: Data, metric_id: str) -> Any:
    return next(m for m in _table(data, "tunnusluvut")["metrics"] if m.get("id") == metric_id)


def _kayttoaste(data: Data) -> Any:
    return _metric(data, "kayttoaste")


NUMBERS = TableRef("tunnusluvut", 2, "Toiminnalliset tunnusluvut")


# --- No change ----------------------------------------------------------------------------------


def test_the_same_agreement_has_no_changes() -> None:
    diff = _diff(lambda d: None)
    assert diff.changes == ()
    assert not diff.changed


def test_reordering_rows_groups_and_keys_is_no_change() -> None:
    def shuffle(data: Data) -> None:
        rows = _table(data, "tunnusluvut")["metrics"]
        rows.reverse()
        data["meta"] = dict(reversed(list(data["meta"].items())))

    assert _changes(shuffle) == []


def test_the_same_figure_written_differently_is_no_change() -> None:
    assert _changes(lambda d: _kayttoaste(d)["values"].update({2024: D("99.50")})) == []


# --- Targets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "new", "effect"),
    [
        ("higher_is_better", "99.0", Effect.EASIER),
        ("higher_is_better", "99.9", Effect.HARDER),
        ("lower_is_better", "99.9", Effect.EASIER),
        ("lower_is_better", "99.0", Effect.HARDER),
        ("break_even", "99.9", Effect.SHIFTED),
        ("not_a_target", "99.9", Effect.CHANGED),
    ],
)
def test_a_changed_target_is_easier_or_harder_by_direction(
    direction: str, new: str, effect: Effect
) -> None:
    def with_direction(data: Data) -> None:
        _kayttoaste(data)["direction"] = direction

    def edit(data: Data) -> None:
        with_direction(data)
        _kayttoaste(data)["values"][2024] = D(new)

    change = _only_of(_diff(edit, old=with_direction))
    assert change == Change(
        ChangeKind.TARGET_CHANGED,
        _subject(Direction(direction)),
        year=2024,
        old=D("99.5"),
        new=D(new),
        effect=effect,
        path=("tables", 1, "metrics", 0, "values", 2024),
    )


def _only_of(diff: AgreementDiff) -> Change:
    assert len(diff.changes) == 1, diff.changes
    return diff.changes[0]


def _subject(direction: Direction = Direction.HIGHER_IS_BETTER) -> Subject:
    return Subject(
        SubjectKind.METRIC,
        "kayttoaste",
        "Palvelujen käyttöaste",
        table=NUMBERS,
        unit="%",
        direction=direction,
    )


def test_a_target_whose_direction_also_changed_is_just_changed() -> None:
    def edit(data: Data) -> None:
        _kayttoaste(data)["direction"] = "lower_is_better"
        _kayttoaste(data)["values"][2024] = D("99.9")

    changes = _changes(edit)
    assert [(c.kind, c.old, c.new, c.effect) for c in changes] == [
        (
            ChangeKind.DIRECTION_CHANGED,
            Direction.HIGHER_IS_BETTER,
            Direction.LOWER_IS_BETTER,
            None,
        ),
        (ChangeKind.TARGET_CHANGED, D("99.5"), D("99.9"), Effect.CHANGED),
    ]


def test_a_target_set_where_there_was_tbd_has_no_effect_to_judge() -> None:
    change = _only(lambda d: _kayttoaste(d)["values"].update({2025: D("99.7")}))
    assert change.kind is ChangeKind.TARGET_CHANGED
    assert change.old == MissingCell(missing=MissingReason.TBD)
    assert (change.year, change.new, change.effect) == (2025, D("99.7"), None)


def test_a_printed_actual_is_a_value_not_a_target() -> None:
    change = _only(lambda d: _kayttoaste(d)["values"].update({2023: D("99.8")}))
    assert (change.kind, change.year, change.old, change.new, change.effect) == (
        ChangeKind.VALUE_CHANGED,
        2023,
        D("99.7"),
        D("99.8"),
        None,
    )


def test_a_preliminary_column_that_becomes_binding() -> None:
    def edit(data: Data) -> None:
        column = _table(data, "tunnusluvut")["columns"][2]
        column.update(kind="tavoite", label="Tavoite 2025")

    kind, label = _changes(edit)
    assert (kind.kind, kind.subject.kind, kind.year, kind.old, kind.new) == (
        ChangeKind.ROLE_CHANGED,
        SubjectKind.COLUMN,
        2025,
        ColumnKind.ALUSTAVA_TAVOITE,
        ColumnKind.TAVOITE,
    )
    assert (label.kind, label.field, label.old, label.new) == (
        ChangeKind.FIELD_CHANGED,
        "label",
        "Alustava tavoite 2025",
        "Tavoite 2025",
    )


def test_a_year_that_becomes_binding_in_the_validity() -> None:
    def edit(data: Data) -> None:
        data["meta"]["validity"]["binding_years"] = [2024, 2025]
        data["meta"]["validity"]["preliminary_years"] = []

    role, preliminary = _changes(edit)
    assert (role.kind, role.subject.kind, role.year, role.old, role.new) == (
        ChangeKind.ROLE_CHANGED,
        SubjectKind.AGREEMENT,
        2025,
        ValueRole.PRELIMINARY_TARGET,
        ValueRole.TARGET,
    )
    assert (preliminary.field, preliminary.old, preliminary.new) == (
        "meta.validity.preliminary_years",
        (2025,),
        (),
    )


# --- Extra targets --------------------------------------------------------------------------------


def test_extra_targets_added_removed_and_changed() -> None:
    def edit(data: Data) -> None:
        extra = _kayttoaste(data)["extra_targets"]
        extra[0]["value"] = D("99.4")
        extra[0]["label"] = "TAE 99,4 %"
        extra.append({"year": 2025, "value": D("99.8"), "source": "kehys", "label": "kehys 99,8 %"})

    changed, label, added = _changes(edit)
    assert (changed.kind, changed.source, changed.old, changed.new, changed.effect) == (
        ChangeKind.TARGET_CHANGED,
        "talousarvioesitys",
        D("99.6"),
        D("99.4"),
        Effect.EASIER,
    )
    assert (label.kind, label.field, label.year, label.source) == (
        ChangeKind.FIELD_CHANGED,
        "label",
        2024,
        "talousarvioesitys",
    )
    assert (added.kind, added.year, added.source, added.old, added.new) == (
        ChangeKind.ADDED,
        2025,
        "kehys",
        None,
        D("99.8"),
    )
    removed = _only(lambda d: _kayttoaste(d).update(extra_targets=[]))
    assert (removed.kind, removed.old, removed.new) == (ChangeKind.REMOVED, D("99.6"), None)


def test_a_target_quoted_in_the_societal_impact_table() -> None:
    def edit(data: Data) -> None:
        _table(data, "vaikuttavuus")["impact_rows"][0]["item_targets"][0]["value"] = D("99.6")

    change = _only(edit)
    assert (change.kind, change.subject.kind, change.subject.id, change.effect) == (
        ChangeKind.TARGET_CHANGED,
        SubjectKind.QUOTED_TARGET,
        "kayttoaste",
        Effect.HARDER,
    )
    assert change.subject.unit == "%"


# --- Rows -----------------------------------------------------------------------------------------


NEW_METRIC: Data = {
    "id": "uusi",
    "name": "Uusi mittari",
    "unit": "kpl",
    "direction": "lower_is_better",
    "period_kind": "flow",
    "values": {2024: 5, 2025: 4},
}


def test_an_added_metric_lists_its_figures() -> None:
    added, first, second = _changes(
        lambda d: _table(d, "tunnusluvut")["metrics"].append(dict(NEW_METRIC))
    )
    assert (added.kind, added.subject.kind, added.subject.id, added.new) == (
        ChangeKind.ADDED,
        SubjectKind.METRIC,
        "uusi",
        "Uusi mittari",
    )
    assert [(c.kind, c.year, c.old, c.new, c.effect) for c in (first, second)] == [
        (ChangeKind.TARGET_CHANGED, 2024, None, D(5), None),
        (ChangeKind.TARGET_CHANGED, 2025, None, D(4), None),
    ]


def test_a_removed_metric_is_one_change_where_it_was() -> None:
    change = _only(lambda d: _table(d, "tunnusluvut")["metrics"].pop(1))
    assert (change.kind, change.subject.id, change.old, change.path) == (
        ChangeKind.REMOVED,
        "tyytyvaisyys",
        "Asiakastyytyväisyys",
        ("tables", 1, "metrics"),
    )


def test_a_row_moved_to_another_table_is_a_move_not_a_removal() -> None:
    def columns(data: Data) -> None:
        _table(data, "hankkeet")["columns"] = _table(data, "tunnusluvut")["columns"]

    def edit(data: Data) -> None:
        columns(data)
        _table(data, "hankkeet")["metrics"] = [_rows(data).pop(1)]

    change = _only_of(_diff(edit, old=columns))
    assert (change.kind, change.subject.id, change.old, change.new) == (
        ChangeKind.MOVED,
        "tyytyvaisyys",
        NUMBERS,
        TableRef("hankkeet", 3, "Hankkeet"),
    )


def test_a_moved_row_whose_year_changes_column_kind_says_so() -> None:
    def columns(data: Data) -> None:
        column = {"year": 2024, "kind": "alustava_tavoite", "label": "Alustava 2024"}
        _table(data, "hankkeet")["columns"] = [column]

    def edit(data: Data) -> None:
        columns(data)
        _table(data, "hankkeet")["metrics"] = [_rows(data).pop(1)]

    moved, *roles = _diff(edit, old=columns).changes
    assert moved.kind is ChangeKind.MOVED
    assert [(c.kind, c.year, c.old, c.new) for c in roles] == [
        (ChangeKind.ROLE_CHANGED, 2023, ColumnKind.TOTEUMA, None),
        (ChangeKind.ROLE_CHANGED, 2024, ColumnKind.TAVOITE, ColumnKind.ALUSTAVA_TAVOITE),
        (ChangeKind.ROLE_CHANGED, 2025, ColumnKind.ALUSTAVA_TAVOITE, None),
    ]


def test_a_budget_line_is_named_so_and_its_role_compared() -> None:
    change = _only(lambda d: _metric(d, "tuotot").update(role="financing"))
    assert (change.kind, change.subject.kind, change.old, change.new) == (
        ChangeKind.LINE_ROLE_CHANGED,
        SubjectKind.BUDGET_LINE,
        LineRole.INCOME,
        LineRole.FINANCING,
    )


@pytest.mark.parametrize(
    ("field", "value", "kind", "old", "new"),
    [
        ("unit", "prosenttia", ChangeKind.UNIT_CHANGED, "%", "prosenttia"),
        (
            "direction",
            "lower_is_better",
            ChangeKind.DIRECTION_CHANGED,
            Direction.HIGHER_IS_BETTER,
            Direction.LOWER_IS_BETTER,
        ),
        ("period_kind", "flow", ChangeKind.PERIOD_KIND_CHANGED, PeriodKind.LEVEL, PeriodKind.FLOW),
        (
            "scale",
            {"min": 0, "max": 100},
            ChangeKind.SCALE_CHANGED,
            None,
            Scale(min=D(0), max=D(100)),
        ),
        (
            "tolerance",
            {"relative": D("0.01")},
            ChangeKind.TOLERANCE_CHANGED,
            Tolerance(absolute=D("0.1")),
            Tolerance(relative=D("0.01")),
        ),
        ("formula", "tuotot / kulut", ChangeKind.FORMULA_CHANGED, None, "tuotot / kulut"),
        ("tae", False, ChangeKind.FIELD_CHANGED, True, False),
    ],
)
def test_metric_fields(
    field: str, value: object, kind: ChangeKind, old: object, new: object
) -> None:
    change = _only(lambda d: _kayttoaste(d).update({field: value}))
    assert (change.kind, change.field, change.old, change.new) == (kind, field, old, new)
    assert change.path == ("tables", 1, "metrics", 0, field)


def _rows(data: Data) -> Any:
    return _table(data, "tunnusluvut")["metrics"]


def test_reference_rows_added_and_removed() -> None:
    removed = _only(lambda d: _rows(d).pop())
    assert (removed.kind, removed.subject.kind, removed.subject.id) == (
        ChangeKind.REMOVED,
        SubjectKind.REFERENCE_ROW,
        "kayttoaste",
    )
    reference = {"see": "tulos", "name": "Tulos (ks. taulukko 2)", "text": "Viite: Taulukko 2"}
    added = _only(lambda d: _rows(d).append(reference))
    assert (added.kind, added.subject.id, added.new) == (
        ChangeKind.ADDED,
        "tulos",
        "Tulos (ks. taulukko 2)",
    )


def _notes(data: Data) -> Any:
    return _table(data, "tunnusluvut")["footnotes"]


def test_footnotes() -> None:
    changed = _only(lambda d: _notes(d)[0].update(text="Kysely tehdään kahdesti."))
    assert (changed.kind, changed.subject.kind, changed.subject.id) == (
        ChangeKind.TEXT_CHANGED,
        SubjectKind.FOOTNOTE,
        "1",
    )
    added = _only(lambda d: _notes(d).append({"mark": "2", "text": "Uusi."}))
    assert (added.kind, added.new) == (ChangeKind.ADDED, "Uusi.")


# --- Qualitative targets --------------------------------------------------------------------------


def _group(data: Data) -> Any:
    return _table(data, "hankkeet")["groups"][0]


def test_qualitative_items_added_removed_and_reworded() -> None:
    reworded = _only(lambda d: _group(d)["years"][2024][0].update(text="Uudistus on valmis."))
    assert (reworded.kind, reworded.subject.id, reworded.year, reworded.old, reworded.new) == (
        ChangeKind.TEXT_CHANGED,
        "uudistus_2024",
        2024,
        "Uudistus on suunniteltu.",
        "Uudistus on valmis.",
    )
    removed = _only(lambda d: _group(d)["years"][2024].pop())
    assert (removed.kind, removed.subject.kind, removed.old) == (
        ChangeKind.REMOVED,
        SubjectKind.ITEM,
        "Uudistus on suunniteltu.",
    )


def test_a_year_of_items_set_where_there_was_tbd() -> None:
    marker, added = _changes(
        lambda d: _group(d)["years"].update({2025: [{"id": "uudistus_2025", "text": "Käytössä."}]})
    )
    assert (marker.kind, marker.field, marker.year, marker.new) == (
        ChangeKind.FIELD_CHANGED,
        "years",
        2025,
        None,
    )
    assert (added.kind, added.subject.id, added.year, added.new) == (
        ChangeKind.ADDED,
        "uudistus_2025",
        2025,
        "Käytössä.",
    )


def test_an_item_moved_to_another_year() -> None:
    def edit(data: Data) -> None:
        years = _group(data)["years"]
        years[2026] = years.pop(2024)

    moved = _only(edit)
    assert (moved.kind, moved.subject.id, moved.field, moved.old, moved.new) == (
        ChangeKind.FIELD_CHANGED,
        "uudistus_2024",
        "year",
        2024,
        2026,
    )


def test_groups_added_and_removed() -> None:
    group = {
        "id": "toinen",
        "title": "Toinen hanke",
        "years": {2024: [{"id": "toinen_2024", "text": "Aloitettu."}]},
    }
    added, item = _changes(lambda d: _table(d, "hankkeet")["groups"].append(group))
    assert (added.kind, added.subject.kind, added.new) == (
        ChangeKind.ADDED,
        SubjectKind.GROUP,
        "Toinen hanke",
    )
    assert (item.kind, item.subject.id) == (ChangeKind.ADDED, "toinen_2024")
    removed = _only(lambda d: _table(d, "hankkeet").update(groups=[]))
    assert (removed.kind, removed.subject.id) == (ChangeKind.REMOVED, "uudistus")


# --- Identities and formulas ----------------------------------------------------------------------


def _identity(data: Data) -> Any:
    return data["identities"][0]


def test_identity_formula_tolerance_and_acknowledgements() -> None:
    def edit(data: Data) -> None:
        identity = _identity(data)
        identity["formula"] = "tulos == tuotot - kulut + 0"
        identity["tolerance"] = 1
        identity["acknowledged"] = [{"year": 2024, "note": "Pyöristys."}]

    def acknowledge_2023(data: Data) -> None:
        _identity(data)["acknowledged"] = [{"year": 2023, "note": "Painettu luku pyöristetty."}]

    formula, tolerance, added, removed = _diff(edit, old=acknowledge_2023).changes
    assert (formula.kind, formula.new) == (
        ChangeKind.FORMULA_CHANGED,
        "tulos == tuotot - kulut + 0",
    )
    assert (tolerance.kind, tolerance.old, tolerance.new) == (
        ChangeKind.TOLERANCE_CHANGED,
        D(0),
        D(1),
    )
    assert (removed.kind, removed.subject.kind, removed.year) == (
        ChangeKind.REMOVED,
        SubjectKind.ACKNOWLEDGEMENT,
        2023,
    )
    assert (added.kind, added.year, added.new) == (ChangeKind.ADDED, 2024, "Pyöristys.")


def test_identities_added_and_removed() -> None:
    removed = _only(lambda d: d.update(identities=[]))
    assert (removed.kind, removed.subject.id, removed.old) == (
        ChangeKind.REMOVED,
        "tulos_tasmaa",
        "tulos == tuotot - kulut",
    )
    second = {"id": "toinen", "name": "Toinen", "formula": "kulut == kulut"}
    added = _only(lambda d: d["identities"].append(second))
    assert (added.kind, added.subject.kind, added.new) == (
        ChangeKind.ADDED,
        SubjectKind.IDENTITY,
        "kulut == kulut",
    )


# --- Metadata and tables --------------------------------------------------------------------------


def test_metadata_fields_name_the_field() -> None:
    def edit(data: Data) -> None:
        data["meta"]["date"] = "2024-01-05"
        data["meta"]["diary_numbers"] = ["VN/1/2023", "VN/2/2024"]
        data["meta"]["signatories"][0]["name"] = "Matti Meikäläinen"
        data["meta"]["validity"]["valid_until"] = "2025-12-31"

    fields = [(c.kind, c.field) for c in _changes(edit)]
    assert fields == [
        (ChangeKind.FIELD_CHANGED, "meta.date"),
        (ChangeKind.FIELD_CHANGED, "meta.diary_numbers"),
        (ChangeKind.FIELD_CHANGED, "meta.signatories"),
        (ChangeKind.FIELD_CHANGED, "meta.validity.valid_until"),
    ]


def test_a_removed_table_lists_what_went_with_it() -> None:
    changes = _changes(lambda d: d["tables"].pop(2))
    assert [(c.kind, c.subject.kind, c.subject.id) for c in changes] == [
        (ChangeKind.REMOVED, SubjectKind.TABLE, "hankkeet"),
        (ChangeKind.REMOVED, SubjectKind.GROUP, "uudistus"),
    ]


def test_changes_come_in_agreement_order() -> None:
    def edit(data: Data) -> None:
        _identity(data)["tolerance"] = 1
        _group(data)["title"] = "Uudistus"
        _metric(data, "kulut")["unit"] = "euroa"
        _kayttoaste(data)["unit"] = "prosenttia"
        data["meta"]["title"] = "Uusi nimi"

    assert [(c.subject.id, c.field) for c in _changes(edit)] == [
        ("esimerkki_2024", "meta.title"),
        ("kayttoaste", "unit"),
        ("kulut", "unit"),
        ("uudistus", "title"),
        ("tulos_tasmaa", "tolerance"),
    ]


def test_a_removed_row_is_placed_after_the_row_before_it() -> None:
    def edit(data: Data) -> None:
        rows = _table(data, "tunnusluvut")["metrics"]
        rows.pop(1)  # tyytyvaisyys
        rows[0]["unit"] = "prosenttia"
        rows[1]["unit"] = "euroa"  # tuotot, printed after tyytyvaisyys

    assert [(c.kind, c.subject.id) for c in _changes(edit)] == [
        (ChangeKind.UNIT_CHANGED, "kayttoaste"),
        (ChangeKind.REMOVED, "tyytyvaisyys"),
        (ChangeKind.UNIT_CHANGED, "tuotot"),
    ]


def test_changes_carry_the_line_of_the_new_file() -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    edited = text.replace("2024: 99.5\n", "2024: 99.0\n")
    old = load_agreement_text(text, "old.yaml")
    new = load_agreement_text(edited, "new.yaml")
    assert old.agreement is not None
    assert new.agreement is not None
    (change,) = diff_agreements(old.agreement, new.agreement, locate=new.source.locate).changes
    line = edited.splitlines().index("          2024: 99.0") + 1
    assert change.location is not None
    assert (change.location.file, change.location.line) == ("new.yaml", line)


# --- Flips ----------------------------------------------------------------------------------------


def test_flips_are_outcomes_that_differ_and_are_judged_on_one_side() -> None:
    before = report()
    passing = replace(OUTAGES, outcome=Outcome.PASS)
    no_data = replace(OUTAGES, id="other", outcome=Outcome.NO_DATA)
    after = replace(before, results=(passing, no_data, *before.results[1:]))
    base = _diff(lambda d: None)
    flips = with_flips(base, before, after).flips
    assert [
        (f.old.outcome if f.old else None, f.new.outcome if f.new else None) for f in flips
    ] == [(OUTAGES.outcome, Outcome.PASS)]


# --- Rendering ------------------------------------------------------------------------------------


def _sample() -> AgreementDiff:
    def edit(data: Data) -> None:
        data["meta"]["validity"]["binding_years"] = [2024, 2025]
        data["meta"]["validity"]["preliminary_years"] = []
        _kayttoaste(data)["values"][2024] = D("99.0")
        _identity(data)["tolerance"] = 1

    diff = _diff(edit)
    return replace(diff, old_source="a.yaml@HEAD", new_source="a.yaml")


PLAIN_FI = """\
Tulossopimus 2024–2025: muutokset a.yaml@HEAD → a.yaml

Sopimus
Kohde    Vuosi  Muutos                                  Ennen     Nyt     Vaikutus
-------  -----  --------------------------------------  --------  ------  --------
sopimus  2025   sitovuus                                alustava  sitova
sopimus         kenttä meta.validity.preliminary_years  2025      –

Taulukko 2. Toiminnalliset tunnusluvut
Kohde                           Vuosi  Muutos   Ennen   Nyt   Vaikutus
------------------------------  -----  -------  ------  ----  --------
mittari: Palvelujen käyttöaste  2024   tavoite  99,5\u00a0%  99\u00a0%  helpompi

Täsmäytykset
Kohde                                    Vuosi  Muutos      Ennen  Nyt  Vaikutus
---------------------------------------  -----  ----------  -----  ---  --------
täsmäytys: Tulos on tuotot miinus kulut         toleranssi  0      1

4 muutosta; tavoitteet: 0 tiukempaa, 1 helpompi, 0 siirtynyttä, 0 muuttunutta
"""


def test_plain_text_in_finnish() -> None:
    assert renderer("plain").render_diff(_sample(), RenderOptions(lang="fi")) == PLAIN_FI


MARKDOWN_EN = """\
## Tulossopimus 2024–2025: changes a.yaml@HEAD → a.yaml

### Agreement

| Subject | Year | Change | Before | After | Effect |
| --- | --- | --- | --- | --- | --- |
| agreement | 2025 | binding | preliminary | binding |  |
| agreement |  | field meta.validity.preliminary\\_years | 2025 | – |  |

### Table 2. Toiminnalliset tunnusluvut

| Subject | Year | Change | Before | After | Effect |
| --- | --- | --- | --- | --- | --- |
| metric: Palvelujen käyttöaste | 2024 | target | 99.5\u00a0% | 99\u00a0% | easier |

### Identities

| Subject | Year | Change | Before | After | Effect |
| --- | --- | --- | --- | --- | --- |
| identity: Tulos on tuotot miinus kulut |  | tolerance | 0 | 1 |  |

**4 changes; targets: 0 harder, 1 easier, 0 shifted, 0 changed**
"""


def test_markdown_in_english() -> None:
    assert renderer("markdown").render_diff(_sample(), RenderOptions(lang="en")) == MARKDOWN_EN


def test_json_carries_the_changes_as_data() -> None:
    document = json.loads(renderer("json").render_diff(_sample(), RenderOptions()))
    assert document["format"] == "tulosmittari.diff"
    assert document["changed"] is True
    assert document["summary"] == {
        "changes": 4,
        "easier": 1,
        "harder": 0,
        "shifted": 0,
        "changed": 0,
    }
    target = document["changes"][2]
    assert target == {
        "kind": "target_changed",
        "subject": {
            "kind": "metric",
            "id": "kayttoaste",
            "name": "Palvelujen käyttöaste",
            "table": {"id": "tunnusluvut", "number": 2, "title": "Toiminnalliset tunnusluvut"},
        },
        "year": 2024,
        "field": None,
        "source": None,
        "old": 99.5,
        "new": 99,
        "effect": "easier",
        "path": ["tables", 1, "metrics", 0, "values", 2024],
        "line": None,
        "description": "target",
    }


def test_the_terminal_table_without_colour() -> None:
    text = renderer("table").render_diff(_sample(), RenderOptions(lang="fi", width=100))
    assert "\x1b" not in text
    assert "Taulukko 2. Toiminnalliset tunnusluvut" in text
    assert "mittari: Palvelujen käyttöaste" in text
    assert text.rstrip().endswith(
        "4 muutosta; tavoitteet: 0 tiukempaa, 1 helpompi, 0 siirtynyttä, 0 muuttunutta"
    )


def test_no_change_says_so_in_every_format() -> None:
    diff = _diff(lambda d: None)
    assert (
        renderer("plain")
        .render_diff(diff, RenderOptions(lang="en"))
        .endswith("No changes in meaning.\n")
    )
    assert "Ei sisällöllisiä muutoksia." in renderer("markdown").render_diff(diff, RenderOptions())
    assert json.loads(renderer("json").render_diff(diff, RenderOptions()))["changes"] == []


@pytest.mark.parametrize("fmt", ["plain", "markdown", "table"])
def test_text_from_the_file_cannot_steer_the_reader(fmt: str) -> None:
    diff = _diff(lambda d: _kayttoaste(d).update(name=HOSTILE_NAME))
    text = renderer(fmt).render_diff(diff, RenderOptions(lang="fi", width=200))
    assert "\x1b" not in text
    assert "\r" not in text
