"""Texts of agreement files: formulas, semantic findings and identities."""

TEXTS: dict[str, tuple[str, str]] = {
    # periods (periods.py): actuals files and options
    "period.invalid": (
        "{text:q} ei ole jakso: kirjoita 2024, 2024-H1, 2024-Q1, 2024-03 tai 2024-03-15",
        "{text:q} is not a period: write 2024, 2024-H1, 2024-Q1, 2024-03 or 2024-03-15",
    ),
    "period.invalid_because": (
        "{text:q} ei ole jakso ({reason}): kirjoita 2024, 2024-H1, 2024-Q1, 2024-03 tai 2024-03-15",
        "{text:q} is not a period ({reason}): write 2024, 2024-H1, 2024-Q1, 2024-03 or 2024-03-15",
    ),
    "period.year_range": ("vuoden on oltava {first}–{last}", "the year must be {first}–{last}"),
    "period.half": ("puolivuosi on H1 tai H2", "a half-year is H1 or H2"),
    "period.quarter": ("neljännes on Q1, Q2, Q3 tai Q4", "a quarter is Q1, Q2, Q3 or Q4"),
    "period.month": ("kuukausi on 01–12", "a month is 01–12"),
    "period.day": ("kuussa {month} ei ole päivää {day}", "{month} has no day {day}"),
    # formulas (formula.py)
    "formula.power": (
        "`**`: potenssioperaattoria ei ole; kirjoita kertolasku auki",
        "`**`: there is no power operator; write the multiplication out",
    ),
    "formula.floor_division": (
        "`//` ei ole operaattori; käytä muotoa floor(a / b)",
        "`//` is not an operator; use floor(a / b)",
    ),
    "formula.not_equal": (
        "`!=` ei ole vertailu; käytä vertailuja ==, <=, >=, < tai >",
        "`!=` is not a comparison; use ==, <=, >=, < or >",
    ),
    "formula.string": (
        "merkkijonot eivät ole sallittuja; viittaa mittariin sen tunnuksella",
        "strings are not allowed; refer to a metric by its id",
    ),
    "formula.indexing": (
        "indeksointia merkillä `{char}` ei tueta; viittaa mittariin sen tunnuksella",
        "indexing with `{char}` is not supported; refer to a metric by its id",
    ),
    "formula.single_equals": (
        "pelkkä `=` ei ole vertailu; kirjoita `==`",
        "`=` alone is not a comparison; write `==`",
    ),
    "formula.percent": (
        "`%` ei ole operaattori; operaattorit ovat + - * /",
        "`%` is not an operator; the operators are + - * /",
    ),
    "formula.cycle": (
        "johdetut mittarit muodostavat kehän: {cycle}; määritä jokin niistä painetuista luvuista",
        "derived metrics form a cycle: {cycle}; define one of them from printed figures",
    ),
    "formula.end": ("kaavan loppu", "the end of the formula"),
    "formula.bad_number": (
        "`{word}` ei ole luku: kirjoita tavallinen desimaaliluku, kuten 12 tai 3.5 (ilman"
        " eksponenttia ja `_`-merkkiä)",
        "`{word}` is not a number: write plain decimals such as 12 or 3.5 (no exponent, no `_`)",
    ),
    "formula.long_number": (
        "luvussa on {digits} numeroa; enintään {limit} on sallittu",
        "a number with {digits} digits; numbers have at most {limit}",
    ),
    "formula.bad_name": (
        "`{word}` ei ole mittarin tunnus: tunnus alkaa kirjaimella a–z ja jatkuu merkeillä a–z,"
        " 0–9 tai _",
        "`{word}` is not a metric id: ids start with a-z and go on with a-z, 0-9 or _",
    ),
    "formula.long_name": (
        "nimessä on {length} merkkiä; mittarin tunnuksessa saa olla enintään {limit}",
        "a name of {length} characters; metric ids have at most {limit}",
    ),
    "formula.leading_dot": (
        "luvun on alettava numerolla: kirjoita 0.5, ei .5",
        "a number must start with a digit: write 0.5, not .5",
    ),
    "formula.attribute": (
        "`.`: attribuutteja ei ole; mittarien tunnuksissa käytetään merkkiä `_`",
        "`.`: there is no attribute access; metric ids use `_`",
    ),
    "formula.unexpected_char": (
        "odottamaton {char}; kaavassa voi olla lukuja, mittarien tunnuksia, + - * /, sulkeita ja"
        " funktiot {functions}",
        "unexpected {char}; a formula has numbers, metric ids, + - * /, parentheses and the"
        " functions {functions}",
    ),
    "formula.too_many_parts": (
        "kaavassa on yli {limit} osaa; jaa se johdetuiksi mittareiksi",
        "formula has more than {limit} parts; split it into derived metrics",
    ),
    "formula.too_deep": (
        "kaava on sisäkkäinen yli {limit} tasoa; jaa se johdetuiksi mittareiksi",
        "formula nests deeper than {limit} levels; split it into derived metrics",
    ),
    "formula.operand_expected": (
        "{token}, vaikka odotettiin lukua, mittarin tunnusta tai `(`-merkkiä",
        "{token} where a number, metric id or `(` is expected",
    ),
    "formula.did_you_mean": ("tarkoititko {names:or}?", "did you mean {names:or}?"),
    "formula.the_functions": ("funktiot ovat {functions}", "the functions are {functions}"),
    "formula.unknown_function": (
        "tuntematon funktio `{function}`; {hint}",
        "unknown function `{function}`; {hint}",
    ),
    "formula.unclosed": (
        "`(` jää sulkematta; lisää vastaava `)`",
        "`(` is never closed; add a matching `)`",
    ),
    "formula.nested_comparison": (
        "vertailu `{comparison}` sulkeiden sisällä; täsmäytys vertaa vain ylimmällä tasolla",
        "comparison `{comparison}` inside parentheses; an identity compares only at the top level",
    ),
    "formula.unexpected_in_call": (
        "odottamaton {token}; odotettiin operaattoria, `,` tai `)`",
        "unexpected {token}; expected an operator or `,` or `)`",
    ),
    "formula.unexpected_in_parentheses": (
        "odottamaton {token}; odotettiin operaattoria tai `)`",
        "unexpected {token}; expected an operator or `)`",
    ),
    "formula.comparison_in_derived": (
        "vertailu `{comparison}` johdetun mittarin kaavassa; vain täsmäytykset vertaavat kahta"
        " puolta",
        "comparison `{comparison}` in a derived-metric formula; only identities compare two sides",
    ),
    "formula.second_comparison": (
        "toinen vertailu `{comparison}`; täsmäytys vertaa täsmälleen kahta puolta",
        "a second comparison `{comparison}`; an identity compares exactly two sides",
    ),
    "formula.unopened": ("`)`-merkille ei ole vastaavaa `(`-merkkiä", "`)` has no matching `(`"),
    "formula.trailing": (
        "odottamaton {token} valmiin lausekkeen jälkeen; yhdistä osat operaattorilla",
        "unexpected {token} after a complete expression; join the parts with an operator",
    ),
    "formula.comma": (
        "`,` funktiokutsun ulkopuolella; vain sum, mean, min, max ja round ottavat useita"
        " argumentteja",
        "`,` outside a function call; only sum, mean, min, max and round take several arguments",
    ),
    "formula.one_argument": (
        "{function}() ottaa täsmälleen yhden argumentin, ei {count}",
        "{function}() takes exactly one argument, got {count}",
    ),
    "formula.no_arguments": (
        "{function}() tarvitsee vähintään yhden argumentin",
        "{function}() needs at least one argument",
    ),
    "formula.round_arguments": (
        "round() ottaa yhden tai kaksi argumenttia, ei {count}",
        "round() takes one or two arguments, got {count}",
    ),
    "formula.round_places": (
        "round(): desimaalien määrän on oltava kokonaisluku 0–{limit}, kuten round(x, 2)",
        "round(): the number of decimals must be a whole number from 0 to {limit}, such as"
        " round(x, 2)",
    ),
    "formula.check_spelling": (
        "tarkista kirjoitusasu sopimuksen mittaritunnuksista",
        "check the spelling against the agreement's metric ids",
    ),
    "formula.no_value": ("`{name}`: ei arvoa; {hint}", "no value for `{name}`; {hint}"),
    "formula.unknown_id": (
        "tuntematon mittarin tunnus `{name}`; {hint}",
        "unknown metric id `{name}`; {hint}",
    ),
    "formula.not_finite": (
        "`{name}` on {value}, ei äärellinen luku",
        "`{name}` is {value}, not a finite number",
    ),
    "formula.out_of_range": (
        "lauseketta `{snippet}` ei voi laskea: tulos on lukualueen ulkopuolella",
        "cannot compute `{snippet}`: the result is out of range",
    ),
    "formula.division_by_zero": (
        "jako nollalla: `{snippet}` on 0",
        "division by zero: `{snippet}` is 0",
    ),
    "formula.two_sides": (
        "täsmäytyksellä (`{comparison}`) on kaksi puolta; laske se sides()-funktiolla",
        "an identity (`{comparison}`) has two sides; evaluate it with sides()",
    ),
    "formula.not_an_identity": (
        "ei täsmäytys: kirjoita kahden puolen väliin ==, <=, >=, < tai >",
        "not an identity: put ==, <=, >=, < or > between two sides",
    ),
    "formula.too_long": (
        "kaavassa on {length} merkkiä; raja on {limit}, jaa se johdetuiksi mittareiksi",
        "formula is {length} characters long; the limit is {limit}, split it into derived metrics",
    ),
    "formula.empty": (
        "tyhjä kaava; kirjoita lauseke, kuten sum(a, b)",
        "empty formula; write an expression such as sum(a, b)",
    ),
    # semantic findings (validation.py)
    "validation.duplicate_id": (
        "tunnus {id:q} on kahdesti: {kind} tässä ja {first_kind} rivillä {line}; tunnusten on"
        " oltava yksilöllisiä",
        "duplicate id {id:q} ({kind}); the {first_kind} at line {line} has it already: ids must"
        " be unique",
    ),
    "validation.did_you_mean": ("; tarkoititko {names:qor}?", "; did you mean {names:qor}?"),
    "validation.unknown": ("tuntematon {what} {name:q}{hint}", "unknown {what} {name:q}{hint}"),
    "validation.unknown_footnote": (
        "alaviite {mark:q} ei ole taulukon {table} alaviitteissä ({marks})",
        "footnote {mark:q} is not among table {table}'s footnotes ({marks})",
    ),
    "validation.none": ("ei yhtään", "none"),
    "validation.numbers": ("{numbers:and}", "{numbers:and}"),
    "validation.year_outside": (
        "vuosi {year} on sopimuksen vuosien {first}–{last} ulkopuolella",
        "year {year} is outside the agreement's years {first}–{last}",
    ),
    "validation.binding_and_preliminary": (
        "vuosi {year} on sekä sitova että alustava",
        "year {year} is both binding and preliminary",
    ),
    "validation.no_column": (
        "taulukossa {table} ei ole saraketta vuodelle {year}; lisää se taulukon"
        " `columns`-luetteloon tai poista arvo",
        "table {table} has no column for {year}; add it to the table's `columns` or remove the"
        " value",
    ),
    "validation.outside_scale": (
        "{value} on mittarin {metric:q} asteikon {min}–{max} ulkopuolella",
        "{value} is outside the scale {min}–{max} of {metric:q}",
    ),
    "validation.quoted_target": (
        "lainattu tavoite {value} mittarille {metric:q} vuodelle {year} ei vastaa mitään sen"
        " tavoitteista ({targets}); korjaa lainaus tai lisää tavoite mittarille",
        "quoted target {value} for {metric:q} in {year} matches none of its targets ({targets});"
        " correct the quote or add the target to the metric",
    ),
    "validation.no_comparison": (
        "täsmäytys tarvitsee vertailun, kuten `a == b + c`",
        "an identity needs a comparison such as `a == b + c`",
    ),
    "validation.in_year": ("{year}: {message}", "{year}: {message}"),
    "validation.derived_differs": (
        "johdettu mittari {metric:q} vuonna {year}: {formula} antaa {computed}, painettu luku on"
        " {printed}",
        "derived metric {metric:q} in {year}: {formula} gives {computed}, printed {printed}",
    ),
    "validation.identity_unevaluable": (
        "täsmäytystä {identity:q} ei voi laskea vuodelle {year}: painettu luku puuttuu"
        " ({missing:and})",
        "identity {identity:q} cannot be evaluated in {year}: no printed value for {missing:and}",
    ),
    "validation.identity_error": (
        "täsmäytys {identity:q} vuonna {year}: {message}",
        "identity {identity:q} in {year}: {message}",
    ),
    "validation.identity_holds": (
        "täsmäytys {identity:q} pitää vuonna {year}, mutta se on merkitty hyväksytyksi"
        " poikkeamaksi; poista merkintä",
        "identity {identity:q} holds in {year}, but is acknowledged as broken; remove the"
        " acknowledgement",
    ),
    "validation.acknowledged": (
        "{message} (hyväksytty poikkeama: {note})",
        "{message} (acknowledged: {note})",
    ),
    "validation.acknowledged_year": (
        "hyväksytty vuosi {year} ei ole vuosi, jona täsmäytys tarkistetaan",
        "acknowledged year {year} is not a year the identity is checked in",
    ),
    "validation.identity_breaks": (
        "täsmäytys {identity:q} ei pidä vuonna {year}: odotettiin {right} = {right_text},"
        " painettu {left} ({left_text}), erotus {difference}, toleranssi {tolerance}",
        "identity {identity:q} breaks in {year}: expected {right} = {right_text}, printed"
        " {left} ({left_text}), difference {difference}, tolerance {tolerance}",
    ),
    # findings about actuals against the agreement's arithmetic (evaluation.py)
    "evaluation.identity_breaks": (
        "täsmäytys {identity:q} ei pidä jakson {period} toteumissa: odotettiin {right} ="
        " {right_text}, raportoitu {left} ({left_text}), erotus {difference}, toleranssi"
        " {tolerance}",
        "identity {identity:q} breaks in the actuals for {period}: expected {right} ="
        " {right_text}, reported {left} ({left_text}), difference {difference}, tolerance"
        " {tolerance}",
    ),
    "evaluation.derived_disagrees": (
        "mittarin {metric:q} toteuma {given} jaksolla {period} poikkeaa osistaan lasketusta"
        " arvosta {computed} = {formula} (toleranssi {allowance})",
        "actual {given} of {metric:q} in {period} disagrees with {computed} = {formula} of its"
        " components (tolerance {allowance})",
    ),
}
