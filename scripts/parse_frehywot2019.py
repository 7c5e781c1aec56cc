"""Parse Frehywot, Park & Infanzon (2019) into the bundled source dataset ``frehywot2019``.

Reads the paper's full text (CC BY 4.0) from ``../shared/seed/`` and writes, under
``data/sources/frehywot2019/``:

- ``table1.csv``: the 89 organisations, verbatim columns (text exactly as printed) plus
  curated columns (host, origin, online presence), each with its rationale;
- ``table2_rows.csv``: every country row of Table 2, verbatim, with each cell's status;
- ``table2_bodies.csv``: one record per named body, with parent and institution type;
- ``table2_events.csv``: the "Year established" text parsed into dated events;
- ``narrative.csv``: the paper's sentences about named organisations, with references.

Curated values come from the package's own rules (host/origin inference, institution
typing, year parsing) plus the hand-written, explained overrides in ``*_overrides.csv``
beside the outputs. Run: ``python scripts/parse_frehywot2019.py --shared ../shared``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from diaspora_atlas.extract.hostorigin import HostOrigin, infer_host_origin
from diaspora_atlas.extract.offices import OfficeRules, classify_body, split_bodies
from diaspora_atlas.extract.years import parse_year_text
from diaspora_atlas.refdata import resolve_country

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "sources" / "frehywot2019"
SEED_NAME = "seed/frehywot-2019-medical-diaspora.txt"

TABLE1_START = "Table 1The list of medical diaspora organizations"
TABLE1_END = "There are four medical diaspora organizations that have been included"
TABLE2_START = "Table 2Table of country diaspora offices"
TABLE2_END = "\nResults\n"
NO_WEBSITE_NOTE = "Although this representative organization has no website"

ORG_ROW = re.compile(r"^\t(\d+)\. (.+?)\n\t(.*?)(?=\n\t\d+\. |\Z)", re.S | re.M)
URL = re.compile(r"(?:https?://|www\.)\S+")


def opaque_id(prefix: str, *parts: str) -> str:
    """A stable, opaque id derived from the record's place in its source (never reused)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


def section(text: str, start: str, end: str) -> str:
    i = text.index(start)
    j = text.index(end, i)
    return text[i + len(start) : j]


def write_csv(path: Path, header: list[str], rows: Iterable[dict[str, object]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def read_overrides(path: Path, key: str) -> dict[tuple[str, str], tuple[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row[key], row["field"]): (row["value"], row["rationale"])
            for row in csv.DictReader(handle)
        }


# ---------------------------------------------------------------- Table 1


def online_presence(url: str) -> tuple[str, str]:
    if not url:
        return (
            "none",
            "Table 1 prints no URL; the paper's note says the organisation has no website.",
        )
    if "facebook.com" in url:
        return "facebook_only", "Table 1's URL is a Facebook page, not a website of its own."
    return "website", "Table 1 gives the organisation's own website."


def clean_url(raw: str) -> str:
    url = raw.strip()
    if url and not url.startswith(("http://", "https://")):
        url = "http://" + url
    return url


def table1_records(text: str) -> Iterator[dict[str, object]]:
    body = section(text, TABLE1_START, TABLE1_END)
    overrides = read_overrides(OUT / "table1_overrides.csv", "paper_row")
    for match in ORG_ROW.finditer(body):
        row, name_verbatim, rest = int(match[1]), match[2], match[3]
        url_match = URL.search(rest)
        url_verbatim = url_match.group(0) if url_match else ""
        note = rest.strip() if NO_WEBSITE_NOTE in rest else ""
        name = name_verbatim.rstrip("*").strip()
        website = clean_url(url_verbatim)
        presence, presence_why = online_presence(website)
        inference = infer_host_origin(name, website or None)
        record: dict[str, object] = {
            "paper_row": row,
            "org_id": opaque_id("org", "frehywot2019", "table1", str(row)),
            "name_verbatim": name_verbatim,
            "url_verbatim": url_verbatim,
            "note_verbatim": note,
            "starred": "1" if name_verbatim.endswith("*") else "0",
            "name": name,
            "website": website,
            "online_presence": presence,
            "online_presence_rationale": presence_why,
        }
        curated = curate_host_origin(row, inference, overrides)
        record.update(curated)
        yield record


def curate_host_origin(
    row: int, inference: HostOrigin, overrides: dict[tuple[str, str], tuple[str, str]]
) -> dict[str, object]:
    out: dict[str, object] = {}
    explained = "; ".join(e.explanation for e in inference.evidence)
    host = inference.host_iso3 or ""
    origin = ";".join(inference.origin_iso3)
    for field, inferred in (("host_iso3", host), ("origin_iso3", origin)):
        override = overrides.get((str(row), field))
        if override:
            value, why = override
            out[field] = value
            out[f"{field}_curation"] = "override" if value != inferred else "inferred+confirmed"
            out[f"{field}_rationale"] = why
        else:
            out[field] = inferred
            out[f"{field}_curation"] = "inferred"
            out[f"{field}_rationale"] = explained or "nothing in the name or URL identifies it"
    sub = overrides.get((str(row), "origin_subnational"))
    out["origin_subnational"] = sub[0] if sub else inference.origin_subnational
    out["origin_subnational_rationale"] = (
        sub[1]
        if sub
        else ("named in the organisation's name" if inference.origin_subnational else "")
    )
    return out


TABLE1_HEADER = [
    "paper_row",
    "org_id",
    "name_verbatim",
    "url_verbatim",
    "note_verbatim",
    "starred",
    "name",
    "website",
    "online_presence",
    "online_presence_rationale",
    "host_iso3",
    "host_iso3_curation",
    "host_iso3_rationale",
    "origin_iso3",
    "origin_iso3_curation",
    "origin_iso3_rationale",
    "origin_subnational",
    "origin_subnational_rationale",
]


# ---------------------------------------------------------------- Table 2


def cell_status(cell: str) -> str:
    stripped = cell.strip()
    if not stripped:
        return "empty"
    if stripped == "Not available":
        return "not_available"
    return "text"


def table2_cells(text: str) -> list[list[str]]:
    body = section(text, TABLE2_START, TABLE2_END)
    cells = body.split("\t")[1:]
    if len(cells) % 4:
        raise SystemExit(f"Table 2 did not split into 4-cell rows ({len(cells)} cells)")
    rows = [[c.replace("\xa0", " ") for c in cells[i : i + 4]] for i in range(0, len(cells), 4)]
    header, *data = rows
    if [h.strip() for h in header] != [
        "Country",
        "Engagement office",
        "Website",
        "Year established",
    ]:
        raise SystemExit(f"unexpected Table 2 header {header!r}")
    return data


def country_codes(country_text: str, overrides: dict[tuple[str, str], tuple[str, str]]) -> str:
    override = overrides.get((country_text, "country_iso3"))
    if override:
        return override[0]
    return resolve_country(country_text).iso3


def table2_records(
    text: str,
) -> tuple[list[dict[str, object]], list[dict[str, object]], list[dict[str, object]]]:
    overrides = read_overrides(OUT / "table2_overrides.csv", "country")
    rules = OfficeRules.load()
    rows: list[dict[str, object]] = []
    bodies: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    for order, (country, office, website, year) in enumerate(table2_cells(text), start=1):
        country_text = country.strip()
        if not country_text:  # the closing "Total: 68" line
            rows.append(total_row(order, office, website, year))
            continue
        row_id = opaque_id("t2row", "frehywot2019", "table2", country_text)
        iso3 = country_codes(country_text, overrides)
        websites = URL.findall(website)
        status = office_status(office, overrides, country_text)
        rows.append(
            {
                "row_order": order,
                "row_id": row_id,
                "country_verbatim": country,
                "office_verbatim": office,
                "website_verbatim": website,
                "year_verbatim": year,
                "country_iso3": iso3,
                "office_status": status,
                "website_status": "url" if websites else cell_status(website),
                "year_status": cell_status(year),
                "websites": ";".join(websites),
            }
        )
        if status != "named":
            continue
        for position, segment in enumerate(split_bodies(office), start=1):
            body_id = opaque_id("off", "frehywot2019", country_text, segment)
            typed = classify_body(segment, rules)
            key = f"{country_text}#{position}"
            type_override = overrides.get((key, "institution_type"))
            bodies.append(
                {
                    "office_id": body_id,
                    "row_id": row_id,
                    "position": position,
                    "country_iso3": iso3,
                    "segment_verbatim": segment,
                    "name": typed.name,
                    "parent": typed.parent,
                    "institution_type": type_override[0] if type_override else typed.kind,
                    "institution_type_rationale": (
                        type_override[1] if type_override else typed.explanation
                    ),
                    "websites": ";".join(websites),
                }
            )
            if position == 1:
                events.extend(year_events(body_id, year))
    return rows, bodies, events


def office_status(
    office: str, overrides: dict[tuple[str, str], tuple[str, str]], country: str
) -> str:
    override = overrides.get((country, "office_status"))
    if override:
        return override[0]
    status = cell_status(office)
    return "named" if status == "text" else status


def total_row(order: int, office: str, website: str, year: str) -> dict[str, object]:
    return {
        "row_order": order,
        "row_id": "t2row-total",
        "country_verbatim": "",
        "office_verbatim": office,
        "website_verbatim": website,
        "year_verbatim": year,
        "country_iso3": "",
        "office_status": "total",
        "website_status": cell_status(website),
        "year_status": cell_status(year),
        "websites": "",
    }


def year_events(office_id: str, year_text: str) -> Iterator[dict[str, object]]:
    for event in parse_year_text(year_text):
        yield {
            "office_id": office_id,
            "kind": event.kind.value,
            "year_from": event.year_from,
            "year_to": event.year_to,
            "text_verbatim": year_text.strip(),
            "rationale": event.explanation
            + "; the row's year is attached to the first body it names",
        }


TABLE2_ROW_HEADER = [
    "row_order",
    "row_id",
    "country_verbatim",
    "office_verbatim",
    "website_verbatim",
    "year_verbatim",
    "country_iso3",
    "office_status",
    "website_status",
    "year_status",
    "websites",
]
TABLE2_BODY_HEADER = [
    "office_id",
    "row_id",
    "position",
    "country_iso3",
    "segment_verbatim",
    "name",
    "parent",
    "institution_type",
    "institution_type_rationale",
    "websites",
]
TABLE2_EVENT_HEADER = ["office_id", "kind", "year_from", "year_to", "text_verbatim", "rationale"]


# ---------------------------------------------------------------- narrative

SENTENCE = re.compile(r"[^.!?]*?(?:\[[\d, ]+\])?[^.!?]*[.!?](?:\s*\[[\d, ]+\])?")


def narrative_records(text: str, org_ids: dict[int, str]) -> Iterator[dict[str, object]]:
    results = text[text.index("\nResults\n") : text.index("\nLimitation\n")]
    mentions = list(csv.DictReader((OUT / "narrative_mentions.csv").open(encoding="utf-8")))
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        found = False
        for heading, paragraph in paragraphs_with_headings(results):
            for sentence in sentences(paragraph):
                if mention["mention"] not in sentence:
                    continue
                found = True
                if (mention["paper_row"], sentence) in seen:
                    continue
                seen.add((mention["paper_row"], sentence))
                refs = re.findall(r"\[([\d, ]+)\]", sentence)
                yield {
                    "org_id": org_ids[int(mention["paper_row"])],
                    "paper_row": mention["paper_row"],
                    "mention": mention["mention"],
                    "section": heading,
                    "statement_verbatim": sentence.strip(),
                    "references": ";".join(r.strip() for ref in refs for r in ref.split(",")),
                }
        if not found:
            raise SystemExit(f"narrative mention not found in the paper: {mention['mention']!r}")


def paragraphs_with_headings(text: str) -> Iterator[tuple[str, str]]:
    headings = (
        "Common attributes",
        "Building medical human resource capacity",
        "New trend",
        "Diaspora engagement: government level",
        "Discussion",
    )
    current = "Results"
    for line in text.split("\n"):
        stripped = line.strip()
        if any(stripped.startswith(h) for h in headings) and len(stripped) < 80:
            current = stripped
        elif stripped in ("African countries", "Asian countries", "European countries"):
            current = current.split(" — ")[0] + " — " + stripped
        elif len(stripped) > 80:
            yield current, stripped


def sentences(paragraph: str) -> Iterator[str]:
    # A sentence ends at ". " followed by a capital, or at the end; references "[16]" stay attached.
    parts = re.split(r"(?<=[.\]])\s+(?=(?:The |[A-Z]))", paragraph)
    yield from (p for p in parts if p.strip())


NARRATIVE_HEADER = ["org_id", "paper_row", "mention", "section", "statement_verbatim", "references"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    text = (args.shared / SEED_NAME).read_text(encoding="utf-8")
    table1 = list(table1_records(text))
    n1 = write_csv(OUT / "table1.csv", TABLE1_HEADER, table1)
    rows, bodies, events = table2_records(text)
    n2 = write_csv(OUT / "table2_rows.csv", TABLE2_ROW_HEADER, rows)
    n3 = write_csv(OUT / "table2_bodies.csv", TABLE2_BODY_HEADER, bodies)
    n4 = write_csv(OUT / "table2_events.csv", TABLE2_EVENT_HEADER, events)
    org_ids = {int(str(r["paper_row"])): str(r["org_id"]) for r in table1}
    n5 = write_csv(OUT / "narrative.csv", NARRATIVE_HEADER, narrative_records(text, org_ids))
    print(f"table1 {n1}, table2 rows {n2}, bodies {n3}, events {n4}, narrative {n5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
