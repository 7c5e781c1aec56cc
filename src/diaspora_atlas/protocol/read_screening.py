"""Reading a protocol's professions, search, criteria, exceptions and screening."""

from __future__ import annotations

import re

from diaspora_atlas.protocol.criteria import (
    CHECKS,
    CONFLICT_RULES,
    DECIDERS,
    EXCLUSION,
    KINDS,
    Criterion,
    CriterionException,
    ExclusionReason,
    Screening,
)
from diaspora_atlas.protocol.hosts import Host
from diaspora_atlas.protocol.nodes import Node
from diaspora_atlas.protocol.read_hosts import language, url
from diaspora_atlas.protocol.vocab import (
    COMBINATIONS,
    ENGINE_KINDS,
    Engine,
    Profession,
    Professions,
    Search,
    Words,
)

CODE = re.compile(r"^[A-Z][A-Z0-9]*$")
IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


def ident(node: Node, pattern: re.Pattern[str] = IDENT) -> str:
    text = node.text()
    if not pattern.match(text):
        shape = "capital letters and digits" if pattern is CODE else "lower case and underscores"
        raise node.error(f"{text!r} must be {shape}")
    return text


def words(node: Node, hosts: tuple[Host, ...]) -> tuple[Words, ...]:
    """Words per language (ISO 639-1 code -> list); every host language must have some."""
    found = []
    for key, value in node.entries():
        listed = value.texts()
        if not listed:
            raise value.error("give at least one word")
        found.append(Words(language(key), listed))
    given = {w.language for w in found}
    for h in hosts:
        missing = [lang for lang in h.languages if lang not in given]
        if missing:
            raise node.error(f"no words in {missing[0]!r}, a language of {h.name}")
    return tuple(found)


def profession(node: Node, hosts: tuple[Host, ...], excluded: bool) -> Profession:
    fields = node.mapping(("name", "words"), ("note", "criterion") if excluded else ("note",))
    criterion = fields.get("criterion")
    return Profession(
        fields.text("name"),
        words(fields["words"], hosts),
        ident(criterion, CODE) if criterion else "",
        fields.text("note"),
    )


def professions(node: Node, hosts: tuple[Host, ...]) -> Professions:
    fields = node.mapping(("included", "excluded"))
    included = tuple(profession(i, hosts, False) for i in fields["included"].items())
    if not included:
        raise fields["included"].error("give at least one included profession")
    excluded = tuple(profession(i, hosts, True) for i in fields["excluded"].items())
    return Professions(included, excluded)


def kinds(node: Node | None, hosts: tuple[Host, ...]) -> tuple[Profession, ...]:
    return tuple(profession(i, hosts, False) for i in node.items()) if node else ()


def engine(node: Node) -> Engine:
    fields = node.mapping(("id", "name", "kind"), ("url",))
    link = fields.get("url")
    return Engine(
        ident(fields["id"]), fields.text("name"), fields["kind"].choice(ENGINE_KINDS),
        url(link) if link else "",
    )  # fmt: skip


def search(node: Node, hosts: tuple[Host, ...]) -> Search:
    fields = node.mapping(("terms", "combine", "engines"), ("rationale",))
    engines: list[Engine] = []
    for item in fields["engines"].items():
        one = engine(item)
        if any(e.id == one.id for e in engines):
            raise item.error(f"engine {one.id!r} is listed twice")
        engines.append(one)
    if not engines:
        raise fields["engines"].error("give at least one engine")
    return Search(
        words(fields["terms"], hosts),
        fields["combine"].choice(tuple(COMBINATIONS)),
        tuple(engines),
        fields.text("rationale"),
    )


def criterion(node: Node) -> Criterion:
    fields = node.mapping(
        ("code", "kind", "wording", "decided_by", "checks", "reason"), ("source",)
    )
    return Criterion(
        ident(fields["code"], CODE),
        fields["kind"].choice(KINDS),
        fields.text("wording"),
        fields["decided_by"].choice(DECIDERS),
        fields["checks"].choice(tuple(CHECKS)),
        ident(fields["reason"]),
        fields.text("source"),
    )


def criteria(node: Node) -> tuple[Criterion, ...]:
    found: list[Criterion] = []
    for item in node.items():
        one = criterion(item)
        if any(c.code == one.code for c in found):
            raise item.error(f"criterion {one.code} is listed twice")
        if any(c.reason == one.reason for c in found):
            raise item.error(f"reason code {one.reason!r} is used by two criteria")
        found.append(one)
    if not found:
        raise node.error("give at least one criterion")
    return tuple(found)


def exceptions(node: Node | None, known: tuple[Criterion, ...]) -> tuple[CriterionException, ...]:
    found = []
    for item in node.items() if node is not None else ():
        fields = item.mapping(("code", "criterion", "wording", "condition", "reason"), ("source",))
        relaxed = ident(fields["criterion"], CODE)
        if relaxed not in {c.code for c in known}:
            raise fields["criterion"].error(f"there is no criterion {relaxed}")
        found.append(
            CriterionException(
                ident(fields["code"], CODE),
                relaxed,
                fields.text("wording"),
                fields.text("condition"),
                fields.text("reason"),
                fields.text("source"),
            )
        )
    return tuple(found)


def other_reasons(node: Node | None, known: tuple[Criterion, ...]) -> tuple[ExclusionReason, ...]:
    found: list[ExclusionReason] = []
    for item in node.items() if node is not None else ():
        fields = item.mapping(("code", "wording"))
        code = ident(fields["code"])
        if code in {c.reason for c in known} | {r.code for r in found}:
            raise fields["code"].error(f"reason code {code!r} is already used")
        found.append(ExclusionReason(code, fields.text("wording")))
    return tuple(found)


def check_excluded_professions(
    node: Node, found: Professions, known: tuple[Criterion, ...]
) -> None:
    codes = {c.code for c in known if c.kind == EXCLUSION}
    for index, item in enumerate(found.excluded):
        if item.criterion and item.criterion not in codes:
            where = node.mapping(("included", "excluded"))["excluded"]
            raise list(where.items())[index].error(
                f"criterion {item.criterion} is not an exclusion criterion of this protocol"
            )


def screening(node: Node) -> Screening:
    fields = node.mapping(("dual_review",), ("reviewers", "conflicts", "note"))
    dual = fields["dual_review"].boolean()
    count = fields.get("reviewers")
    reviewers = count.integer() if count is not None else None
    if reviewers is not None and reviewers < 1:
        raise fields["reviewers"].error("give a number of reviewers of at least 1")
    conflicts = fields.get("conflicts")
    rule = conflicts.choice(CONFLICT_RULES) if conflicts is not None else ""
    if dual and (reviewers is None or reviewers < 2 or not rule):
        raise node.error("dual review needs 'reviewers' (2 or more) and 'conflicts'")
    return Screening(dual, reviewers, rule, fields.text("note"))
