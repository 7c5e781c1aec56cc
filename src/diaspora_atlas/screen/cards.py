"""Evidence cards from the store's views: a search run's resolved organisations (their
mentions, the records they are in, the inventory organisation they are linked to, website
checks) and the inventory's own organisations (the paper's row, its notes, today's facts)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from diaspora_atlas.model import Statement
from diaspora_atlas.model.names import chapter_word
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.screen.card import Card, Quote, WebsiteCheck

ADDRESS_PROPS = ("hq_street", "hq_postcode")
PLACE_PROPS = ("hq_city", "hq_region")
TEXT_PROPS = ("paper_note", "narrative", "mission_summary")


@dataclass(frozen=True)
class Views:
    """What cards are made from, as the store's projection shows it."""

    candidates: Mapping[str, EntityView] = field(default_factory=dict)
    records: Mapping[str, EntityView] = field(default_factory=dict)
    organisations: Mapping[str, EntityView] = field(default_factory=dict)
    page_checks: Mapping[str, EntityView] = field(default_factory=dict)
    clusters: Mapping[str, EntityView] = field(default_factory=dict)


def _host_of(url: str) -> str:
    rest = url.split("//", 1)[-1]
    return rest.split("/", 1)[0].split(":", 1)[0].lower().removeprefix("www.")


def _quotes(statements: Iterable[Statement], where: str) -> tuple[Quote, ...]:
    return tuple(Quote(s.rationale or s.value, s.source_url, where) for s in statements)


def checks_of(view: EntityView) -> tuple[WebsiteCheck, ...]:
    return tuple(
        WebsiteCheck(s.source_url, s.value, s.retrieved_at, s.rationale)
        for s in view.facts.get("check_outcome", ())
    )


def addresses_of(view: EntityView) -> tuple[Quote, ...]:
    """Headquarters addresses with their pages: a street or postcode; else a city."""
    found = [s for p in ADDRESS_PROPS for s in view.facts.get(p, ())]
    found = found or [s for p in PLACE_PROPS for s in view.facts.get(p, ())]
    return tuple(Quote(s.value, s.source_url, f"{s.prop} ({s.dataset})") for s in found)


def inventory_card(org_id: str, view: EntityView) -> Card:
    row = view.value("paper_row")
    where = f"the 2019 inventory, Table 1 row {row}" if row else "the inventory"
    website = view.value("website_current") or view.value("website")
    return Card(
        id=org_id,
        name=view.value("name"),
        names=tuple(view.values("alias")),
        host_iso3=view.value("host_iso3") or None,
        host_evidence=_quotes(view.facts.get("host_iso3", ()), where),
        origin_iso3=tuple(view.values("origin_iso3")),
        origin_evidence=_quotes(view.facts.get("origin_iso3", ()), where),
        sites=(website,) if website else (),
        checks=checks_of(view),
        addresses=addresses_of(view),
        chapter=bool(chapter_word(view.value("name"))),
        texts=tuple(
            Quote(s.value, s.source_url, f"{s.prop} ({s.dataset})")
            for p in TEXT_PROPS
            for s in view.facts.get(p, ())
        ),
        inventory_match=org_id,
        inventory_name=view.value("name"),
    )


def _excerpt(cid: str, cand: EntityView, records: Mapping[str, EntityView]) -> Quote:
    record_id = cand.value("record")
    record = records.get(record_id)
    engine = record.value("engine") if record else ""
    rank = record.value("rank") if record else ""
    chosen = cand.chosen("excerpt") or cand.chosen("name")
    url = (chosen.source_url if chosen else "") or (record.value("url") if record else "")
    where = (
        f"{record_id} ({engine}{', rank ' + rank if rank else ''}), characters {cand.value('span')}"
    )
    return Quote(cand.value("excerpt") or cand.value("name"), url, where)


def _site_checks(
    sites: Iterable[str], views: Views
) -> tuple[tuple[WebsiteCheck, ...], tuple[Quote, ...]]:
    checks: list[WebsiteCheck] = []
    addresses: list[Quote] = []
    for view in views.page_checks.values():
        url = view.value("check_final_url") or next(
            (s.source_url for s in view.facts.get("check_outcome", ())), ""
        )
        host = _host_of(url)
        if host and any(host == s or host.endswith("." + s) for s in sites):
            checks.extend(checks_of(view))
            addresses.extend(addresses_of(view))
    return tuple(checks), tuple(addresses)


def cluster_card(cluster_id: str, view: EntityView, views: Views) -> Card:
    members = [m for m in view.values("member") if m in views.candidates]
    cands = [views.candidates[m] for m in members]
    org_id = view.value("inventory_match")
    org = views.organisations.get(org_id)
    base = inventory_card(org_id, org) if org else None
    sites = tuple(view.values("site")) + (base.sites if base else ())
    checks, addresses = _site_checks(view.values("site"), views)
    chapter_of = view.value("chapter_of")
    return Card(
        id=cluster_id,
        name=view.value("name"),
        names=tuple(view.values("alias")),
        host_iso3=view.value("host_iso3") or None,
        host_evidence=tuple(
            q for c in cands for q in _quotes(c.facts.get("host_iso3", ()), "the mention")
        ),
        origin_iso3=tuple(view.values("origin_iso3")),
        origin_evidence=tuple(
            q for c in cands for q in _quotes(c.facts.get("origin_iso3", ()), "the mention")
        ),
        acronym=view.value("acronym"),
        sites=sites,
        checks=checks + (base.checks if base else ()),
        addresses=addresses + (base.addresses if base else ()),
        chapter=bool(chapter_of),
        chapter_of=chapter_of if chapter_of != "unlinked" else "",
        chapter_evidence=_quotes(view.facts.get("chapter_of", ()), "resolution"),
        chapters_with_sites=tuple(
            s
            for other in views.clusters.values()
            if other.value("chapter_of") == cluster_id
            for s in other.values("site")
        ),
        excerpts=tuple(_excerpt(m, c, views.records) for m, c in zip(members, cands, strict=True)),
        texts=base.texts if base else (),
        inventory_match=org_id,
        inventory_name=org.value("name") if org else "",
        notes=tuple(view.values("resolution_note")),
    )
