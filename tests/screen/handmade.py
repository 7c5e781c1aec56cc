"""A small search run made by hand, in the layout PLAN.md gives for ``search-<run>``
(SearchQuery, SearchRecord and Candidate entities), plus a two-organisation inventory."""

from __future__ import annotations

import hashlib
from typing import Any

from diaspora_atlas import model
from diaspora_atlas.store.repository import load_dataset

RUN = "hand-2026"
DATASET = f"search-{RUN}"
SOURCE = model.Source(id="hand-search", kind=model.SourceKind.SEARCH_RESULT, title="hand-made run")
PAPER = model.Source(id="frehywot2019", kind=model.SourceKind.PAPER, title="the paper (test copy)")


def hid(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


QUERIES = {
    "q1": {"engine": "google", "interface": "SearXNG JSON API", "query": '"Sudan" AND ("medical diaspora organization")',
           "searched_at": "2026-11-02T10:00:00Z", "filters": "", "limits": "first 20 results",
           "hits_reported": "40", "records_retrieved": "5", "country_iso3": "SDN", "status": "done"},
    "q2": {"engine": "pubmed", "interface": "E-utilities", "query": '"Lebanon"[All Fields] AND "medical diaspora"',
           "searched_at": "2026-11-03T09:00:00Z", "filters": "", "limits": "",
           "hits_reported": "2", "records_retrieved": "2", "country_iso3": "LBN", "status": "done"},
    "q3": {"engine": "google", "interface": "SearXNG JSON API", "query": '"Japan" AND ("medical diaspora")',
           "searched_at": "2026-11-04T09:00:00Z", "filters": "", "limits": "first 20 results",
           "hits_reported": "", "records_retrieved": "0", "country_iso3": "", "status": "failed"},
}  # fmt: skip
RECORDS = {
    "r1": {"engine": "google", "query": "q1", "rank": "1", "url": "https://www.sama-sd.org/about",
           "title": "About SAMA", "text": "The Sudanese American Medical Association (SAMA) unites doctors."},
    "r2": {"engine": "google", "query": "q1", "rank": "2", "url": "https://news.example/sudan",
           "title": "Sudanese doctors abroad", "text": "The Sudanese American Physicians Association and the Sudanese-American Medical Assocation sent aid."},
    "r3": {"engine": "pubmed", "query": "q2", "rank": "1", "url": "", "pmid": "111",
           "title": "Lebanese diaspora doctors", "text": "The Australian Lebanese Medical Association and the American Lebanese Medical Association."},
    "r4": {"engine": "google", "query": "q1", "rank": "3", "url": "https://www.sama-sd.org/about",
           "title": "About SAMA", "text": "The Sudanese American Medical Association (SAMA) unites doctors.", "duplicate_of": "r1"},
    "r5": {"engine": "pubmed", "query": "q2", "rank": "2", "url": "", "pmid": "112",
           "title": "A hospital", "text": "Rafik Hariri University Hospital in Beirut."},
    "r6": {"engine": "google", "query": "q1", "rank": "4", "url": "https://news.example/japan",
           "title": "Japanese doctors", "text": "The Japanese American Medical Association met."},
    "r7": {"engine": "google", "query": "q1", "rank": "5", "url": "https://news.example/texas",
           "title": "Texas", "text": "The Sudanese American Medical Association - Texas Chapter held a gala."},
}  # fmt: skip
# (record, name, host, origins, status, reason, acronym)
CANDIDATES = {
    "c1": ("r1", "Sudanese American Medical Association", "USA", ("SDN",), "candidate", "", "SAMA"),
    "c2": ("r2", "Sudanese American Physicians Association", "USA", ("SDN",), "candidate", "", ""),
    "c3": ("r2", "Sudanese-American Medical Assocation", "USA", ("SDN",), "candidate", "", ""),
    "c4": ("r3", "Australian Lebanese Medical Association", "AUS", ("LBN",), "candidate", "", ""),
    "c5": ("r3", "American Lebanese Medical Association", "USA", ("LBN",), "candidate", "", ""),
    "c6": ("r5", "Rafik Hariri University Hospital", None, ("LBN",), "rejected", "hospital", ""),
    "c7": ("r6", "Japanese American Medical Association", "USA", ("JPN",), "candidate", "", ""),
    "c8": (
        "r7",
        "Sudanese American Medical Association - Texas Chapter",
        "USA",
        ("SDN",),
        "candidate",
        "",
        "",
    ),
}
INVENTORY = {
    "org-aaaaaaaaaa": (
        "Sudanese American Medical Association",
        "USA",
        "SDN",
        "https://www.sama-sd.org",
    ),
    "org-bbbbbbbbbb": (
        "American Lebanese Medical Association",
        "USA",
        "LBN",
        "https://www.almamater.org",
    ),
}

IDS = {**{k: hid("query", k) for k in QUERIES}, **{k: hid("rec", k) for k in RECORDS},
       **{k: hid("cand", k) for k in CANDIDATES}}  # fmt: skip


def fact(
    entity: str, schema: model.Schema, prop: str, value: str, dataset: str = DATASET, **extra: Any
) -> model.Statement:
    source = SOURCE.id if dataset == DATASET else PAPER.id
    return model.Statement(
        entity_id=entity,
        schema=schema,
        prop=prop,
        value=value,
        source_id=source,
        dataset=dataset,
        **extra,
    )


def run_statements() -> list[model.Statement]:
    out: list[model.Statement] = []
    for key, q in QUERIES.items():
        out += [
            fact(IDS[key], model.Schema.SEARCH_QUERY, p, v)
            for p, v in {**q, "run": RUN}.items()
            if v
        ]
    for key, r in RECORDS.items():
        values = {**r, "query": IDS[r["query"]]}
        if "duplicate_of" in r:
            values["duplicate_of"] = IDS[r["duplicate_of"]]
        out += [
            fact(IDS[key], model.Schema.SEARCH_RECORD, p, v, source_url=r["url"])
            for p, v in values.items()
            if v
        ]
    for key, (rec, name, host, origins, status, reason, acronym) in CANDIDATES.items():
        text = RECORDS[rec]["text"]
        start = text.find(name)
        values = {"name": name, "record": IDS[rec], "excerpt": text, "status": status, "reason": reason,
                  "host_iso3": host or "", "acronym": acronym, "span": f"{start}-{start + len(name)}"}  # fmt: skip
        url = RECORDS[rec]["url"]
        out += [
            fact(IDS[key], model.Schema.CANDIDATE, p, v, source_url=url)
            for p, v in values.items()
            if v
        ]
        out += [
            fact(IDS[key], model.Schema.CANDIDATE, "origin_iso3", o, source_url=url)
            for o in origins
        ]
    return out


def inventory_statements() -> list[model.Statement]:
    org = model.Schema.ORGANISATION
    out = []
    for n, (oid, (name, host, origin, website)) in enumerate(INVENTORY.items(), 1):
        out += [fact(oid, org, p, v, dataset="frehywot2019") for p, v in
                {"name": name, "host_iso3": host, "origin_iso3": origin, "website": website, "paper_row": str(n)}.items()]  # fmt: skip
    return out


def load_handmade() -> None:
    load_dataset("frehywot2019", "hand-inventory", [PAPER], inventory_statements())
    load_dataset(DATASET, "hand-run", [SOURCE], run_statements())
