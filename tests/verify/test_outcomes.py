"""Every outcome class, each with its evidence, on the simulated web (loopback only)."""

from __future__ import annotations

import pytest

from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.verify.checker import Checker, CheckResult, Options

from .simweb import SimWeb
from .support import sim_client

CASES = [
    ("ok.test", "/", Outcome.OK, "answered"),
    ("redirected.test", "/", Outcome.REDIRECTED, "same_site_redirect"),
    ("moved.test", "/", Outcome.MOVED, "cross_domain_redirect"),
    ("social.test", "/", Outcome.SOCIAL_ONLY, "social_host"),
    ("sociallinks.test", "/", Outcome.SOCIAL_ONLY, "only_social_links"),
    ("refreshmoved.test", "/", Outcome.MOVED, "cross_domain_redirect"),  # a meta refresh
    ("scriptsocial.test", "/", Outcome.SOCIAL_ONLY, "social_host"),  # a script's location
    ("selfrefresh.test", "/", Outcome.OK, "answered"),  # refreshes itself in 5 minutes
    ("refreshloop.test", "/a", Outcome.TOO_MANY_REDIRECTS, "http_too_many_redirects"),
    ("cookieloop.test", "/", Outcome.OK, "answered"),  # a loop only without its cookie
    ("challenge.test", "/", Outcome.FORBIDDEN, "bot_check"),  # Cloudflare's, as a 403
    ("challenge503.test", "/", Outcome.FORBIDDEN, "bot_check"),  # ... as a 503: not dead
    ("parked.test", "/", Outcome.PARKED, "parking_script"),
    ("forsale.test", "/", Outcome.PARKED, "parking_wording"),
    ("soft.test", "/about-us/history", Outcome.SOFT_404, "missing_path_probe"),
    ("softword.test", "/", Outcome.SOFT_404, "not_found_wording"),
    ("gone.test", "/", Outcome.NOT_FOUND, "http_status"),
    ("missing.test", "/", Outcome.NOT_FOUND, "http_status"),
    ("forbidden.test", "/", Outcome.FORBIDDEN, "http_status"),
    ("broken.test", "/", Outcome.SERVER_ERROR, "robots_txt_status"),  # every path answers 500
    ("slow.test", "/", Outcome.TIMEOUT, "http_timeout"),
    ("loop.test", "/a", Outcome.TOO_MANY_REDIRECTS, "http_too_many_redirects"),
    ("robots.test", "/", Outcome.ROBOTS_DISALLOWED, "http_robots_disallowed"),
    ("toprivate.test", "/", Outcome.BLOCKED, "http_blocked"),
    ("blocked.test", "/", Outcome.BLOCKED, "http_blocked"),
    ("nxdomain.test", "/", Outcome.DNS_FAILURE, "http_dns_failure"),
    ("retry.test", "/", Outcome.OK, "answered"),
]


async def check(web: SimWeb, url: str, **options: object) -> CheckResult:
    async with sim_client(web) as client:
        checker = Checker(client, Options(archive=False, **options))  # type: ignore[arg-type]
        return await checker.check(url)


@pytest.mark.asyncio
@pytest.mark.parametrize(("name", "path", "outcome", "rule"), CASES, ids=[c[0] for c in CASES])
async def test_outcome(simweb: SimWeb, name: str, path: str, outcome: Outcome, rule: str) -> None:
    result = await check(simweb, simweb.url(name, path))
    assert (result.outcome, result.evidence.rule) == (outcome, rule), result.evidence
    assert result.evidence.explanation
    assert result.as_json()["outcome"] == outcome.value


@pytest.mark.asyncio
async def test_page_made_redirects_are_hops_with_evidence(simweb: SimWeb) -> None:
    moved = await check(simweb, simweb.url("refreshmoved.test"))
    assert moved.final_url == simweb.url("ok.test", "/")
    assert "by a meta refresh at " + simweb.url("refreshmoved.test") in moved.evidence.explanation
    social = await check(simweb, simweb.url("scriptsocial.test"))
    assert social.final_url == "https://www.facebook.com/example-association"
    assert "by a script at" in social.evidence.explanation
    assert not any(k.startswith("www.facebook.com") for k in simweb.hits)


@pytest.mark.asyncio
async def test_connection_refused(simweb: SimWeb) -> None:
    result = await check(simweb, f"http://ok.test:{simweb.closed_port}/")
    assert result.outcome is Outcome.CONNECTION_REFUSED


@pytest.mark.asyncio
async def test_tls_error(simweb: SimWeb, tls_port: int) -> None:
    result = await check(simweb, f"https://tls.test:{tls_port}/")
    assert result.outcome is Outcome.TLS_ERROR
    assert "certificate" in result.evidence.explanation


@pytest.mark.asyncio
async def test_social_network_is_never_fetched(simweb: SimWeb) -> None:
    result = await check(simweb, simweb.url("social.test"))
    assert result.final_url == "https://www.facebook.com/example-association"
    assert result.status == 302  # the last answer seen: the redirect itself


@pytest.mark.asyncio
async def test_one_probe_per_host(simweb: SimWeb) -> None:
    async with sim_client(simweb) as client:
        checker = Checker(client, Options(archive=False, read_pages=False))
        for path in ("/a", "/b", "/c"):
            assert (await checker.check(simweb.url("soft.test", path))).outcome is Outcome.SOFT_404
    probes = [k for k in simweb.hits if k.startswith("soft.test /atlas-missing-")]
    assert len(probes) == 1


@pytest.mark.asyncio
async def test_a_home_page_answered_like_any_path_is_still_alive(simweb: SimWeb) -> None:
    result = await check(simweb, simweb.url("soft.test"))
    assert result.outcome is Outcome.OK
    assert not [k for k in simweb.hits if "atlas-missing" in k]  # no probe for a home page


@pytest.mark.asyncio
async def test_live_site_pages_are_read(simweb: SimWeb) -> None:
    from diaspora_atlas.verify.reading import read_pages

    result = await check(simweb, simweb.url("ok.test"))
    assert [p.url for p in result.pages] == [
        simweb.url("ok.test"),
        simweb.url("ok.test", "/contact-us"),
        simweb.url("ok.test", "/about/history"),
    ]
    found = {(p.prop, p.value) for p in read_pages(result.pages)}
    assert {
        ("hq_street", "600 Enterprise Drive, Suite 108"),
        ("hq_city", "Oakbrook"),
        ("hq_postcode", "60523"),
        ("email", "info@ema.test"),  # Cloudflare-obfuscated on the page
        ("phone", "630-990-2277"),
        ("founded_year", "1987"),
        ("social_url", "https://www.facebook.com/ema"),
        ("current_name", "Example Medical Association"),
    } <= found
    assert ("phone", "630-990-2281") not in found  # the fax


@pytest.mark.asyncio
async def test_change_detection_fields(simweb: SimWeb) -> None:
    first = await check(simweb, simweb.url("ok.test"))
    second = await check(simweb, simweb.url("parked.test"))
    assert first.title == "Example Medical Association" and len(first.content_hash) == 32
    assert first.content_hash != second.content_hash
