"""The search's words that are data: stop words (ignored), the domain's generic words (they
rank but never filter: every organisation is one of doctors) and what else each word also
matches (``dentists`` -> ``dental``). From ``data/rules/search_words.csv``."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.paths import data_dir

KINDS = ("stop", "generic", "synonym")


@dataclass(frozen=True)
class SearchWords:
    stop: frozenset[str]
    generic: frozenset[str]
    means: Mapping[str, tuple[str, ...]]

    def alternatives(self, word: str) -> tuple[str, ...]:
        return self.means.get(word, ())


@cache
def search_words() -> SearchWords:
    path = data_dir() / "rules" / "search_words.csv"
    stop: set[str] = set()
    generic: set[str] = set()
    means: dict[str, tuple[str, ...]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                word, kind = normalise_name(row["word"]), row["kind"]
                if kind not in KINDS or not word:
                    raise ValueError(f"word {row['word']!r} of unknown kind {kind!r}")
                (stop if kind == "stop" else generic if kind == "generic" else set()).add(word)
                if row["means"]:
                    means[word] = tuple(normalise_name(w) for w in row["means"].split())
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}", "restore data/rules/ from git") from exc
    return SearchWords(frozenset(stop), frozenset(generic), means)
