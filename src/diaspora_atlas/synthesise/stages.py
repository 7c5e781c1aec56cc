"""The synthesise stage (step 5): every organisation in the store classified from its texts,
its focus and role labels written as statements of dataset ``synthesis`` with their evidence.

Inputs are read through the projection (``ctx.store.entity_views``): the texts listed in
``data/rules/focus_texts.csv`` (page text from website verification is read when that stage
has written it), where the organisation is, and the curators' standing judgements on its
labels, which ``classify`` keeps as they are. The dataset's content hash covers all of them
and the rules, prototypes and model, so an unchanged store is a no-op.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from diaspora_atlas.model import Schema, Source, Statement
from diaspora_atlas.model.focuses import DATASET
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.refdata import data_dir
from diaspora_atlas.synthesise.classify import classify
from diaspora_atlas.synthesise.embedding import MODEL_ID, PROTOTYPES_FILE
from diaspora_atlas.synthesise.inputs import (
    TEXTS_FILE,
    Prior,
    context_of,
    priors_of,
    texts_of,
)
from diaspora_atlas.synthesise.rules import RULES_FILE
from diaspora_atlas.synthesise.statements import (
    SOURCE,
    classification_statements,
    curator_source,
)
from diaspora_atlas.synthesise.types import FOCUS, Classification, OrgContext, OrgText

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

USE_MODEL_OPTION = "use_model"  # ctx.options: False classifies by the rules alone


def _rules_hash() -> str:
    digest = hashlib.sha256()
    for name in (RULES_FILE, PROTOTYPES_FILE, TEXTS_FILE):
        digest.update((data_dir() / "rules" / name).read_bytes())
    return digest.hexdigest()


def _inputs(
    entities: dict[str, EntityView],
) -> dict[str, tuple[list[OrgText], OrgContext, list[Prior]]]:
    return {
        org_id: (texts_of(entity), context_of(entity), priors_of(entity))
        for org_id, entity in sorted(entities.items())
    }


def _content_hash(
    inputs: dict[str, tuple[list[OrgText], OrgContext, list[Prior]]], model: bool
) -> str:
    described = {
        org_id: {
            "texts": [asdict(t) for t in texts],
            "context": asdict(context),
            "priors": [{**asdict(p.prior), "judgement": p.judgement.id} for p in priors],
        }
        for org_id, (texts, context, priors) in inputs.items()
    }
    wanted = {"orgs": described, "rules": _rules_hash(), "model": MODEL_ID if model else "none"}
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def classify_organisations(ctx: Context) -> dict[str, Any]:
    """Classify every organisation; load the labels as one load of dataset ``synthesis``."""
    use_model = bool(ctx.option(USE_MODEL_OPTION, True))
    inputs = _inputs(ctx.store.entity_views(Schema.ORGANISATION))
    content_hash = _content_hash(inputs, use_model)
    if ctx.store.dataset_is_current(DATASET, content_hash):
        return {"dataset": DATASET, "changed": False}
    statements: list[Statement] = []
    sources: dict[str, Source] = {SOURCE.id: SOURCE}
    results: dict[str, Classification] = {}
    for org_id, (texts, context, priors) in inputs.items():
        result = classify(texts, context, [p.prior for p in priors], use_model=use_model)
        results[org_id] = result
        statements.extend(classification_statements(org_id, result, texts, priors))
        for p in priors:
            found = curator_source(p.judgement.author)
            sources[found.id] = found
    report = ctx.store.load_dataset(DATASET, content_hash, list(sources.values()), statements)
    return {**report.as_dict(), **summary(results)}


def summary(results: dict[str, Classification]) -> dict[str, Any]:
    """Organisations by status, and by each focus they hold."""
    focuses = Counter(code for r in results.values() for code in r.codes(FOCUS))
    return {
        "organisations": len(results),
        "by_status": dict(sorted(Counter(r.status for r in results.values()).items())),
        "by_focus": dict(sorted(focuses.items())),
    }
