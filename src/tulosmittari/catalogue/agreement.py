"""Texts of agreement files: reading the YAML, the schema's errors, formulas, semantic findings
and identities."""

# The schema's models as a message names them: Finnish nominative, genitive, partitive and plural
# partitive ("mittari 'x'", "taulukon 't' alaviite", "odotettiin mittaria", "laadullisia
# tavoitteita"); English from the class name (`ImpactGoal` → "impact goal").
_MODELS: dict[str, tuple[str, str, str, str]] = {
    "Agreement": ("sopimus", "sopimuksen", "sopimusta", "sopimuksia"),
    "Meta": ("perustiedot", "perustietojen", "perustietoja", "perustietoja"),
    "Strategy": ("strategia", "strategian", "strategiaa", "strategioita"),
    "Party": ("osapuoli", "osapuolen", "osapuolta", "osapuolia"),
    "Signatory": ("allekirjoittaja", "allekirjoittajan", "allekirjoittajaa", "allekirjoittajia"),
    "YearSpan": ("vuosiväli", "vuosivälin", "vuosiväliä", "vuosivälejä"),
    "Validity": ("voimassaolo", "voimassaolon", "voimassaoloa", "voimassaoloja"),
    "Report": ("raportti", "raportin", "raporttia", "raportteja"),
    "Reporting": ("raportointi", "raportoinnin", "raportointia", "raportointeja"),
    "Section": ("luku", "luvun", "lukua", "lukuja"),
    "ImpactGoal": (
        "vaikuttavuustavoite",
        "vaikuttavuustavoitteen",
        "vaikuttavuustavoitetta",
        "vaikuttavuustavoitteita",
    ),
    "Table": ("taulukko", "taulukon", "taulukkoa", "taulukoita"),
    "Column": ("sarake", "sarakkeen", "saraketta", "sarakkeita"),
    "Footnote": ("alaviite", "alaviitteen", "alaviitettä", "alaviitteitä"),
    "Metric": ("mittari", "mittarin", "mittaria", "mittareita"),
    "ReferenceRow": ("viiterivi", "viiterivin", "viiteriviä", "viiterivejä"),
    "MissingCell": ("puuttuva solu", "puuttuvan solun", "puuttuvaa solua", "puuttuvia soluja"),
    "ReferenceCell": ("viitesolu", "viitesolun", "viitesolua", "viitesoluja"),
    "BoundCell": (
        "raja-arvotavoite",
        "raja-arvotavoitteen",
        "raja-arvotavoitetta",
        "raja-arvotavoitteita",
    ),
    "RangeCell": ("välitavoite", "välitavoitteen", "välitavoitetta", "välitavoitteita"),
    "Tolerance": ("toleranssi", "toleranssin", "toleranssia", "toleransseja"),
    "Bounds": ("arvorajat", "arvorajojen", "arvorajoja", "arvorajoja"),
    "RatioParts": (
        "suhdeluvun osat",
        "suhdeluvun osien",
        "suhdeluvun osia",
        "suhdeluvun osia",
    ),
    "Scale": ("asteikko", "asteikon", "asteikkoa", "asteikkoja"),
    "ExtraTarget": ("lisätavoite", "lisätavoitteen", "lisätavoitetta", "lisätavoitteita"),
    "QualitativeItem": (
        "laadullinen tavoite",
        "laadullisen tavoitteen",
        "laadullista tavoitetta",
        "laadullisia tavoitteita",
    ),
    "QualitativeGroup": ("tavoiteryhmä", "tavoiteryhmän", "tavoiteryhmää", "tavoiteryhmiä"),
    "ImpactTarget": (
        "lainattu tavoite",
        "lainatun tavoitteen",
        "lainattua tavoitetta",
        "lainattuja tavoitteita",
    ),
    "SocietalImpactRow": (
        "vaikuttavuusrivi",
        "vaikuttavuusrivin",
        "vaikuttavuusriviä",
        "vaikuttavuusrivejä",
    ),
    "Acknowledgement": (
        "hyväksytty poikkeama",
        "hyväksytyn poikkeaman",
        "hyväksyttyä poikkeamaa",
        "hyväksyttyjä poikkeamia",
    ),
    "Identity": ("täsmäytys", "täsmäytyksen", "täsmäytystä", "täsmäytyksiä"),
}


def model_key(name: str) -> str:
    """`ImpactGoal` → `impact_goal`, the catalogue's name for a model."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _model_texts() -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    for name, (nominative, genitive, partitive, plural) in _MODELS.items():
        key = model_key(name)
        noun = key.replace("_", " ")
        a_noun = f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"
        texts[f"schema.noun.{key}"] = (nominative, noun)
        texts[f"schema.noun_of.{key}"] = (genitive, noun)
        texts[f"schema.a_noun.{key}"] = (nominative, a_noun)
        texts[f"schema.noun_partitive.{key}"] = (partitive, a_noun)
        texts[f"schema.nouns.{key}"] = (plural, f"{noun}s")
    return texts


TEXTS: dict[str, tuple[str, str]] = {
    **_model_texts(),
    # reading the file (yaml_text.py)
    "yaml.not_regular": ("tämä ei ole tavallinen tiedosto", "this is not a regular file"),
    "yaml.missing_file": ("tiedostoa ei ole", "the file does not exist"),
    "yaml.too_large": (
        "tiedosto on liian suuri: {size} tavua, yli 5 MiB:n rajan ({limit} tavua)",
        "the file is too large: {size} bytes, over the limit of 5 MiB ({limit} bytes)",
    ),
    "yaml.utf16": (
        "tiedosto on UTF-16-koodattu; tallenna se UTF-8-muodossa",
        "the file is UTF-16 encoded; save it as UTF-8",
    ),
    "yaml.binary": (
        "tiedostossa on binääridataa (NUL-tavu rivillä {line}, sarakkeessa {column}), ei"
        " UTF-8-tekstiä",
        "the file holds binary data (a NUL byte at line {line}, column {column}), not UTF-8 text",
    ),
    "yaml.not_utf8": (
        "tiedosto ei ole kelvollista UTF-8:aa: tavu {byte} rivillä {line}, sarakkeessa {column}"
        " ei ole osa UTF-8-merkkiä{hint}",
        "the file is not valid UTF-8: the byte {byte} at line {line}, column {column} is not part"
        " of a UTF-8 character{hint}",
    ),
    "yaml.windows_1252": (
        "; se näyttää Windows-1252- tai Latin-1-tekstiltä ({char:q} yhtenä tavuna): tallenna"
        " tiedosto UTF-8-muodossa",
        "; it looks like Windows-1252 or Latin-1 text ({char:q} as a single byte): save the"
        " file as UTF-8",
    ),
    "yaml.bad_character": (
        "merkki {code} ei ole sallittu YAML-tekstissä; poista se",
        "the character {code} is not allowed in YAML text; remove it",
    ),
    # the YAML itself (yaml_composer.py, yaml_source.py)
    "yaml.invalid": ("virheellinen YAML: {detail}", "invalid YAML: {detail}"),
    "yaml.syntax": (
        "virheellinen YAML: {problem}{context}{hint}",
        "invalid YAML: {problem}{context}{hint}",
    ),
    "yaml.syntax_error": ("syntaksivirhe", "syntax error"),
    "yaml.context": (" ({context})", " ({context})"),
    "yaml.context_from": (" ({context}, rivi {line})", " ({context} from line {line})"),
    "yaml.hint.colon": (
        "; laita lainausmerkkeihin teksti, jossa on ': '",
        "; put text that contains ': ' in quotes",
    ),
    "yaml.hint.key_indent": (
        "; tarkista sisennys: saman rakenteen avaimet alkavat samasta sarakkeesta",
        "; check the indentation: the keys of one mapping start in the same column",
    ),
    "yaml.hint.list_indent": (
        "; tarkista sisennys: saman listan kohteet alkavat samasta sarakkeesta",
        "; check the indentation: the items of a list start in the same column",
    ),
    "yaml.hint.key_colon": (
        "; avaimen on päätyttävä merkkiin ':'; laita rivinvaihtoja sisältävä teksti"
        " lainausmerkkeihin",
        "; a key must end with ':'; put text with line breaks in quotes",
    ),
    "yaml.hint.unclosed": (
        "; lainausmerkki, '[' tai '{{' jää sulkematta",
        "; a quote, '[' or '{{' is not closed",
    ),
    "yaml.hint.bracket": (
        "; '[' jää sulkematta tai ',' puuttuu",
        "; a '[' is not closed or a ',' is missing",
    ),
    "yaml.hint.brace": (
        "; '{{' jää sulkematta tai ',' puuttuu",
        "; a '{{' is not closed or a ',' is missing",
    ),
    "yaml.hint.start_char": (
        "; laita merkillä '@', '`' tai '%' alkava teksti lainausmerkkeihin",
        "; put text that starts with '@', '`' or '%' in quotes",
    ),
    "yaml.hint.escape": (
        "; käytä yksinkertaisia lainausmerkkejä tai kirjoita kenoviiva muodossa '\\\\'",
        "; use single quotes, or write a backslash as '\\\\'",
    ),
    "yaml.hint.indent": ("; tarkista sisennys", "; check the indentation"),
    "yaml.hint.list_line": (
        "; aloita '- '-lista uudelta, sisennetyltä riviltä",
        "; start the '- ' list on a new, indented line",
    ),
    "yaml.hint.value": ("; arvo puuttuu", "; a value is missing"),
    "yaml.hint.tag_handle": (
        "; tagit eivät ole sallittuja; poista se",
        "; tags are not allowed; remove it",
    ),
    "yaml.folded_block": (
        "{text:q}: YAML lukee arvon alussa olevan merkin '{char}' lohkotekstin aloitukseksi;"
        " laita tavoite lainausmerkkeihin: {quoted}",
        "{text:q}: YAML reads '{char}' at the start of a value as the start of a block of text;"
        " put the target in quotes: {quoted}",
    ),
    "yaml.lone_dash": (
        "YAML lukee yksinäisen '-'-merkin listan aloitukseksi; kirjoita viiva lainausmerkeissä"
        " ('-') tai ajatusviivana (–)",
        "YAML reads a lone '-' as the start of a list; write the dash in quotes ('-') or as"
        " an en dash (–)",
    ),
    "yaml.flow_comma": (
        "{text:q}: aaltosulkeiden {{…}} sisällä YAML jakaa arvot pilkun kohdalta, joten {value}"
        " luettiin arvoksi ja {split} avaimeksi ilman arvoa; kirjoita arvot omille riveilleen"
        " (`{year}: {text}`) tai luku lainausmerkkeihin ('{text}')",
        "{text:q}: inside {{…}} YAML splits at commas, so it was read as the value {value} and a"
        " key {split} without a value; write the values one a line (`{year}: {text}`) or the"
        " figure in quotes ('{text}')",
    ),
    "yaml.undefined_alias": (
        "aliakselle '*{name}' ei ole ankkuria '&{name}' ennen sitä",
        "the alias '*{name}' has no anchor '&{name}' before it",
    ),
    "yaml.recursive_alias": (
        "alias '*{name}' on oman ankkurinsa '&{name}' (rivi {line}) sisällä: rekursiivinen"
        " rakenne ei ole sallittu",
        "the alias '*{name}' is inside its own anchor '&{name}' (line {line}): a recursive"
        " structure is not allowed",
    ),
    "yaml.tab": (
        "sarkaimet eivät ole sallittuja sisennyksessä; käytä välilyöntejä",
        "tabs are not allowed for indentation; use spaces",
    ),
    "yaml.documents": (
        "tiedostossa on useampi kuin yksi YAML-dokumentti (toinen '---'); sopimus on yksi"
        " dokumentti",
        "the file holds more than one YAML document (a second '---'); an agreement is one document",
    ),
    "yaml.empty": ("tiedosto on tyhjä", "the file is empty"),
    "yaml.not_a_mapping": (
        "ylimmän tason on oltava avain–arvo-rakenne (kuten 'schema_version: 1'), ei {got}",
        "the top level must be a mapping of keys and values (such as 'schema_version: 1'),"
        " not {got}",
    ),
    "yaml.too_deep": (
        "tiedot ovat sisäkkäin yli {limit} tasoa",
        "the data is nested more than {limit} levels deep",
    ),
    "yaml.too_deep_alias": (
        "tiedot ovat sisäkkäin yli {limit} tasoa (aliaksen '*{name}' kautta)",
        "the data is nested more than {limit} levels deep (through the alias '*{name}')",
    ),
    "yaml.bad_key": (
        "avaimen on oltava tekstiä tai kokonaisluku (vuosi), ei {got}{hint}",
        "a key must be text or a whole number (a year), not {got}{hint}",
    ),
    "yaml.hint.quote_key": (
        "; laita se lainausmerkkeihin, jos se on tekstiä",
        "; put it in quotes to use it as text",
    ),
    "yaml.merge_key": (
        "yhdistämisavaimia ('<<') ei tueta; kirjoita avaimet kokonaan",
        "merge keys ('<<') are not supported; write the keys out in full",
    ),
    "yaml.duplicate_key": (
        "avain {name} on kahdesti (ensimmäinen rivillä {line})",
        "duplicate key {name} (first at line {line})",
    ),
    "yaml.too_many_aliased": (
        "liikaa solmuja aliasten auki kirjoittamisen jälkeen ('billion laughs' -tiedosto?):"
        " raja on {limit}",
        "too many nodes after alias expansion (a 'billion laughs' file?): the limit is {limit}",
    ),
    "yaml.too_many_nodes": (
        "liikaa solmuja: raja on {limit} avainta ja arvoa",
        "too many nodes: the limit is {limit} keys and values",
    ),
    "yaml.tag": (
        "tagi '{tag}' ei ole sallittu; vain '!!str' on käytettävissä",
        "the tag '{tag}' is not allowed; only '!!str' may be used",
    ),
    "yaml.long_number": (
        "luvussa on yli {limit} numeroa; laita se lainausmerkkeihin, jos se on tekstiä",
        "a number with more than {limit} digits; put it in quotes if it is text",
    ),
    # values as a message names them (yaml_source.describe)
    "yaml.value.text": ("teksti {text}", "text {text}"),
    "yaml.value.number": ("luku {number}", "the number {number}"),
    "yaml.value.bool": ("totuusarvo {word}", "{word}"),
    "yaml.value.null": ("tyhjä arvo (null)", "an empty value (null)"),
    "yaml.value.mapping": ("avain–arvo-rakenne", "a mapping"),
    "yaml.value.list": ("lista", "a list"),
    # the schema's errors (schema_errors.py): where they are
    "schema.subject.top": ("ylätaso", "the top level"),
    "schema.subject.named": ("{noun} {id}", "{noun} {id}"),
    "schema.subject.item": ("{a_noun}", "{a_noun}"),
    "schema.subject.item_of": ("{owner} {owner_id} {a_noun}", "{a_noun} of {owner} {owner_id}"),
    "schema.subject.field": ("kenttä {field}", "{field}"),
    "schema.subject.field_of": (
        "{owner} {owner_id} kenttä {field}",
        "{field} of {owner} {owner_id}",
    ),
    "schema.where": ("{subject}", "in {subject}"),
    "schema.where.top": ("ylätaso", "at the top level"),
    # ... what they are
    "schema.unknown_field": (
        "{where}: tuntematon kenttä {field}{hint}",
        "unknown field {field} {where}{hint}",
    ),
    "schema.hint.did_you_mean": ("; tarkoititko {name:q}?", "; did you mean {name:q}?"),
    "schema.hint.use_fields": ("; käytä jotakin näistä: {fields}", "; use one of: {fields}"),
    "schema.hint.remove_or_correct": (
        "; poista se tai korjaa sen nimi",
        "; remove it or correct its name",
    ),
    "schema.missing_field": (
        "{where}: pakollinen kenttä {field} puuttuu",
        "missing required field {field} {where}",
    ),
    "schema.invalid_value": (
        "{value} ei ole sallittu arvo: {use}{hint}",
        "{value} is not a valid value: {use}{hint}",
    ),
    "schema.use_one_of": ("käytä jotakin näistä: {values}", "use one of {values}"),
    "schema.use": ("käytä arvoa {values}", "use {values}"),
    "schema.bad_id": (
        "{value} ei kelpaa tunnukseksi: ensimmäinen merkki a–z, sitten a–z, 0–9 tai _{long}",
        "{value} is not a valid id: use a-z first, then a-z, 0-9 or _{long}",
    ),
    "schema.id_too_long": (" (enintään 80 merkkiä)", " (at most 80 characters)"),
    "schema.bad_budget_item": (
        "{value} ei ole momentti: kirjoita se kuten painettu, esimerkiksi 28.20.07",
        "{value} is not a budget item (momentti): write it as printed, e.g. 28.20.07",
    ),
    "schema.pattern": (
        "{value} ei vastaa muotoa {pattern}",
        "{value} does not match the pattern {pattern}",
    ),
    "schema.empty_text": ("teksti ei saa olla tyhjä", "the text must not be empty"),
    "schema.year_out_of_range": (
        "vuosi {value} on sallitun välin ulkopuolella: käytä vuotta {low}–{high}",
        "year {value} is out of range: use a year from {low} to {high}",
    ),
    "schema.out_of_range": (
        "{value} on sallitun välin ulkopuolella: käytä arvoa {low}–{high}",
        "{value} is out of range: use a value from {low} to {high}",
    ),
    "schema.too_small": (
        "{value} on liian pieni: pienin sallittu arvo on {limit}",
        "{value} is too small: the minimum is {limit}",
    ),
    "schema.too_small_strict": (
        "{value} on liian pieni: sen on oltava suurempi kuin {limit}",
        "{value} is too small: it must be more than {limit}",
    ),
    "schema.too_large": (
        "{value} on liian suuri: suurin sallittu arvo on {limit}",
        "{value} is too large: the maximum is {limit}",
    ),
    "schema.too_large_strict": (
        "{value} on liian suuri: sen on oltava pienempi kuin {limit}",
        "{value} is too large: it must be less than {limit}",
    ),
    "schema.length_exactly": (
        "odotettiin täsmälleen {count} {count:kohde|kohdetta}, saatiin {actual}",
        "expected exactly {count} {count:item|items}, got {actual}",
    ),
    "schema.length_at_least": (
        "odotettiin vähintään {count} {count:kohde|kohdetta}, saatiin {actual}",
        "expected at least {count} {count:item|items}, got {actual}",
    ),
    "schema.length_at_most": (
        "odotettiin enintään {count} {count:kohde|kohdetta}, saatiin {actual}",
        "expected at most {count} {count:item|items}, got {actual}",
    ),
    "schema.rule_in": ("{subject}: {rule}", "{subject}: {rule}"),
    "schema.other_rule": ("{rule}", "{rule}"),
    "schema.type": (
        "odotettiin {expected}, saatiin {got}{hint}",
        "expected {expected}, got {got}{hint}",
    ),
    "schema.union": ("odotettiin {members:or}, saatiin {got}", "expected {members:or}, got {got}"),
    "schema.list_of": ("lista, jossa on {nouns}", "a list of {nouns}"),
    "schema.a_value": ("arvoa", "a value"),
    "schema.other": ("{detail}, saatiin {got}", "{detail}, got {got}"),
    "schema.expected.text": ("tekstiä", "text"),
    "schema.expected.whole_number": ("kokonaislukua", "a whole number"),
    "schema.expected.bool": ("arvoa true tai false", "true or false"),
    "schema.expected.list": ("listaa", "a list"),
    "schema.expected.mapping": ("avain–arvo-rakennetta", "a mapping"),
    "schema.expected.number": ("lukua", "a number"),
    "schema.expected.date": ("päivämäärää (VVVV-KK-PP)", "a date (YYYY-MM-DD)"),
    "schema.expected.model": ("{noun} (avain–arvo-rakenne)", "{noun} (a mapping)"),
    "schema.expected.class": ("tyyppiä {name}", "a {name}"),
    "schema.hint.remove_quotes": ("; poista lainausmerkit", "; remove the quotes"),
    "schema.hint.printed_number": (
        "; kirjoita luku kuten painettu, esimerkiksi 3,5, 53 946 tai −3",
        "; write the number as printed, e.g. 3,5, 53 946 or −3",
    ),
    "schema.hint.no_separators": (
        "; kirjoita numerot ilman erottimia",
        "; write the digits without separators",
    ),
    "schema.hint.leading_zeros": (
        "; kirjoita se ilman etunollia",
        "; write it without leading zeros",
    ),
    "schema.hint.exponent": (
        "; kirjoita luku kokonaan, ilman eksponenttia",
        "; write the number out in full, without an exponent",
    ),
    "schema.hint.quote": ("; laita se lainausmerkkeihin", "; put it in quotes"),
    "schema.hint.true_false": ("; kirjoita true tai false", "; write true or false"),
    "schema.hint.no_such_day": ("; sellaista päivää ei ole", "; there is no such day"),
    "schema.hint.date_form": ("; kirjoita se muodossa VVVV-KK-PP", "; write it as YYYY-MM-DD"),
    "schema.hint.list_form": (
        "; kirjoita se muodossa [a, b] tai riveinä, jotka alkavat '- '",
        "; write it as [a, b] or as lines that start with '- '",
    ),
    # ... and the rules of the models (schema.py)
    "schema.rule.printed_cell": (
        "{text:q} ei ole solun arvo: kirjoita luku tai merkintä kuten painettu ({forms}) tai"
        " esimerkiksi {{missing: new_metric}}",
        "{text:q} is not a cell value: write a figure or a mark as printed ({forms}), or a"
        " mapping such as {{missing: new_metric}}",
    ),
    "schema.rule.range_order": (
        "vaihteluvälin alaraja ('low') ei saa olla ylärajaa ('high') suurempi",
        "a range's 'low' must not be above its 'high'",
    ),
    "schema.rule.tolerance_empty": (
        "anna 'absolute', 'relative' tai molemmat",
        "give 'absolute', 'relative' or both",
    ),
    "schema.rule.bounds_order": (
        "arvorajojen 'min' ei saa olla suurempi kuin 'max'",
        "bounds 'min' must not be above 'max'",
    ),
    "schema.rule.scale_order": (
        "asteikon 'min' on oltava pienempi kuin 'max'",
        "scale 'min' must be below 'max'",
    ),
    "schema.rule.years_order": (
        "'first' ei saa olla 'last'-vuoden jälkeen",
        "'first' must not be after 'last'",
    ),
    # the agreement `tulos init` writes (starter.py)
    "starter.intro": (
        "Tulossopimus tulosmittarille, tehty komennolla `tulos init`. Tiedosto on kelvollinen"
        " sellaisenaan: tarkista jokainen muutos komennolla `tulos validate`. Kaikki kentät on"
        " kuvattu tiedostossa docs/agreement-format.md.\n\nKirjoita luvut kuten ne on painettu:\n"
        "  3,7   53 946   −3   –   tbd   < 10   ≥ 3,5   3,6–3,8\nAaltosulkeiden {{…}} sisällä"
        " laita pilkullinen luku lainausmerkkeihin ('4,3'), samoin merkillä > tai | alkava"
        " tavoite ('> 95').",
        "A performance agreement for tulosmittari, made by `tulos init`. It is valid as it is:"
        " check each edit with `tulos validate`. Every field is described in"
        " docs/agreement-format.md.\n\nWrite figures as the document prints them:\n"
        "  3,7   53 946   −3   –   tbd   < 10   ≥ 3,5   3,6–3,8\nInside {{…}} put a figure with a"
        " comma in quotes ('4,3'), and a target that starts with > or | too ('> 95').",
    ),
    "starter.meta": (
        "Valinnaisia: title_en, date, diary_numbers, parties, signatories, validity, reporting,"
        " notes. Ilman validity-kenttää vuosi on sitova, jos jossakin taulukossa on sille"
        " tavoite- tai ta-sarake; muut vuodet ovat alustavia.",
        "Optional: title_en, date, diary_numbers, parties, signatories, validity, reporting,"
        " notes. Without validity, a year binds when a table has a tavoite or ta column for it;"
        " the other years are preliminary.",
    ),
    "starter.tables": (
        "Yksi kohta kutakin painettua taulukkoa kohden. Sarakkeen kind kertoo, mikä vuoden luku"
        " on: toteuma tai tp (toteutunut), arvio, tavoite tai ta (sitova tavoite),"
        " alustava_tavoite tai kehys (alustava tavoite).",
        "One entry a printed table. A column's kind says what the year's figure is: toteuma or"
        " tp (an actual), arvio (an estimate), tavoite or ta (a binding target),"
        " alustava_tavoite or kehys (a preliminary target).",
    ),
    "starter.rows": (
        "Yksi kohta kutakin painettua riviä kohden; korvaa tämä esimerkki taulukon riveillä.",
        "One entry a printed row; replace this example with the table's rows.",
    ),
    "starter.table_title": ("Taulukon otsikko kuten painettu", "The table's title as printed"),
    "starter.metric_name": ("Esimerkkimittari, %", "Example metric, %"),
    "starter.direction": (
        "direction: higher_is_better, lower_is_better, break_even (tavoite on tasapaino) tai"
        " not_a_target (näytetään, ei arvioida)",
        "direction: higher_is_better, lower_is_better, break_even (the target is a balance) or"
        " not_a_target (shown, not judged)",
    ),
    "starter.period_kind": (
        "period_kind: level (prosentti, arvosana, indeksi: osa vuotta verrataan vuoden"
        " tavoitteeseen sellaisenaan) tai flow (eurot, kappaleet, henkilötyövuodet: osa vuotta"
        " verrataan osuuteen vuoden tavoitteesta)",
        "period_kind: level (a percentage, score, index: part of a year is compared with the"
        " year's target as it is) or flow (euros, counts, person-years: part of a year is"
        " compared with a share of the year's target)",
    ),
    "starter.bad_id": (
        "--id {id:q} ei kelpaa tunnukseksi: ensimmäinen merkki a–z, sitten a–z, 0–9 tai _"
        " (enintään 80 merkkiä), esimerkiksi vm_virasto_2024_2027",
        "--id {id:q} is not a valid id: use a-z first, then a-z, 0-9 or _ (at most 80"
        " characters), e.g. vm_virasto_2024_2027",
    ),
    "starter.bad_title": (
        "--title: anna sopimuksen otsikko kuten painettu, yhdellä rivillä",
        "--title: give the agreement's title as printed, on one line",
    ),
    "starter.bad_years": (
        "--years {text:q}: kirjoita sopimuksen vuodet muodossa 2024-2027 tai yksi vuosi"
        " (1900–2200)",
        "--years {text:q}: write the agreement's years as 2024-2027, or one year (1900–2200)",
    ),
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
        " painettu {left} ({left_text}), erotus {difference}, toleranssi {tolerance}{terms}",
        "identity {identity:q} breaks in {year}: expected {right} = {right_text}, printed"
        " {left} ({left_text}), difference {difference}, tolerance {tolerance}{terms}",
    ),
    "validation.identity_terms": ("; luvut: {terms:and}", "; the figures: {terms:and}"),
    "validation.identity_term_at": (
        "{name} = {value} ({line}:{column})",
        "{name} = {value} ({line}:{column})",
    ),
    "validation.identity_term": ("{name} = {value}", "{name} = {value}"),
    "validation.outside_percent": (
        "{value} ei ole uskottava prosenttiluku mittarille {metric:q}: osuus on 0–100; jos luku"
        " voi ylittää sadan, anna mittarille `bounds: {{min: 0}}`",
        "{value} is not a plausible percentage for {metric:q}: a share lies in 0–100; if the"
        " figure may pass 100, give the metric `bounds: {{min: 0}}`",
    ),
    "validation.below_zero": (
        "{value} on alle nollan, mutta mittari {metric:q} ei voi olla negatiivinen; jos se voi"
        " (esimerkiksi tase), anna mittarille `bounds: {{}}`",
        "{value} is below zero, which {metric:q} cannot be; if it may be negative (a balance),"
        " give the metric `bounds: {{}}`",
    ),
    "validation.below_min": (
        "{value} on pienempi kuin mittarille {metric:q} annettu vähimmäisarvo {min} (`bounds`)",
        "{value} is below the minimum {min} given for {metric:q} (`bounds`)",
    ),
    "validation.above_max": (
        "{value} on suurempi kuin mittarille {metric:q} annettu enimmäisarvo {max} (`bounds`)",
        "{value} is above the maximum {max} given for {metric:q} (`bounds`)",
    ),
}
