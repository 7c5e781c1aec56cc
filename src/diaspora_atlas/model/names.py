"""How organisation names vary: abbreviations, spellings, small words, optional words and
chapter words (``data/rules/name_variants.csv``). Resolution compares names with it; screening
reads its chapter words (criterion "chapter")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata import normalise_name
from diaspora_atlas.refdata.paths import data_dir, rule_rows

KINDS = ("abbreviation", "spelling", "ignorable", "optional", "chapter", "word")


@dataclass(frozen=True)
class Variant:
    kind: str  # one of KINDS
    value: str  # what an abbreviation or spelling stands for


@cache
def name_variants() -> Mapping[str, Variant]:
    path = data_dir() / "rules" / "name_variants.csv"
    rows = rule_rows(path.name, ("word", "kind", "value"))
    table: dict[str, Variant] = {}
    for row in rows:
        if row.get("kind") not in KINDS:
            raise DataFileError(
                f"{path}: unknown kind {row.get('kind')!r} for {row.get('word')!r}",
                "use one of " + ", ".join(KINDS),
            )
        word = normalise_name(row["word"]).replace(" ", "")
        if word in table:
            raise DataFileError(f"{path}: {word!r} is listed twice", "keep one row per word")
        table[word] = Variant(row["kind"], row["value"])
    return table


def known_words() -> frozenset[str]:
    """Words of organisation names as they are spelt (kind ``word``)."""
    return frozenset(w for w, v in name_variants().items() if v.kind == "word")


def chapter_word(name: str) -> str:
    """The chapter word a name holds ("chapter", "branch"), or ""."""
    table = name_variants()
    return next(
        (w for w in normalise_name(name).split() if w in table and table[w].kind == "chapter"), ""
    )
