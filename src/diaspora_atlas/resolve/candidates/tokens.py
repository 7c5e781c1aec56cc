"""Spelling variants of words, found once for the whole vocabulary (rapidfuzz, blocked).

Every distinct word of the names is a *leader* unless it is a misspelling: at most one edit
away (two for words of eight letters or more; a swap of two letters is one edit), with the same first letter, from a word of
organisation names as it is spelt (``data/rules/name_variants.csv``, kind ``word``), or from a
word of the names that is at least four times as frequent. Words that name places (the country
words of the reference data, first-level regions) are known spellings too, so "Austrian"
never becomes "Australian" and "Indiana" never becomes "Indian"; short words are compared
exactly. A misspelling as close to two leaders (equally used) stays itself: ambiguous.

Comparing words, not whole names, keeps the work linear in the number of names: each name's
words are replaced by their leaders and names with the same words are then found by hashing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LENGTH = 5  # shorter words are compared exactly
RARITY = 4  # a misspelling is at most 1/RARITY as frequent as the word it misspells


def max_edits(token: str) -> int:
    return 1 if len(token) < 8 else 2


class Canon:
    """Word -> its leader (itself unless it is a misspelling)."""

    def __init__(self, counts: Mapping[str, int], known: frozenset[str] = frozenset()) -> None:
        self.counts = counts
        self.known = known
        self.leader: dict[str, str] = {}
        leaders: dict[str, list[str]] = {}
        for word in sorted(known):
            leaders.setdefault(word[:1], []).append(word)
            self.leader[word] = word
        for token, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if token in known:
                continue
            found = self._closest(token, count, leaders)
            self.leader[token] = found or token
            if found is None:
                leaders.setdefault(token[:1], []).append(token)

    def _closest(self, token: str, count: int, leaders: Mapping[str, list[str]]) -> str | None:
        """The leader this word misspells; ties go to the word used more in the names (then to
        one of the same length); a tie beyond that is ambiguous."""
        if token.startswith("@") or len(token) < MIN_LENGTH:
            return None
        pool = [
            t
            for t in leaders.get(token[:1], ())
            if t in self.known or self.counts.get(t, 0) >= RARITY * count
        ]
        found = process.extract(
            token, pool, scorer=OSA.distance, score_cutoff=max_edits(token), limit=None
        )
        if not found:
            return None
        ranked = sorted((d, -self.counts.get(t, 0), len(t) != len(token), t) for t, d, _ in found)
        if len(ranked) > 1 and ranked[0][:3] == ranked[1][:3]:
            return None
        return str(ranked[0][3])

    def __call__(self, token: str) -> str:
        return self.leader.get(token, token)

    def corrections(self, tokens: Iterable[str]) -> list[tuple[str, str]]:
        """(misspelt word, the word it was read as) for the words of one name."""
        return [(t, self(t)) for t in tokens if self(t) != t]


def build_canon(names: Iterable[Iterable[str]], known: frozenset[str] = frozenset()) -> Canon:
    counts: Counter[str] = Counter()
    for tokens in names:
        counts.update(tokens)
    return Canon(counts, known)
