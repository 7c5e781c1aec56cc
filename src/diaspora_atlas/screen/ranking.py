"""The reviewer's queue, likely inclusions first, learned from the reviewer's own decisions
(as ASReview does): TF-IDF of each evidence card's words, a multinomial naive Bayes model
retrained after every ``RETRAIN_EVERY`` decisions. Until the reviewer has both included and
excluded something, the queue is ordered by the rules' reading (criteria passing, weighted by
confidence). Only the reviewer's own decisions train it, so dual review stays blind.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

RETRAIN_EVERY = 5
_WORD = re.compile(r"[a-z][a-z0-9]+")


@dataclass(frozen=True)
class Ranking:
    order: tuple[str, ...]  # card ids, likely inclusions first
    scores: Mapping[str, float]  # probability of inclusion (or the rules' score)
    method: str  # how, in words (shown on screen and recorded with each decision)
    trained_on: int  # decisions used


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def tfidf(docs: Mapping[str, str]) -> dict[str, dict[str, float]]:
    counts = {k: Counter(tokens(v)) for k, v in docs.items()}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(set(c))
    n = len(docs)
    return {
        k: {w: (1 + math.log(f)) * math.log((1 + n) / (1 + df[w])) + 1.0 for w, f in c.items()}
        for k, c in counts.items()
    }


def naive_bayes(
    vectors: Mapping[str, Mapping[str, float]], labels: Mapping[str, bool]
) -> dict[str, float]:
    """P(include) of every card under a multinomial naive Bayes over TF-IDF weights
    (Laplace smoothing), trained on ``labels``."""
    totals = {True: Counter[str](), False: Counter[str]()}
    for k, label in labels.items():
        totals[label].update(vectors[k])
    vocab = set(totals[True]) | set(totals[False])
    size = {c: sum(totals[c].values()) + len(vocab) for c in (True, False)}
    prior = {
        c: math.log((sum(v == c for v in labels.values()) + 1) / (len(labels) + 2))
        for c in (True, False)
    }
    out: dict[str, float] = {}
    for k, vec in vectors.items():
        logp = {
            c: prior[c]
            + sum(w * math.log((totals[c][t] + 1) / size[c]) for t, w in vec.items() if t in vocab)
            for c in (True, False)
        }
        top = max(logp.values())
        odds = {c: math.exp(v - top) for c, v in logp.items()}
        out[k] = odds[True] / (odds[True] + odds[False])
    return out


def rank(
    texts: Mapping[str, str],
    prior: Mapping[str, float],
    decided: Mapping[str, bool],
    pending: Sequence[str],
) -> Ranking:
    """Order ``pending`` cards. ``decided``: the reviewer's decisions so far (include = True),
    of which the model uses the first multiple of ``RETRAIN_EVERY``; ``prior``: the rules'
    score of each card."""
    used = len(decided) - len(decided) % RETRAIN_EVERY
    labels = dict(list(decided.items())[:used])
    if len(set(labels.values())) < 2:
        order = sorted(pending, key=lambda k: (-prior.get(k, 0.0), k))
        method = (
            "by the rules' reading of the criteria (most criteria passing first): the model needs "
            f"at least one inclusion and one exclusion among your first {RETRAIN_EVERY}·n decisions"
        )
        return Ranking(tuple(order), {k: prior.get(k, 0.0) for k in pending}, method, 0)
    vectors = tfidf(texts)
    scores = naive_bayes(vectors, labels)
    order = sorted(pending, key=lambda k: (-scores[k], -prior.get(k, 0.0), k))
    included = sum(labels.values())
    method = (
        f"naive Bayes on TF-IDF of the evidence cards, trained on {used} of your decisions "
        f"({included} include, {used - included} exclude), retrained every {RETRAIN_EVERY}"
    )
    return Ranking(tuple(order), {k: scores[k] for k in pending}, method, used)
