"""Where organisation names are in free text: capitalised noun phrases anchored on a head word.

A name is a run of capitalised words joined by the few lower-case words names contain
("of", "and", "for", "in the", "&"), cut where it stops looking like one name:

- it must hold an organisation head word (``data/rules/org_heads.csv``: Association,
  Society, Foundation, ..., and the heads of look-alikes such as Hospital or Ministry, so
  those are found and can be rejected);
- "in"/" - " continue a name only before a place ("... Association in the UK",
  "Sudan Doctors' Union - UK Branch"), not before a city or a verb;
- a lead-in that is no name ("Members of", "President of the", "Dear", "The") is cut;
- after a head word only a place, a diaspora word ("Abroad") or an "of ..." tail may
  follow; another capitalised word starts a new name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.extract.hostorigin import host_phrases
from diaspora_atlas.refdata import normalise_name
from diaspora_atlas.refdata.aliases import primary_index
from diaspora_atlas.refdata.paths import rule_rows

_TOKEN = re.compile(r"[^\W\d_][\w]*(?:[-’'.&][\w]+)*[’']?|&|[-–]|\S")
CONNECTORS = frozenset({"of", "and", "for", "on", "in", "the", "de", "des", "du", "à", "&"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return normalise_name(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    text: str


def _rows(name: str) -> list[dict[str, str]]:
    return rule_rows(name)


@cache
def org_heads() -> frozenset[str]:
    """Organisation head words (data/rules/org_heads.csv)."""
    return frozenset(row["word"].strip().lower() for row in _rows("org_heads.csv"))


@cache
def name_words(role: str) -> frozenset[str]:
    """Words of one role in data/rules/name_words.csv: ``lead_in`` (opens a phrase, never a
    name: "Dear", "President"), ``date`` (never after "on" in a name), ``tail`` (may
    follow a head word: "Abroad", "Branch")."""
    return frozenset(
        r["word"].strip().lower() for r in _rows("name_words.csv") if r["role"] == role
    )


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def is_head(token: Token) -> bool:
    return any(part in org_heads() for part in token.folded.split())


def is_place(words: list[Token], index: int) -> int:
    """How many tokens from ``index`` name a host phrase or a country (0 when none).

    Country names only: a demonym ("Sudanese") starts a name, it is no place."""
    hosts, countries = host_phrases(), primary_index()
    for size in (3, 2, 1):
        chunk = words[index : index + size]
        if chunk and chunk[0].folded == "the":
            return 0
        if len(chunk) == size and all(t.capitalised for t in chunk):
            phrase = normalise_name(" ".join(t.text for t in chunk))
            if phrase in hosts or phrase in countries:
                return size
    return 0


def name_spans(text: str) -> Iterator[NameSpan]:
    """Every organisation-name span in the text, in order."""
    words = tokens(text)
    for run in _runs(text, words):
        for piece in _split_after_heads(run, words):
            span = _trimmed(piece, words)
            if span is not None:
                first, last = span
                start, end = words[first].start, words[last].end
                yield NameSpan(start, end, text[start:end])


def _joined(text: str, left: Token, right: Token) -> bool:
    """Only spaces between the two words, and no paragraph break: a name never runs over a
    blank line (a title and the text under it)."""
    gap = text[left.end : right.start]
    return gap.isspace() and gap.count("\n") < 2


def _runs(text: str, words: list[Token]) -> Iterator[list[int]]:
    """Index lists of capitalised words joined by connectors and single spaces."""
    i = 0
    while i < len(words):
        if not words[i].capitalised:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(words) and _joined(text, words[j - 1], words[j]):
            step = _continuation(words, j)
            if step == 0:
                break
            run.extend(range(j, j + step))
            j += step
        yield run
        i = j if j > i + 1 else i + 1


def _continuation(words: list[Token], j: int) -> int:
    """How many tokens from ``j`` continue the current name (0: the name ends before j)."""
    word = words[j]
    if word.capitalised and word.text not in "-–":
        return 1
    lowered = word.text.lower()
    if word.text in "-–":
        return 1 if is_place(words, j + 1) else 0
    if lowered == "in":
        skip = 2 if j + 1 < len(words) and words[j + 1].text == "the" else 1
        if j + skip < len(words) and words[j + skip].folded in {"diaspora", "exile"}:
            return skip  # "Nigerians in Diaspora Commission"
        return skip if is_place(words, j + skip) else 0
    if lowered in CONNECTORS and lowered != "the":
        nxt = words[j + 1] if j + 1 < len(words) else None
        if lowered == "on" and (nxt is None or nxt.folded in name_words("date")):
            return 0
        if nxt is not None and nxt.text == "the" and lowered in {"of", "for"}:
            return 2 if j + 2 < len(words) and words[j + 2].capitalised else 0
        return 1 if nxt is not None and nxt.capitalised else 0
    return 0


def _split_after_heads(run: list[int], words: list[Token]) -> Iterator[list[int]]:
    """After an institutional head only a tail may follow; another word starts a new name."""
    piece: list[int] = []
    after_head = False
    k = 0
    while k < len(run):
        index = run[k]
        word = words[index]
        if after_head and word.text.lower() in {"and", "&"}:
            yield piece  # "X Hospital and Y Hospital": two names
            piece, after_head = [], False
            k += 1
            continue
        if after_head and word.capitalised and not _tail(words, run, k):
            yield piece
            piece, after_head = [], False
        piece.append(index)
        if word.capitalised and is_head(word):
            after_head = True
        elif not word.capitalised and word.text.lower() in {"of", "for"}:
            after_head = False
        k += 1
    if piece:
        yield piece


def _tail(words: list[Token], run: list[int], k: int) -> bool:
    word = words[run[k]]
    previous = words[run[k - 1]] if k else None
    if previous is not None and not previous.capitalised:
        return True  # after "in the", "-": the place itself
    return (
        word.folded in name_words("tail")
        # "NHS Foundation Trust", "Bedford Hospital NHS Trust"
        or (previous is not None and is_head(word) and (is_head(previous) or _acronym(previous)))
        or bool(is_place(words, run[k]))
        or _acronym(word)
    )


def _acronym(word: Token) -> bool:
    return word.text.isupper() and len(word.text) <= 4


def _trimmed(piece: list[int], words: list[Token]) -> tuple[int, int] | None:
    """Cut lead-ins and dangling connectors; None when no head word is left."""
    items = [i for i in piece if words[i].text not in "-–" or i != piece[-1]]
    items = _cut_lead_in(items, words)
    while items and (not words[items[-1]].capitalised or words[items[-1]].text in "-–"):
        items.pop()
    if len(items) < 2 or not any(is_head(words[i]) for i in items):
        return None
    return items[0], items[-1]


def _cut_lead_in(items: list[int], words: list[Token]) -> list[int]:
    while items and words[items[0]].folded in name_words("lead_in"):
        items = items[1:]
    while items and not words[items[0]].capitalised:
        items = items[1:]
    for k, index in enumerate(items):
        lowered = words[index].text.lower()
        if lowered in {"of", "and"}:
            left, right = items[:k], items[k + 1 :]
            if not any(is_head(words[i]) for i in left) and _starts_name(right, words, lowered):
                return _cut_lead_in(right, words)
            break
    return items


def _starts_name(right: list[int], words: list[Token], joiner: str) -> bool:
    rest = [i for i in right if words[i].capitalised]
    if not rest or not any(is_head(words[i]) for i in rest):
        return False
    return joiner == "of" or is_head(words[rest[0]])
