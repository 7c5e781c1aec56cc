"""The organisation's name as the page spells it: a name beside its acronym ("British
Islamic Medical Association (BIMA)", "TPAA (Thai Physicians Association of America)",
"MANSAG is an acronym for ..."), else a title or heading that is an organisation's name,
else a sentence that starts with one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from diaspora_atlas.verify.reading.contacts import Found

SMALL = {"of", "the", "and", "for", "in", "&", "de", "du", "des", "la", "le", "to", "at", "on"}
ORG_WORDS = (
    "Association|Society|Foundation|Federation|Organi[sz]ation|Academy|Council|Network|Union|"
    "College|Alliance|Institute|Forum|Chamber|Club|League|Circle|Assembly|Group"
)
WORD = r"[A-Z][\w'’.-]*"
NAME = rf"{WORD}(?:[ -](?:{WORD}|of|the|and|for|in|&))*"
BEFORE_ACRONYM = re.compile(
    rf"(?:^|\b[Tt]he\s+|[^\w“\"]\s*)(?P<name>{NAME})\s*\((?P<acronym>[A-Z][A-Za-z&-]{{1,11}})\)"
)
AFTER_ACRONYM = re.compile(rf"\b(?P<acronym>[A-Z][A-Z&-]{{1,11}})\s*\((?P<name>{NAME})\)")
ACRONYM_FOR = re.compile(rf"\b[A-Z]{{2,}} is an acronym for (?P<name>{NAME})")
QUOTED = re.compile(rf"[“\"](?P<name>{NAME})[”\"]\s+(?:was|is)\b")
SENTENCE_START = re.compile(
    rf"^(?:The\s+)?(?P<name>(?:{NAME}\s)?(?:{ORG_WORDS})(?:\s(?:of|in|for)(?:\s(?:the\s)?{WORD})+)*)\s+(?:was|is|which|has)\b"
)
# a host-country tag that belongs to the name: "Iranian Medical Society (UK)",
# "Sudanese Medical Association (SMA) UK and Ireland"
COUNTRY_TAG = re.compile(
    r"^(?:UK|U\.K\.|USA|U\.S\.A\.|Canada|Australia|Ireland)(?:\s+(?:and|&)\s+(?:UK|Ireland|Canada))?\b"
)
HAS_ORG_WORD = re.compile(rf"\b(?:{ORG_WORDS})\b")


def _initials(name: str) -> str:
    words = re.split(r"[\s-]+", name)
    return "".join(w[0] for w in words if w and w.lower() not in SMALL).upper()


def _matches(acronym: str, name: str) -> bool:
    """The acronym's letters start the name's initials (GPSF: Ghana Physicians and Surgeons
    Foundation of North America); a country suffix (-UK) may follow."""
    letters = re.sub(r"[^A-Z]", "", acronym.split("-")[0].upper())
    return len(letters) >= 2 and _initials(name).startswith(letters)


def _trim(name: str) -> str:
    words = name.rstrip(".,;:").split()
    while words and words[0].lower() in SMALL | {"our", "a", "an"}:
        words.pop(0)
    while words and words[-1].lower() in SMALL:
        words.pop()
    return " ".join(words)


def _beside_acronym(match: re.Match[str], text: str) -> str | None:
    name, acronym = _trim(match.group("name")), match.group("acronym")
    tail = text[match.end() :].lstrip()
    if COUNTRY_TAG.fullmatch(acronym):  # "(UK)": part of the name
        return f"{name} ({acronym})" if HAS_ORG_WORD.search(name) else None
    if acronym[1:].islower():  # "(Sydney)": a place after the name
        return name if HAS_ORG_WORD.search(name) and len(name.split()) >= 3 else None
    words = name.split()
    # drop leading words until the initials line up ("Brooklyn, New York- The X (AMHE)")
    while len(words) > 1 and not _matches(acronym, " ".join(words)):
        words.pop(0)
    if len(words) > 1 and _matches(acronym, " ".join(words)):
        tag = COUNTRY_TAG.match(tail) if match.re is BEFORE_ACRONYM else None
        return _trim(" ".join(words)) + (f" ({acronym}) {tag.group(0)}" if tag else "")
    after_the = re.split(r"\b[Tt]he\s+", name)[-1]  # an acronym in another language (AMHE)
    return after_the if HAS_ORG_WORD.search(after_the) and len(after_the.split()) >= 3 else None


def _by_acronym(text: str) -> str | None:
    for pattern in (BEFORE_ACRONYM, AFTER_ACRONYM):
        for match in pattern.finditer(text):
            name = _beside_acronym(match, text)
            if name:
                return name
    found = ACRONYM_FOR.search(text) or QUOTED.search(text)
    return _trim(found.group("name")) if found else None


def _heading_name(heading: str) -> str | None:
    for part in re.split(r"\s*(?:\||/| – | - |:)\s*", heading):
        part = _trim(part.removeprefix("The ").strip())
        if HAS_ORG_WORD.search(part) and re.fullmatch(NAME, part) and len(part.split()) >= 3:
            return part
    return None


def _joined(lines: Sequence[str]) -> list[str]:
    """Lines, with a line whose parenthesis is still open joined to the next ("AAPI
    (American Association" + "of Physicians of Indian Origin)")."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].count("(") > out[-1].count(")"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def organisation_name(
    main: Sequence[str], blocks: Sequence[str], headings: Sequence[str]
) -> Found | None:
    """``main``: sentences of the main text; ``blocks``: of every block of the page."""
    for lines in (main, blocks):
        for line in _joined(lines):
            name = _by_acronym(line)
            if name and HAS_ORG_WORD.search(name):
                return Found(name, line)
    for heading in headings:
        name = _heading_name(heading)
        if name:
            return Found(name, heading)
    for sentence in (*main, *blocks):
        match = SENTENCE_START.match(sentence)
        if match and len(match.group("name").split()) >= 3:
            return Found(_trim(match.group("name")), sentence)
    return None
