"""An OpenRefine reconciliation service (W3C Reconciliation Service API, version 0.2) over the
organisations: a manifest at GET, batches of queries as ``queries=`` (POST form or GET).

Type: ``Organisation``. Properties: ``country`` (an origin country) and ``host`` (the host
country), each a name, spelling or ISO code; they narrow the match (see ``matching``).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.refdata import resolve_country
from diaspora_atlas.web.matching import match
from diaspora_atlas.web.problems import Problem
from diaspora_atlas.web.queries import MAX_NAME

TYPE = {"id": "Organisation", "name": "Organisation"}
PROPERTIES = [
    {"id": "country", "name": "Origin country"},
    {"id": "host", "name": "Host country"},
]
MAX_QUERIES = 100
MAX_BATCH_BYTES = 128 * 1024
MAX_DEPTH = 6  # batch > query > properties > property > v (list) > v (object)
MAX_TEXT = MAX_NAME  # a query's text, or a property's value: as long as /api/match's name
MAX_PROPERTIES = 10
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[^\[\]{}]')


def manifest(base_url: str) -> dict[str, Any]:
    base = base_url.rstrip("/")
    return {
        "versions": ["0.2"],
        "name": "Medical Diaspora Atlas organisations",
        "identifierSpace": f"{base}/organisations/",
        "schemaSpace": f"{base}/api/reconcile#schema",
        "defaultTypes": [TYPE],
        "view": {"url": f"{base}/organisations/{{{{id}}}}/"},
        "documentation": f"{base}/api/",
        "batchSize": 25,
    }


def _bad(message: str) -> Problem:
    return Problem(400, message, "invalid_query")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _bad(f"{what} must be a string of at most {MAX_TEXT} characters")
    return value.strip()


def _country(value: Any) -> str:
    """A property value (a string, ``{"id"|"name": ...}`` or a list of them) as an ISO3 code."""
    if isinstance(value, list):
        if len(value) > MAX_PROPERTIES:
            raise _bad(f"a property takes at most {MAX_PROPERTIES} values")
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or ""
    text = _text(value, "a property's value 'v'")
    if not text:
        return ""
    try:
        return resolve_country(text).iso3
    except AtlasError:
        return ""


def _properties(query: dict[str, Any]) -> tuple[str, str]:
    found = query.get("properties")
    if found is None:
        return "", ""
    if not isinstance(found, list) or len(found) > MAX_PROPERTIES:
        raise _bad(f"'properties' must be a list of at most {MAX_PROPERTIES} {{pid, v}} objects")
    host = origin = ""
    for prop in found:
        if not isinstance(prop, dict) or "v" not in prop:
            raise _bad('each property must be an object {"pid": ..., "v": ...}')
        pid = _text(prop.get("pid", prop.get("p")), "a property's 'pid'")
        if pid == "host":
            host = _country(prop["v"])
        elif pid in ("country", "origin"):
            origin = _country(prop["v"])
    return host, origin


def _limit(query: dict[str, Any]) -> int:
    limit = query.get("limit")
    if limit is None:
        return 5
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 25:
        raise _bad("'limit' must be a whole number from 1 to 25")
    return limit


def _one(query: Any) -> dict[str, Any]:
    if not isinstance(query, dict):
        raise _bad('each query must be an object {"query": "...", ...}')
    text = _text(query.get("query"), "'query'")
    if not text:
        raise _bad("each query needs a non-empty 'query' string")
    wanted = query.get("type")
    if wanted is not None and not isinstance(wanted, str):
        raise _bad("'type' must be a string")
    limit, (host, origin) = _limit(query), _properties(query)
    if wanted not in (None, "", "Organisation"):
        return {"result": []}
    results = []
    for item in match(text, host=host, origin=origin, limit=limit):
        org = item["organisation"]
        results.append(
            {
                "id": org["id"],
                "name": org["name"],
                "score": round(item["score"] * 100, 2),
                "match": item["chosen"],
                "type": [TYPE],
                "description": f"{item['matching_type']} match on {item['matched']!r}; host "
                f"{org['host_iso3']}; origin {', '.join(org['origin_iso3']) or 'unknown'}",
            }
        )
    return {"result": results}


def _depth(raw: str) -> int:
    """How deeply a JSON text nests, counted without parsing it (strings skipped)."""
    steps = [1 if c in "[{" else -1 for c in _BRACKETS.sub("", raw)]
    return max(accumulate(steps), default=0)


def parse_batch(raw: str) -> dict[str, Any]:
    """A batch's JSON, within the size and depth limits, as a JSON object of queries."""
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_BATCH_BYTES:
        raise _bad(f"queries is too large ({MAX_BATCH_BYTES} bytes at most)")
    if _depth(raw) > MAX_DEPTH:
        raise _bad(f"queries nests too deeply ({MAX_DEPTH} levels at most)")
    try:
        queries = json.loads(raw)
    except ValueError as exc:
        raise _bad(f"queries is not JSON: {str(exc)[:200]}") from exc
    if not isinstance(queries, dict):
        raise _bad("queries must be a JSON object of named queries")
    if len(queries) > MAX_QUERIES:
        raise _bad(f"at most {MAX_QUERIES} queries per batch")
    return queries


def reconcile(raw: str) -> dict[str, Any]:
    """Answer a batch: ``{"q0": {"query": ...}, ...}`` -> ``{"q0": {"result": [...]}, ...}``."""
    return {str(key): _one(query) for key, query in parse_batch(raw).items()}
