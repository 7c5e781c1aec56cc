"""What a website's domain says: a country's code, a government label, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from diaspora_atlas.model.addresses import host_of
from diaspora_atlas.refdata import countries
from diaspora_atlas.refdata.paths import rule_rows


@dataclass(frozen=True)
class Domain:
    host: str
    kind: str  # cctld | generic | international | unknown
    country: str  # ISO3 of a country-code domain, else ""
    is_government: bool


@cache
def _labels() -> dict[str, tuple[str, str]]:
    rows = rule_rows("domains.csv", ("label", "meaning", "value"))
    return {r["label"]: (r["meaning"], r["value"]) for r in rows}


@cache
def _cctlds() -> dict[str, str]:
    table = {c.iso2.lower(): c.iso3 for c in countries().values() if c.iso2}
    table.update(
        {label: value for label, (meaning, value) in _labels().items() if meaning == "cctld"}
    )
    return table


def classify_domain(url: str) -> Domain:
    host = host_of(url)
    labels = host.split(".")
    top = labels[-1] if labels else ""
    meaning = _labels().get(top, ("", ""))[0]
    government = any(_labels().get(label, ("", ""))[0] == "government" for label in labels[:-1])
    government = government or meaning == "government"
    if top in _cctlds() and meaning in ("", "cctld"):
        return Domain(host, "cctld", _cctlds()[top], government)
    return Domain(host, meaning or "unknown", "", government)
