"""Regional chapters folded into their headquarters (the 2019 paper's exclusion E3).

A chapter's name is its headquarters' name plus a chapter word and a place ("Sudanese
American Medical Association, Texas Chapter"; "Texas Chapter of the ..."). Its words minus
the chapter word hold the words of its headquarters; the headquarters is the organisation
whose words are the largest such subset (at least two words, a compatible origin). Two
equally good headquarters: ambiguous, linked to neither.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from diaspora_atlas.resolve.candidates.features import Features
from diaspora_atlas.resolve.candidates.types import ResolvedCluster

MAX_WORDS = 12  # longer chapter names are not searched (2^12 subsets at most)
MIN_HQ_WORDS = 2


def link_chapters(
    clusters: Sequence[ResolvedCluster], feats: Sequence[Features], index: Mapping[str, int]
) -> list[ResolvedCluster]:
    heads: dict[frozenset[str], set[str]] = {}
    origins = {c.id: set(c.origin_iso3) for c in clusters}
    for c in clusters:
        if not c.chapter:
            for m in c.members:
                heads.setdefault(frozenset(feats[index[m.id]].core), set()).add(c.id)
    out: list[ResolvedCluster] = []
    for c in clusters:
        if not c.chapter:
            out.append(c)
            continue
        words = frozenset(feats[index[c.anchor]].core)
        out.append(_linked(c, words, heads, origins))
    return out


def _linked(
    chapter: ResolvedCluster,
    words: frozenset[str],
    heads: Mapping[frozenset[str], set[str]],
    origins: Mapping[str, set[str]],
) -> ResolvedCluster:
    if len(words) > MAX_WORDS:
        return replace(chapter, chapter_evidence="a chapter word, but too long a name to search")
    mine = set(chapter.origin_iso3)
    for size in range(len(words) - 1, MIN_HQ_WORDS - 1, -1):
        found = {
            (cid, subset)
            for subset in map(frozenset, combinations(sorted(words), size))
            for cid in heads.get(subset, ())
            if not mine or not origins[cid] or mine & origins[cid]
        }
        if len(found) == 1:
            cid, subset = next(iter(found))
            label = " ".join(sorted(words - subset))
            why = (
                f"“{chapter.name}” has a chapter word; without it and the place “{label}” its "
                f"words are those of the organisation {cid}"
            )
            return replace(chapter, chapter_of=cid, chapter_evidence=why)
        if len(found) > 1:
            ids = ", ".join(sorted(cid for cid, _ in found))
            why = f"a chapter word; its words fit several organisations ({ids}): ambiguous"
            return replace(chapter, chapter_evidence=why)
    return replace(
        chapter, chapter_evidence="a chapter word; no headquarters found among the candidates"
    )
