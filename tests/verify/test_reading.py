"""Page reading on the 30 recorded organisation pages (tests/fixtures/pages/), each served at
its own host and path by a loopback server and read through the verifier (the address guard
is off for this local server only). The score is how many expected values are proposed
exactly; it may not fall below the figure reached, nor may wrong proposals rise."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from yarl import URL

from diaspora_atlas.http import HttpClient, StaticResolver
from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.verify.checker import Checker, Options
from diaspora_atlas.verify.reading import read_pages

from .support import sim_config

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
FOUND_AT_LEAST = 78  # of 81 expected values (address parts, e-mails, phones, years, names)
WRONG_AT_MOST = 1  # proposals that are not an expected value


def fixtures() -> list[dict[str, Any]]:
    out = []
    for folder in sorted(PAGES.iterdir()):
        if (folder / "expected.json").is_file():
            case = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
            case["html"] = (folder / "page.html").read_text(encoding="utf-8")
            out.append(case)
    return out


def expected_values(case: dict[str, Any]) -> dict[str, list[str]]:
    x = case["expected"]
    out: dict[str, list[str]] = {}
    for part, value in (x.get("address") or {}).items():
        if value:
            out[f"hq_{part}"] = [value]
    out["email"], out["phone"] = list(x["email"]), list(x["phone"])
    if x["founded_year"]:
        out["founded_year"] = [str(x["founded_year"])]
    if x["name"]:
        out["current_name"] = [x["name"]]
    out["social_url"] = list(x["social"])
    return {k: v for k, v in out.items() if v}


@pytest_asyncio.fixture
async def recorded_web() -> AsyncIterator[tuple[int, list[dict[str, Any]]]]:
    cases = fixtures()
    by_target = {(URL(c["url"]).host, URL(c["url"]).path_qs): c["html"] for c in cases}

    async def handler(request: web.Request) -> web.Response:
        page = by_target.get((request.host.rsplit(":", 1)[0], request.path_qs))
        if page is None:
            return web.Response(status=404, text="not recorded")
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield site._server.sockets[0].getsockname()[1], cases  # type: ignore[union-attr]
    await runner.cleanup()


def score(
    cases: list[dict[str, Any]], proposed: dict[str, dict[str, list[str]]]
) -> tuple[int, int, int]:
    total = found = wrong = 0
    for case in cases:
        expected, got = expected_values(case), proposed[case["url"]]
        total += sum(len(v) for v in expected.values())
        found += sum(
            1 for prop, values in expected.items() for v in values if v in got.get(prop, [])
        )
        wrong += sum(
            1
            for prop, values in got.items()
            for v in values
            if prop != "page_text" and v not in expected.get(prop, [])
        )
    return total, found, wrong


@pytest.mark.asyncio
async def test_recorded_pages(recorded_web: tuple[int, list[dict[str, Any]]]) -> None:
    port, cases = recorded_web
    assert len(cases) == 30
    table = {str(URL(c["url"]).host): ["127.0.0.1"] for c in cases}
    config = sim_config(allow_private_addresses=True, allowed_networks=())
    proposed: dict[str, dict[str, list[str]]] = {}
    async with HttpClient(config, resolver=StaticResolver(table)) as client:
        checker = Checker(client, Options(archive=False))
        for case in cases:
            local = URL(case["url"]).with_scheme("http").with_port(port)
            result = await checker.check(str(local))
            assert result.outcome is Outcome.OK, (case["url"], result.evidence)
            got: dict[str, list[str]] = {}
            for p in read_pages(result.pages):
                got.setdefault(p.prop, []).append(p.original)
                assert p.excerpt and p.page_url == str(local)
            proposed[case["url"]] = got
            (text,) = got["page_text"]  # the page's main text, for step 5
            assert all(line in result.pages[0].text for line in text.splitlines()), case["url"]
    total, found, wrong = score(cases, proposed)
    assert total == 81
    assert found >= FOUND_AT_LEAST, f"{found}/{total} expected values found"
    assert wrong <= WRONG_AT_MOST, f"{wrong} wrong proposals"
