"""An OpenRefine reconciliation service (W3C Reconciliation Service API, version 0.2) over the
organisations: a manifest at GET, batches of queries as ``queries=`` (POST form or GET).

Type: ``Organisation``. Properties: ``country`` (an origin country) and ``host`` (the host
country), each a name, spelling or ISO code; they narrow the match (see ``matching``).
"""

from __future__ import annotations

import json
from typing import Any

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.refdata import resolve_country
from diaspora_atlas.web.matching import match
from diaspora_atlas.web.problems import Problem

TYPE = {"id": "Organisation", "name": "Organisation"}
PROPERTIES = [
    {"id": "country", "name": "Origin country"},
    {"id": "host", "name": "Host country"},
]
MAX_QUERIES = 100


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


def _country(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or ""
    text = str(value).strip()
    if not text:
        return ""
    try:
        return resolve_country(text).iso3
    except AtlasError:
        return ""


def _properties(query: dict[str, Any]) -> tuple[str, str]:
    host = origin = ""
    for prop in query.get("properties") or []:
        if not isinstance(prop, dict):
            continue
        pid = str(prop.get("pid") or prop.get("p") or "")
        if pid == "host":
            host = _country(prop.get("v"))
        elif pid in ("country", "origin"):
            origin = _country(prop.get("v"))
    return host, origin


def _one(query: Any) -> dict[str, Any]:
    if isinstance(query, str):
        query = {"query": query}
    if not isinstance(query, dict) or not str(query.get("query") or "").strip():
        raise Problem(400, "each query needs a non-empty 'query' string", "invalid_query")
    wanted = query.get("type")
    if wanted not in (None, "", "Organisation"):
        return {"result": []}
    limit = query.get("limit") or 5
    if not isinstance(limit, int) or not 1 <= limit <= 25:
        raise Problem(400, "'limit' must be a whole number from 1 to 25", "invalid_query")
    host, origin = _properties(query)
    results = []
    for item in match(str(query["query"]), host=host, origin=origin, limit=limit):
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


def reconcile(raw: str) -> dict[str, Any]:
    """Answer a batch: ``{"q0": {"query": ...}, ...}`` -> ``{"q0": {"result": [...]}, ...}``."""
    try:
        queries = json.loads(raw)
    except ValueError as exc:
        raise Problem(400, f"queries is not JSON: {exc}", "invalid_query") from exc
    if not isinstance(queries, dict):
        raise Problem(400, "queries must be a JSON object of named queries", "invalid_query")
    if len(queries) > MAX_QUERIES:
        raise Problem(400, f"at most {MAX_QUERIES} queries per batch", "invalid_query")
    return {str(key): _one(query) for key, query in queries.items()}
