"""People's screening decisions kept as data: ``data/screening/<run>/decisions.csv``.

One row per judgement a person made about the run (include / exclude with the reason code,
a third reviewer's resolution, same / different / unsure between two organisations or
mentions). The screening command records every row that the store does not hold yet as a
judgement, so a fresh clone reproduces them; a row is recognised by its content (kind,
subject, other, author, reason, prop), so loading twice adds nothing and a decision a person
undid in the store is not brought back. ``export_decisions`` appends the store's new
judgements about the run to the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.model import Judgement, JudgementKind, Schema
from diaspora_atlas.model.runs import of_datasets, resolve_dataset
from diaspora_atlas.model.store_api import StoreApi
from diaspora_atlas.refdata.paths import data_dir

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

COLUMNS = ("decision", "kind", "subject", "other", "name", "reviewer", "reason", "prop", "note",
           "decided_at")  # fmt: skip
KINDS = {k.value: k for k in JudgementKind if k not in (JudgementKind.UNDO,)}


def decisions_file(run: str) -> Path:
    return data_dir() / "screening" / run / "decisions.csv"


@dataclass(frozen=True)
class DeclaredRun:
    """``data/screening/<run>/run.yml``: the protocol a search run is screened under (fixed,
    so its decisions always mean the same: single or dual review, the reason codes) and the
    inventory the screening adds to (never linked to by resolution)."""

    run: str
    protocol: str
    update_dataset: str = ""


def declared_runs() -> list[DeclaredRun]:
    found = []
    for path in sorted((data_dir() / "screening").glob("*/run.yml")):
        try:
            meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"cannot read {path}: {exc}", "restore it from git") from exc
        if not isinstance(meta, dict) or not meta.get("protocol"):
            raise DataFileError(f"{path}: it must name a protocol", "protocol: <name>")
        found.append(
            DeclaredRun(
                path.parent.name, str(meta["protocol"]), str(meta.get("update_dataset") or "")
            )
        )
    return found


def declared_run(run: str) -> DeclaredRun | None:
    return next((d for d in declared_runs() if d.run == run), None)


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            header = tuple(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"cannot read {path}: {exc}", "restore it from git") from exc
    if header != COLUMNS:
        raise DataFileError(
            f"{path}: the columns must be {', '.join(COLUMNS)}", "restore it from git"
        )
    for n, row in enumerate(rows, start=2):
        if row["kind"] not in KINDS or not row["subject"] or not row["reviewer"]:
            raise DataFileError(
                f"{path}:{n}: a decision needs a kind ({', '.join(KINDS)}), a subject and a reviewer",
                "fix the row or restore the file from git",
            )
    return rows


def content_key(
    kind: str, subject: str, other: str, author: str, reason: str, prop: str
) -> tuple[str, ...]:
    return (kind, subject, other, author, reason, prop)


def key_of(j: Judgement) -> tuple[str, ...]:
    return content_key(j.kind.value, j.subject_id, j.object_id, j.author, j.reason_code, j.prop)


def judgement_of(row: dict[str, str]) -> Judgement:
    provenance = f"decisions.csv row {row['decision']}, decided {row['decided_at']}"
    return Judgement(
        kind=KINDS[row["kind"]],
        subject_id=row["subject"],
        author=row["reviewer"],
        object_id=row["other"],
        reason_code=row["reason"],
        prop=row["prop"],
        note=f"{row['note']} ({provenance})" if row["note"] else provenance,
    )


def run_subjects(store: StoreApi, run: str) -> list[str]:
    clusters = of_datasets(store.entity_views(Schema.CANDIDATE_ORGANISATION), resolve_dataset(run))
    members = {m for view in clusters.values() for m in view.values("member")}
    return sorted(set(clusters) | members)


def load_decisions(ctx: Context) -> dict[str, Any]:
    """Record the run's decisions file in the store (rows it does not hold yet)."""
    run = str(ctx.option("run") or "")
    path = Path(ctx.option("decisions_file") or decisions_file(run))
    rows = read_rows(path)
    subjects = {r["subject"] for r in rows} | {r["other"] for r in rows if r["other"]}
    held = {key_of(j) for found in ctx.store.judgements(subjects).values() for j in found}
    known = set(run_subjects(ctx.store, run))
    added = 0
    for row in rows:
        j = judgement_of(row)
        if key_of(j) not in held:
            ctx.store.record_judgement(j)
            held.add(key_of(j))
            added += 1
    orphans = sorted({r["subject"] for r in rows} - known)
    return {"file": str(path), "rows": len(rows), "recorded": added, "unknown_subjects": orphans}


def export_decisions(store: StoreApi, run: str, names: dict[str, str]) -> dict[str, Any]:
    """Append the store's standing judgements about the run that the file lacks."""
    from diaspora_atlas.model import effective

    path = decisions_file(run)
    rows = read_rows(path)
    have = {
        content_key(r["kind"], r["subject"], r["other"], r["reviewer"], r["reason"], r["prop"])
        for r in rows
    }
    found = store.judgements(run_subjects(store, run))
    unique = {j.id: j for js in found.values() for j in js}
    new = [j for j in effective(unique.values()) if key_of(j) not in have]
    start = len(rows) + 1
    rows += [_row(start + n, j, names) for n, j in enumerate(new)]
    _write(path, rows)
    return {"file": str(path), "rows": len(rows), "added": len(new)}


def _row(n: int, j: Judgement, names: dict[str, str]) -> dict[str, str]:
    return {
        "decision": f"{n:04d}",
        "kind": j.kind.value,
        "subject": j.subject_id,
        "other": j.object_id,
        "name": names.get(j.subject_id, ""),
        "reviewer": j.author,
        "reason": j.reason_code,
        "prop": j.prop,
        "note": j.note,
        "decided_at": j.created_at[:19],
    }


def _write(path: Path, rows: Sequence[dict[str, str]] | Iterable[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
