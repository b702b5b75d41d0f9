"""Texts of findings about actuals as evaluation judges them against the agreement."""

TEXTS: dict[str, tuple[str, str]] = {
    # a figure probably in another unit than its target
    "evaluation.actuals_scale.above": (
        "mittarin {metric:q} toteuma {actual} jaksolla {period} on noin {factor:n}-kertainen"
        " tavoitteeseen {target} nähden; onko luku yksikössä {unit:q}?",
        "actual {actual} of {metric:q} in {period} is about {factor:n}× its target {target};"
        " is it in the unit {unit:q}?",
    ),
    "evaluation.actuals_scale.below": (
        "mittarin {metric:q} toteuma {actual} jaksolla {period} on noin 1/{factor:n}"
        " tavoitteesta {target}; onko luku yksikössä {unit:q}?",
        "actual {actual} of {metric:q} in {period} is about 1/{factor:n} of its target"
        " {target}; is it in the unit {unit:q}?",
    ),
    # against the agreement's arithmetic: its identities and derived metrics
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
