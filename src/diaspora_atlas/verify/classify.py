"""Outcome classification, pure: an answer (and the host's probe) or an HTTP error -> an
outcome with its evidence (rule, explanation, excerpt). Patterns and host lists are data
(``verify.rules``); the order of the tests below is the rule."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from diaspora_atlas.http import HttpError
from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.verify.page import Page
from diaspora_atlas.verify.rules import host_in, load_rules, status_outcome
from diaspora_atlas.verify.sites import host, is_home, same_address, same_site

SHORT_PAGE = 150  # words: below this a page's text is read for not-found wording
EXCERPT = 200


@dataclass(frozen=True)
class CheckEvidence:
    rule: str
    explanation: str
    excerpt: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "explanation": self.explanation, "excerpt": self.excerpt}


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    evidence: CheckEvidence


@dataclass(frozen=True)
class Answer:
    """What one address gave: the final answer after redirects (``chain``: the addresses
    redirected from, in order). ``page`` is None for a non-HTML body or an address that was
    not fetched (a social network reached by a redirect)."""

    requested: str
    final_url: str
    status: int
    chain: tuple[str, ...] = ()
    page: Page | None = None
    content_hash: str = ""
    fetched: bool = True
    page_redirects: tuple[str, ...] = ()  # hops a page made itself ("meta refresh at URL")
    bot_check: str = ""  # the provider whose bot check answered instead of the site


ERROR_OUTCOMES = {
    "blocked": Outcome.BLOCKED,
    "dns_failure": Outcome.DNS_FAILURE,
    "timeout": Outcome.TIMEOUT,
    "tls_error": Outcome.TLS_ERROR,
    "connection_refused": Outcome.CONNECTION_REFUSED,
    "too_many_redirects": Outcome.TOO_MANY_REDIRECTS,
    "robots_disallowed": Outcome.ROBOTS_DISALLOWED,
}


# RFC 9309: a robots.txt answering 429 or 5xx disallows everything (http/robots.py says so
# in the error's reason); the status is what the site is doing to every visitor
ROBOTS_STATUS = re.compile(r"robots\.txt answered (\d{3})")


def classify_error(error: HttpError) -> Verdict:
    """The outcome of a failed request, from the client's typed error (``error.kind``)."""
    outcome = ERROR_OUTCOMES.get(error.kind)
    unreachable = ROBOTS_STATUS.search(error.reason) if error.kind == "robots_disallowed" else None
    if unreachable:  # robots.txt answered 429/5xx: the site is refusing or broken, not shy
        outcome = status_outcome(int(unreachable.group(1)))
    if outcome is None:
        before = error.kind == "connection_failed" and error.retriable
        if before:
            outcome = Outcome.CONNECTION_REFUSED
        elif error.kind == "invalid_url" and not error.redirects:
            outcome = Outcome.BLOCKED  # not an address that can be requested at all
        else:
            outcome = Outcome.SERVER_ERROR  # hung up mid-answer, a bad Location, too large
    hops = " → ".join(r.location for r in error.redirects)
    rule = "robots_txt_status" if unreachable else f"http_{error.kind}"
    return Verdict(outcome, CheckEvidence(rule, error.reason, hops[:EXCERPT]))


def _found(patterns: Iterable[object], text: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)  # type: ignore[attr-defined]
        if match:
            start = max(0, match.start() - 60)
            return str(text[start : match.end() + 60]).strip()
    return None


def _social(answer: Answer) -> Verdict | None:
    networks = load_rules().social_hosts
    listed = host_in(host(answer.final_url), networks)
    if listed:
        how = "is" if not answer.chain else "redirects to"
        return Verdict(
            Outcome.SOCIAL_ONLY,
            CheckEvidence(
                "social_host",
                f"the address {how} a {networks[listed]} page ({listed}){_by_page(answer)}; "
                "social networks are not fetched",
                answer.final_url,
            ),
        )
    page = answer.page
    if page is None:
        return None
    if page.words >= SHORT_PAGE or not any(host_in(host(x.url), networks) for x in page.links):
        return None
    others = [link for link in page.links if not same_address(link.url, page.url)]
    social = [link for link in others if host_in(host(link.url), networks)]
    if social and len(social) == len(others):
        return Verdict(
            Outcome.SOCIAL_ONLY,
            CheckEvidence(
                "only_social_links",
                f"a short page ({page.words} words) whose only links go to social networks",
                " ".join(link.url for link in social)[:EXCERPT],
            ),
        )
    return None


def _parked(answer: Answer) -> Verdict | None:
    rules = load_rules()
    listed = host_in(host(answer.final_url), rules.parking_hosts)
    if listed:
        return Verdict(
            Outcome.PARKED,
            CheckEvidence(
                "parking_host", f"the address leads to {listed}, a parking or domain-sale host"
            ),
        )
    page = answer.page
    if page is None:
        return None
    for source in page.sources:
        listed = host_in(host(source), rules.parking_hosts)
        if listed:
            return Verdict(
                Outcome.PARKED,
                CheckEvidence("parking_script", f"the page loads {listed} (parking)", source),
            )
    excerpt = _found(rules.parking_text, f"{page.title}\n{page.heading}\n{page.text[:5000]}")
    if excerpt:
        return Verdict(
            Outcome.PARKED,
            CheckEvidence(
                "parking_wording", "the page says the domain is parked or for sale", excerpt
            ),
        )
    return None


def _soft_404(answer: Answer, probe: Answer | None) -> Verdict | None:
    rules, page = load_rules(), answer.page
    if page is not None:
        excerpt = _found(rules.not_found_title, f"{page.title}\n{page.heading}")
        if excerpt is None and page.words < SHORT_PAGE:
            excerpt = _found(rules.not_found_text, page.text)
        if excerpt:
            return Verdict(
                Outcome.SOFT_404,
                CheckEvidence("not_found_wording", "answered 2xx with not-found wording", excerpt),
            )
    if probe is None or is_home(answer.requested) or probe.status >= 400:
        return None
    if same_address(probe.final_url, answer.final_url) and (answer.chain or probe.chain):
        why = f"a random missing path on the host ends at the same page ({probe.final_url})"
    elif answer.content_hash and probe.content_hash == answer.content_hash:
        why = "a random missing path on the host gets the same content (same hash)"
    else:
        return None
    return Verdict(Outcome.SOFT_404, CheckEvidence("missing_path_probe", why, probe.requested))


def _where(answer: Answer) -> Verdict:
    if not answer.chain or same_address(answer.requested, answer.final_url):
        return Verdict(Outcome.OK, CheckEvidence("answered", f"answered {answer.status}"))
    hops = " → ".join([*answer.chain, answer.final_url])[:EXCERPT]
    if same_site(answer.requested, answer.final_url):
        why = f"redirected within the site to {answer.final_url}{_by_page(answer)}"
        return Verdict(Outcome.REDIRECTED, CheckEvidence("same_site_redirect", why, hops))
    why = f"redirected to another domain: {answer.final_url}{_by_page(answer)}"
    return Verdict(Outcome.MOVED, CheckEvidence("cross_domain_redirect", why, hops))


def _by_page(answer: Answer) -> str:
    """ " (by a meta refresh at URL)" when a page made a hop itself, else ""."""
    made = "; ".join(answer.page_redirects)
    return f" (by a {made})" if made else ""


def classify(answer: Answer, probe: Answer | None = None) -> Verdict:
    """A bot check answering instead of the site (forbidden, whatever its status); errors by
    status; then, for a 2xx/3xx answer: social network, parked, soft 404 (wording,
    then the host's probe), and finally where the redirects led (ok, redirected, moved)."""
    failed = status_outcome(answer.status)
    if failed is not None and answer.bot_check:
        why = (
            f"answered {answer.status} with {answer.bot_check}'s bot check: the site is there, "
            "but shows its page only to a browser that passes the check"
        )
        return Verdict(Outcome.FORBIDDEN, CheckEvidence("bot_check", why, answer.final_url))
    if failed is not None:
        return Verdict(failed, CheckEvidence("http_status", f"answered {answer.status}"))
    return _social(answer) or _parked(answer) or _soft_404(answer, probe) or _where(answer)
