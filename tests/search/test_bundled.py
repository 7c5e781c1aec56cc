"""The real search bundled with the project (data/searches/): every declared file reads, the
query log holds one query per LMIC of the protocol, and a country with no hit is logged."""

from __future__ import annotations

import csv

from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.search.bundled import bundled_search_hashes, bundled_searches
from diaspora_atlas.search.importers import check_file
from diaspora_atlas.search.plan import build_plan
from diaspora_atlas.search.querylog import read_query_log


def test_the_bundled_web_search_is_complete_and_readable() -> None:
    [web] = [b for b in bundled_searches() if b.engine == "stored_pages"]
    assert check_file(web.file, web.fmt).fmt == "csv"
    assert web.queries is not None
    sent = read_query_log(web.queries)
    planned = build_plan(load_protocol(web.protocol), ("stored_pages",)).queries
    assert [(q.country_iso3, q.query) for q in planned] == [(s.country_iso3, s.query) for s in sent]
    with web.file.open(encoding="utf-8") as handle:
        hits = list(csv.DictReader(handle))
    assert {h["query"] for h in hits} <= {s.query for s in sent}
    kept = {s.query for s in sent if s.hits_reported}
    assert kept == {s.query for s in sent}  # every query's reported hits are logged
    none_found = [s for s in sent if s.query not in {h["query"] for h in hits}]
    assert none_found and all(s.country_iso3 for s in none_found)
    assert all(len(h["snippet"]) <= 320 for h in hits)


def test_bundled_hashes_change_with_the_files() -> None:
    hashes = bundled_search_hashes()
    assert hashes and all(len(v) == 64 for v in hashes.values())
