"""The search plan as files a team works from: one CSV of every query, and Markdown with the
count per engine and, for the engines run by hand, a checklist table of their queries."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from diaspora_atlas.errors import UsageError
from diaspora_atlas.search.checks import word_count
from diaspora_atlas.search.plan import PlannedQuery, SearchPlan

CSV_COLUMNS = (
    "key",
    "engine",
    "country_iso3",
    "country_name",
    "language",
    "part",
    "parts",
    "characters",
    "words",
    "problems",
    "query",
)


def _row(q: PlannedQuery) -> list[str]:
    return [
        q.key,
        q.engine,
        q.country_iso3,
        q.country_name,
        q.language,
        str(q.part),
        str(q.parts),
        str(len(q.query)),
        str(word_count(q.query)),
        "; ".join(q.problems),
        q.query,
    ]


def plan_csv(plan: SearchPlan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_row(q) for q in plan.queries)
    return buffer.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def plan_markdown(plan: SearchPlan) -> str:
    lines = [
        f"# Search plan: protocol {plan.protocol}",
        "",
        f"{plan.countries} LMICs (World Bank FY{plan.lmic_fiscal_year}), combined as "
        f"`{plan.combine}`; {len(plan.queries)} queries, {len(plan.failing)} failing a check.",
        "",
        "| engine | run by | queries | longest limit | limit's source |",
        "|---|---|---:|---|---|",
    ]
    counts = plan.per_engine()
    for rule in plan.engines:
        limit = ", ".join(
            f"{n} {unit}"
            for n, unit in ((rule.max_chars, "characters"), (rule.max_words, "words"))
            if n
        )
        lines.append(
            f"| {rule.name} | {rule.run_by} | {counts[rule.id]} | {limit or 'none'} | "
            f"{_cell(rule.limit_source)} |"
        )
    for warning in plan.warnings:
        lines += ["", f"Note: {warning}"]
    for rule in plan.engines:
        if rule.run_by != "hand":
            continue
        lines += [
            "",
            f"## {rule.name} (by hand: {_cell(rule.interface)})",
            "",
            "| done | country | part | query |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| [ ] | {_cell(q.country_name)} ({q.country_iso3}) | {q.part}/{q.parts} | "
            f"`{_cell(q.query)}` |"
            for q in plan.for_engine(rule.id)
        ]
    return "\n".join(lines) + "\n"


def write_plan_files(plan: SearchPlan, out_dir: Path) -> dict[str, Path]:
    """``search-plan.csv`` and ``search-plan.md`` in ``out_dir`` (created when missing)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = {
            "csv": out_dir / f"search-plan-{plan.protocol}.csv",
            "markdown": out_dir / f"search-plan-{plan.protocol}.md",
        }
        files["csv"].write_text(plan_csv(plan), encoding="utf-8")
        files["markdown"].write_text(plan_markdown(plan), encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot write the plan to {out_dir}: {exc.strerror}", "choose --out"
        ) from exc
    return files
