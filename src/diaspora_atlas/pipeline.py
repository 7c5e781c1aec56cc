"""The build: reference data and bundled sources into the store, then results and exports.

This is the application layer the CLI calls; it wires stages together through the store.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.progress import Progress
from diaspora_atlas.refdata.paths import data_dir

if TYPE_CHECKING:  # the report's views need Django: imported only once the store is open
    from diaspora_atlas.protocol import Protocol
    from diaspora_atlas.report.study import StudyView


@dataclass
class BuildSummary:
    database: str
    out_dir: Path
    loads: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "out_dir": str(self.out_dir),
            "loads": self.loads,
            "files": self.files,
            "protocol": self.results.get("study"),
            "organisations": self.results.get("organisations", {}).get("total"),
            "claims": {c["id"]: c["verdict"] for c in self.results.get("claims", [])},
            "not_computed": self.results.get("not_computed", []),
        }


def load_everything(progress: Progress) -> list[dict[str, Any]]:
    """Reference data and every bundled dataset into the store; returns what each load did."""
    from diaspora_atlas.ingest.declared import load_declared
    from diaspora_atlas.ingest.registry import BUNDLED
    from diaspora_atlas.store.projections import rebuild_read_models
    from diaspora_atlas.store.repository import dataset_is_current, load_dataset

    loads: list[dict[str, Any]] = []
    with progress.step("reference data"):
        loads.append(_load_reference())
    changed = loads[0]["changed"]
    for name, reader in BUNDLED.items():
        with progress.step(f"dataset {name}"):
            dataset = load_declared(data_dir() / "sources" / name)
            content_hash = dataset.content_hash()
            if dataset_is_current(dataset.name, content_hash):
                loads.append({"dataset": name, "changed": False})
                continue
            statements = list(reader.statements(dataset))
            report = load_dataset(dataset.name, content_hash, reader.sources(dataset), statements)
            changed = changed or not report.skipped
            loads.append(
                {
                    "dataset": name,
                    "changed": not report.skipped,
                    "added": report.added,
                    "retracted": report.retracted,
                    "unchanged": report.unchanged,
                }
            )
    with progress.step("geocode headquarters"):
        geocoded = geocode_headquarters()
        loads.append(geocoded)
        changed = changed or geocoded["changed"]
    with progress.step("read models"):
        from diaspora_atlas.store import models as orm

        if changed or not orm.OrganisationRecord.objects.exists():
            loads.append({"read_models": rebuild_read_models()})
    return loads


def _headquarters_inputs() -> dict[str, dict[str, str]]:
    """Per organisation: the preferred published HQ city/region/country, with their sources."""
    from diaspora_atlas.model import Schema
    from diaspora_atlas.model.facts import group_by_prop, preferred
    from diaspora_atlas.store.queries import current_statements

    inputs: dict[str, dict[str, str]] = {}
    for org_id, statements in current_statements(Schema.ORGANISATION).items():
        grouped = group_by_prop(statements)
        row: dict[str, str] = {}
        for prop in ("hq_city", "hq_region", "hq_country", "host_iso3"):
            chosen = preferred(grouped.get(prop, []))
            row[prop] = chosen.value if chosen else ""
            row[prop + "_source"] = chosen.source_url if chosen else ""
        inputs[org_id] = row
    return inputs


def geocode_headquarters() -> dict[str, Any]:
    """Geocode each organisation's published headquarters into statements (dataset geocode)."""
    import hashlib

    from diaspora_atlas.model import Schema, Source, SourceKind, Statement
    from diaspora_atlas.resolve import geocode as gc
    from diaspora_atlas.store.repository import dataset_is_current, load_dataset

    inputs = _headquarters_inputs()
    content_hash = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    if dataset_is_current("geocode", content_hash):
        return {"dataset": "geocode", "changed": False}
    source = Source(
        id="geonames",
        kind=SourceKind.DATASET,
        title=gc.GAZETTEER,
        url=gc.GAZETTEER_URL,
        licence=gc.GAZETTEER_LICENCE,
    )
    statements: list[Statement] = []
    precision: Counter[str] = Counter()
    for org_id, row in sorted(inputs.items()):
        country = row["hq_country"] or row["host_iso3"]
        place = gc.geocode(row["hq_city"], row["hq_region"], country)
        precision[place.precision] += 1
        inferred = (
            "; ".join(
                f"{prop} '{row[prop]}'"
                + (f" ({row[prop + '_source']})" if row[prop + "_source"] else "")
                for prop in ("hq_city", "hq_region", "hq_country")
                if row[prop]
            )
            or f"no published headquarters: the host country {row['host_iso3']} from the paper"
        )
        values = {
            "hq_precision": place.precision,
            "hq_region_code": place.region_code,
            "hq_country_iso3": country,
            "hq_lat": _coord(place.lat),
            "hq_lon": _coord(place.lon),
            "hq_geonames_id": str(place.geonames_id or ""),
        }
        statements.extend(
            Statement(
                entity_id=org_id,
                schema=Schema.ORGANISATION,
                prop=prop,
                value=value,
                source_id=source.id,
                dataset="geocode",
                rationale=place.explanation,
                inferred_from=inferred,
                asserted_by="diaspora_atlas.resolve.geocode",
                source_url=gc.GAZETTEER_URL,
            )
            for prop, value in values.items()
            if value
        )
    report = load_dataset("geocode", content_hash, [source], statements)
    return {
        "dataset": "geocode",
        "changed": True,
        "added": report.added,
        "retracted": report.retracted,
        "precision": dict(sorted(precision.items())),
    }


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def _load_reference() -> dict[str, Any]:
    import hashlib

    from diaspora_atlas.refdata import countries, fiscal_years, income_history
    from diaspora_atlas.store.reference import load_reference

    digest = hashlib.sha256()
    for path in sorted((data_dir() / "refdata").glob("*.csv")):
        digest.update(path.read_bytes())
    incomes = [
        (iso3, fy, group.value)
        for iso3 in countries()
        for fy, group in income_history(iso3).items()
    ]
    changed = load_reference(digest.hexdigest(), countries().values(), incomes)
    return {
        "dataset": "refdata",
        "changed": changed,
        "countries": len(countries()),
        "fiscal_years": len(fiscal_years()),
    }


def inference_agreement(study: StudyView) -> dict[str, Any]:
    """How often the curated Table 1 host/origin values equal the name/URL inference."""
    from diaspora_atlas.extract.hostorigin import infer_host_origin

    tally: Counter[str] = Counter()
    disagreements = []
    for org in study.organisations:
        inferred = infer_host_origin(org.name, org.website or None)
        for field_name, curated, guess in (
            ("host_iso3", org.host_iso3, inferred.host_iso3 or ""),
            (
                "origin_iso3",
                ";".join(sorted(org.origin_iso3)),
                ";".join(sorted(inferred.origin_iso3)),
            ),
        ):
            outcome = (
                "agree" if curated == guess else ("inference_silent" if not guess else "disagree")
            )
            tally[f"{field_name}.{outcome}"] += 1
            if outcome != "agree":
                disagreements.append(
                    {
                        "organisation": org.id,
                        "name": org.name,
                        "field": field_name,
                        "curated": curated,
                        "inferred": guess,
                        "outcome": outcome,
                    }
                )
    return {"counts": dict(sorted(tally.items())), "differences": disagreements}


def write_outputs(
    out_dir: Path, progress: Progress, protocol: Protocol, with_report: bool = True
) -> tuple[dict[str, Any], dict[str, int]]:
    """Compute results, exports and the report of the protocol's inventories into a temporary
    folder, then swap it in whole. With no organisations in them, only results.json is
    written, saying what cannot be computed. Returns the results and every file written
    (relative path -> bytes)."""
    from diaspora_atlas.report.exports import write_exports
    from diaspora_atlas.report.publish import publish
    from diaspora_atlas.report.results import build_results
    from diaspora_atlas.report.study import load_study

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir.parent))
    try:
        with progress.step("results and audit"):
            study = load_study(protocol.inventory_datasets)
            results = build_results(study, protocol, inference_agreement(study))
            (staging / "results.json").write_text(
                json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        if study.organisations:
            with progress.step("exports"):
                write_exports(study, staging)
        if with_report and study.organisations:
            publish(study, protocol, results, staging, progress.step)
        files = {
            p.relative_to(staging).as_posix(): p.stat().st_size
            for p in sorted(staging.rglob("*"))
            if p.is_file()
        }
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return results, files


def _swap_in(staging: Path, out_dir: Path) -> None:
    old = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def report(out_dir: Path, progress: Progress, protocol: Protocol) -> BuildSummary:
    """Regenerate results, exports and the report from the store alone (no loading)."""
    from diaspora_atlas.store.runtime import open_store

    with progress.step("open store"):
        database = open_store()
    from diaspora_atlas.store import models as orm

    if not orm.OrganisationRecord.objects.exists():
        raise AtlasError(f"the store {database} is empty", "run `diaspora-atlas build` first")
    summary = BuildSummary(database=database, out_dir=out_dir)
    summary.results, summary.files = _write_or_explain(out_dir, progress, protocol)
    return summary


def _write_or_explain(
    out_dir: Path, progress: Progress, protocol: Protocol, with_report: bool = True
) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        return write_outputs(out_dir, progress, protocol, with_report)
    except OSError as exc:
        raise AtlasError(
            f"cannot write the build outputs to {out_dir}: {exc.strerror}",
            "choose a writable folder with --out",
        ) from exc


def build(
    out_dir: Path, progress: Progress, protocol: Protocol, with_report: bool = True
) -> BuildSummary:
    """Load everything bundled into the store, then write the results of ``protocol``."""
    from diaspora_atlas.store.runtime import open_store

    with progress.step("open store"):
        database = open_store()
    summary = BuildSummary(database=database, out_dir=out_dir)
    summary.loads = load_everything(progress)
    summary.results, summary.files = _write_or_explain(out_dir, progress, protocol, with_report)
    return summary
