#!/usr/bin/env python
"""Derive data/sources/update2026/organisations.csv from the store: the organisations of a
screened search run that were included and are not in the 2019 list.

Usage (from the repository root, after `diaspora-atlas screen update --run RUN`)::

    .venv/bin/python scripts/derive_update2026.py --run RUN           # write the file
    .venv/bin/python scripts/derive_update2026.py --run RUN --check   # exit 1 if it is stale

Each row: a stable id (``org-`` + 12 hex of the cluster's anchor mention, so a re-run gives
the same ids), the name its mentions use most, host and origins, its own site, the run and
cluster, the candidate mentions that found it and their engines, the decision (who decided,
from ``model.screening.final_decision``) and one piece of evidence (a sentence and its
source). ``facts.csv`` (the sourced facts) is written by hand and never touched here.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "data" / "sources" / "update2026"
COLUMNS = ("org_id", "name", "host_iso3", "origin_iso3", "website", "run", "cluster", "found_by",
           "found_by_engine", "decision", "evidence")  # fmt: skip


def rows(run: str) -> list[dict[str, str]]:
    from diaspora_atlas.model import Schema
    from diaspora_atlas.model.runs import (
        of_datasets,
        resolve_dataset,
        screen_dataset,
        search_dataset,
    )
    from diaspora_atlas.model.screening import final_decision
    from diaspora_atlas.report.prisma import prisma_counts
    from diaspora_atlas.store import queries

    new = set(prisma_counts(run).new_ids)
    views = queries.entity_views(Schema.CANDIDATE_ORGANISATION)
    clusters, screened = (
        of_datasets(views, resolve_dataset(run)),
        of_datasets(views, screen_dataset(run)),
    )
    cands = of_datasets(queries.entity_views(Schema.CANDIDATE), search_dataset(run))
    records = of_datasets(queries.entity_views(Schema.SEARCH_RECORD), search_dataset(run))
    judgements = queries.judgements(new)
    out = []
    for cid in sorted(new):
        view, s = clusters[cid], screened[cid]
        members = [m for m in view.values("member") if m in cands]
        engines = sorted(
            {
                records[r].value("engine")
                for m in members
                if (r := cands[m].value("record")) in records
            }
        )
        first = cands[members[0]] if members else None
        reason = s.values("rule_reason")[0] if s.values("rule_reason") else ""
        final = final_decision(
            judgements.get(cid, []), s.value("rule_decision"), reason, s.value("review") == "dual"
        )
        evidence = (
            f"“{first.value('excerpt')}” ({first.chosen('name').source_url})"
            if first and first.chosen("name")
            else ""
        )  # type: ignore[union-attr]
        sites = view.values("site")
        out.append({
            "org_id": "org-" + hashlib.sha1(f"update2026|{view.value('anchor')}".encode()).hexdigest()[:12],
            "name": view.value("name"), "host_iso3": view.value("host_iso3"),
            "origin_iso3": ";".join(view.values("origin_iso3")),
            "website": f"https://{sites[0]}" if sites else "", "run": run, "cluster": cid,
            "found_by": ";".join(members), "found_by_engine": ";".join(engines),
            "decision": f"{final.decision} by {final.by}", "evidence": evidence,
        })  # fmt: skip
    return sorted(out, key=lambda r: r["name"])


def render(found: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(found)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    from diaspora_atlas.store.runtime import open_store

    open_store()
    text = render(rows(args.run))
    target = FOLDER / "organisations.csv"
    if args.check:
        stale = target.read_text(encoding="utf-8") != text
        print(f"{target}: {'stale' if stale else 'up to date'}")
        return int(stale)
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {text.count(chr(10)) - 1} organisations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
