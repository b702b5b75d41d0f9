"""Schema errors as problems: at the offending key or value, naming the object, in plain words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tulosmittari.i18n import word
from tulosmittari.loading import LoadedAgreement, load_agreement_text
from tulosmittari.problems import InputError

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "agreements" / "invalid").glob("*.yaml"))
MINIMAL = DATA / "agreements" / "valid" / "minimal.yaml"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_agreements_give_exactly_the_expected_problems(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    try:
        loaded = load_agreement_text(path.read_bytes(), path.name)
        lines = [str(problem) for problem in loaded.problems]
        assert loaded.agreement is None
    except InputError as error:
        lines = [str(problem) for problem in error.problems]
    assert lines == expected


def test_every_invalid_agreement_has_its_expectation() -> None:
    expectations = sorted((DATA / "agreements" / "invalid").glob("*.expected"))
    assert [p.stem for p in expectations] == [p.stem for p in INVALID]


def minimal_with(*replacements: tuple[str, str]) -> LoadedAgreement:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return load_agreement_text(text, "m.yaml")


def messages(loaded: LoadedAgreement) -> list[str]:
    return [str(problem) for problem in loaded.problems]


def test_a_union_tag_that_is_also_a_key_is_not_followed_as_a_key() -> None:
    # Pydantic's loc is (..., 2025, 'missing', 'text'): 'missing' is the union's tag here, even
    # though the cell has a key 'missing'; the error is about the value of 'text'.
    loaded = minimal_with(("2025: {missing: tbd}", "2025: {missing: tbd, text: 5}"))
    assert messages(loaded) == [
        "m.yaml:77:38: error: expected text, got the number 5; put it in quotes"
    ]


def test_untagged_union_keeps_the_errors_of_the_matching_shape() -> None:
    loaded = minimal_with(("              text: Uudistus on suunniteltu.", "              txt: x"))
    assert messages(loaded) == [
        "m.yaml:130:15: error: missing required field 'text' in qualitative item 'uudistus_2024'",
        "m.yaml:131:15: error: unknown field 'txt' in qualitative item 'uudistus_2024'; "
        "did you mean 'text'?",
    ]


def test_a_reference_row_and_cell_are_named_by_their_own_model() -> None:
    loaded = minimal_with(
        ("  - see: kayttoaste\n        name:", "  - see: kayttoaste\n        nimi:"),
        ("2025: {see: kayttoaste, text: Viite taulukko 2}", "2025: {see: kayttoaste}"),
    )
    assert messages(loaded) == [
        "m.yaml:91:11: error: missing required field 'text' in a reference cell "
        "of metric 'tyytyvaisyys'",
        "m.yaml:114:9: error: missing required field 'name' in a reference row "
        "of table 'tunnusluvut'",
        "m.yaml:115:9: error: unknown field 'nimi' in a reference row of table 'tunnusluvut'; "
        "use one of: see, name, text, impact_goal",
    ]


def test_problems_without_a_close_name_list_the_fields() -> None:
    loaded = minimal_with(('    - {mark: "1", text:', '    - {mark: "1", zzz: 1, text:'))
    assert messages(loaded) == [
        "m.yaml:118:21: error: unknown field 'zzz' in a footnote of table 'tunnusluvut'; "
        "use one of: mark, text"
    ]


def test_unknown_top_level_key_and_a_number_hint() -> None:
    loaded = minimal_with(
        ("schema_version: 1\n", "schema_version: 1\n2024: x\n"),
        ("due_month: 8", "due_month: 1 000"),
    )
    assert messages(loaded) == [
        "m.yaml:3:1: error: unknown field 2024 at the top level; use one of: schema_version, "
        "meta, strategy, sections, impact_goals, tables, identities",
        "m.yaml:27:20: error: expected a whole number, got text '1 000'; write the digits "
        "without separators",
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("99,7", Decimal("99.7")),
        ('"99.7"', Decimal("99.7")),
        ("1 000", Decimal(1000)),
        ("1\u00a0000,5", Decimal("1000.5")),
        ("1\u202f000", Decimal(1000)),
        ("−3", Decimal(-3)),
        ("100,00", Decimal("100.00")),
    ],
)
def test_a_figure_as_printed_is_a_number(written: str, value: Decimal) -> None:
    loaded = minimal_with(("2023: 99.7", f"2023: {written}"))
    assert loaded.agreement is not None, messages(loaded)
    _, metric = loaded.agreement.metric_index["kayttoaste"]
    assert metric.values[2023] == value


def test_other_numbers_may_be_written_as_printed_too() -> None:
    loaded = minimal_with(("absolute: 0.1", "absolute: '0,5'"))
    assert loaded.agreement is not None, messages(loaded)
    _, metric = loaded.agreement.metric_index["kayttoaste"]
    assert metric.tolerance is not None
    assert metric.tolerance.absolute == Decimal("0.5")


@pytest.mark.parametrize(
    ("field", "written", "hint"),
    [
        ("due_month: 8", '"8"', "; remove the quotes"),
        ("due_month: 8", "'1" + "0" * 45 + "'", "; remove the quotes"),
        ("due_month: 8", "08", "; write it without leading zeros"),
        ("due_month: 8", "1e1", "; write the number out in full, without an exponent"),
        ("due_month: 8", "'true'", ""),
        ("absolute: 0.1", "1e3", "; write the number out in full, without an exponent"),
        ("absolute: 0.1", "'true'", "; write the number as printed, e.g. 3,5, 53 946 or −3"),
    ],
)
def test_a_number_given_as_text_gets_a_hint(field: str, written: str, hint: str) -> None:
    text = written.strip("'\"")
    name, _ = field.split(":")
    loaded = minimal_with((field, f"{name}: {written}"))
    (line,) = messages(loaded)
    kind = "a whole number" if name == "due_month" else "a number"
    assert line.endswith(f"error: expected {kind}, got text '{text}'{hint}")


def test_a_cell_that_is_no_printed_form_names_the_forms() -> None:
    loaded = minimal_with(("2023: 99.7", "2023: noin 99"))
    assert messages(loaded) == [
        "m.yaml:75:17: error: metric 'kayttoaste': 'noin 99' is not a cell value: write a "
        "figure or a mark as printed (3,7, 53 946, −3, –, tbd, < 10, ≥ 3,5, 3,6–3,8), or a "
        "mapping such as {missing: new_metric}"
    ]
    assert [word(p.message, "fi") for p in loaded.problems] == [
        "mittari 'kayttoaste': 'noin 99' ei ole solun arvo: kirjoita luku tai merkintä kuten "
        "painettu (3,7, 53 946, −3, –, tbd, < 10, ≥ 3,5, 3,6–3,8) tai esimerkiksi "
        "{missing: new_metric}"
    ]


def test_finnish_names_the_object_before_the_problem() -> None:
    loaded = minimal_with(
        ('    - {mark: "1", text:', '    - {mark: "1", zzz: 1, text:'),
        ("  - see: kayttoaste\n        name:", "  - see: kayttoaste\n        nimi:"),
    )
    assert [word(p.message, "fi") for p in loaded.problems] == [
        "taulukon 'tunnusluvut' viiterivi: pakollinen kenttä 'name' puuttuu",
        "taulukon 'tunnusluvut' viiterivi: tuntematon kenttä 'nimi'; käytä jotakin näistä: see,"
        " name, text, impact_goal",
        "taulukon 'tunnusluvut' alaviite: tuntematon kenttä 'zzz'; käytä jotakin näistä: mark,"
        " text",
    ]


def test_finnish_words_a_wrong_shape_and_a_missing_top_level_field() -> None:
    loaded = load_agreement_text("schema_version: 1\nmeta: [1]\n", "m.yaml")
    assert [word(p.message, "fi") for p in loaded.problems] == [
        "ylätaso: pakollinen kenttä 'tables' puuttuu",
        "odotettiin perustietoja (avain–arvo-rakenne), saatiin lista",
    ]
    assert [str(p.message) for p in loaded.problems] == [
        "missing required field 'tables' at the top level",
        "expected a meta (a mapping), got a list",
    ]


def test_a_budget_item_is_written_as_printed() -> None:
    written = minimal_with(
        ('    unit_note: "%"\n', '    unit_note: "%"\n    budget_item: 28.20.07\n')
    )
    assert written.agreement is not None, messages(written)
    assert written.agreement.tables[1].budget_item == "28.20.07"
    wrong = minimal_with(('    unit_note: "%"\n', '    unit_note: "%"\n    budget_item: 28.2.07\n'))
    assert messages(wrong) == [
        "m.yaml:62:18: error: '28.2.07' is not a budget item (momentti): write it as printed,"
        " e.g. 28.20.07"
    ]
    assert [word(p.message, "fi") for p in wrong.problems] == [
        "'28.2.07' ei ole momentti: kirjoita se kuten painettu, esimerkiksi 28.20.07"
    ]
