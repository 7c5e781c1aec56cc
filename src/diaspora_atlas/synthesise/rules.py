"""Focus and role rules: phrase patterns kept in data/rules/focus_rules.csv, not in code.

A ``context`` row says what counts as a mention of the origin country (``home``) or of the
migrant community in the host country (``migrant``). A ``focus`` or ``role`` row fires on a
sentence when its pattern matches, the context it ``requires`` is mentioned in the same
sentence, and the context named in ``unless`` is not. Patterns may use the placeholders
``{home}`` (the origin's place names and sub-national region), ``{home_adj}`` (its demonyms),
``{host}`` and ``{host_adj}``, filled from refdata for each organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diaspora_atlas.model.vocabulary import Role
from diaspora_atlas.refdata import aliases_of, data_dir
from diaspora_atlas.refdata.tables import parse_table, require
from diaspora_atlas.synthesise.types import FOCUS, FOCUSES, ROLE, OrgContext

RULES_FILE = "focus_rules.csv"
HINT = "restore data/rules/focus_rules.csv from git (`git checkout -- data/rules/`)"
PLACE_KINDS = ("name", "wb", "paper", "common", "historic")
DEMONYM_KINDS = ("demonym", "adjectival")
NEVER = r"(?!x)x"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z\"“(])")


@dataclass(frozen=True)
class Rule:
    kind: str  # context | focus | role
    code: str
    requires: str
    unless: str
    confidence: float
    pattern: str
    note: str


def _parse(row: dict[str, str]) -> Rule:
    kind, code = row["kind"], row["code"]
    require(kind in ("context", FOCUS, ROLE), f"unknown kind {kind!r}")
    if kind == FOCUS:
        require(code in FOCUSES, f"unknown focus {code!r}")
    if kind == ROLE:
        require(code in {r.value for r in Role}, f"unknown role {code!r}")
    confidence = float(row["confidence"]) if kind != "context" else 1.0
    require(0 < confidence <= 1, f"confidence {confidence} outside (0, 1]")
    rule = Rule(kind, code, row["requires"], row["unless"], confidence, row["pattern"], row["note"])
    re.compile(_fill(rule.pattern, _Words()))  # a bad pattern fails here, naming the line
    return rule


@cache
def rules() -> tuple[Rule, ...]:
    path = Path(data_dir()) / "rules" / RULES_FILE
    columns = ("kind", "code", "requires", "unless", "confidence", "pattern", "note")
    return tuple(parse_table(path, columns, _parse, HINT))


@dataclass(frozen=True)
class _Words:
    home: tuple[str, ...] = ()
    home_adj: tuple[str, ...] = ()
    host: tuple[str, ...] = ()
    host_adj: tuple[str, ...] = ()


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words; short capitalised ones ('US', 'UK') match case."""
    usable = sorted({w for w in words if w.isascii() and len(w) > 1}, key=len, reverse=True)
    parts = [
        f"(?-i:{re.escape(w)})" if len(w) <= 3 and w.isupper() else re.escape(w) for w in usable
    ]
    return "(?:" + "|".join(parts) + ")" if parts else NEVER


def _fill(pattern: str, words: _Words) -> str:
    for key in ("home_adj", "host_adj", "home", "host"):
        pattern = pattern.replace("{" + key + "}", _alternation(getattr(words, key)))
    return pattern


def words_for(context: OrgContext) -> _Words:
    """The names and demonyms that the placeholders stand for, for one organisation."""

    def spelled(codes: Iterable[str], kinds: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a.alias for code in codes for a in aliases_of(code, kinds))

    host = (context.host_iso3,) if context.host_iso3 else ()
    return _Words(
        home=spelled(context.origin_iso3, PLACE_KINDS) + context.origin_subnational,
        home_adj=spelled(context.origin_iso3, DEMONYM_KINDS),
        host=spelled(host, PLACE_KINDS),
        host_adj=spelled(host, DEMONYM_KINDS) + (("North American",) if host == ("USA",) else ()),
    )


@dataclass(frozen=True)
class Hit:
    rule: Rule
    sentence: str


class CompiledRules:
    """The rules with one organisation's names filled in."""

    def __init__(self, context: OrgContext) -> None:
        words = words_for(context)
        self._compiled = [
            (rule, re.compile(_fill(rule.pattern, words), re.IGNORECASE)) for rule in rules()
        ]
        self.words = words

    def contexts(self, sentence: str) -> set[str]:
        return {r.code for r, rx in self._compiled if r.kind == "context" and rx.search(sentence)}

    def hits(self, sentence: str) -> Iterator[Hit]:
        present = self.contexts(sentence)
        for rule, rx in self._compiled:
            if rule.kind == "context":
                continue
            if rule.requires and rule.requires not in present:
                continue
            if rule.unless and rule.unless in present:
                continue
            if rx.search(sentence):
                yield Hit(rule, sentence)


def sentences(text: str) -> list[str]:
    """A text cut into sentences (a short text is one sentence)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]
