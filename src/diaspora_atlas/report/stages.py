"""The report stage: results, exports and the report, computed into a staging folder and
swapped in whole, from the store alone."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.progress import Progress
from diaspora_atlas.report.exports import write_exports
from diaspora_atlas.report.inference import inference_agreement
from diaspora_atlas.report.publish import publish
from diaspora_atlas.report.results import build_results
from diaspora_atlas.report.study import load_study

if TYPE_CHECKING:
    from diaspora_atlas.context import Context


def write_outputs_stage(ctx: Context) -> dict[str, Any]:
    """Results, exports and (unless ``with_report`` is off) the report into ``ctx.out_dir``."""
    _, files = write_or_explain(ctx.out_dir, ctx.progress, ctx.option("with_report", True))
    return {"out_dir": str(ctx.out_dir), "files": files}


def write_or_explain(
    out_dir: Path, progress: Progress, with_report: bool = True
) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        return write_outputs(out_dir, progress, with_report)
    except OSError as exc:
        raise AtlasError(
            f"cannot write the build outputs to {out_dir}: {exc.strerror}",
            "choose a writable folder with --out",
        ) from exc


def write_outputs(
    out_dir: Path, progress: Progress, with_report: bool = True
) -> tuple[dict[str, Any], dict[str, int]]:
    """Compute results, exports and the report into a temporary folder, then swap it in whole.
    Returns the results and every file written (relative path -> bytes)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir.parent))
    try:
        with progress.step("results and audit"):
            study = load_study()
            results = build_results(study, inference_agreement(study))
            (staging / "results.json").write_text(
                json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        with progress.step("exports"):
            write_exports(study, staging)
        if with_report:
            publish(study, results, staging, progress.step)
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
