"""The report stage: results, exports and the report, computed into a staging folder and
swapped in whole, from the store alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.exports import write_exports
from diaspora_atlas.report.inference import inference_agreement
from diaspora_atlas.report.outdir import staged_output, written_files
from diaspora_atlas.report.publish import publish
from diaspora_atlas.report.results import build_results
from diaspora_atlas.report.screening import screening_report
from diaspora_atlas.report.screening_html import write_screening_files
from diaspora_atlas.report.study import load_study

if TYPE_CHECKING:
    from diaspora_atlas.context import Context


def write_outputs_stage(ctx: Context) -> dict[str, Any]:
    """Results, exports and (unless ``with_report`` is off) the report into ``ctx.out_dir``."""
    _, files = write_or_explain(
        ctx.out_dir, ctx.progress, ctx.protocol, ctx.option("with_report", True)
    )
    return {"out_dir": str(ctx.out_dir), "files": files}


def write_or_explain(
    out_dir: Path, progress: Progress, protocol: Protocol, with_report: bool = True
) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        return write_outputs(out_dir, progress, protocol, with_report)
    except OSError as exc:
        raise AtlasError(
            f"cannot write the build outputs to {out_dir}: {exc.strerror}",
            "choose a writable folder with --out",
        ) from exc


def write_outputs(
    out_dir: Path, progress: Progress, protocol: Protocol, with_report: bool = True
) -> tuple[dict[str, Any], dict[str, int]]:
    """Compute results, exports and the report of the protocol's inventories into a staging
    folder, then swap it in whole (only over a folder the build made: see report.outdir).
    With no organisations in them, only results.json is written, saying what cannot be
    computed. Returns the results and every file written (relative path -> bytes)."""
    with staged_output(out_dir) as staging:
        with progress.step("results and audit"):
            study = load_study(protocol.inventory_datasets)
            results = build_results(study, protocol, inference_agreement(study))
            (staging / "results.json").write_text(
                json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        if study.organisations:
            with progress.step("exports"):
                write_exports(study, staging)
        screening = screening_report(protocol)
        if not screening.empty:
            with progress.step("screening (PRISMA 2020)"):
                write_screening_files(screening, staging)
        if with_report and study.organisations:
            publish(study, protocol, results, staging, progress.step)
        files = written_files(staging)
    return results, files
