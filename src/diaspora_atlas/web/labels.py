"""Human words for the codes the directory shows.

The vocabularies' words live in one table, ``model.labels`` (the report reads it too); this
module adds only the web's own words (facet titles, sort orders, column names) and is what
pages, twins and templates call: ``label(kind, code)``.
"""

from __future__ import annotations

from diaspora_atlas.model import labels as vocab
from diaspora_atlas.model.labels import (
    DATASETS,
    INCOME,
    INSTITUTION_TYPES,
    INVENTORY,
    LEGAL_FORMS,
    PRESENCE,
    PROPERTIES,
    ROLES,
    VERIFIED,
    website_today_labels,
)

__all__ = [
    "COUNTRY_COLUMNS",
    "DATASETS",
    "FACET_TITLES",
    "INCOME",
    "INSTITUTION_TYPES",
    "INVENTORY",
    "LEGAL_FORMS",
    "PRESENCE",
    "PROPERTY_LABELS",
    "ROLES",
    "SORT_LABELS",
    "VERIFIED",
    "label",
    "website_today_labels",
]

FACET_TITLES = {
    "host": "Host country",
    "origin": "Origin country",
    "continent": "Continent of origin",
    "income": "Income group of origin",
    "role": "Roles",
    "presence": "Online presence",
    "verified": "Verification",
    "website_today": "Website today",
    "inventory": "Inventory",
}
SORT_LABELS = {
    "relevance": "Best match",
    "name": "Name A–Z",
    "-name": "Name Z–A",
    "origin": "Origin country A–Z",
    "-origin": "Origin country Z–A",
    "row": "Paper's Table 1 order",
    "-row": "Table 1, last first",
    "founded": "Founded, oldest first",
    "-founded": "Founded, newest first",
    "host": "Host country",
}
COUNTRY_COLUMNS = {
    "name": "Country",
    "region": "Region",
    "income": "Income group",
    "organisations": "Organisations of its diaspora",
    "hosted": "Organisations based in it",
    "bodies": "Government diaspora bodies",
    "roles": "Roles covered",
}
MAP_COUNTS = {
    "total": "Organisations",
    "pins": "Placed at their city or address",
    "region_only": "Only the state or region known",
    "country_only": "Only the country known",
    "outside_map": "Outside the area shown",
}
PROPERTY_LABELS = PROPERTIES
_WEB = {
    "facet": FACET_TITLES,
    "sort": SORT_LABELS,
    "country_column": COUNTRY_COLUMNS,
}


def _map_count(code: str) -> str:
    return MAP_COUNTS.get(code) or code.replace("_", " ").capitalize()


def label(kind: str, code: str) -> str:
    """The words for a code of one vocabulary (falls back to words made from the code)."""
    if kind == "map_count":
        return _map_count(code)
    table = _WEB.get(kind)
    if table is not None:
        return table.get(code, code)
    return vocab.label(kind, code)
