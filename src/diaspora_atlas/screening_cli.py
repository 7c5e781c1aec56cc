"""``diaspora-atlas screen ...``: thin commands over resolution and screening (cli.py adds
them). ``check`` needs no store; the others open it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diaspora_atlas.cli_common import print_json, protocol_of
from diaspora_atlas.errors import UsageError
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.screen.card import Card, Quote


def check_card(name: str, url: str | None, text: str, protocol: Protocol) -> Card:
    """An evidence card for one name, outside any run: host and origin from the name and URL
    (else from the text's sentence naming it), the text's sentences as excerpts."""
    from diaspora_atlas.extract.hostorigin import infer_host_origin
    from diaspora_atlas.extract.mentions import extract_mentions
    from diaspora_atlas.model.names import chapter_word
    from diaspora_atlas.refdata import normalise_name

    inferred = infer_host_origin(name, url)
    host, origins = inferred.host_iso3, inferred.origin_iso3
    quotes = [
        Quote(e.explanation, e.source_url, "its name" if not e.source_url else "its URL")
        for e in inferred.evidence
    ]
    excerpts: list[Quote] = []
    if text:
        for m in extract_mentions(text, protocol=protocol):
            if normalise_name(m.name) == normalise_name(name):
                excerpts.append(
                    Quote(
                        text[max(0, m.start - 80) : m.end + 80].strip(),
                        "",
                        f"--text, characters {m.start}-{m.end}",
                    )
                )
                host = host or m.host_iso3
                origins = origins or m.origin_iso3
                quotes += [
                    Quote(e.explanation, "", "the text")
                    for e in m.evidence
                    if e.rule.startswith("context")
                ]
    return Card(
        id="check",
        name=name,
        host_iso3=host,
        host_evidence=tuple(q for q in quotes if "host" in q.text),
        origin_iso3=tuple(origins),
        origin_evidence=tuple(q for q in quotes if "host" not in q.text),
        sites=(url,) if url else (),
        chapter=bool(chapter_word(name)),
        excerpts=tuple(excerpts),
        texts=(Quote(text, "", "--text"),) if text else (),
    )


def cmd_check(args: argparse.Namespace) -> int:
    from diaspora_atlas.screen.decide import screen_card

    protocol = protocol_of(args)
    text = ""
    if args.text:
        try:
            text = Path(args.text).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {args.text}: {exc}", "give a UTF-8 text file") from exc
    if not args.name.strip():
        raise UsageError("which organisation?", "give its name")
    result = screen_card(check_card(args.name, args.url, text, protocol), protocol)
    data = result.as_json()
    data.pop("id")
    if args.json:
        print_json({"protocol": protocol.id, **data})
        return 0
    sys.stdout.write(
        f"{args.name}: {result.decision}"
        + (f" ({', '.join(result.reasons)})" if result.reasons else "")
        + "\n"
    )
    for c in result.criteria:
        sys.stdout.write(f"  {c.code} {c.outcome} ({c.confidence:.1f}): {c.explanation}\n")
    return 0


def _store() -> Any:
    from diaspora_atlas.store.runtime import open_store

    open_store()
    from diaspora_atlas.store.facade import SqlStore

    return SqlStore()


def _run_name(args: argparse.Namespace) -> str:
    if args.run:
        return str(args.run)
    from diaspora_atlas.report.screening import screened_runs

    runs = screened_runs()
    if len(runs) == 1:
        return runs[0]
    raise UsageError(
        "which search run?" if runs else "no search run is screened yet",
        "pass --run "
        + (" | ".join(runs) if runs else "NAME, after `diaspora-atlas screen update --run NAME`"),
    )


def cmd_update(args: argparse.Namespace) -> int:
    from diaspora_atlas.pipeline import screen_update

    protocol = protocol_of(args)
    out = Path(args.out) if args.out else None
    progress = Progress(enabled=not (args.json or args.quiet))
    summary = screen_update(
        args.run, progress, protocol, out, with_report=not args.no_report,
        explicit_protocol=bool(args.protocol),
    )  # fmt: skip
    if args.json:
        print_json(summary)
        return 0
    prisma = summary["prisma"]
    sys.stdout.write(
        f"run {args.run}: {prisma['identified']} records, {prisma['duplicates']} duplicates, "
        f"{prisma['mentions']} candidate mentions -> {prisma['organisations']} organisations; "
        f"included {prisma['included']} ({prisma['included_new']} new), awaiting {prisma['awaiting']}\n"
        f"outputs: {summary['out_dir']}\n"
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    protocol = protocol_of(args)
    _store()  # before the report modules: they import the store's models
    from diaspora_atlas.report.prisma import prisma_counts
    from diaspora_atlas.report.screening import run_agreement

    run = _run_name(args)
    p, agreement = prisma_counts(run).as_json(), run_agreement(run, protocol)
    if args.json:
        print_json({"run": run, "prisma": p, "agreement": agreement})
        return 0
    sys.stdout.write(
        f"{run}: {p['organisations']} organisations; included {p['included']} ({p['included_new']} new); "
        f"excluded by rule {sum(p['excluded_by_rule'].values())}, by reviewers "
        f"{sum(p['excluded_by_reviewers'].values())}; awaiting {p['awaiting']} (conflicts {p['conflicts']})\n"
    )
    if agreement:
        sys.stdout.write(f"kappa {agreement['kappa']}\n")
    return 0


def review_loop(
    args: argparse.Namespace,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
) -> int:
    from diaspora_atlas.screen.keys import HELP_KEY, QUIT_KEY, SKIP_KEY, UNDO_KEY
    from diaspora_atlas.screen.render import screen_text
    from diaspora_atlas.screen.review import RunReview

    if not args.reviewer or not args.reviewer.strip():
        raise UsageError("who is reviewing?", "pass --reviewer NAME")
    protocol = protocol_of(args)
    session = RunReview(_store(), protocol, _run_name(args))
    resolving = args.command_name == "resolve"
    skipped: set[str] = set()
    while True:
        if resolving:
            queue, method = session.conflicts(), "conflicts, oldest organisation id first"
        else:
            queue, ranking = session.queue(args.reviewer, args.all)
            method = ranking.method
        queue = [c for c in queue if c not in skipped]
        if not queue:
            write("nothing left to decide" + (" (some skipped)" if skipped else ""))
            return 0
        cid = queue[0]
        item = session.items[cid]
        extra = _both_decisions(session, cid) if resolving else []
        write(
            screen_text(
                item.card,
                item.criteria,
                item.rule_decision,
                f"1 of {len(queue)}",
                method,
                session.keys,
                extra,
            )
        )
        try:
            key = read("decision> ").strip()
        except EOFError:
            write("")
            return 0
        if key == QUIT_KEY:
            return 0
        if key == SKIP_KEY:
            skipped.add(cid)
        elif key == UNDO_KEY:
            undone = session.undo(args.reviewer)
            write(f"undone: judgement {undone.undoes}" if undone else "nothing to undo")
        elif key == HELP_KEY:
            write("\n".join(session.keys.legend()))
        elif key:
            try:
                j = session.decide(
                    args.reviewer, cid, key, note=f"queue: {method}", resolution=resolving
                )
            except UsageError as exc:
                write(exc.one_line())
                continue
            write(f"recorded: {j.describe()}")


def _both_decisions(session: Any, cid: str) -> list[str]:
    from diaspora_atlas.model.screening import decisions_by_reviewer

    rows = session.judgements()[cid]
    return [
        f"{a}: {j.kind.value} {j.reason_code}".rstrip()
        for a, j in sorted(decisions_by_reviewer(rows).items())
    ]


def cmd_export(args: argparse.Namespace) -> int:
    from diaspora_atlas.model import Schema
    from diaspora_atlas.screen.decisions import export_decisions

    store = _store()
    run = _run_name(args)
    names = {
        k: v.value("name") for k, v in store.entity_views(Schema.CANDIDATE_ORGANISATION).items()
    }
    result = export_decisions(store, run, names)
    print_json(result) if args.json else sys.stdout.write(
        f"{result['file']}: {result['added']} rows added ({result['rows']} in all)\n"
    )
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from diaspora_atlas.model import Judgement, JudgementKind, Schema

    if not args.reviewer:
        raise UsageError("who judges?", "pass --reviewer NAME")
    store = _store()
    views = store.entity_views(Schema.CANDIDATE_ORGANISATION)
    ids = []
    for given in (args.first, args.second):
        view = views.get(given)
        if view is None or not view.value("anchor"):
            raise UsageError(
                f"{given!r} is not a resolved organisation",
                "ids are shown by `screen review` and `screen status`",
            )
        ids.append(view.value("anchor"))
    j = store.record_judgement(Judgement(JudgementKind(args.kind), ids[0], args.reviewer, object_id=ids[1],
                                         note=f"{args.first} and {args.second}: {args.note or ''}".strip(": ")))  # fmt: skip
    sys.stdout.write(
        f"judgement {j.id} recorded: {j.describe()}; re-run `screen update` to apply it\n"
    )
    return 0


def add_screen_commands(sub: Any, common: list[argparse.ArgumentParser]) -> None:
    screen = sub.add_parser(
        "screen", parents=common, help="resolve, screen and review a search run's candidates"
    )
    ssub = screen.add_subparsers(dest="screen_command", required=True, metavar="SUBCOMMAND")

    check = ssub.add_parser(
        "check", parents=common, help="would this organisation be in scope? (no store)"
    )
    check.add_argument("name", help="organisation name")
    check.add_argument("--url", help="its website")
    check.add_argument("--text", metavar="FILE", help="a UTF-8 text about it (a page, an abstract)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(func=cmd_check)

    update = ssub.add_parser(
        "update",
        parents=common,
        help="resolve -> screen -> recorded decisions -> report, for a search run",
    )
    update.add_argument("--run", required=True, help="the search run (its dataset is search-RUN)")
    update.add_argument(
        "--out", metavar="DIR", help="output folder (default: DIASPORA_ATLAS_OUT_DIR)"
    )
    update.add_argument("--json", action="store_true", help="print a JSON summary")
    update.add_argument("--quiet", action="store_true", help="no progress lines")
    update.add_argument("--no-report", action="store_true", help="results.json and CSVs only")
    update.set_defaults(func=cmd_update)

    for name, helptext in (("review", "decide organisations one at a time (blinded in dual review)"),
                           ("resolve", "a third reviewer resolves the conflicts of dual review")):  # fmt: skip
        p = ssub.add_parser(name, parents=common, help=helptext)
        p.add_argument(
            "--reviewer", required=True, help="your name, as recorded with each decision"
        )
        p.add_argument("--run", help="the search run (default: the only one screened)")
        p.add_argument("--all", action="store_true", help="also queue what the rules excluded")
        p.set_defaults(func=review_loop, command_name=name)

    status = ssub.add_parser("status", parents=common, help="counts, conflicts and kappa of a run")
    status.add_argument("--run", help="the search run (default: the only one screened)")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=cmd_status)

    export = ssub.add_parser(
        "export",
        parents=common,
        help="append the store's new decisions to data/screening/RUN/decisions.csv",
    )
    export.add_argument("--run", help="the search run (default: the only one screened)")
    export.add_argument("--json", action="store_true", help="print JSON")
    export.set_defaults(func=cmd_export)

    link = ssub.add_parser(
        "link",
        parents=common,
        help="judge two resolved organisations the same, different, or unsure",
    )
    link.add_argument("kind", choices=["same", "different", "unsure"])
    link.add_argument("first", help="an organisation id (corg-...)")
    link.add_argument("second", help="another organisation id")
    link.add_argument("--reviewer", required=True, help="who judges")
    link.add_argument("--note", help="why, in words")
    link.set_defaults(func=cmd_link)
