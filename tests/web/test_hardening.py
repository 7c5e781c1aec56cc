"""Issue 8's reproductions for the web server, each ending in a clear error or a bounded
answer: the facet flood and the page cache (item 2), server errors from input (item 3),
methods and the error format (item 6)."""

from __future__ import annotations

import io
import json
import sys
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from diaspora_atlas.web import cache
from diaspora_atlas.web.methods import ATTRIBUTE
from diaspora_atlas.web.params import MAX_QUERY_STRING, MAX_VALUES
from diaspora_atlas.web.reconcile import MAX_BATCH_BYTES

pytestmark = pytest.mark.db

SELECTION = [
    "/organisations/",
    "/organisations.json",
    "/organisations/export.csv",
    "/organisations/export.json",
    "/api/organisations",
    "/api/facets",
]


def _flood(n: int) -> str:
    return ",".join(f"X{i:04d}" for i in range(n))


def _error(answer: Any, status: int, code: str) -> str:
    assert answer.status_code == status, answer.content[:300]
    body = answer.json()
    assert body["error"]["status"] == status and body["error"]["code"] == code, body
    return str(body["error"]["message"])


@pytest.mark.parametrize("n", [2000, 3000, 5000])
def test_facet_flood_is_a_small_quick_400(web: Any, n: int) -> None:
    for path in SELECTION:
        started = time.monotonic()
        answer = web.get(path, {"host": _flood(n)})
        assert answer.status_code == 400, path
        assert len(answer.content) < 4000, (path, len(answer.content))
        assert time.monotonic() - started < 1.0, path
    message = _error(web.get("/organisations.json", {"host": _flood(n)}), 400, "invalid_parameter")
    assert "query string is too long" in message


def test_values_per_facet_are_capped_and_checked(web: Any) -> None:
    many = ",".join(["GBR"] * (MAX_VALUES + 1))
    assert f"at most {MAX_VALUES} values" in _error(
        web.get("/api/organisations", {"host": many}), 400, "invalid_parameter"
    )
    assert "is not a country we know" in _error(
        web.get("/organisations.json", {"host": "X0001"}), 400, "invalid_parameter"
    )
    assert web.get("/organisations.json", {"host": "gbr,usa"}).json()["query"]["filters"] == {
        "host": ["GBR", "USA"]
    }


def test_largest_accepted_selection_is_bounded(web: Any) -> None:
    """Every facet at its cap, and the longest search text: the answer stays under 1 MB."""
    from diaspora_atlas.web.queries import FACET_RULES

    query: dict[str, list[str]] = {"q": ["é" * 200]}
    for facet, rule in FACET_RULES.items():
        query[facet] = list(rule.allowed())[-MAX_VALUES:]
    sizes = {}
    for path in ("/organisations/", "/organisations.json", "/api/facets"):
        answer = web.get(path, query)
        if answer.status_code == 400:  # the query string limit holds first
            assert "too long" in answer.content.decode()
            continue
        sizes[path] = len(answer.content)
    assert all(size < 1_000_000 for size in sizes.values()), sizes
    within = {"host": ["GBR", "USA", "CAN", "AUS"], "origin": ["NGA", "GHA", "IND", "PAK"]}
    assert web.get("/organisations/", {**within, "q": ["doctors"]}).status_code == 200


def test_page_cache_keeps_only_canonical_good_pages(web: Any) -> None:
    cache.clear()
    assert web.get("/organisations/", {"host": "GBR"}).status_code == 200
    before = cache.sizes()
    for i in range(50):
        assert web.get("/organisations/", {"host": "GBR", f"utm{i}": "x"}).status_code == 200
        assert web.get("/organisations/", {"host": "gbr", "page": "1"}).status_code == 200
        assert web.get("/organisations/", {"page": "²"}).status_code == 400
        assert web.get("/organisations/", {"host": _flood(2000)}).status_code == 400
    assert cache.sizes() == before


def test_wsgi_cache_keeps_only_the_canonical_spelling(wsgi_app: Any) -> None:
    cache.clear()

    def get(path: str, query: str = "", method: str = "GET") -> tuple[str, dict[str, str], bytes]:
        environ = {
            **{"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query},
            **{"HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80"},
            **{"SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http"},
            **{"wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr},
        }
        seen: dict[str, Any] = {}

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            seen.update(status=status, headers=dict(headers))

        body = b"".join(wsgi_app(environ, start))
        return seen["status"], seen["headers"], body

    get("/organisations/", "host=GBR&utm=1")
    get("/organisations/", "host=gbr")
    assert cache.sizes()["raw"] == 0
    status, headers, body = get("/organisations/", "host=GBR")
    assert status.startswith("200") and cache.sizes()["raw"] == 1
    assert "X-Atlas-Cacheable" not in headers
    head_status, head_headers, head_body = get("/organisations/", "host=GBR", "HEAD")
    assert head_status.startswith("200") and head_body == b""
    assert head_headers["Content-Length"] == str(len(body))
    api_status, api_headers, api_body = get("/api/organisations", "host=GBR", "HEAD")
    assert (
        api_status.startswith("200") and api_body == b"" and int(api_headers["Content-Length"]) > 0
    )


def test_cache_stores_are_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_BYTES", 10_000)
    store: cache.Store[cache.Raw] = cache.Store()
    assert not store.put(("v", "huge"), cache.Raw("200 OK", (), b"x" * (cache.MAX_ENTRY_BYTES + 1)))
    for i in range(10):
        assert store.put(("v", f"k{i}"), cache.Raw("200 OK", (), b"x" * 3000))
    assert store.bytes <= 10_000 and len(store) == 3
    assert store.get(("v", "k0")) is None and store.get(("v", "k9")) is not None


@pytest.mark.parametrize("value", ["²", "٣", "１", "1.0", "-1", " 2", "9999999"])
def test_non_ascii_or_odd_numbers_are_400_everywhere(web: Any, value: str) -> None:
    for key in ("page", "per_page", "fy"):
        for path in SELECTION:
            answer = web.get(path, {key: value})
            assert answer.status_code == 400, (path, key, value)
        assert web.get("/organisations/", {key: value})["Content-Type"].startswith("text/html")


def test_offices_filter_agrees_between_twin_and_api(web: Any) -> None:
    for query in ({"type": "<script>"}, {"country": "XXX"}, {"country": "Narnia"}):
        twin, api = web.get("/offices.json", query), web.get("/api/offices", query)
        assert twin.status_code == api.status_code == 400, query
        assert twin.json() == api.json()
    # A country's name is resolved to its code first, the same way on both.
    named = web.get("/offices.json", {"country": "ETHIOPIA"}).json()
    assert named == web.get("/api/offices", {"country": "eth"}).json()
    assert named["query"]["country"] == "ETH" and named["total"] > 0
    assert web.get("/api/offices", {"type": "ministry", "country": "eth"}).status_code == 200


@pytest.mark.parametrize(
    ("batch", "words"),
    [
        ({"q0": {"query": "AAPI", "properties": 5}}, "'properties' must be a list"),
        ({"q0": {"query": "AAPI", "properties": True}}, "'properties' must be a list"),
        ({"q0": {"query": "AAPI", "properties": [5]}}, "each property must be an object"),
        ({"q0": {"query": "AAPI", "properties": [{"pid": 5, "v": "x"}]}}, "'pid'"),
        ({"q0": {"query": "AAPI", "limit": True}}, "'limit'"),
        ({"q0": "AAPI"}, "each query must be an object"),
        ({"q0": {"query": "x" * 9500}}, "at most 300 characters"),
        ({f"q{i}": {"query": "AAPI"} for i in range(101)}, "at most 100 queries"),
    ],
)
def test_reconciliation_batches_are_checked(web: Any, batch: Any, words: str) -> None:
    answer = web.post("/api/reconcile", {"queries": json.dumps(batch)})
    assert words in _error(answer, 400, "invalid_query")


def test_reconciliation_refuses_deep_or_large_batches_quickly(web: Any) -> None:
    deep = '{"q0": ' * 5000 + "{}" + "}" * 5000
    assert "nests too deeply" in _error(
        web.post("/api/reconcile", {"queries": deep}), 400, "invalid_query"
    )
    started = time.monotonic()
    heavy = json.dumps({f"q{i}": {"query": "x" * 9500} for i in range(100)})
    assert len(heavy) < MAX_BATCH_BYTES * 8
    assert web.post("/api/reconcile", {"queries": heavy}).status_code == 400
    assert time.monotonic() - started < 1.0
    fine = {"q0": {"query": "AAPI", "properties": [{"pid": "host", "v": ["USA"]}], "limit": 3}}
    answer = web.post("/api/reconcile", {"queries": json.dumps(fine)})
    assert answer.status_code == 200 and answer.json()["q0"]["result"]


def test_head_works_wherever_get_does(web: Any) -> None:
    for path in (
        "/api/organisations",
        "/api/countries/NGA",
        "/api/match?name=AAPI",
        "/api/reconcile",
    ):
        get, head = web.get(path), web.head(path)
        assert get.status_code == head.status_code == 200, path
        assert head.content == b"" and head["Content-Length"] == str(len(get.content)), path
    for path in ("/organisations/", "/organisations.json", "/organisations/export.csv"):
        assert web.head(path).status_code == 200, path


def _allow(answer: Any) -> set[str]:
    return {m.strip() for m in answer["Allow"].split(",")}


def test_other_methods_are_405_with_allow_in_the_documented_shape(web: Any) -> None:
    csrf = Client(enforce_csrf_checks=True)
    for path in ("/organisations.json", "/api/organisations", "/countries/NGA.json"):
        answer = csrf.post(path)
        assert "POST is not allowed" in _error(answer, 405, "method_not_allowed"), path
        assert _allow(answer) == {"GET", "HEAD"}, path
    page = csrf.post("/organisations/")
    assert page.status_code == 405 and _allow(page) == {"GET", "HEAD"}
    assert page["Content-Type"].startswith("text/html") and b"Method not allowed" in page.content
    for path in ("/organisations/export.csv", "/maps/origins.svg", "/downloads/results.json"):
        for method in ("options", "trace", "put", "delete"):
            answer = (
                getattr(csrf, method)(path) if method != "trace" else csrf.generic("TRACE", path)
            )
            assert answer.status_code == 405, (method, path)
            assert _allow(answer) == {"GET", "HEAD"} and len(answer.content) < 4000, (method, path)
    assert _allow(csrf.delete("/api/reconcile")) == {"GET", "HEAD", "POST"}
    posted = csrf.post("/api/reconcile", {"queries": json.dumps({"q0": {"query": "AAPI"}})})
    assert posted.status_code == 200, "OpenRefine posts without a CSRF token"


def test_every_route_declares_its_methods() -> None:
    def walk(patterns: list[URLPattern | URLResolver]) -> list[URLPattern]:
        found: list[URLPattern] = []
        for pattern in patterns:
            found += walk(pattern.url_patterns) if isinstance(pattern, URLResolver) else [pattern]
        return found

    for pattern in walk(get_resolver().url_patterns):
        ninja_operation = "PathView" in getattr(pattern.callback, "__qualname__", "")
        assert ninja_operation or getattr(pattern.callback, ATTRIBUTE, None), pattern


def test_query_string_limit_is_the_documented_one() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    assert f"{MAX_QUERY_STRING:,} bytes" in doc and f"{MAX_VALUES} values" in doc
