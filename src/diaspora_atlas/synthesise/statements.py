"""One organisation's classification as statements of dataset ``synthesis`` (model.focuses).

Each label is a statement: the code as value, the supporting sentence as original value, the
text's source and URL, the rule's note or the prototype as rationale, and method, confidence
and kind of text in ``inferred_from``. A label a curator judged is written as the curator's
(method ``curator``) with the evidence of the label judged, so a re-run never changes it; the
projection keeps a label judged wrong out of every view. Every organisation also gets a
``focus_status``: ``labelled``, ``no_label`` (texts that state no focus) or ``no_text``.
"""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.model.focuses import DATASET, STATUS_PROP, label_note, read_note
from diaspora_atlas.synthesise.embedding import MODEL_ID
from diaspora_atlas.synthesise.inputs import PROP_OF_KIND, Prior, text_props
from diaspora_atlas.synthesise.rules import RULES_FILE
from diaspora_atlas.synthesise.types import CURATOR, NO_TEXT, Classification, Label, OrgText

ASSERTED_BY = "diaspora_atlas.synthesise.classify"
SOURCE = Source(
    id="synthesis",
    kind=SourceKind.INFERENCE,
    title="Focus and role classification of each organisation from its texts "
    f"(rules: data/rules/{RULES_FILE}; sentence model: {MODEL_ID})",
)


def curator_source(author: str) -> Source:
    return Source(id=f"curator:{author}", kind=SourceKind.CURATOR, title=f"Curator {author}")


def _kind_of(label: Label, texts: Sequence[OrgText]) -> str:
    for text in texts:
        if text.source_url == label.source_url and label.sentence in text.text:
            return text.kind
    return ""


def _status_statement(org_id: str, result: Classification, texts: Sequence[OrgText]) -> Statement:
    if result.status == NO_TEXT:
        read = ", ".join(p.prop for p in text_props())
        why = f"no text to judge: it has none of {read}"
    else:
        kinds = sorted({t.kind for t in texts})
        why = f"{len(texts)} text(s) read ({', '.join(kinds)})"
    return Statement(
        entity_id=org_id,
        schema=Schema.ORGANISATION,
        prop=STATUS_PROP,
        value=result.status,
        source_id=SOURCE.id,
        dataset=DATASET,
        asserted_by=ASSERTED_BY,
        rationale=why,
    )


def _label_statement(
    org_id: str, label: Label, texts: Sequence[OrgText], priors: dict[tuple[str, str], Prior]
) -> Statement:
    prior = priors.get((label.kind, label.code)) if label.method == CURATOR else None
    if prior is not None:  # the curator's label: the judged label's evidence, the judgement
        before = prior.statement
        return Statement(
            entity_id=org_id,
            schema=Schema.ORGANISATION,
            prop=PROP_OF_KIND[label.kind],
            value=label.code,
            source_id=curator_source(prior.judgement.author).id,
            dataset=DATASET,
            original_value=label.sentence,
            asserted_by=ASSERTED_BY,
            rationale=prior.judgement.describe(),
            inferred_from=label_note(CURATOR, 1.0, _before_kind(before)),
            source_url=label.source_url,
        )
    return Statement(
        entity_id=org_id,
        schema=Schema.ORGANISATION,
        prop=PROP_OF_KIND[label.kind],
        value=label.code,
        source_id=label.source_id,
        dataset=DATASET,
        original_value=label.sentence,
        asserted_by=ASSERTED_BY,
        rationale=label.reason,
        inferred_from=label_note(label.method, label.confidence, _kind_of(label, texts)),
        source_url=label.source_url,
    )


def _before_kind(before: Statement | None) -> str:
    """The kind of text the judged label came from (kept through later runs)."""
    return read_note(before.inferred_from)[2] if before is not None else "judgement"


def classification_statements(
    org_id: str, result: Classification, texts: Sequence[OrgText], priors: Sequence[Prior]
) -> list[Statement]:
    by_key = {(p.prior.kind, p.prior.code): p for p in priors}
    return [
        _status_statement(org_id, result, texts),
        *(_label_statement(org_id, label, texts, by_key) for label in result.labels),
    ]
