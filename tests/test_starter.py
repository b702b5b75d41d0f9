"""`tulos init`: a minimal, commented agreement that validates as it is, for any agency to fill."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Tulos
from tulosmittari.loading import load_agreement_text
from tulosmittari.starter import StarterError, column_kinds, parse_years, starter_text
from tulosmittari.validation import validate

INIT = ["init", "--id", "palkeet_2021", "--title", "Palkeet TAE 2021", "--years", "2019-2022"]


def test_init_writes_an_agreement_that_validates_and_checks(tulos: Tulos, tmp_path: Path) -> None:
    agreement = tmp_path / "x.yaml"
    code, out, err = tulos(*INIT, "-o", str(agreement))
    assert (code, out, err) == (0, "", f"tulos: kirjoitettiin {agreement}\n")
    assert tulos("validate", str(agreement))[0] == 0

    actuals = tmp_path / "actuals.csv"
    actuals.write_text("metric;period;value\nesimerkkimittari;2021;73,5\n", encoding="utf-8")
    code, out, _ = tulos("check", "-a", str(agreement), str(actuals), "--format", "json")
    assert code == 0
    (result,) = json.loads(out)["results"]
    assert (result["metric"], result["target"], result["actual"]) == ("esimerkkimittari", 73, 73.5)
    assert (result["outcome"], result["target_role"]) == ("pass", "target")


def test_init_writes_to_stdout_without_an_output(tulos: Tulos) -> None:
    code, out, err = tulos(*INIT, "--lang", "en")
    assert (code, err) == (0, "")
    assert out == starter_text("palkeet_2021", "Palkeet TAE 2021", 2019, 2022, "en")


def test_init_never_replaces_a_file_unless_forced(tulos: Tulos, tmp_path: Path) -> None:
    agreement = tmp_path / "x.yaml"
    agreement.write_text("mine\n", encoding="utf-8")
    code, out, err = tulos(*INIT, "-o", str(agreement), "--lang", "en")
    assert (code, out) == (2, "")
    assert err == f"{agreement}: error: already exists; use --force to replace it\n"
    assert agreement.read_text(encoding="utf-8") == "mine\n"
    assert tulos(*INIT, "-o", str(agreement), "--force")[0] == 0
    assert agreement.read_text(encoding="utf-8").startswith("# Tulossopimus tulosmittarille")


@pytest.mark.parametrize(
    ("option", "value", "english", "finnish"),
    [
        (
            "--id",
            "Palkeet 2021",
            "--id 'Palkeet 2021' is not a valid id: use a-z first, then a-z, 0-9 or _ (at most"
            " 80 characters), e.g. vm_virasto_2024_2027",
            "--id 'Palkeet 2021' ei kelpaa tunnukseksi: ensimmäinen merkki a–z, sitten a–z, 0–9"
            " tai _ (enintään 80 merkkiä), esimerkiksi vm_virasto_2024_2027",
        ),
        (
            "--years",
            "2022-2019",
            "--years '2022-2019': write the agreement's years as 2024-2027, or one year"
            " (1900–2200)",
            "--years '2022-2019': kirjoita sopimuksen vuodet muodossa 2024-2027 tai yksi vuosi"
            " (1900–2200)",
        ),
        (
            "--title",
            "Rivi\nrivi",
            "--title: give the agreement's title as printed, on one line",
            "--title: anna sopimuksen otsikko kuten painettu, yhdellä rivillä",
        ),
    ],
)
def test_init_refuses_what_it_cannot_make_an_agreement_of(
    tulos: Tulos, option: str, value: str, english: str, finnish: str
) -> None:
    args = [*INIT]
    args[args.index(option) + 1] = value
    assert tulos(*args, "--lang", "en") == (2, "", f"tulos: error: {english}\n")
    assert tulos(*args) == (2, "", f"tulos: error: {finnish}\n")


# --- The text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last"), [(2024, 2024), (2023, 2024), (2023, 2025), (2022, 2027)]
)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_starter_validates_as_it_is(first: int, last: int, lang: str) -> None:
    text = starter_text("virasto_2024", "Tulossopimus", first, last, "fi" if lang == "fi" else "en")
    loaded = load_agreement_text(text, "x.yaml")
    assert loaded.agreement is not None, loaded.problems
    assert validate(loaded.agreement, loaded.source) == []
    assert (loaded.agreement.meta.years.first, loaded.agreement.meta.years.last) == (first, last)
    assert all(len(line) <= 100 for line in text.splitlines())
    roles = {year: loaded.agreement.target_role(year).value for year in range(first, last + 1)}
    binding = {year: kind == "tavoite" for year, kind, _ in column_kinds(first, last)}
    assert roles == {y: "target" if binding[y] else "preliminary_target" for y in roles}


def test_the_columns_follow_the_standard_table() -> None:
    assert [k for _, k, _ in column_kinds(2022, 2027)] == [
        "toteuma",
        "arvio",
        "tavoite",
        "alustava_tavoite",
        "alustava_tavoite",
        "alustava_tavoite",
    ]
    assert [k for _, k, _ in column_kinds(2023, 2025)] == ["toteuma", "tavoite", "alustava_tavoite"]
    assert column_kinds(2024, 2024) == [(2024, "tavoite", "Tavoite 2024")]


def test_the_comments_are_in_the_readers_language_and_quotes_are_not_broken() -> None:
    finnish = starter_text("virasto_2024", "Tulossopimus", 2022, 2025, "fi")
    english = starter_text("virasto_2024", "Tulossopimus", 2022, 2025, "en")
    assert "# Kirjoita luvut kuten ne on painettu:" in finnish
    assert "# Write figures as the document prints them:" in english
    assert "('> 95')" in finnish
    assert "('> 95')" in english


@pytest.mark.parametrize(
    ("text", "years"),
    [("2022-2025", (2022, 2025)), ("2022–2025", (2022, 2025)), ("2024", (2024, 2024))],
)
def test_years_are_a_span_or_one_year(text: str, years: tuple[int, int]) -> None:
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["", "24-25", "2025-2024", "1800", "2024-", "2024..2025"])
def test_other_years_are_refused(text: str) -> None:
    with pytest.raises(StarterError):
        parse_years(text)


def test_a_title_is_quoted_for_yaml() -> None:
    text = starter_text("a", 'Sopimus: "2024" # ei kommentti', 2024, 2024, "en")
    loaded = load_agreement_text(text, "x.yaml")
    assert loaded.agreement is not None
    assert loaded.agreement.meta.title == 'Sopimus: "2024" # ei kommentti'
