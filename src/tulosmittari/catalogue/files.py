"""Texts of reading an input file, said alike of an agreement (yaml_text.py) and of an actuals
file (actuals_csv.py)."""

TEXTS: dict[str, tuple[str, str]] = {
    "file.directory": ("tämä on hakemisto, ei tiedosto", "this is a directory, not a file"),
    "file.unreadable": ("tiedostoa ei voi lukea: {reason}", "cannot read the file: {reason}"),
}
