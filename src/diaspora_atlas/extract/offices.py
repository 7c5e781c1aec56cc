"""Split a Table 2 'Engagement office' cell into bodies; find each body's parent and type.

The patterns and keywords are data (``data/rules/office_parents.csv`` and
``data/rules/institution_types.csv``); this module only applies them, in order.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.model import InstitutionType
from diaspora_atlas.refdata.paths import data_dir

# Two bodies glued together by the typesetting ("...Migrant Workers' AffairsOffice of the President").
_GLUED = re.compile(r"(?<=[a-z’'])(?=[A-Z][a-z]+ of the )")


@dataclass(frozen=True)
class TypedBody:
    name: str
    parent: str
    kind: str
    explanation: str


@dataclass(frozen=True)
class OfficeRules:
    parent_patterns: tuple[re.Pattern[str], ...]
    type_keywords: tuple[tuple[str, InstitutionType, str], ...]
    parent_notes: tuple[str, ...] = ()  # each pattern's wording, as people read it

    @staticmethod
    def load(rules_dir: Path | None = None) -> OfficeRules:
        return _load_rules(rules_dir or data_dir() / "rules")


@cache
def _load_rules(rules_dir: Path) -> OfficeRules:
    try:
        with (rules_dir / "office_parents.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            patterns = tuple(re.compile(row["pattern"]) for row in rows)
            notes = tuple(row["note"] for row in rows)
        with (rules_dir / "institution_types.csv").open(encoding="utf-8", newline="") as handle:
            keywords = tuple(
                (row["keyword"], InstitutionType(row["institution_type"]), row["note"])
                for row in csv.DictReader(handle)
            )
    except (OSError, KeyError, ValueError, re.error) as exc:
        raise DataFileError(
            f"cannot read the office rules in {rules_dir}: {exc}",
            "restore data/rules/ from git",
        ) from exc
    return OfficeRules(patterns, keywords, notes)


def split_bodies(cell: str) -> list[str]:
    """The bodies a cell names: one per line or ';'-separated part, glued names pulled apart."""
    text = _GLUED.sub("\n", cell.replace("\xa0", " "))
    parts = (p.strip() for line in text.split("\n") for p in line.split(";"))
    return [p for p in parts if p]


def classify_body(segment: str, rules: OfficeRules) -> TypedBody:
    name, parent, how, stated = segment.rstrip("*").strip(), "", "", ""
    for index, pattern in enumerate(rules.parent_patterns):
        match = pattern.match(name)
        if match:
            name, parent = match["body"].strip(), match["parent"].strip()
            stated = (match.groupdict().get("kind") or "").strip()
            wording = rules.parent_notes[index] if index < len(rules.parent_notes) else ""
            shape = f" (a cell worded as {wording})" if wording else ""
            how = f"the cell names '{parent}' as the body's parent{shape}; "
            break
    name = name.strip("“”\"' ")
    kind, why = institution_type(stated or name, rules)
    if stated:
        why = f"the cell calls it a {stated}: " + why
    return TypedBody(name=name, parent=parent, kind=kind.value, explanation=how + why)


# The head of a name ends where its complement starts ("Office | of the State Council").
_COMPLEMENT = re.compile(r"\s(?:of|for|on|in|with|under|within|charged)\s", re.I)


def institution_type(name: str, rules: OfficeRules) -> tuple[InstitutionType, str]:
    """The type named by the body's head noun: a keyword it starts with, else the last keyword
    of the name's head (before 'of', 'for', ...), else the last keyword anywhere."""
    lowered = name.lower().removeprefix("the ").removeprefix("state ").removeprefix("national ")
    for keyword, kind, note in rules.type_keywords:
        if lowered.startswith(keyword.lower()):
            return kind, _why(keyword, kind, note, "starts with")
    head = _COMPLEMENT.split(name, maxsplit=1)[0]
    for text, how in ((head, "head ends with"), (name, "last institution word is")):
        best = _last_keyword(text, rules)
        if best is not None:
            keyword, kind, note = best
            return kind, _why(keyword, kind, note, how)
    return InstitutionType.OTHER, "no institution keyword in the name"


def _last_keyword(text: str, rules: OfficeRules) -> tuple[str, InstitutionType, str] | None:
    best: tuple[int, str, InstitutionType, str] | None = None
    for keyword, kind, note in rules.type_keywords:
        for found in re.finditer(rf"\b{re.escape(keyword.lower())}s?\b", text.lower()):
            if best is None or found.start() > best[0]:
                best = (found.start(), keyword, kind, note)
    return None if best is None else best[1:]


def _why(keyword: str, kind: InstitutionType, note: str, how: str) -> str:
    return f"type {kind.value}: name {how} '{keyword}'" + (f" ({note})" if note else "")
