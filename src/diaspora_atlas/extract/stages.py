"""The extract stage: host and origin countries inferred from each organisation's name and
website, as statements of the derived dataset ``name_inference`` with their evidence. The
audit compares them with the curated values (how far the names alone take you)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from diaspora_atlas.extract.hostorigin import HostOrigin, infer_host_origin
from diaspora_atlas.model import Schema, Source, SourceKind, Statement

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

DATASET = "name_inference"
SOURCE = Source(
    id="name-inference",
    kind=SourceKind.INFERENCE,
    title="Host and origin read from the organisation's name and web address by the "
    "Atlas's documented rules (data/rules/)",
)


def infer_from_names(ctx: Context) -> dict[str, Any]:
    names = {
        org_id: (entity.value("name"), entity.value("website"))
        for org_id, entity in ctx.store.entity_views(Schema.ORGANISATION).items()
    }
    content_hash = hashlib.sha256(json.dumps(names, sort_keys=True).encode()).hexdigest()
    if ctx.store.dataset_is_current(DATASET, content_hash):
        return {"dataset": DATASET, "changed": False}
    statements = [
        s
        for org_id, (name, website) in sorted(names.items())
        for s in _statements(org_id, name, infer_host_origin(name, website or None))
    ]
    return ctx.store.load_dataset(DATASET, content_hash, [SOURCE], statements).as_dict()


def _statements(org_id: str, name: str, inferred: HostOrigin) -> list[Statement]:
    why = "; ".join(e.explanation for e in inferred.evidence) or f"nothing in “{name}” says"
    values = [("inferred_origin_iso3", iso3) for iso3 in inferred.origin_iso3]
    if inferred.host_iso3:
        values.append(("inferred_host_iso3", inferred.host_iso3))
    return [
        Statement(
            entity_id=org_id,
            schema=Schema.ORGANISATION,
            prop=prop,
            value=value,
            source_id=SOURCE.id,
            dataset=DATASET,
            rationale=why,
            inferred_from=f"the name “{name}”",
            asserted_by="diaspora_atlas.extract.hostorigin",
        )
        for prop, value in values
    ]
