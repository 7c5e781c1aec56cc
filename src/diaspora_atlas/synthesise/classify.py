"""Focus and role classification of one organisation from its texts, with evidence.

Rules first (data/rules/focus_rules.csv): where a sentence says it explicitly, the label
carries that sentence, its source and the rule's confidence. For a focus no rule found, the
offline sentence model compares each sentence with the paper's own definitions of the focus
(data/rules/focus_prototypes.csv) and labels it when the similarity passes the prototype's
threshold. A curator's judgement on a label (confirmed or rejected) is returned as it is and
no rule or model output replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from diaspora_atlas.synthesise.embedding import Embedder, best_prototypes, default_embedder, generic
from diaspora_atlas.synthesise.rules import CompiledRules, sentences
from diaspora_atlas.synthesise.types import (
    ASSIGNED,
    CURATOR,
    EMBEDDING,
    FOCUS,
    FOCUSES,
    LABELLED,
    NO_LABEL,
    NO_TEXT,
    REJECTED,
    ROLE,
    ROLE_OF_FOCUS,
    RULE,
    Classification,
    Label,
    OrgContext,
    OrgText,
    PriorJudgement,
)

Key = tuple[str, str]  # (kind, code)


def classify(
    texts: Sequence[OrgText],
    context: OrgContext,
    judgements: Iterable[PriorJudgement] = (),
    *,
    use_model: bool = True,
    model: Embedder | None = None,
) -> Classification:
    """The organisation's focuses and roles, each with its sentence, source and confidence."""
    curated = {(j.kind, j.code): _curator_label(j) for j in judgements}
    usable = [t for t in texts if t.text.strip()]
    if not usable:
        return Classification(NO_TEXT, tuple(curated.values()))
    rules = CompiledRules(context)
    found = _rule_labels(usable, rules)
    if use_model:
        missing = [c for c in FOCUSES if (FOCUS, c) not in found]
        found.update(_model_labels(usable, rules, missing, model or default_embedder()))
    for focus, role in ROLE_OF_FOCUS.items():
        judged = curated.get((FOCUS, focus))
        if judged is not None and judged.status == REJECTED:
            continue  # a focus a curator rejected gives no role either
        if (FOCUS, focus) in found and (ROLE, role) not in found:
            label = found[(FOCUS, focus)]
            found[(ROLE, role)] = Label(
                ROLE, role, ASSIGNED, label.sentence, label.source_id, label.source_url,
                label.confidence, label.method, f"the focus {focus}: {label.reason}",
            )  # fmt: skip
    labels = {**found, **curated}  # a judgement replaces the machine's label, never the reverse
    held = any(lb.status != REJECTED for lb in labels.values())
    ordered = sorted(labels.values(), key=lambda lb: (lb.kind != FOCUS, lb.code))
    return Classification(LABELLED if held else NO_LABEL, tuple(ordered))


def _curator_label(j: PriorJudgement) -> Label:
    return Label(
        j.kind, j.code, j.verdict, j.sentence or j.note, f"curator:{j.author}",
        j.source_url, 1.0, CURATOR, CURATOR,
    )  # fmt: skip


def _rule_labels(texts: Sequence[OrgText], rules: CompiledRules) -> dict[Key, Label]:
    found: dict[Key, Label] = {}
    for text in texts:
        for sentence in sentences(text.text):
            for hit in rules.hits(sentence):
                key = (hit.rule.kind, hit.rule.code)
                if key in found and found[key].confidence >= hit.rule.confidence:
                    continue
                found[key] = Label(
                    hit.rule.kind, hit.rule.code, ASSIGNED, sentence, text.source_id,
                    text.source_url, hit.rule.confidence, RULE, hit.rule.note,
                )  # fmt: skip
    return found


def _model_labels(
    texts: Sequence[OrgText], rules: CompiledRules, codes: Sequence[str], model: Embedder
) -> dict[Key, Label]:
    if not codes:
        return {}
    w = rules.words
    units = [(t, s) for t in texts for s in sentences(t.text)]
    plain = [generic(s, w.home, w.home_adj, w.host + w.host_adj) for _, s in units]
    found: dict[Key, Label] = {}
    for (text, sentence), best in zip(units, best_prototypes(plain, model), strict=True):
        for code in codes:
            score, proto = best[code]
            if score < proto.threshold:
                continue
            key = (FOCUS, code)
            if key not in found or score > found[key].confidence:
                found[key] = Label(
                    FOCUS, code, ASSIGNED, sentence, text.source_id, text.source_url, score,
                    EMBEDDING, f"similar ({score:.2f}) to the paper's '{proto.sentence}'",
                )  # fmt: skip
    return found
