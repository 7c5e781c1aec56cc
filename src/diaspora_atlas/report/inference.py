"""How often the curated Table 1 host/origin values equal what the names alone imply (the
``name_inference`` statements the extract stage writes)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from diaspora_atlas.report.study import StudyView


def inference_agreement(study: StudyView) -> dict[str, Any]:
    tally: Counter[str] = Counter()
    disagreements = []
    for org in study.organisations:
        for field_name, curated, guess in (
            ("host_iso3", org.host_iso3, org.value("inferred_host_iso3")),
            (
                "origin_iso3",
                ";".join(sorted(org.origin_iso3)),
                ";".join(sorted(org.values("inferred_origin_iso3"))),
            ),
        ):
            outcome = (
                "agree" if curated == guess else ("inference_silent" if not guess else "disagree")
            )
            tally[f"{field_name}.{outcome}"] += 1
            if outcome != "agree":
                disagreements.append(
                    {
                        "organisation": org.id,
                        "name": org.name,
                        "field": field_name,
                        "curated": curated,
                        "inferred": guess,
                        "outcome": outcome,
                    }
                )
    return {"counts": dict(sorted(tally.items())), "differences": disagreements}
