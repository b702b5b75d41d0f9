"""Texts of the command itself: usage errors, files written, verdicts of `validate`, signals.

A line the command prints on its own account starts `tulos: error: `, `tulos: warning: ` or
`tulos: `; the severity token stays English in both languages, as in the problem lines, and the
text after it is from here.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # the command line: what Typer finds wrong, in the tool's own words
    "cli.usage.no_command": (
        "anna komento: {commands:or} (ohje: tulos --help)",
        "give a command: {commands:or} (help: tulos --help)",
    ),
    "cli.usage.unknown_command": (
        "tuntematon komento {name:q}: komennot ovat {commands:and}",
        "unknown command {name:q}: the commands are {commands:and}",
    ),
    "cli.usage.unknown_option": (
        "tuntematon valitsin {option:q} (ohje: {command} --help)",
        "no such option {option:q} (help: {command} --help)",
    ),
    "cli.usage.unknown_option_suggest": (
        "tuntematon valitsin {option:q}; tarkoititko {suggestions:qor}?",
        "no such option {option:q}; did you mean {suggestions:qor}?",
    ),
    "cli.usage.missing_argument": (
        "{command}: argumentti {name} puuttuu (ohje: {command} --help)",
        "{command}: missing argument {name} (help: {command} --help)",
    ),
    "cli.usage.missing_option": (
        "{command}: valitsin {option} on pakollinen",
        "{command}: option {option} is required",
    ),
    "cli.usage.needs_value": (
        "valitsimelle {option} on annettava arvo",
        "option {option} needs a value",
    ),
    "cli.usage.takes_no_value": (
        "valitsimelle {option} ei anneta arvoa",
        "option {option} takes no value",
    ),
    "cli.usage.extra_arguments": (
        "{command}: liikaa argumentteja: {arguments}",
        "{command}: too many arguments: {arguments}",
    ),
    "cli.usage.bad_value": (
        "virheellinen arvo valitsimelle {option}: {detail}",
        "invalid value for {option}: {detail}",
    ),
    "cli.usage.other": ("virheellinen komentorivi: {detail}", "invalid command line: {detail}"),
    # option values
    "cli.bad_choice": (
        "{option} {value:q}: valitse {choices:qor}",
        "{option} {value:q}: choose {choices:qor}",
    ),
    "cli.unknown_format": (
        "tuntematon muoto '{format}': valitse jokin näistä: {formats}",
        "unknown format '{format}': choose from {formats}",
    ),
    "cli.unknown_language": (
        "tuntematon kieli {language:q}: käytä kieltä fi tai en",
        "unknown language {language:q}: use fi or en",
    ),
    "cli.bad_year": (
        "--year {text:q}: anna vuosi väliltä {first}–{last}",
        "--year {text:q}: give a year from {first} to {last}",
    ),
    "cli.bad_period": ("{option}: {reason}", "{option}: {reason}"),
    "cli.period_is_a_day": (
        "{option} {period}: anna vuosi, puolivuotiskausi, neljännes tai kuukausi, ei päivää",
        "{option} {period}: give a year, half, quarter or month, not a day",
    ),
    "cli.year_and_period": (
        "--year {year} ja --period {period} ovat ristiriidassa: jakso on vuodelta {period_year}",
        "--year {year} and --period {period} contradict each other: the period is in {period_year}",
    ),
    "cli.nothing_to_check": (
        "{selection}: ei tarkistettavaa; sopimus kattaa vuodet {first}–{last}, ja {actuals}",
        "{selection}: nothing to check; the agreement covers {first}–{last}, and {actuals}",
    ),
    "cli.actuals_cover": (
        "toteumat kattavat {count:jakson|jaksot} {periods:and}",
        "the actuals cover the {count:period|periods} {periods:and}",
    ),
    "cli.actuals_empty": ("toteumissa ei ole lukuja", "the actuals hold no figures"),
    "cli.year_outside": (
        "--year {year} on sopimuksen vuosien {first}–{last} ulkopuolella",
        "--year {year} is outside the agreement's years {first}–{last}",
    ),
    "cli.period_outside": (
        "{period} on sopimuksen vuosien {first}–{last} ulkopuolella",
        "{period} is outside the agreement's years {first}–{last}",
    ),
    "cli.fail_on_never_alone": (
        "--fail-on never ei käy yhdessä muiden arvojen kanssa",
        "--fail-on never cannot be combined with other values",
    ),
    "cli.bad_limit": (
        "{setting}={value:q}: anna positiivinen kokonaisluku",
        "{setting}={value:q}: give a positive whole number",
    ),
    # finding the agreement
    "cli.no_agreement": (
        "kansiossa {folder}/ ei ole sopimusta: anna se valitsimella --agreement POLKU",
        "no agreement found in {folder}/: give one with --agreement PATH",
    ),
    "cli.many_agreements": (
        "kansiossa {folder}/ on {count} sopimusta: valitse yksi valitsimella --agreement POLKU",
        "{count} agreements in {folder}/: choose one with --agreement PATH",
    ),
    "cli.no_agreement_files": (
        "sopimustiedostoja ei annettu, eikä kansiossa {folder}/ ole yhtään",
        "no agreement files given and none in {folder}/",
    ),
    "cli.invalid_agreement": (
        "sopimus ei ole kelvollinen; aja `tulos validate {path}` ja korjaa, mitä se ilmoittaa",
        "the agreement is not valid; run `tulos validate {path}` and fix what it reports",
    ),
    "cli.invalid_at_revision": (
        "sopimus ei ole kelvollinen tuossa versiossa; vertaa versioon, jossa se on",
        "the agreement at that revision is not valid; compare with a revision that is",
    ),
    # validate: a verdict per file, on stderr
    "cli.verdict": ("{path}: {verdict}", "{path}: {verdict}"),
    "cli.verdict_noted": ("{path}: {verdict}, {noted}", "{path}: {verdict}, {noted}"),
    "cli.verdict.valid": ("kelvollinen", "valid"),
    "cli.verdict.findings": (
        "{count} {count:havainto|havaintoa}",
        "{count} {count:finding|findings}",
    ),
    "cli.verdict.acknowledged": (
        "{count} {count:hyväksytty poikkeama|hyväksyttyä poikkeamaa} todettu",
        "{count} acknowledged {count:discrepancy|discrepancies} noted",
    ),
    # check: rows of a form not filled in
    "cli.unreported": (
        "{count} {count:rivi|riviä} ilman arvoa ja tilaa lasketaan vielä"
        " {count:raportoimattomaksi|raportoimattomiksi} ({count:rivi|rivit} {lines:and})",
        "{count} {count:row has|rows have} neither a value nor a status and"
        " {count:counts|count} as not reported yet ({count:line|lines} {lines:and})",
    ),
    "cli.unreported_more": (
        "{count} riviä ilman arvoa ja tilaa lasketaan vielä raportoimattomiksi (rivit {lines},"
        " {more} muuta)",
        "{count} rows have neither a value nor a status and count as not reported yet (lines"
        " {lines} and {more} more)",
    ),
    # diff
    "cli.diff.two_files": (
        "anna kaksi sopimustiedostoa, VANHA UUSI, tai yksi tiedosto ja --rev VERSIO",
        "give two agreement files, OLD NEW, or one file with --rev REV",
    ),
    "cli.diff.one_file": (
        "anna valitsimen --rev kanssa yksi sopimustiedosto (vanha puoli on sen git-versio)",
        "with --rev give one agreement file (the old side is its git revision)",
    ),
    "cli.git.not_a_revision": ("--rev {rev:q} ei ole versio", "--rev {rev:q} is not a revision"),
    "cli.git.no_such_file": ("{path}: tiedostoa ei ole", "{path}: no such file"),
    "cli.git.no_repository": (
        "{path} ei ole git-varastossa",
        "{path} is not in a git repository",
    ),
    "cli.git.no_such_revision": (
        "--rev {rev}: varastossa {root} ei ole tällaista versiota",
        "--rev {rev}: no such revision in {root}",
    ),
    "cli.git.not_at_revision": (
        "tiedostoa {path} ei ollut versiossa {rev}",
        "{path} did not exist at revision {rev}",
    ),
    "cli.git.missing": (
        "--rev tarvitsee gitin, eikä gitiä löytynyt",
        "--rev needs git, and git was not found",
    ),
    "cli.git.timeout": (
        "git ei vastannut {seconds} sekunnissa ({what})",
        "git did not answer within {seconds} s ({what})",
    ),
    # writing
    "cli.wrote": ("kirjoitettiin {path}", "wrote {path}"),
    "cli.write.input": (
        "syötetiedoston päälle ei kirjoiteta; valitse toinen tulostiedosto",
        "refusing to overwrite an input file; choose another output path",
    ),
    "cli.write.directory": (
        "on kansio; anna tiedoston polku",
        "is a directory; give a file path",
    ),
    "cli.write.not_regular": (
        "ei ole tavallinen tiedosto; anna tiedoston polku",
        "is not a regular file; give a file path",
    ),
    "cli.write.exists": (
        "on jo olemassa; korvaa se valitsimella --force",
        "already exists; use --force to replace it",
    ),
    "cli.write.no_folder": ("kansiota {folder} ei ole", "folder {folder} does not exist"),
    "cli.write.failed": (
        "tiedostoa ei voi kirjoittaa: {reason}",
        "cannot write the file: {reason}",
    ),
    "cli.write.stdout_failed": (
        "vakiotulosteeseen ei voi kirjoittaa: {reason}",
        "cannot write to standard output: {reason}",
    ),
    "cli.step_summary_failed": (
        "yhteenvetoa ei voi lisätä tiedostoon {path}: {reason}",
        "cannot append the step summary to {path}: {reason}",
    ),
    # the end of a run
    "cli.interrupted": ("keskeytetty", "interrupted"),
    "cli.terminated": ("lopetettu signaalilla {signal}", "ended by {signal}"),
    # an internal error: formatted with plain `str.format` (whatever broke, this must work)
    "cli.internal_error": (
        "{error}. Tämä on vika tulosmittarin versiossa {version}; {where}. Ilmoita siitä"
        " tulosmittarin ylläpitäjille ja liitä mukaan virheen jäljitys ja antamasi komento.",
        "{error}. This is a bug in tulosmittari {version}; {where}. Please report it to the"
        " tulosmittari maintainers, with that traceback and the command you ran.",
    ),
    "cli.crash_file": (
        "jäljitys on tiedostossa {file} (tai aja valitsimella --debug)",
        "the traceback is in {file} (or run with --debug)",
    ),
    "cli.crash_debug": (
        "aja valitsimella --debug nähdäksesi jäljityksen",
        "run with --debug to see the traceback",
    ),
}
