"""Texts of findings about actuals as evaluation judges them against the agreement."""

TEXTS: dict[str, tuple[str, str]] = {
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
}
