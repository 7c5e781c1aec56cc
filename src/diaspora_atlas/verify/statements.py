"""A check and the facts read on its pages, as statements about the entity whose address it
is: dataset ``verify`` (the check: outcome, final URL, status, title, content hash, archived
copy) and dataset ``pages`` (proposed facts, ``proposed=True``). Each load is scoped to the
entities it is about, so what is not re-checked is kept and a re-check retracts the old."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.websites import CHECK_OUTCOME
from diaspora_atlas.verify.checker import CheckResult
from diaspora_atlas.verify.reading import Proposal

CHECKS = "verify"
PAGES = "pages"
CHECKER = "diaspora_atlas.verify"
READER = "diaspora_atlas.verify.reading"
WAYBACK = Source(
    id="wayback",
    kind=SourceKind.DATASET,
    title="Internet Archive Wayback Machine (availability API)",
    url="https://archive.org/wayback/available",
)


@dataclass(frozen=True)
class Target:
    """One address of one entity to check (``prop``: the property that holds it)."""

    entity_id: str
    schema: Schema
    url: str
    prop: str


def source_for(url: str, title: str = "", retrieved_at: str = "") -> Source:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return Source(
        f"site:{digest}", SourceKind.WEB_PAGE, title or url, url, retrieved_at=retrieved_at
    )


def checked_marker(url: str) -> str:
    """``inferred_from`` of a proposal: which checked address led to the page it was read on."""
    return f"read while checking {url}"


def check_statements(target: Target, result: CheckResult) -> list[Statement]:
    evidence = result.evidence
    words = evidence.explanation + (f" — “{evidence.excerpt}”" if evidence.excerpt else "")
    values = {
        CHECK_OUTCOME: (result.outcome.value, words),
        "check_final_url": (result.final_url, ""),
        "check_status": (str(result.status or ""), ""),
        "check_title": (result.title, ""),
        "check_content_hash": (result.content_hash, "sha-256 of the body, for change detection"),
    }
    source = source_for(target.url)
    out = [
        Statement(
            entity_id=target.entity_id,
            schema=target.schema,
            prop=prop,
            value=value,
            source_id=source.id,
            dataset=CHECKS,
            original_value=value,
            retrieved_at=result.checked_at,
            asserted_by=CHECKER,
            rationale=why,
            inferred_from=f"rule {evidence.rule}" if prop == CHECK_OUTCOME else "",
            source_url=target.url,
        )
        for prop, (value, why) in values.items()
        if value
    ]
    if result.archived is not None:
        out.append(
            Statement(
                entity_id=target.entity_id,
                schema=target.schema,
                prop="check_archived_url",
                value=result.archived.url,
                source_id=WAYBACK.id,
                dataset=CHECKS,
                retrieved_at=result.checked_at,
                asserted_by=CHECKER,
                rationale=f"latest capture in the Internet Archive, {result.archived.archived_at}",
                source_url=target.url,
            )
        )
    return out


def proposal_statements(
    target: Target, result: CheckResult, proposals: Iterable[Proposal]
) -> list[Statement]:
    return [
        Statement(
            entity_id=target.entity_id,
            schema=target.schema,
            prop=p.prop,
            value=p.value,
            source_id=source_for(p.page_url).id,
            dataset=PAGES,
            original_value=p.original,
            retrieved_at=result.checked_at,
            asserted_by=READER,
            rationale=p.excerpt,
            inferred_from=checked_marker(target.url),
            source_url=p.page_url,
            proposed=True,
        )
        for p in proposals
    ]


def kept(view: EntityView | None, dataset: str, rechecked: Sequence[str]) -> list[Statement]:
    """The entity's current statements of ``dataset`` about addresses not re-checked now,
    so that a load scoped to the entity keeps them."""
    if view is None:
        return []
    every = [s for group in view.facts.values() for s in group]
    every += [s for pairs in view.rejected.values() for s, _ in pairs]
    markers = {checked_marker(url) for url in rechecked}
    return [
        s
        for s in every
        if s.dataset == dataset
        and not (dataset == CHECKS and s.source_url in rechecked)
        and not (dataset == PAGES and s.inferred_from in markers)
    ]
