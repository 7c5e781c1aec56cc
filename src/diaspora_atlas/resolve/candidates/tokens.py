"""Spelling variants of words, found once for the whole vocabulary (rapidfuzz, blocked).

Every distinct word of the names is a *leader* unless it is a misspelling: at most one edit
away (two for words of eight letters or more), with the same first letter, from a word of
organisation names as it is spelt (``data/rules/name_variants.csv``, kind ``word``), or from a
word of the names that is at least four times as frequent. Words that name places (the country
words of the reference data, first-level regions) and short words are always leaders, so
"Austrian" never becomes "Australian" and "Indiana" never becomes "Indian". A word as close
to two leaders as to each other stays itself: it is ambiguous.

Comparing words, not whole names, keeps the work linear in the number of names: each name's
words are replaced by their leaders and names with the same words are then found by hashing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MIN_LENGTH = 5  # shorter words are compared exactly
RARITY = 4  # a misspelling is at most 1/RARITY as frequent as the word it misspells


def max_edits(token: str) -> int:
    return 1 if len(token) < 8 else 2


class Canon:
    """Word -> its leader (itself unless it is a misspelling), with why."""

    def __init__(
        self,
        counts: Mapping[str, int],
        protected: frozenset[str],
        known: frozenset[str] = frozenset(),
    ) -> None:
        self.leader: dict[str, str] = {}
        leaders: dict[str, list[str]] = {}
        weights = {**counts, **dict.fromkeys(known, 10**9)}  # known spellings lead any word
        for word in sorted(known):
            leaders.setdefault(word[:1], []).append(word)
            self.leader[word] = word
        for token, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if token in known:
                continue
            found = self._closest(token, count, weights, leaders, protected | known)
            self.leader[token] = found or token
            if found is None:
                leaders.setdefault(token[:1], []).append(token)

    @staticmethod
    def _closest(
        token: str,
        count: int,
        counts: Mapping[str, int],
        leaders: Mapping[str, list[str]],
        protected: frozenset[str],
    ) -> str | None:
        if token.startswith("@") or token in protected or len(token) < MIN_LENGTH:
            return None
        pool = [t for t in leaders.get(token[:1], ()) if counts[t] >= RARITY * count]
        if not pool:
            return None
        best = process.extract(
            token, pool, scorer=Levenshtein.distance, score_cutoff=max_edits(token), limit=2
        )
        if not best or (len(best) > 1 and best[0][1] == best[1][1]):
            return None
        return str(best[0][0])

    def __call__(self, token: str) -> str:
        return self.leader.get(token, token)

    def corrections(self, tokens: Iterable[str]) -> list[tuple[str, str]]:
        """(misspelt word, the word it was read as) for the words of one name."""
        return [(t, self(t)) for t in tokens if self(t) != t]


def build_canon(
    names: Iterable[Iterable[str]], protected: frozenset[str], known: frozenset[str] = frozenset()
) -> Canon:
    counts: Counter[str] = Counter()
    for tokens in names:
        counts.update(tokens)
    return Canon(counts, protected, known)
