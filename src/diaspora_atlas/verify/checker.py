"""Check one address: fetch it (guarded, polite, robots.txt respected), probe its host once
for soft 404s when it is not a home page, classify, read the live site's contact/about/
history pages, and look a dead site up in the Internet Archive."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from yarl import URL

from diaspora_atlas.http import HttpClient, HttpError
from diaspora_atlas.http.once import Once
from diaspora_atlas.model.websites import Outcome, group_of
from diaspora_atlas.verify.classify import Answer, CheckEvidence, Verdict, classify, classify_error
from diaspora_atlas.verify.fetch import fetch
from diaspora_atlas.verify.page import Page
from diaspora_atlas.verify.rules import load_rules
from diaspora_atlas.verify.sites import is_home, origin, same_address, same_site
from diaspora_atlas.verify.wayback import ENDPOINT, POLICY, Snapshot, latest_snapshot

LIVE = frozenset({Outcome.OK, Outcome.REDIRECTED, Outcome.MOVED})
ARCHIVED_GROUPS = frozenset({"dead", "parked"})


@dataclass(frozen=True)
class CheckResult:
    url: str
    outcome: Outcome
    final_url: str
    status: int | None
    evidence: CheckEvidence
    checked_at: str
    title: str = ""
    content_hash: str = ""
    archived: Snapshot | None = None
    pages: tuple[Page, ...] = field(default=(), repr=False)

    def as_json(self) -> dict[str, Any]:
        """One line of ``verify --json``."""
        return {
            "url": self.url,
            "outcome": self.outcome.value,
            "final_url": self.final_url,
            "status": self.status,
            "evidence": self.evidence.as_dict(),
            "checked_at": self.checked_at,
            "title": self.title,
            "content_hash": self.content_hash,
            "archived_url": self.archived.url if self.archived else "",
            "pages_read": [p.url for p in self.pages],
        }


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Options:
    read_pages: bool = True
    archive: bool = True
    wayback_endpoint: str = ENDPOINT
    max_pages: int = 3  # linked pages read per live site, besides the one checked


class Checker:
    def __init__(self, client: HttpClient, options: Options | None = None) -> None:
        self.client = client
        self.options = options or Options()
        self._probes: Once[str, Answer | None] = Once()
        if self.options.archive:
            host = URL(self.options.wayback_endpoint).host or ""
            client.configure_host(host, POLICY)

    def forget(self, url: str) -> None:
        """Drop what is kept about the site of ``url`` (its probe, the client's state):
        called when no address of the site is left to check."""
        self._probes.forget(origin(url))
        self.client.forget(url)

    async def check(self, url: str) -> CheckResult:
        checked_at = now()
        try:
            answer = await fetch(self.client, url)
        except HttpError as error:
            verdict = classify_error(error)
            final = error.redirects[-1].location if error.redirects else url
            return await self._finish(url, verdict, final, None, checked_at, None)
        probe = await self._probe(url) if not is_home(url) and answer.status < 400 else None
        verdict = classify(answer, probe)
        return await self._finish(url, verdict, answer.final_url, answer, checked_at, probe)

    async def _finish(
        self,
        url: str,
        verdict: Verdict,
        final_url: str,
        answer: Answer | None,
        checked_at: str,
        probe: Answer | None,
    ) -> CheckResult:
        pages: tuple[Page, ...] = ()
        if answer is not None and answer.page is not None and verdict.outcome in LIVE:
            pages = (answer.page, *await self._linked_pages(answer.page))
        archived = None
        if self.options.archive and group_of(verdict.outcome) in ARCHIVED_GROUPS:
            archived = await latest_snapshot(self.client, url, self.options.wayback_endpoint)
        return CheckResult(
            url=url,
            outcome=verdict.outcome,
            final_url=final_url,
            status=answer.status or None if answer is not None else None,
            evidence=verdict.evidence,
            checked_at=checked_at,
            title=answer.page.title if answer is not None and answer.page is not None else "",
            content_hash=answer.content_hash if answer is not None else "",
            archived=archived,
            pages=pages if self.options.read_pages else (),
        )

    async def _probe(self, url: str) -> Answer | None:
        """A random missing path on the host of ``url``, fetched once per host."""
        site = origin(url)
        return await self._probes.get(site, lambda: self._fetch_probe(site))

    async def _fetch_probe(self, site: str) -> Answer | None:
        try:
            return await fetch(self.client, f"{site}/atlas-missing-{secrets.token_hex(6)}")
        except HttpError:
            return None

    async def _linked_pages(self, home: Page) -> list[Page]:
        """Up to ``max_pages`` pages the live page links as contact / about / history."""
        if not self.options.read_pages or self.options.max_pages <= 0:
            return []
        wanted = pick_links(home, self.options.max_pages)
        pages: list[Page] = []
        for link in wanted:  # one after the other: the host's politeness applies anyway
            try:
                answer = await fetch(self.client, link)
            except HttpError:
                continue
            if (
                answer.page is not None
                and answer.status < 300
                and same_site(link, answer.final_url)
            ):
                pages.append(answer.page)
        return pages


def pick_links(page: Page, limit: int) -> list[str]:
    """Links of the same site whose text or address has a contact/about/history word, one
    per kind first, in page order."""
    words = load_rules().page_words
    chosen: list[str] = []
    for kind in ("contact", "about", "history"):
        for link in page.links:
            text = f"{link.text} {URL(link.url).path}".lower()
            if (
                any(word in text for word in words.get(kind, ()))
                and same_site(link.url, page.url)
                and not same_address(link.url, page.url)
                and link.url not in chosen
            ):
                chosen.append(link.url)
                break
    return chosen[:limit]
