"""Property-based tests (Hypothesis) over every query parameter of every route: pages, their
JSON twins, exports and the API. Whatever the query string, no answer is a 5xx, every error
is the documented shape (JSON on twins and /api/, the site's error page on pages), every
route reading the same parameters gives the same verdict (status and message), answers stay
bounded, and routes that read no parameter ignore them. Reproducible: derandomized, with a
fixed number of examples."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from diaspora_atlas.web import labels
from diaspora_atlas.web.problems import CODES

pytestmark = pytest.mark.filterwarnings("ignore")

SETTINGS = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LIMIT = 1_000_000  # no answer to a parameter is over 1 MB
ERROR_CODES = {*CODES.values(), "invalid_parameter", "invalid_query"}
SELECTION = [
    "/organisations/",
    "/organisations.json",
    "/organisations/export.csv",
    "/organisations/export.json",
    "/api/organisations",
    "/api/facets",
]
OFFICES = ["/offices/", "/offices.json", "/api/offices"]
NO_PARAMETERS = [
    "/",
    "/index.json",
    "/countries/NGA.json",
    "/api/countries/GBR",
    "/audit.json",
    "/gaps.json",
    "/downloads.json",
    "/maps/origins.svg",
    "/downloads/results.json",
    "/method/",
]
NAMES = [
    *("q", "host", "origin", "continent", "income", "role", "presence", "verified"),
    *("fy", "sort", "page", "per_page", "type", "country", "name", "queries", "format"),
]
VALID = [
    *("GBR", "usa", "NGA", "Africa", "Asia", "L", "lm", "advocacy", "website", "none"),
    *("not_verified", "2019", "2026", "1", "3", "200", "name", "-founded", "relevance"),
    *("ministry", "agency", "ETH", "json", "Nigerian", "AAPI"),
]
TRICKY = [
    *("²", "٣", "１２", "-1", "0", "1e3", "1.0", " 5", "99999999999", "", ",", ",,,"),
    *("GBR,USA", "GBR,GBR,GBR", "<script>", "\x00", "%00", "' OR 1=1 --", '"*', "NEAR("),
    *("ＧＢＲ", "gbr ", "x" * 301, "1" * 7, "ⅷ", "\u0661\u0662"),
]
value = st.one_of(
    st.sampled_from(VALID),
    st.sampled_from(TRICKY),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=24),
    st.lists(st.sampled_from(VALID + TRICKY), min_size=2, max_size=30).map(",".join),
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(NAMES), st.text("abcxyz_", min_size=1, max_size=6)),
    st.lists(value, min_size=1, max_size=3),
    max_size=5,
)


def _json_route(url: str) -> bool:
    path = url.partition("?")[0]
    return path.endswith(".json") or (path.startswith("/api/") and path != "/api/")


def check_answer(answer: Any, url: str) -> None:
    """No 5xx; an error has the documented shape for its kind of route; bounded size."""
    status = answer.status_code
    assert status < 500, (url, answer.content[:300])
    body = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert len(body) <= LIMIT, (url, len(body))
    if status < 400:
        return
    if _json_route(url) or "format=json" in url:
        error = json.loads(body)
        assert set(error) == {"error"}, url
        assert set(error["error"]) == {"status", "code", "message"}, url
        assert error["error"]["status"] == status and error["error"]["code"] in ERROR_CODES
        assert isinstance(error["error"]["message"], str) and error["error"]["message"], url
    else:
        assert answer["Content-Type"].startswith("text/html"), url
        assert b'class="skip-link"' in body and str(status).encode() in body, url


def _get(web: Any, path: str, query: dict[str, list[str]]) -> Any:
    answer = web.get(path, query)
    check_answer(answer, answer.request["PATH_INFO"] + "?" + answer.request["QUERY_STRING"])
    return answer


def _message(answer: Any) -> str:
    if answer.status_code < 400 or answer["Content-Type"].startswith("text/html"):
        return ""
    return str(answer.json()["error"]["message"])


def _agree(web: Any, paths: list[str], query: dict[str, list[str]]) -> None:
    answers = [_get(web, path, query) for path in paths]
    event(f"status {answers[0].status_code}")
    assert len({a.status_code for a in answers}) == 1, [
        (p, a.status_code) for p, a in zip(paths, answers, strict=True)
    ]
    messages = {_message(a) for a in answers if not a["Content-Type"].startswith("text/html")}
    assert len(messages) == 1, messages


@SETTINGS
@given(query=queries)
@example(query={"page": ["²"]})
@example(query={"per_page": ["٣"], "fy": ["١٩٩٠"]})
@example(query={"host": [",".join(f"X{i:04d}" for i in range(2000))]})
@example(query={"origin": ["NGA"] * 21})
@example(query={"q": ["a" * 200], "host": ["GBR,USA,CAN,AUS"], "sort": ["-name"]})
def test_directory_parameters_one_verdict_everywhere(web: Any, query: dict[str, list[str]]) -> None:
    _agree(web, SELECTION, query)


@SETTINGS
@given(query=queries)
@example(query={"type": ["<script>"]})
@example(query={"type": ["ministry"], "country": ["eth"]})
@example(query={"country": ["XXX"]})
def test_office_parameters_one_verdict_everywhere(web: Any, query: dict[str, list[str]]) -> None:
    _agree(web, OFFICES, query)


names = st.lists(
    st.one_of(st.sampled_from(["AAPI", "Nigerian doctors", "Iranian Medical Society"]), value),
    min_size=1,
    max_size=2,
)


@SETTINGS
@given(query=st.tuples(names, queries).map(lambda both: {**both[1], "name": both[0]}))
@example(query={"name": ["AAPI"], "host": ["usa"]})
@example(query={"name": ["   "]})
@example(query={"name": ["x" * 301]})
def test_match_parameters(web: Any, query: dict[str, list[str]]) -> None:
    event(f"status {_get(web, '/api/match', query).status_code}")


@SETTINGS
@given(query=queries)
def test_routes_without_parameters_ignore_them(web: Any, query: dict[str, list[str]]) -> None:
    for path in NO_PARAMETERS:
        plain = web.get(path)
        answer = _get(web, path, query)
        if answer.status_code == 200 and not answer.streaming:
            assert answer.content == plain.content, path


json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 30), st.text(max_size=12), st.sampled_from(VALID)
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
query_shape = st.fixed_dictionaries(
    {"query": st.one_of(st.sampled_from(["AAPI", "Nigerian doctors", "Iranian"]), json_value)},
    optional={
        "type": st.one_of(st.just("Organisation"), json_value),
        "limit": st.one_of(st.integers(-2, 40), json_value),
        "properties": st.one_of(
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "pid": st.one_of(st.sampled_from(["country", "host", "x"]), json_value),
                        "v": st.one_of(st.sampled_from(["Nigeria", "GBR", "uk"]), json_value),
                    },
                ),
                max_size=3,
            ),
            json_value,
        ),
    },
)
batches = st.one_of(
    st.dictionaries(st.sampled_from(["q0", "q1", "q2"]), st.one_of(query_shape, json_value)),
    json_value,
).map(json.dumps)


@SETTINGS
@given(batch=batches)
@example(batch='{"q0": {"query": "AAPI", "properties": 5}}')
@example(batch='{"q0": {"query": "AAPI", "properties": true}}')
@example(batch='{"q0": ' * 5000 + "{}" + "}" * 5000)
@example(batch=json.dumps({f"q{i}": {"query": "x" * 9500} for i in range(100)}))
def test_reconciliation_batches(web: Any, batch: str) -> None:
    posted = web.post("/api/reconcile", {"queries": batch})
    check_answer(posted, "/api/reconcile")
    event(f"status {posted.status_code}")
    if len(batch) < 3000:
        got = _get(web, "/api/reconcile", {"queries": [batch]})
        assert got.status_code == posted.status_code


def test_vocabulary_of_the_tests_is_the_sites() -> None:
    """The values called valid above are valid (so the tests exercise accepted input too)."""
    assert {"advocacy", "website", "not_verified"} <= {
        *labels.ROLES,
        *labels.PRESENCE,
        *labels.VERIFIED,
    }
    assert {"ministry", "agency"} <= set(labels.INSTITUTION_TYPES)
