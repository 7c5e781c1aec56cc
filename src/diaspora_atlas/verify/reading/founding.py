"""The founding year, from the phrases in ``data/rules/founding_phrases.csv`` ("was founded
in", "established", "incorporated", "since its inception", ...): the first phrase in page
order wins, and the main text is read before the page's other blocks."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_atlas.verify.reading.contacts import Found
from diaspora_atlas.verify.rules import load_rules


def founding_year(lines: Sequence[str]) -> Found | None:
    patterns = load_rules().founding
    for line in lines:
        best: tuple[int, str] | None = None
        for pattern in patterns:
            match = pattern.search(line)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), match.group("year"))
        if best is not None:
            return Found(best[1], line)
    return None
