"""The gold set and the texts it was labelled from, read from the project's data/."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from diaspora_atlas.synthesise.types import FOCUSES, OrgContext, OrgText

REPO = Path(__file__).resolve().parents[2]
PAPER = REPO / "data" / "sources" / "frehywot2019"
WEB = REPO / "data" / "sources" / "web2026"
GOLD = Path(__file__).with_name("gold_focuses.csv")
PAPER_URL = "https://doi.org/10.1186/s12960-019-0393-1"


@dataclass(frozen=True)
class GoldOrg:
    paper_row: int
    name: str
    labels: frozenset[str]
    evidence: dict[str, tuple[str, str]]  # focus -> (excerpt, url)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def gold() -> dict[int, GoldOrg]:
    out = {}
    for row in _rows(GOLD):
        labels = frozenset(c for c in row["labels"].split(";") if c)
        evidence = {c: (row[f"{c}_excerpt"], row[f"{c}_url"]) for c in FOCUSES if c in labels}
        out[int(row["paper_row"])] = GoldOrg(int(row["paper_row"]), row["name"], labels, evidence)
    return out


def texts() -> dict[int, list[OrgText]]:
    """The paper's narrative statements and web2026's mission summaries and quotes per row."""
    found: dict[int, list[OrgText]] = defaultdict(list)
    for row in _rows(PAPER / "narrative.csv"):
        found[int(row["paper_row"])].append(
            OrgText(row["statement_verbatim"], "frehywot2019", PAPER_URL, "paper_narrative")
        )
    for path in sorted(WEB.glob("org_facts_*.csv")):
        for row in _rows(path):
            if row["status"] == "found" and row["property"] in ("mission_summary", "mission_quote"):
                found[int(row["paper_row"])].append(
                    OrgText(row["value"], "web2026", row["source_url"], row["property"])
                )
    return dict(found)


def contexts() -> dict[int, OrgContext]:
    out = {}
    for row in _rows(PAPER / "table1.csv"):
        subnational = (row["origin_subnational"],) if row["origin_subnational"] else ()
        out[int(row["paper_row"])] = OrgContext(
            tuple(row["origin_iso3"].split(";")), row["host_iso3"], subnational
        )
    return out


def scores(
    predicted: dict[int, frozenset[str]], truth: dict[int, GoldOrg]
) -> dict[str, tuple[float, float, int, int, int]]:
    """Per focus: (precision, recall, true positives, false positives, false negatives)."""
    out = {}
    for code in FOCUSES:
        tp = sum(1 for r, g in truth.items() if code in g.labels and code in predicted[r])
        fp = sum(1 for r, g in truth.items() if code not in g.labels and code in predicted[r])
        fn = sum(1 for r, g in truth.items() if code in g.labels and code not in predicted[r])
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[code] = (precision, recall, tp, fp, fn)
    return out
