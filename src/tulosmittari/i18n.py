"""The message catalogue: every fixed piece of UI text in Finnish and English, in one place.

Renderers ask here for labels and for the wording of a result's reason; they never compose
user-facing sentences of their own, so both languages stay complete and consistent.
"""

from __future__ import annotations

import os
from decimal import Decimal

from tulosmittari.numbers import Lang, format_number, with_unit
from tulosmittari.results import Outcome, ReasonCode, ResultKind, TargetResult
from tulosmittari.schema import Direction, ValueRole

DEFAULT_LANG: Lang = "fi"

CATALOGUE: dict[str, tuple[str, str]] = {
    # outcomes
    "outcome.pass": ("saavutettu", "pass"),
    "outcome.warn": ("lähellä", "warn"),
    "outcome.fail": ("ei saavutettu", "fail"),
    "outcome.no_data": ("ei tietoa", "no data"),
    "outcome.no_target": ("ei tavoitetta", "no target"),
    # column headers
    "col.metric": ("Mittari", "Metric"),
    "col.item": ("Tavoite", "Target"),
    "col.period": ("Jakso", "Period"),
    "col.target": ("Tavoite", "Target"),
    "col.actual": ("Toteuma", "Actual"),
    "col.difference": ("Ero", "Difference"),
    "col.outcome": ("Tulos", "Outcome"),
    "col.reason": ("Peruste", "Reason"),
    "col.kind": ("Laji", "Kind"),
    "col.unit": ("Yksikkö", "Unit"),
    "col.direction": ("Suunta", "Direction"),
    "col.id": ("Tunnus", "Id"),
    "col.table": ("Taulukko", "Table"),
    # headings and summaries
    "table.heading": ("Taulukko {number}. {title}", "Table {number}. {title}"),
    "summary.total": ("Yhteensä {total}: {counts}", "Total {total}: {counts}"),
    "check.heading": (
        "{title}: tavoitteet ja toteumat {periods}",
        "{title}: targets and actuals {periods}",
    ),
    "check.items": ("{heading}: laadulliset tavoitteet", "{heading}: qualitative targets"),
    "check.preliminary_note": ("* alustava tavoite", "* preliminary target"),
    "check.by_year_note": (
        "Solussa tavoite / toteuma ja tulos: ✓ saavutettu, ! lähellä, ✗ ei saavutettu, – ei tietoa,"
        " · ei tavoitetta",
        "Each cell: target / actual and outcome: ✓ pass, ! warn, ✗ fail, – no data, · no target",
    ),
    "check.nothing": (
        "Ei tarkistettavaa: toteumatiedostoissa ei ole yhtään jaksoa.",
        "Nothing to check: the actuals files hold no period.",
    ),
    "role.target": ("sitova", "binding"),
    "role.preliminary_target": ("alustava", "preliminary"),
    "role.actual": ("toteuma", "actual"),
    "role.estimate": ("arvio", "estimate"),
    "kind.metric": ("mittari", "metric"),
    "kind.item": ("laadullinen", "qualitative"),
    "direction.higher_is_better": ("suurempi on parempi", "higher is better"),
    "direction.lower_is_better": ("pienempi on parempi", "lower is better"),
    "direction.break_even": ("nollatulos", "break-even"),
    "direction.not_a_target": ("ei tavoite", "not a target"),
    "source.other": ("lähde: {source}", "source: {source}"),
    # reasons
    "reason.met.higher": (
        "{actual} ≥ tavoite {target}; {direction}",
        "{actual} ≥ target {target}; {direction}",
    ),
    "reason.met.lower": (
        "{actual} ≤ tavoite {target}; {direction}",
        "{actual} ≤ target {target}; {direction}",
    ),
    "reason.missed.higher": (
        "{actual} < tavoite {target}; {direction}",
        "{actual} < target {target}; {direction}",
    ),
    "reason.missed.lower": (
        "{actual} > tavoite {target}; {direction}",
        "{actual} > target {target}; {direction}",
    ),
    "reason.missed_within_tolerance.higher": (
        "{actual} < tavoite {target}, toleranssin {allowance} sisällä",
        "{actual} < target {target}, within tolerance {allowance}",
    ),
    "reason.missed_within_tolerance.lower": (
        "{actual} > tavoite {target}, toleranssin {allowance} sisällä",
        "{actual} > target {target}, within tolerance {allowance}",
    ),
    "reason.break_even_met": (
        "{actual} = tavoite {target} ± {allowance}",
        "{actual} = target {target} ± {allowance}",
    ),
    "reason.break_even_met.exact": ("{actual} = tavoite {target}", "{actual} = target {target}"),
    "reason.break_even_missed.exact": ("{actual} ≠ tavoite {target}", "{actual} ≠ target {target}"),
    "reason.break_even_missed": (
        "{actual} ≠ tavoite {target} ± {allowance}",
        "{actual} ≠ target {target} ± {allowance}",
    ),
    "reason.no_actual": ("ei toteumaa vielä", "no actual yet"),
    "reason.measured_yearly": (
        "mitataan kerran vuodessa; ei osavuoden lukua",
        "measured once a year; no part-year figure",
    ),
    "reason.not_a_target": ("ei tavoite ({role})", "not a target ({role})"),
    "reason.not_a_target.plain": ("ei tavoite", "not a target"),
    "reason.no_target_value": (
        "tavoitetta ei ole asetettu ({missing})",
        "no target set ({missing})",
    ),
    "reason.no_target_value.plain": ("tavoitetta ei ole asetettu", "no target set"),
    "reason.status_met": ("toteutunut", "met"),
    "reason.status_partly_met": ("osittain toteutunut", "partly met"),
    "reason.status_not_met": ("ei toteutunut", "not met"),
    "reason.no_status": ("tilaa ei ole raportoitu", "no status reported"),
    "reason.derived": ("laskettu osista", "computed from its parts"),
    "reason.pro_rata": ("osuus vuoden tavoitteesta {annual}", "share of the yearly {annual}"),
    # validate and targets as text
    "col.location": ("Kohta", "Location"),
    "col.severity": ("Vakavuus", "Severity"),
    "col.message": ("Viesti", "Message"),
    "col.status": ("Tila", "Status"),
    "col.note": ("Huomautus", "Note"),
    "severity.error": ("virhe", "error"),
    "severity.warning": ("varoitus", "warning"),
    "severity.info": ("huomio", "info"),
    "validate.clean": ("Ei havaintoja.", "No findings."),
    "missing.tbd": ("tbd", "tbd"),
    "missing.new_metric": ("uusi mittari", "new metric"),
    "missing.dash": ("–", "–"),
    "missing.blank": ("", ""),
    "targets.items": ("{heading}: laadulliset tavoitteet", "{heading}: qualitative targets"),
    # summary
    "summary.heading": ("{title}: tilannekatsaus {periods}", "{title}: status at {periods}"),
    "summary.by_goal": ("Vaikuttavuustavoitteittain", "By impact goal"),
    "summary.by_table": ("Taulukoittain", "By table"),
    "summary.misses": ("Saavuttamatta jääneet tavoitteet", "Missed targets"),
    "summary.no_misses": ("Ei saavuttamatta jääneitä tavoitteita.", "No missed targets."),
    "summary.trends": ("Mittarien kehitys {first}–{last}", "Metrics {first}–{last}"),
    "summary.no_goal": ("ei vaikuttavuustavoitetta", "no impact goal"),
    "col.goal": ("Vaikuttavuustavoite", "Impact goal"),
    "col.total": ("Yht.", "Total"),
    "col.gap": ("Ero tavoitteeseen", "Gap to target"),
    "col.trend": ("Kehitys", "Trend"),
    # kinds of figures on a trend
    "point.actual": ("toteuma", "actual"),
    "point.estimate": ("arvio", "estimate"),
    "point.target": ("tavoite", "target"),
    "point.preliminary": ("alustava tavoite", "preliminary target"),
    "point.new_actual": ("uusi toteuma", "new actual"),
    "point.period_target": ("jakson tavoite", "target for the period"),
    "point.other_target": ("tavoite muusta lähteestä", "target from another source"),
    # the HTML report
    "report.title": ("{title}: seurantaraportti {periods}", "{title}: follow-up report {periods}"),
    "report.summary": ("Yhteenveto", "Summary"),
    "report.items": ("Laadulliset tavoitteet", "Qualitative targets"),
    "report.chart": (
        "{name}: luvut {first}–{last}, arvioitu jakso {periods}",
        "{name}: figures {first}–{last}, evaluated period {periods}",
    ),
    "report.agreement": ("Sopimus", "Agreement"),
    "report.diary": ("Diaarinumerot", "Diary numbers"),
    "report.date": ("Päivätty", "Dated"),
    "report.parties": ("Osapuolet", "Parties"),
    "report.sources": ("Lähteet", "Sources"),
    "report.agreement_file": ("Sopimustiedosto", "Agreement file"),
    "report.actuals_files": ("Toteumatiedostot", "Actuals files"),
    "report.made_by": ("Tehty: tulosmittari {version}", "Made with tulosmittari {version}"),
    "party.ministry": ("ministeriö", "ministry"),
    "party.agency": ("virasto", "agency"),
    # GitHub annotations
    "github.title": ("Taulukko {table}: {name} {period}", "Table {table}: {name} {period}"),
    # diff of two agreement versions
    "diff.heading": ("{title}: muutokset {old} → {new}", "{title}: changes {old} → {new}"),
    "diff.none": ("Ei sisällöllisiä muutoksia.", "No changes in meaning."),
    "diff.summary": (
        "{count} muutosta; tavoitteet: {harder} tiukempi, {easier} helpompi, "
        "{shifted} siirtynyt, {changed} muuttunut",
        "{count} change(s); targets: {harder} harder, {easier} easier, "
        "{shifted} shifted, {changed} changed",
    ),
    "diff.group.agreement": ("Sopimus", "Agreement"),
    "diff.group.identities": ("Täsmäytykset", "Identities"),
    "diff.flips": (
        "Muuttuvat tulokset samoilla toteumilla {periods}",
        "Outcomes that change with the same actuals {periods}",
    ),
    "diff.no_flips": ("Yksikään tulos ei muutu.", "No outcome changes."),
    "col.line": ("Rivi", "Line"),
    "col.subject": ("Kohde", "Subject"),
    "col.year": ("Vuosi", "Year"),
    "col.change": ("Muutos", "Change"),
    "col.old": ("Ennen", "Before"),
    "col.new": ("Nyt", "After"),
    "col.effect": ("Vaikutus", "Effect"),
    "col.target_before": ("Tavoite ennen", "Target before"),
    "col.target_after": ("Tavoite nyt", "Target after"),
    "col.before": ("Tulos ennen", "Outcome before"),
    "col.after": ("Tulos nyt", "Outcome after"),
    "change.added": ("lisätty", "added"),
    "change.removed": ("poistettu", "removed"),
    "change.moved": ("siirretty", "moved"),
    "change.target_changed": ("tavoite", "target"),
    "change.value_changed": ("painettu luku", "printed figure"),
    "change.role_changed": ("sarakkeen laji", "column kind"),
    "change.role_changed.agreement": ("sitovuus", "binding"),
    "change.text_changed": ("teksti", "text"),
    "change.unit_changed": ("yksikkö", "unit"),
    "change.direction_changed": ("suunta", "direction"),
    "change.period_kind_changed": ("jaksotus", "period kind"),
    "change.scale_changed": ("asteikko", "scale"),
    "change.tolerance_changed": ("toleranssi", "tolerance"),
    "change.formula_changed": ("kaava", "formula"),
    "change.line_role_changed": ("rivin laji", "line role"),
    "change.field_changed": ("kenttä {field}", "field {field}"),
    "change.added.source": ("lisätty tavoite ({source})", "added target ({source})"),
    "change.removed.source": ("poistettu tavoite ({source})", "removed target ({source})"),
    "change.target_changed.source": ("tavoite ({source})", "target ({source})"),
    "subject.agreement": ("sopimus", "agreement"),
    "subject.section": ("luku", "section"),
    "subject.impact_goal": ("vaikuttavuustavoite", "impact goal"),
    "subject.table": ("taulukko", "table"),
    "subject.column": ("sarake", "column"),
    "subject.metric": ("mittari", "metric"),
    "subject.budget_line": ("talousrivi", "budget line"),
    "subject.reference_row": ("viittausrivi", "reference row"),
    "subject.quoted_target": ("lainattu tavoite", "quoted target"),
    "subject.impact_row": ("vaikuttavuusrivi", "impact row"),
    "subject.group": ("tavoitekokonaisuus", "target group"),
    "subject.item": ("laadullinen tavoite", "qualitative target"),
    "subject.footnote": ("alaviite", "footnote"),
    "subject.identity": ("täsmäytys", "identity"),
    "subject.acknowledgement": ("hyväksytty poikkeama", "acknowledged discrepancy"),
    "effect.easier": ("helpompi", "easier"),
    "effect.harder": ("tiukempi", "harder"),
    "effect.shifted": ("siirtynyt", "shifted"),
    "effect.changed": ("muuttunut", "changed"),
    "periodkind.level": ("tasosuure", "level"),
    "periodkind.flow": ("kertymä", "flow"),
    "linerole.expense": ("meno", "expense"),
    "linerole.income": ("tulo", "income"),
    "linerole.total_expense": ("menot yhteensä", "total expenses"),
    "linerole.total_income": ("tulot yhteensä", "total income"),
    "linerole.net": ("nettokäyttö", "net"),
    "linerole.financing": ("rahoitus", "financing"),
    "linerole.appropriation": ("määräraha", "appropriation"),
    "value.yes": ("kyllä", "yes"),
    "value.no": ("ei", "no"),
}


def resolve_lang(lang: str | None) -> Lang:
    """`--lang` wins, then TULOS_LANG, then Finnish."""
    chosen = (lang or os.environ.get("TULOS_LANG") or DEFAULT_LANG).strip().lower()
    if chosen not in ("fi", "en"):
        raise ValueError(f"unknown language '{chosen}': use fi or en")
    return "fi" if chosen == "fi" else "en"


def message(key: str, lang: Lang, **params: object) -> str:
    """The catalogue text for a key in a language, with its parameters filled in."""
    fi, en = CATALOGUE[key]
    return (fi if lang == "fi" else en).format(**params)


def outcome_label(outcome: Outcome, lang: Lang) -> str:
    return message(f"outcome.{outcome.value}", lang)


def role_label(role: ValueRole, lang: Lang) -> str:
    return message(f"role.{role.value}", lang)


def kind_label(kind: ResultKind, lang: Lang) -> str:
    return message(f"kind.{kind.value}", lang)


def direction_label(direction: Direction, lang: Lang) -> str:
    return message(f"direction.{direction.value}", lang)


def in_lang(text: str, text_en: str | None, lang: Lang) -> str:
    """The agreement's own words: Finnish as printed, English where the agreement gives it."""
    return text_en if lang == "en" and text_en else text


def table_title(result: TargetResult, lang: Lang) -> str:
    return in_lang(result.table_title, result.table_title_en, lang)


def result_name(result: TargetResult, lang: Lang) -> str:
    """Metric names as printed in Finnish; English where the agreement gives it."""
    return result.name_en if lang == "en" and result.name_en else result.name


def result_unit(result: TargetResult, lang: Lang) -> str | None:
    return result.unit_en if lang == "en" and result.unit_en else result.unit


def amount(result: TargetResult, value: object, lang: Lang) -> str:
    """A figure of this result with its unit symbol, or empty when there is no figure."""
    if not isinstance(value, Decimal):
        return ""
    symbol = result.symbol if result.symbol is not None else result_unit(result, lang)
    return with_unit(format_number(value, lang), symbol)


def describe_reason(result: TargetResult, lang: Lang) -> str:
    """The one-line reason a person reads: `3,6 kpl/kk > tavoite 3,3; pienempi on parempi`."""
    code = result.reason
    params: dict[str, object] = {
        "actual": amount(result, result.actual, lang),
        "target": amount(result, result.target, lang),
        "allowance": amount(result, result.allowance, lang),
    }
    if result.direction is not None:
        params["direction"] = direction_label(result.direction, lang)
    if code in (ReasonCode.MET, ReasonCode.MISSED, ReasonCode.MISSED_WITHIN_TOLERANCE):
        side = "lower" if result.direction is Direction.LOWER_IS_BETTER else "higher"
        text = message(f"reason.{code.value}.{side}", lang, **params)
    elif code in (ReasonCode.BREAK_EVEN_MET, ReasonCode.BREAK_EVEN_MISSED) and not result.allowance:
        text = message(f"reason.{code.value}.exact", lang, **params)
    elif code is ReasonCode.NOT_A_TARGET:
        text = (
            message("reason.not_a_target", lang, role=role_label(result.target_role, lang))
            if result.target_role in (ValueRole.ESTIMATE, ValueRole.ACTUAL)
            else message("reason.not_a_target.plain", lang)
        )
    elif code is ReasonCode.NO_TARGET_VALUE:
        text = (
            message("reason.no_target_value", lang, missing=result.missing_text)
            if result.missing_text
            else message("reason.no_target_value.plain", lang)
        )
    else:
        text = message(f"reason.{code.value}", lang, **params)
    extras = []
    if (
        result.target is not None
        and result.annual_target is not None
        and (result.target != result.annual_target)
    ):
        extras.append(
            message("reason.pro_rata", lang, annual=amount(result, result.annual_target, lang))
        )
    if result.derived:
        extras.append(message("reason.derived", lang))
    return f"{text} ({'; '.join(extras)})" if extras else text
