"""Texts of actuals files: figures, the CSV text, each row's checks and the files read together."""

TEXTS: dict[str, tuple[str, str]] = {
    # figures (figures.py)
    "actuals.number.empty": ("arvo on tyhjä", "the value is empty"),
    "actuals.number.too_long": (
        "{start:q}… on liian pitkä luvuksi ({length} merkkiä)",
        "{start:q}… is too long for a number ({length} characters)",
    ),
    "actuals.number.not_a_number": (
        "{text:q} ei ole luku: kirjoita esim. 12, -3,5, 3.5, 465 668 tai 97,5 %",
        "{text:q} is not a number: write e.g. 12, -3.5, 3,5, 465 668 or 97,5 %",
    ),
    "actuals.number.two_separators": (
        "luvussa {text:q} on useampi kuin yksi desimaalierotin: kirjoita esim. 1234,5 tai"
        " 1 234,5 (tuhannet ryhmitellään välilyönnein, jos lainkaan)",
        "{text:q} has more than one decimal separator: write e.g. 1234.5 or 1 234,5 (thousands"
        " grouped by spaces, if at all)",
    ),
    "actuals.number.bad_spaces": (
        "luvun {text:q} välilyönnit eivät erota tuhansia: kirjoita esim. 465 668 tai 465668",
        "{text:q} has spaces that do not separate thousands: write e.g. 465 668 or 465668",
    ),
    # a file's decimal convention (convention.py)
    "actuals.convention.comma": (
        "tämä tiedosto kirjoittaa desimaalit pilkulla (rivi {line})",
        "this file writes decimals with a comma (line {line})",
    ),
    "actuals.convention.spaces": (
        "tämä tiedosto ryhmittelee tuhannet välilyönnein (rivi {line})",
        "this file groups thousands with spaces (line {line})",
    ),
    "actuals.convention.point": (
        "tämä tiedosto kirjoittaa desimaalit pisteellä (rivi {line})",
        "this file writes decimals with a point (line {line})",
    ),
    "actuals.ambiguous.point": (
        "luvussa {text:q} on piste ennen kolmea numeroa, ja {convention}: luku on luultavasti"
        " {grouped} toisen kielialueen tuhaterottimella kirjoitettuna; kirjoita {plain} tai"
        " {grouped} (tai {decimal}, jos tarkoitit desimaalilukua)",
        "{text:q} has a dot before three digits, and {convention}: it was probably {grouped},"
        " written with another locale's thousands separator; write {plain} or {grouped} (or"
        " {decimal} if a decimal was meant)",
    ),
    "actuals.ambiguous.comma": (
        "luvussa {text:q} on pilkku ennen kolmea numeroa, ja {convention}: luku on luultavasti"
        " {grouped} englantilaisella tuhaterottimella kirjoitettuna; kirjoita {plain} tai"
        " {grouped} (tai {decimal}, jos tarkoitit desimaalilukua)",
        "{text:q} has a comma before three digits, and {convention}: it was probably {grouped},"
        " written with an English thousands separator; write {plain} or {grouped} (or"
        " {decimal} if a decimal was meant)",
    ),
    "actuals.ambiguous.unsettled": (
        "luku {text:q} on monitulkintainen: se voi olla {grouped} tuhaterottimella"
        " kirjoitettuna tai desimaaliluku, eivätkä tiedoston muut luvut ratkaise kumpi;"
        " kirjoita {plain} tai {grouped}, jos tarkoitit ensimmäistä, ja {decimal}, jos"
        " jälkimmäistä",
        "{text:q} is ambiguous: it may be {grouped} written with a thousands separator, or a"
        " decimal, and the file's other figures do not settle which; write {plain} or {grouped}"
        " for the first, {decimal} for the second",
    ),
    # the CSV text (actuals_csv.py)
    "actuals.file.empty": (
        "tiedosto on tyhjä: sen alkuun tarvitaan otsikkorivi, esim. metric,period,value",
        "the file is empty: it needs a header row such as metric,period,value",
    ),
    "actuals.file.empty_pipe": (
        "putkesta ei tullut mitään: alkuun tarvitaan otsikkorivi, esim. metric,period,value",
        "nothing came through the pipe: it needs a header row such as metric,period,value",
    ),
    "actuals.file.utf16": (
        "tiedosto on UTF-16-muodossa: tallenna se UTF-8-muodossa (Excelissä: CSV UTF-8)",
        "the file is UTF-16: save it as UTF-8 (in Excel: CSV UTF-8)",
    ),
    "actuals.file.not_utf8": (
        "tiedosto ei ole UTF-8-muodossa: tavu 0x{byte}; tallenna se UTF-8-muodossa (Excelissä:"
        " CSV UTF-8)",
        "the file is not UTF-8: byte 0x{byte}; save it as UTF-8 (in Excel: CSV UTF-8)",
    ),
    "actuals.file.not_utf8_cp1252": (
        "tiedosto ei ole UTF-8-muodossa: tavu 0x{byte} (Windows-1252- tai Latin-1-merkistössä"
        " se on {char:q}); tallenna se UTF-8-muodossa (Excelissä: CSV UTF-8)",
        "the file is not UTF-8: byte 0x{byte} (in Windows-1252 or Latin-1 it is {char:q}); save"
        " it as UTF-8 (in Excel: CSV UTF-8)",
    ),
    "actuals.file.nul": (
        "tiedostossa on NUL-tavuja: se ei ole CSV-tekstitiedosto (onko se taulukkolaskennan tai"
        " UTF-16-tiedosto?); tallenna se muodossa CSV UTF-8",
        "the file contains NUL bytes: it is not a text CSV file (a spreadsheet or UTF-16"
        " file?); save it as CSV UTF-8",
    ),
    "actuals.file.long_line": (
        "rivi {line} on yli 1 MiB pitkä: tämä ei ole toteumien CSV-tiedosto",
        "line {line} is longer than 1 MiB: this is not a CSV file of actuals",
    ),
    "actuals.file.long_quote": (
        "rivillä {line} lainausmerkeissä alkava kenttä jatkuu yli 1 MiB: puuttuuko"
        " loppulainausmerkki?",
        "the quoted field that starts on line {line} runs over 1 MiB: is a closing quote missing?",
    ),
    "actuals.file.unclosed_quote": (
        "rivillä {line} lainausmerkeissä alkavaa kenttää ei suljeta",
        "the quoted field that starts on line {line} is never closed",
    ),
    "actuals.file.bare_cr": (
        "rivit päättyvät pelkkään CR-merkkiin (vanha Mac-muoto): tallenna tiedosto"
        " UTF-8-muodossa (Excelissä: CSV UTF-8)",
        "the lines end in a bare carriage return (old Mac format): save it as UTF-8 (in Excel:"
        " CSV UTF-8)",
    ),
    "actuals.file.too_many_bytes": (
        "syötteessä on yli {limit:n} tavua, eikä tulos lue enempää yhdestä tiedostosta tai"
        " putkesta: jaa se osiin tai nosta rajaa ympäristömuuttujalla TULOS_MAX_BYTES",
        "the input is larger than {limit:n} bytes, the most tulos reads from one file or pipe:"
        " split it, or raise the limit with the environment variable TULOS_MAX_BYTES",
    ),
    "actuals.file.too_many_rows": (
        "syötteessä on yli {limit:n} riviä, eikä tulos lue enempää yhdestä tiedostosta tai"
        " putkesta: jaa se osiin tai nosta rajaa ympäristömuuttujalla TULOS_MAX_ROWS",
        "the input has more than {limit:n} rows, the most tulos reads from one file or pipe:"
        " split it, or raise the limit with the environment variable TULOS_MAX_ROWS",
    ),
    "actuals.file.stopped": (
        "lukeminen lopetettiin tähän {limit} virheen jälkeen: korjaa ensin ne",
        "reading stopped here after {limit} problems: fix those first",
    ),
    "actuals.file.more_problems": (
        "… ja {n} {n:muu virhe|muuta virhettä}",
        "… and {n} more {n:problem|problems}",
    ),
    "actuals.delimiter.comma": ("pilkku", "comma"),
    "actuals.delimiter.semicolon": ("puolipiste", "semicolon"),
    "actuals.delimiter.tab": ("sarkain", "tab"),
    # the header
    "actuals.header.quotes": (
        'otsikkorivin lainausmerkit ovat väärin: lainaa kokonaisia nimiä, sisällä ""',
        'the header\'s quotes are wrong: quote whole names, "" inside',
    ),
    "actuals.header.single_column": (
        "otsikkorivillä {text:q} on vain yksi sarake: erota sarakkeet pilkulla, puolipisteellä"
        " tai sarkaimella (metric,period,value)",
        "the header {text:q} has a single column: separate the columns with a comma, semicolon"
        " or tab (metric,period,value)",
    ),
    "actuals.header.not_a_header": (
        "ensimmäinen rivi {text:q} ei ole otsikkorivi: nimeä ensin sarakkeet, esim."
        " metric,period,value",
        "the first line {text:q} is not a header: name the columns first, e.g. metric,period,value",
    ),
    "actuals.header.unnamed": (
        "otsikkorivin sarakkeella {column} ei ole nimeä",
        "column {column} of the header has no name",
    ),
    "actuals.header.unknown": (
        "tuntematon sarake {name:q}{hint}: sarakkeet ovat {columns}",
        "unknown column {name:q}{hint}: the columns are {columns}",
    ),
    "actuals.header.did_you_mean": (" (tarkoititko {name:q}?)", " (did you mean {name:q}?)"),
    "actuals.header.twice": (
        "sarake {name:q} on annettu kahdesti",
        "column {name:q} is given twice",
    ),
    "actuals.header.missing": (
        "sarake {names:qor} puuttuu: otsikkorivillä on oltava metric, period ja value (tai"
        " status), erottimena {delimiter}",
        "missing column {names:qor}: the header needs metric, period and value (or status),"
        " separated by a {delimiter}",
    ),
    "actuals.header.needs_partner": (
        "sarake {have:q} tarvitsee parikseen sarakkeen {lack:q}",
        "column {have:q} needs a {lack:q} column",
    ),
    "actuals.header.no_figure_column": (
        "sarake 'value' puuttuu: otsikkorivillä on oltava value, status tai numerator ja"
        " denominator",
        "missing column 'value': the header needs value, status or numerator and denominator",
    ),
    # a row's fields
    "actuals.row.fields": (
        "rivillä on {count} {count:kenttä|kenttää}, mutta otsikkorivillä {width}{hint}",
        "the row has {count} {count:field|fields} but the header has {width}{hint}",
    ),
    "actuals.row.other_delimiter": (
        " (onko erottimena {delimiter} kuten otsikkorivillä?)",
        " (is it separated by a {delimiter} like the header?)",
    ),
    "actuals.row.decimal_comma": (
        " (desimaalipilkku vaatii lainausmerkit, tai käytä erottimena merkkiä ;)",
        " (a decimal comma needs quotes, or use ; as the separator)",
    ),
    "actuals.row.quotes": (
        'rivin lainausmerkit ovat väärin ({error}): lainaa kokonaisia kenttiä, sisällä ""',
        'the row\'s quotes are wrong ({error}): quote whole fields, "" inside',
    ),
    # each row's checks (actuals.py)
    "actuals.id.empty": ("mittarin tunnus puuttuu", "the metric id is empty"),
    "actuals.id.unknown": (
        "tuntematon mittari tai tavoite {id:q}{hint}: käytä sopimuksen tunnuksia",
        "unknown metric or item {id:q}{hint}: use the ids of the agreement",
    ),
    "actuals.id.did_you_mean": (" (tarkoititko {ids:qor}?)", " (did you mean {ids:qor}?)"),
    "actuals.period.empty": ("jakso puuttuu", "the period is empty"),
    "actuals.item.figure": (
        "{id:q} on laadullinen tavoite: anna sen tila status-sarakkeessa, ei {column}-sarakkeessa",
        "{id:q} is a qualitative item: give a status, not a {column}",
    ),
    "actuals.item.no_status": ("tavoitteen {id:q} tila puuttuu", "no status for {id:q}"),
    "actuals.item.bad_status": (
        "{text:q} ei ole tila: kirjoita toteutunut, osittain toteutunut tai ei toteutunut (met,"
        " partly met, not met)",
        "{text:q} is not a status: write met, partly met or not met (toteutunut, osittain"
        " toteutunut, ei toteutunut)",
    ),
    "actuals.item.year": (
        "{id:q} on vuoden {years:and} tavoite, ei vuoden {year}",
        "{id:q} is a target for {years:and}, not {year}",
    ),
    "actuals.metric.status": (
        "{id:q} on mittari: anna sille arvo (value), ei tilaa (status)",
        "{id:q} is a metric: give a value, not a status",
    ),
    "actuals.metric.no_parts": (
        "{id:q} ei ole osuus eikä suhdeluku (sen luvut yhdistetään tavalla {aggregation}): jätä"
        " numerator ja denominator tyhjiksi",
        "{id:q} is not a share or a ratio (it aggregates by {aggregation}): leave numerator and"
        " denominator empty",
    ),
    "actuals.metric.needs_both": (
        "{id:q} tarvitsee sekä osoittajan (numerator) että nimittäjän (denominator)",
        "{id:q} needs both numerator and denominator",
    ),
    "actuals.metric.denominator": (
        "nimittäjän on oltava nollaa suurempi, ei {denominator}",
        "the denominator must be above zero, not {denominator}",
    ),
    "actuals.metric.no_value": ("mittarin {id:q} arvo puuttuu", "no value for {id:q}"),
    "actuals.metric.no_value_column": (
        "mittarin {id:q} arvo puuttuu: tiedostossa ei ole value-saraketta",
        "no value for {id:q}: the file has no value column",
    ),
    "actuals.metric.yearly_only": (
        "{id:q} mitataan kerran vuodessa: anna koko vuoden luku (jakso {year}), ei jakson"
        " {period} lukua",
        "{id:q} is measured once a year: give the year's figure (period {year}), not one for"
        " {period}",
    ),
    "actuals.share.disagrees": (
        "arvo {value} ei vastaa osuutta 100 × {numerator} / {denominator} = {share}",
        "the value {value} does not agree with 100 × {numerator} / {denominator} = {share}",
    ),
    "actuals.ratio.disagrees": (
        "arvo {value} ei vastaa suhdelukua {numerator} / {denominator} = {share}",
        "the value {value} does not agree with {numerator} / {denominator} = {share}",
    ),
    "actuals.bounds.scale": (
        "{value} on mittarin {id:q} asteikon {low}–{high} ulkopuolella",
        "{value} is outside the scale {low}–{high} of {id:q}",
    ),
    "actuals.bounds.range": (
        "{value} ei ole välillä {low}–{high}, jolla mittarin {id:q} luvut voivat olla: tarkista"
        " luku ja sen yksikkö",
        "{value} is outside {low}–{high}, where the figures of {id:q} can lie: check the figure"
        " and its unit",
    ),
    "actuals.bounds.below": (
        "{value} on pienempi kuin {low}, mittarin {id:q} pienin mahdollinen luku: tarkista luku ja"
        " sen etumerkki (jos mittari voi olla negatiivinen, sopimus sanoo sen kohdassa bounds)",
        "{value} is below {low}, the lowest figure {id:q} can have: check the figure and its"
        " sign (a metric that may be negative says so under bounds in the agreement)",
    ),
    "actuals.bounds.above": (
        "{value} on suurempi kuin {high}, mittarin {id:q} suurin mahdollinen luku: tarkista luku ja"
        " sen yksikkö",
        "{value} is above {high}, the highest figure {id:q} can have: check the figure and its"
        " unit",
    ),
    # figures read together
    "actuals.conflict.values": (
        "mittarilla {id:q} on kaksi eri arvoa jaksolle {period}: {first} ({first_at}) ja"
        " {second} ({second_at})",
        "{id:q} has two different values for {period}: {first} ({first_at}) and {second}"
        " ({second_at})",
    ),
    "actuals.conflict.statuses": (
        "tavoitteella {id:q} on kaksi eri tilaa jaksolle {period}: {first} ({first_at}) ja"
        " {second} ({second_at})",
        "{id:q} has two different statuses for {period}: {first} ({first_at}) and {second}"
        " ({second_at})",
    ),
    "actuals.repeat.too_many": (
        "yli {limit:n} riviä toistaa aiemmin annetun mittarin ja päivän: ovatko samat tiedot"
        " tiedostoissa kahdesti?",
        "more than {limit:n} rows repeat a metric and day given earlier: is the same data in"
        " the files twice?",
    ),
    "actuals.repeat.same_row": (
        "mittarin {id:q} rivi jaksolle {period} toistuu {count:n} kertaa kohdasta {first}"
        " alkaen: näin monesti toistuva rivi ei ole toteumia; anna kukin luku kerran",
        "{id:q} for {period} is repeated {count:n} times, from {first} on: a row repeated so"
        " often is not actuals; give each figure once",
    ),
    "actuals.repeat.pipe": (
        "{id:q} annetaan jaksolle {period} tässä uudelleen, eikä aiempaa riviä voitu lukea"
        " uudelleen niiden vertaamiseksi (putken voi lukea vain kerran): anna toteumat"
        " tiedostona",
        "{id:q} is given for {period} again here, and its earlier row could not be read again"
        " to compare the two (a pipe can be read only once): give the actuals as a file",
    ),
    "actuals.overlap": (
        "mittarilla {id:q} on luvut jaksoille {early} ({early_at}) ja {late} ({late_at}), jotka"
        " ovat päällekkäin: anna mittarin osavuoden luvut yhdellä tarkkuudella (koko vuoden luku"
        " voi olla niiden rinnalla)",
        "{id:q} has figures for {early} ({early_at}) and {late} ({late_at}), which overlap: give"
        " a metric's part-year figures at one granularity (a whole-year figure may stand beside"
        " them)",
    ),
    "actuals.parts.mixed": (
        "mittarilla {id:q} on vuonna {year} sekä osoittajana ja nimittäjänä annettuja lukuja"
        " ({parts_at}) että pelkkiä arvoja ({bare_at}), eikä niitä voi yhdistää: anna vuoden"
        " jokaisella rivillä osoittaja ja nimittäjä (numerator, denominator)",
        "{id:q} has figures given as numerator and denominator ({parts_at}) and as bare values"
        " ({bare_at}) in {year}, which do not combine: give numerator and denominator on every"
        " row of the year",
    ),
    # no figures at all
    "actuals.empty.header_only": (
        "ei tarkistettavia lukuja: tiedostossa on vain otsikkorivi; lisää rivi kustakin"
        " luvusta ja täytä {fill:and}",
        "no figures to check: the file has a header and no rows; add a row for each figure"
        " and fill in {fill:and}",
    ),
    "actuals.empty.unfilled": (
        "ei tarkistettavia lukuja: {rows:n} {rows:rivi|riviä} nimeää mittarin tai tavoitteen ja"
        " jakson mutta jättää luvun tyhjäksi; täytä {fill:and}",
        "no figures to check: {rows:n} {rows:row names|rows name} a metric or item and a period"
        " but no figure; fill in {fill:and}",
    ),
    "actuals.fill.value": ("value-sarake", "the value column"),
    "actuals.fill.status": (
        "status-sarake laadullisille tavoitteille",
        "the status column for qualitative items",
    ),
    "actuals.fill.parts": (
        "numerator ja denominator osuuksille ja suhdeluvuille",
        "numerator and denominator for shares and ratios",
    ),
}
