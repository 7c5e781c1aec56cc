"""The ``diaspora-atlas`` command: thin commands calling the stages."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from diaspora_atlas import __version__
from diaspora_atlas.cli_common import print_json, protocol_of
from diaspora_atlas.errors import AtlasError, UsageError
from diaspora_atlas.progress import Progress
from diaspora_atlas.report.summary import build_summary_text, not_computed_text, protocol_text
from diaspora_atlas.settings import load_settings

if TYPE_CHECKING:
    pass


def _absolute(path: Path) -> Path:
    """Absolute, without following a symbolic link (the build refuses to write through one)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 (resolve() would follow the link)


def cmd_build(args: argparse.Namespace) -> int:
    from diaspora_atlas.pipeline import build

    protocol = protocol_of(args)
    out = Path(args.out) if args.out else load_settings().out_dir
    progress = Progress(enabled=not (args.json or args.quiet))
    summary = build(_absolute(out), progress, protocol, with_report=not args.no_report)
    if args.json:
        print_json(summary.as_json())
    else:
        sys.stdout.write(
            build_summary_text(summary.database, summary.out_dir, summary.results, summary.files)
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from diaspora_atlas.pipeline import report

    protocol = protocol_of(args)
    out = Path(args.out) if args.out else load_settings().out_dir
    summary = report(_absolute(out), Progress(enabled=not (args.json or args.quiet)), protocol)
    if args.json:
        print_json(summary.as_json())
    elif "report/index.html" in summary.files:
        sys.stdout.write(
            f"Report regenerated from {summary.database}: "
            f"{summary.out_dir / 'report' / 'index.html'} ({len(summary.files)} files)\n"
        )
    else:
        sys.stdout.write(
            f"No report for protocol {protocol.id}: {summary.out_dir / 'results.json'} says "
            "why\n" + not_computed_text(summary.results)
        )
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from diaspora_atlas.store.runtime import open_store

    protocol = protocol_of(args)
    open_store()
    from diaspora_atlas.report.coverage import coverage
    from diaspora_atlas.report.study import load_study

    study = load_study(protocol.inventory_datasets)
    if not study.organisations:
        raise UsageError(
            f"protocol {protocol.id} has no organisations in the store to cover "
            f"(inventories: {', '.join(protocol.inventory_datasets) or 'none'})",
            "build one first, or choose another --protocol",
        )
    report = coverage(study)
    if args.field:
        if args.field not in report["fields"]:
            raise UsageError(
                f"unknown field {args.field!r}", "choose one of " + ", ".join(report["fields"])
            )
        report["fields"] = {args.field: report["fields"][args.field]}
    if args.json:
        print_json(report)
        return 0
    total = report["organisations"]
    for field, entry in report["fields"].items():
        sys.stdout.write(
            f"{field}: {entry['with_value']}/{total} with a value, "
            f"{entry['looked_for_not_found']} looked for and not found\n"
        )
        for name in entry["without_value"] if args.field or args.list else []:
            sys.stdout.write(f"    - {name}\n")
    sys.stdout.write(f"headquarters precision: {report['hq_precision']}\n")
    for conflict in report["conflicts"]:
        sys.stdout.write(
            f"conflict: {conflict['name']} {conflict['property']} "
            f"{conflict['values']} (preferred {conflict['preferred']})\n"
        )
    return 0


def cmd_judge(args: argparse.Namespace) -> int:
    from diaspora_atlas.curation import JudgeRequest, judge, list_judgements

    if args.action == "list":
        rows = list_judgements(args.entity)
        if args.json:
            print_json(rows)
        else:
            for row in rows:
                sys.stdout.write(f"{row['id']:>5}  {row['created_at'][:19]}  {row['text']}\n")
            if not rows:
                sys.stdout.write("no judgements yet\n")
        return 0
    stored = judge(
        JudgeRequest(
            action=args.action,
            entity=args.entity,
            author=args.author or os.environ.get("USER", ""),
            prop=args.prop or "",
            value=args.value or "",
            other=args.other or "",
            reason=args.reason or "",
            note=args.note or "",
        ),
        protocol_of(args),
    )
    if args.json:
        print_json(stored)
    else:
        sys.stdout.write(f"judgement {stored['id']} recorded: {stored['text']}\n")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from diaspora_atlas.http import StaticResolver
    from diaspora_atlas.model.labels import label
    from diaspora_atlas.pipeline import verify
    from diaspora_atlas.verify.targets import parse_since, read_resolve_file, read_url_file

    if args.limit is not None and args.limit < 1:
        raise UsageError(f"--limit {args.limit} checks nothing", "give a positive number")
    if args.urls:
        read_url_file(Path(args.urls))  # a bad file is an error before anything starts
    resolver = StaticResolver(read_resolve_file(Path(args.resolve))) if args.resolve else None
    shows_progress = not (args.json or args.quiet)
    if args.allow_private_addresses and not shows_progress:  # else the progress says it
        sys.stderr.write(
            "diaspora-atlas: warning: the address guard is OFF (--allow-private-addresses): "
            "private and loopback addresses will be fetched; use this for local test servers only\n"
        )
    emit = (
        (lambda line: sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n"))
        if args.json
        else None
    )
    summary = verify(
        Progress(enabled=shows_progress),
        protocol_of(args),
        fresh=args.fresh,
        since=parse_since(args.since, datetime.now(UTC)) if args.since else None,
        urls=args.urls,
        limit=args.limit,
        read_pages=not args.no_read,
        archive=not args.no_archive,
        emit=emit,
        resolver=resolver,
        http={"allow_private_addresses": True} if args.allow_private_addresses else {},
    )
    if not args.json:
        check = summary["stages"]["verify"]
        found = [(label("check_outcome", k), v) for k, v in check["outcomes"].items()]
        width = max((len(words) for words, _ in found), default=0)
        sys.stdout.write(
            f"Checked {check['checked']} addresses ({check['skipped_done_in_campaign']} done "
            "earlier in this campaign, skipped)"
            + (":\n" if found else ".\n")
            + "".join(f"  {words:<{width}}  {count:>5}\n" for words, count in found)
            + "The directory shows the results now; `diaspora-atlas report` updates the report.\n"
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from diaspora_atlas.web.serve import serve

    serve(args.host, args.port, args.workers, protocol_of(args))
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from diaspora_atlas.extract.hostorigin import infer_host_origin

    protocol = protocol_of(args)
    answer = infer_host_origin(args.name, args.url)
    lmics = protocol.lmic_iso3s()
    scope = {
        "protocol": protocol.id,
        "host_is_a_protocol_host": answer.host_iso3 in protocol.host_iso3s
        if answer.host_iso3
        else None,
        "origins_in_lmic_list": [c for c in answer.origin_iso3 if c in lmics],
        "lmic_fiscal_year": protocol.lmic.fiscal_year,
    }
    if args.json:
        print_json({**answer.as_json(), "in_protocol": scope})
        return 0
    host = answer.host_iso3 or "cannot tell"
    origin = ", ".join(answer.origin_iso3) or "cannot tell"
    sys.stdout.write(f"host: {host}\norigin: {origin}\n")
    for item in answer.evidence:
        sys.stdout.write(f"  - {item.explanation}\n")
    if answer.host_iso3:
        verb = "is" if scope["host_is_a_protocol_host"] else "is not"
        sys.stdout.write(f"{answer.host_iso3} {verb} a host of protocol {protocol.id}\n")
    for code in answer.origin_iso3:
        verb = "is" if code in lmics else "is not"
        sys.stdout.write(f"{code} {verb} in its LMIC list (FY{protocol.lmic.fiscal_year})\n")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from diaspora_atlas.extract.mentions import extract_mentions

    try:
        text = Path(args.text).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {args.text}: {exc}", "give a UTF-8 text file") from exc
    protocol = protocol_of(args)
    mentions = [m for m in extract_mentions(text, protocol=protocol) if args.all or m.candidate]
    if args.json:
        print_json([m.as_json() for m in mentions])
        return 0
    for m in mentions:
        where = f"{m.start}-{m.end}"
        countries = f"origin {','.join(m.origin_iso3) or '?'} host {m.host_iso3 or '?'}"
        status = m.status + (f" ({m.reason})" if m.reason else "")
        acronym = f" ({m.acronym})" if m.acronym else ""
        sys.stdout.write(f"{where:>11}  {m.name}{acronym}  {countries}  {status}\n")
    return 0


def cmd_country(args: argparse.Namespace) -> int:
    from diaspora_atlas.refdata import income_history, resolve_country

    protocol = protocol_of(args)
    found = resolve_country(args.name)
    is_host, is_lmic = found.iso3 in protocol.host_iso3s, found.iso3 in protocol.lmic_iso3s()
    data = {
        "iso3": found.iso3,
        "iso2": found.iso2,
        "name": found.name,
        "un_region": found.un_region,
        "wb_region": found.wb_region,
        "income_groups": {f"FY{fy}": g.value for fy, g in income_history(found.iso3).items()},
        "in_protocol": {
            "protocol": protocol.id,
            "host": is_host,
            "lmic": is_lmic,
            "lmic_fiscal_year": protocol.lmic.fiscal_year,
        },
    }
    if args.json:
        print_json(data)
    else:
        roles = [
            role
            for role, yes in (
                ("a host", is_host),
                (f"an LMIC in FY{protocol.lmic.fiscal_year}", is_lmic),
            )
            if yes
        ]
        where = f"; {' and '.join(roles)} of protocol {protocol.id}" if roles else ""
        sys.stdout.write(f"{found.iso3}  {found.name}  ({found.un_region}){where}\n")
    return 0


def cmd_protocol(args: argparse.Namespace) -> int:
    from diaspora_atlas.protocol import available, protocols_dir

    if args.list:
        names = available()
        if args.json:
            print_json({"folder": str(protocols_dir()), "protocols": names})
        else:
            sys.stdout.write("\n".join(names) + "\n")
        return 0
    protocol = protocol_of(args)
    if args.json:
        print_json(protocol.as_json())
        return 0
    lines = protocol_text({"protocol": protocol.summary()})
    lines += [
        "  Criteria: "
        + "; ".join(f"{c.code} ({c.kind}, {c.decided_by})" for c in protocol.criteria),
        "  Exceptions: " + ("; ".join(f"{x.code} relaxes {x.criterion}" for x in protocol.exceptions) or "none"),
        f"  Screening: {'dual review' if protocol.screening.dual_review else 'single review'}",
        "  Inventories: " + (", ".join(protocol.inventory_datasets) or "none yet")
        + (f" (no inventory for {', '.join(protocol.hosts_without_inventory)})"
           if protocol.hosts_without_inventory else ""),
    ]  # fmt: skip
    sys.stdout.write(f"{protocol.file}: valid\n" + "\n".join(lines) + "\n")
    return 0


def _protocol_option() -> argparse.ArgumentParser:
    """The --protocol option every command shares."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--protocol",
        metavar="NAME|FILE",
        help="study protocol: a name in protocols/ or a .yml file "
        "(default: DIASPORA_ATLAS_PROTOCOL, else frehywot2019)",
    )
    return shared


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diaspora-atlas",
        description="The Medical Diaspora Atlas: build, audit and serve the inventory of LMIC "
        "medical diaspora organisations and government diaspora offices.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_protocol_option()]

    build = sub.add_parser(
        "build",
        parents=common,
        help="load the bundled data into the store and write the protocol's results",
    )
    build.add_argument(
        "--out", metavar="DIR", help="output folder (default: DIASPORA_ATLAS_OUT_DIR)"
    )
    build.add_argument("--json", action="store_true", help="print a JSON summary instead of text")
    build.add_argument("--quiet", action="store_true", help="no progress lines")
    build.add_argument(
        "--no-report",
        action="store_true",
        help="write results.json and the CSVs only (no tables, maps, report or open-data "
        "exports); the output folder is replaced whole, so an older report in it goes too",
    )
    build.set_defaults(func=cmd_build)

    classify = sub.add_parser(
        "classify",
        parents=common,
        help="infer host and origin countries from a name and URL, and whether the protocol "
        "covers them",
    )
    classify.add_argument("name", help="organisation name")
    classify.add_argument("--url", help="the organisation's website")
    classify.add_argument("--json", action="store_true", help="print JSON")
    classify.set_defaults(func=cmd_classify)

    ext = sub.add_parser(
        "extract",
        parents=common,
        help="find candidate medical diaspora organisations named in a text",
    )
    ext.add_argument("--text", required=True, metavar="FILE", help="a UTF-8 text file")
    ext.add_argument("--all", action="store_true", help="also list rejected look-alikes")
    ext.add_argument("--json", action="store_true", help="print JSON")
    ext.set_defaults(func=cmd_extract)

    rep = sub.add_parser(
        "report",
        parents=common,
        help="regenerate tables, maps, the HTML/PDF report and exports from the store",
    )
    rep.add_argument("--out", metavar="DIR", help="output folder (default: DIASPORA_ATLAS_OUT_DIR)")
    rep.add_argument("--json", action="store_true", help="print a JSON summary instead of text")
    rep.add_argument("--quiet", action="store_true", help="no progress lines")
    rep.set_defaults(func=cmd_report)

    jdg = sub.add_parser(
        "judge",
        parents=common,
        help="record a curator's judgement (append-only; `undo` takes a judgement id)",
        description="Judgements change what every page, export and report shows, and are never "
        "deleted: an undo is a judgement too. Actions: right / wrong (a value of --prop), "
        "confirm (checked against a live source), same / different / unsure (--other), "
        "include / exclude (--reason), undo (ENTITY is the judgement id), list. A focus label "
        "is judged like any value: `judge wrong ORG --prop focus --value home_country` (codes "
        "home_country, professional_network, migrant_care; role labels: --prop role_label); "
        "the next build keeps it.",
    )
    jdg.add_argument(
        "action",
        choices=[
            "right",
            "wrong",
            "confirm",
            "same",
            "different",
            "unsure",
            "include",
            "exclude",
            "undo",
            "list",
        ],
    )
    jdg.add_argument(
        "entity", nargs="?", default="", help="organisation or office id (for undo: judgement id)"
    )
    jdg.add_argument("--prop", help="the property judged (right / wrong)")
    jdg.add_argument("--value", help="the value judged (right / wrong)")
    jdg.add_argument("--other", help="the other organisation (same / different / unsure)")
    jdg.add_argument("--reason", help="the protocol's reason code (exclude)")
    jdg.add_argument("--note", help="why, in words")
    jdg.add_argument("--author", help="who decides (default: $USER)")
    jdg.add_argument("--json", action="store_true", help="print JSON")
    jdg.set_defaults(func=cmd_judge)

    ver = sub.add_parser(
        "verify",
        parents=common,
        help="check every website of the store against the live web and read its pages",
        description="Checks every organisation's and office's websites (the 2019 address, the "
        "current one) or the addresses of --urls, politely (robots.txt, at most 2 requests at a "
        "time and a delay per host, retries honouring Retry-After) and safely (no private or "
        "loopback targets); classifies each (ok, redirected, moved, social_only, parked, "
        "soft_404, not_found, forbidden, server_error, timeout, dns_failure, "
        "connection_refused, tls_error, too_many_redirects, blocked) with its evidence; reads "
        "live sites' contact/about/history pages for proposed facts; records everything as "
        "dated statements in batches. Interrupted and run again, it resumes the campaign "
        "(skips what it checked). See docs/verify.md.",
    )
    ver.add_argument("--urls", metavar="FILE", help="check these addresses (one per line) instead")
    ver.add_argument("--json", action="store_true", help="print one JSON object per address")
    ver.add_argument("--quiet", action="store_true", help="no progress bar")
    ver.add_argument("--limit", type=int, metavar="N", help="check at most N addresses")
    ver.add_argument(
        "--since",
        metavar="WHEN",
        help="skip addresses checked since WHEN (7d, 12h, 30m or an ISO date) instead of "
        "resuming the last unfinished campaign",
    )
    ver.add_argument(
        "--fresh", action="store_true", help="start a new campaign: check everything again"
    )
    ver.add_argument("--no-read", action="store_true", help="classify only; do not read pages")
    ver.add_argument(
        "--no-archive",
        action="store_true",
        help="do not look dead sites up in the Internet Archive",
    )
    ver.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="switch the address guard off: for local test servers only (warned on every run)",
    )
    ver.add_argument(
        "--resolve",
        metavar="FILE",
        help="answer host names from FILE (NAME ADDRESS per line, like curl --resolve) instead "
        "of DNS, for test servers; the address guard still checks the addresses",
    )
    ver.set_defaults(func=cmd_verify)

    srv = sub.add_parser(
        "serve",
        parents=common,
        help="serve the web directory and JSON API (production server)",
    )
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    srv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    srv.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    srv.set_defaults(func=cmd_serve)

    cover = sub.add_parser(
        "coverage",
        parents=common,
        help="how many of the protocol's organisations have each sourced fact",
    )
    cover.add_argument("--field", help="one field, with the organisations that lack it")
    cover.add_argument(
        "--list", action="store_true", help="list the organisations lacking each field"
    )
    cover.add_argument("--json", action="store_true", help="print JSON")
    cover.set_defaults(func=cmd_coverage)

    country = sub.add_parser(
        "country",
        parents=common,
        help="resolve a country name, code, or spelling; say if it is a host or LMIC of the "
        "protocol",
    )
    country.add_argument("name", help="a country name, ISO code or spelling")
    country.add_argument("--json", action="store_true", help="print JSON with income history")
    country.set_defaults(func=cmd_country)

    from diaspora_atlas.screening_cli import add_screen_commands

    add_screen_commands(sub, common)

    proto = sub.add_parser(
        "protocol",
        parents=common,
        help="check a protocol file and show what it says (see docs/protocol.md)",
    )
    proto.add_argument("--list", action="store_true", help="list the protocols in protocols/")
    proto.add_argument("--json", action="store_true", help="print the whole protocol as JSON")
    proto.set_defaults(func=cmd_protocol)

    from diaspora_atlas.cli_search import add_search_commands

    add_search_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except AtlasError as error:
        sys.stderr.write(f"diaspora-atlas: error: {error.one_line()}\n")
        return error.exit_code
    except BrokenPipeError:  # e.g. `diaspora-atlas coverage | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        sys.stderr.write(
            "diaspora-atlas: interrupted; the store is unchanged by the unfinished step\n"
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
