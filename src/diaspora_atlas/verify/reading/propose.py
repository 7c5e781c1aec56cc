"""One page (or a site's pages) -> proposed facts, each with the text it was read from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.verify.page import Page
from diaspora_atlas.verify.reading.addresses import postal_address
from diaspora_atlas.verify.reading.contacts import emails, phones, social_links
from diaspora_atlas.verify.reading.founding import founding_year
from diaspora_atlas.verify.reading.names import organisation_name
from diaspora_atlas.verify.reading.pagetext import page_text
from diaspora_atlas.verify.reading.text import block_lines, main_lines, main_text, sentences

EXCERPT = 300
MULTI = frozenset({"email", "phone", "social_url", "page_text"})  # several values, one per page


@dataclass(frozen=True)
class Proposal:
    prop: str
    value: str
    original: str  # as printed
    page_url: str
    excerpt: str  # the sentence or line it was read from


def _country_iso3(printed: str) -> str | None:
    from diaspora_atlas.refdata import resolve_country

    try:
        return resolve_country(printed).iso3
    except AtlasError:
        return None


def read_page(page: Page) -> list[Proposal]:
    extracted = main_text(page.html)
    main, blocks = main_lines(page.html, extracted), block_lines(page.html)
    out: list[Proposal] = []

    def add(prop: str, value: str | None, excerpt: str, original: str | None = None) -> None:
        if value:
            out.append(Proposal(prop, value, original or value, page.url, excerpt[:EXCERPT]))

    address = postal_address(blocks)
    if address is not None:
        add("hq_street", address.street, address.excerpt)
        add("hq_city", address.city, address.excerpt)
        add("hq_region", address.region, address.excerpt)
        add("hq_postcode", address.postcode, address.excerpt)
        if address.country:
            add("hq_country", _country_iso3(address.country), address.excerpt, address.country)
    for found in emails(blocks, page.html):
        add("email", found.value, found.excerpt)
    for found in phones(blocks):
        add("phone", found.value, found.excerpt)
    for found in social_links(page):
        add("social_url", found.value, found.excerpt)
    year = founding_year(sentences(main)) or founding_year(sentences(blocks))
    if year is not None:
        add("founded_year", year.value, year.excerpt)
    name = organisation_name(sentences(main), sentences(blocks), [page.title, page.heading])
    if name is not None:
        add("current_name", name.value, name.excerpt)
    text = page_text(extracted)
    if text is not None:  # for step 5 (focus_texts.csv); the note is its rationale
        add("page_text", text.text, text.note)
    return out


def read_pages(pages: Iterable[Page]) -> list[Proposal]:
    """Every page's proposals; a value read on several pages is proposed once (first page),
    and a single-valued fact is taken from the first page that gives it (each page's text is
    kept: ``page_text`` is one value per page)."""
    seen: set[tuple[str, str]] = set()
    props: set[str] = set()
    out: list[Proposal] = []
    for page in pages:
        for p in read_page(page):
            if (p.prop, p.value) in seen or (p.prop not in MULTI and p.prop in props):
                continue
            seen.add((p.prop, p.value))
            props.add(p.prop)
            out.append(p)
    return out
