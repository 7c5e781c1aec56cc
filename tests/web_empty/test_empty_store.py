"""On an unbuilt, empty store the site the server runs answers every page, JSON twin and API
route with the 503 "store not ready" answer that says the store is empty and how to build it,
never "0 organisations" (issue 13, item 9). Its own package: the web tests' loaded study is
never set up here, so the test database is empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SAMPLES = {  # a value for each path parameter
    "org_id": "org-f7ef01becc",
    "iso3": "GBR",
    "office_id": "off-0000000000",
    "key": "origins",
    "name": "results.json",
}


def _sample(route: str) -> str:
    """A concrete path for a route: ``<slug:org_id>`` and ``{org_id}`` filled in."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLES.get(m.group(1), "x"), route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLES.get(m.group(1), "x"), path)
    path = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: SAMPLES.get(m.group(1), "x"), path)
    return path.lstrip("^").rstrip("$")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + _sample(route)


def every_route() -> list[str]:
    return sorted(set(_routes(get_resolver().url_patterns)))


@pytest.fixture
def empty_site(client: Any) -> Any:
    from diaspora_atlas.web import cache

    cache.clear()  # the store's state is read once per data version
    yield client
    cache.clear()


def test_every_route_says_the_store_is_empty_and_how_to_build_it(empty_site: Any) -> None:
    routes = every_route()
    assert {"/", "/index.json", "/organisations/", "/api/organisations", "/api/match"} <= set(
        routes
    ), routes
    wrong = []
    for route in routes:
        answer = empty_site.get(route)
        body = unescape(answer.content.decode())
        if answer.status_code != 503:
            wrong.append(f"{route}: {answer.status_code}")
        elif "never been built" not in body or "diaspora-atlas build" not in body:
            wrong.append(f"{route}: the 503 does not say the store is empty and how to build it")
        elif answer["Content-Type"].startswith("application/json"):
            if answer.json()["error"]["code"] != "store_not_ready":
                wrong.append(f"{route}: not the store_not_ready error")
        elif "0 organisations" in body or "The directory's data is not there" not in body:
            wrong.append(f"{route}: not the empty-store page")
    assert not wrong, "\n".join(wrong)
