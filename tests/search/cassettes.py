"""Cassettes made from the real answers in tests/fixtures/http/ (see SOURCES.md there): one
interaction per (URL the connector sends, body), written to a temporary file and replayed."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from diaspora_atlas.http import Cassette, HttpClient, HttpConfig
from diaspora_atlas.http.cassette import redact_url

FIXTURES = Path(__file__).parents[1] / "fixtures"
HTTP = FIXTURES / "http"


def url(base: str, params: Mapping[str, str | int]) -> str:
    from yarl import URL

    return str(URL(base).update_query(params))


def cassette(path: Path, answers: Sequence[tuple[str, Path, str]], status: int = 200) -> Cassette:
    """``answers``: (URL as sent, body file, content type), answered in this order."""
    interactions = []
    for sent, body, content_type in answers:
        redacted = redact_url(sent, Cassette(path, mode="record").redact_params)
        interactions.append(
            {
                "request": {"method": "GET", "url": redacted, "headers": {}, "body_sha256": ""},
                "response": {
                    "url": redacted,
                    "status": status,
                    "reason": "OK",
                    "headers": {"Content-Type": content_type},
                    "body": {"text": body.read_text(encoding="utf-8")},
                    "truncated": False,
                    "redirects": [],
                },
            }
        )
    path.write_text(json.dumps({"version": 1, "interactions": interactions}), encoding="utf-8")
    return Cassette(path)


def client(replay: Cassette, allowed_networks: tuple[str, ...] = ()) -> HttpClient:
    config = HttpConfig(contact="tests@example.org", allowed_networks=allowed_networks)
    return HttpClient(config, cassette=replay)


def openalex_cassette(path: Path, country_iso3: str, contact: str = "tests@example.org") -> str:
    """A cassette answering the protocol's OpenAlex query for one country (two records per
    page) with a real OpenAlex answer; returns the query as the plan writes it."""
    from diaspora_atlas.protocol import load_protocol
    from diaspora_atlas.search.engines import engine_rule
    from diaspora_atlas.search.plan import build_plan

    query = next(
        q.query
        for q in build_plan(load_protocol(), ("openalex",)).queries
        if q.country_iso3 == country_iso3
    )
    params: dict[str, str | int] = {
        "search": query,
        "per-page": 2,
        "cursor": "*",
        "mailto": contact,
    }
    sent = url(engine_rule("openalex").base_url, params)
    cassette(path, [(sent, HTTP / "openalex" / "works-list.json", "application/json")])
    return query
