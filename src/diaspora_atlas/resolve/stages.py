"""The resolve stage: each organisation's published headquarters, geocoded offline, as the
statements of a derived dataset ``geocode`` (its input hash makes a re-run a no-op)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.resolve import geocode as gc

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

DATASET = "geocode"
HQ_PROPS = ("hq_city", "hq_region", "hq_country", "host_iso3")
SOURCE = Source(
    id="geonames",
    kind=SourceKind.DATASET,
    title=gc.GAZETTEER,
    url=gc.GAZETTEER_URL,
    licence=gc.GAZETTEER_LICENCE,
)


def headquarters_inputs(entities: Mapping[str, EntityView]) -> dict[str, dict[str, str]]:
    """Per organisation: the shown HQ city/region/country and host, with their sources."""
    inputs: dict[str, dict[str, str]] = {}
    for org_id, entity in entities.items():
        row: dict[str, str] = {}
        for prop in HQ_PROPS:
            chosen = entity.chosen(prop)
            row[prop] = chosen.value if chosen else ""
            row[prop + "_source"] = chosen.source_url if chosen else ""
        inputs[org_id] = row
    return inputs


def geocode_headquarters(ctx: Context) -> dict[str, Any]:
    inputs = headquarters_inputs(ctx.store.entity_views(Schema.ORGANISATION))
    content_hash = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    if ctx.store.dataset_is_current(DATASET, content_hash):
        return {"dataset": DATASET, "changed": False}
    statements: list[Statement] = []
    precision: Counter[str] = Counter()
    for org_id, row in sorted(inputs.items()):
        place_statements, level = _geocoded(org_id, row)
        statements.extend(place_statements)
        precision[level] += 1
    report = ctx.store.load_dataset(DATASET, content_hash, [SOURCE], statements)
    return {**report.as_dict(), "precision": dict(sorted(precision.items()))}


def _geocoded(org_id: str, row: Mapping[str, str]) -> tuple[list[Statement], str]:
    country = row["hq_country"] or row["host_iso3"]
    place = gc.geocode(row["hq_city"], row["hq_region"], country)
    inferred = (
        "; ".join(
            f"{prop} '{row[prop]}'"
            + (f" ({row[prop + '_source']})" if row[prop + "_source"] else "")
            for prop in ("hq_city", "hq_region", "hq_country")
            if row[prop]
        )
        or f"no published headquarters: the host country {row['host_iso3']} from the paper"
    )
    values = {
        "hq_precision": place.precision,
        "hq_region_code": place.region_code,
        "hq_country_iso3": country,
        "hq_lat": _coord(place.lat),
        "hq_lon": _coord(place.lon),
        "hq_geonames_id": str(place.geonames_id or ""),
    }
    statements = [
        Statement(
            entity_id=org_id,
            schema=Schema.ORGANISATION,
            prop=prop,
            value=value,
            source_id=SOURCE.id,
            dataset=DATASET,
            rationale=place.explanation,
            inferred_from=inferred,
            asserted_by="diaspora_atlas.resolve.geocode",
            source_url=gc.GAZETTEER_URL,
        )
        for prop, value in values.items()
        if value
    ]
    return statements, place.precision


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"
