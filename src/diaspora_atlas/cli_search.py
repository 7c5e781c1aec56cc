"""The ``diaspora-atlas search`` commands: plan, import, run, status (thin; the work is in
``search``, ``extract`` and ``report.search_summary``). Registered by ``cli.make_parser``."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from diaspora_atlas.cli_common import print_json, protocol_of
from diaspora_atlas.errors import UsageError
from diaspora_atlas.progress import Progress

RUN_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def _run_name(text: str | None, default: str) -> str:
    name = text or default
    if not RUN_NAME.match(name):
        raise UsageError(
            f"run name {name!r} is not a slug", "use lower-case letters, digits and hyphens"
        )
    return name


def cmd_plan(args: argparse.Namespace) -> int:
    from diaspora_atlas.search.plan import build_plan
    from diaspora_atlas.search.plan_files import write_plan_files

    plan = build_plan(protocol_of(args), tuple(args.engine or ()))
    files = write_plan_files(plan, Path(args.out)) if args.out else {}
    if args.json:
        queries = [q.as_json() for q in plan.queries]
        print_json(
            {**plan.summary(), "files": {k: str(v) for k, v in files.items()}, "queries": queries}
        )
        return 1 if plan.failing else 0
    sys.stdout.write(
        f"Search plan of protocol {plan.protocol}: {plan.countries} LMICs, {len(plan.queries)} queries\n"
    )
    counts = plan.per_engine()
    for rule in plan.engines:
        sys.stdout.write(f"  {rule.name:<52} {counts[rule.id]:>5}  ({rule.run_by})\n")
    for query in plan.failing[:20]:
        sys.stdout.write(
            f"  FAILS {query.engine} {query.country_iso3}: {'; '.join(query.problems)}\n"
        )
    for warning in plan.warnings:
        sys.stdout.write(f"  note: {warning}\n")
    for kind, path in files.items():
        sys.stdout.write(f"  {kind}: {path}\n")
    return 1 if plan.failing else 0


def cmd_import(args: argparse.Namespace) -> int:
    from diaspora_atlas.pipeline import run_command
    from diaspora_atlas.stages import SEARCH_IMPORT

    protocol = protocol_of(args)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path} is not a file", "give the path of an export file")
    default = f"{protocol.id}-{date.today().year}-{args.engine or 'import'}".replace("_", "-")
    run = _run_name(args.run, default)
    progress = Progress(enabled=not (args.json or args.quiet))
    done = run_command(
        "search",
        SEARCH_IMPORT,
        progress,
        protocol,
        file=str(path),
        run=run,
        fmt=args.format,
        engine=(args.engine or "").lower(),
        queries=args.queries,
        hits_reported=args.hits_reported,
        runs=[run],
    )
    result = {**done["search_import"], "candidates": done["search_candidates"]}
    if args.json:
        print_json(result)
        return 0
    dedupe = result["dedupe"]
    sys.stdout.write(
        f"{result['file']} ({result['fmt']}) into run {run}: {result['records']} records, "
        f"{result['queries']} queries, {result['duplicates']} duplicates "
        f"(run: {dedupe['before']} before, {dedupe['after']} after deduplication)\n"
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from diaspora_atlas.pipeline import run_command
    from diaspora_atlas.stages import SEARCH_RUN

    if args.record and not args.cassette:
        raise UsageError("--record needs a file to record into", "add --cassette FILE")
    protocol = protocol_of(args)
    engine = args.engine.lower()
    run = _run_name(args.run, f"{protocol.id}-{date.today().year}-{engine}".replace("_", "-"))
    progress = Progress(enabled=not (args.json or args.quiet))
    done = run_command(
        "search",
        SEARCH_RUN,
        progress,
        protocol,
        engine=engine,
        run=run,
        limit=args.limit,
        countries=[c.upper() for c in args.country or ()],
        runs=[run],
        cassette=str(args.cassette) if args.cassette else "",
        record=args.record,
    )
    summary = done["search_run"]
    if args.json:
        print_json({**summary, "candidates": done["search_candidates"]})
    else:
        sys.stdout.write(
            f"run {run} ({engine}): {summary['sent']} queries sent, {summary['skipped']} already "
            f"done, {summary['failed']} failed, {summary['records']} records\n"
        )
    return 1 if summary["failed"] else 0


def cmd_status(args: argparse.Namespace) -> int:
    from diaspora_atlas.search.plan import build_plan
    from diaspora_atlas.store.runtime import open_store

    protocol = protocol_of(args)
    open_store()
    from diaspora_atlas.report.search_summary import search_summary

    summary = search_summary(run=args.run)
    plan = build_plan(protocol)
    summary["plan"] = plan.per_engine()
    if args.json:
        print_json(summary)
        return 0
    sys.stdout.write(
        f"Plan of protocol {protocol.id}: "
        + ", ".join(f"{k} {v}" for k, v in plan.per_engine().items())
        + "\n"
    )
    if not summary["runs"]:
        sys.stdout.write("no search run in the store yet\n")
    for run in summary["runs"]:
        sys.stdout.write(f"run {run['run']}:\n")
        for e in run["engines"]:
            sys.stdout.write(
                f"  {e['engine']:<16} done {e['done']:>4}  left {e['planned']:>4}  failed "
                f"{e['failed']:>3}  records {e['records']:>5} ({e['duplicates']} duplicates)  "
                f"candidates {e['candidates']:>4} ({e['matched']} in the inventory)\n"
            )
    return 0


def add_search_commands(sub: Any, common: list[argparse.ArgumentParser]) -> None:
    search = sub.add_parser(
        "search",
        help="the search (step 3): plan the queries, import exports, run connectors, status",
        description="Step 3 of the method: every query the protocol implies (plan), what came "
        "back (import, run) and how far each engine has got (status). See docs/search.md.",
    )
    commands = search.add_subparsers(dest="search_command", required=True, metavar="ACTION")
    plan = commands.add_parser(
        "plan", parents=common, help="every query, in each engine's syntax, checked"
    )
    plan.add_argument(
        "--engine",
        action="append",
        metavar="E",
        help="an engine of data/rules/engines.yaml (repeatable; default: the protocol's)",
    )
    plan.add_argument("--out", metavar="DIR", help="write search-plan-<protocol>.csv and .md here")
    plan.add_argument("--json", action="store_true", help="print JSON (every query)")
    plan.set_defaults(func=cmd_plan)

    imp = commands.add_parser(
        "import", parents=common, help="import an export file into a search run"
    )
    imp.add_argument("file", help="RIS, MEDLINE (.nbib), Publish or Perish CSV or web-hit CSV")
    imp.add_argument("--format", choices=["ris", "nbib", "pop", "csv"], help="default: guessed")
    imp.add_argument("--run", metavar="NAME", help="the run (default: <protocol>-<year>-<engine>)")
    imp.add_argument(
        "--engine", metavar="E", help="the engine the records come from (default: the file's)"
    )
    imp.add_argument(
        "--queries",
        metavar="FILE",
        help="CSV log of the queries sent (engine, query, country_iso3, searched_at, hits_reported): queries that found nothing are recorded too",
    )
    imp.add_argument(
        "--hits-reported",
        type=int,
        metavar="N",
        help="hits the engine reported per query, when the log does not say",
    )
    imp.add_argument("--json", action="store_true", help="print JSON")
    imp.add_argument("--quiet", action="store_true", help="no progress lines")
    imp.set_defaults(func=cmd_import)

    run = commands.add_parser(
        "run",
        parents=common,
        help="send the plan's queries to an engine with a connector (resumable)",
    )
    run.add_argument(
        "--engine",
        required=True,
        metavar="E",
        help="pubmed, europe_pmc, openalex, scopus or searxng",
    )
    run.add_argument("--run", metavar="NAME", help="the run (default: <protocol>-<year>-<engine>)")
    run.add_argument("--limit", type=int, metavar="N", help="send at most N queries now")
    run.add_argument(
        "--country", action="append", metavar="ISO3", help="only these countries (repeatable)"
    )
    run.add_argument(
        "--cassette",
        type=Path,
        metavar="FILE",
        help="replay the services' answers recorded in FILE instead of asking the network",
    )
    run.add_argument(
        "--record",
        action="store_true",
        help="with --cassette: ask the network and record its answers into FILE",
    )
    run.add_argument("--json", action="store_true", help="print JSON")
    run.add_argument("--quiet", action="store_true", help="no progress lines")
    run.set_defaults(func=cmd_run)

    status = commands.add_parser(
        "status", parents=common, help="per engine: what ran, what is left, what failed"
    )
    status.add_argument("--run", metavar="NAME", help="one run (default: every run)")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=cmd_status)
