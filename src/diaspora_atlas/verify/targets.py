"""What to check: every website of the store's organisations and offices (the 2019
``website``, ``website_current``), or the addresses of a file; and which of them the current
campaign has checked already."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from yarl import URL

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model import Schema
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.websites import CHECK_OUTCOME
from diaspora_atlas.verify.statements import Target

WEBSITE_PROPS = ("website", "website_current")
SCHEMAS = (Schema.ORGANISATION, Schema.OFFICE)


def normalise(url: str) -> str:
    text = url.strip()
    return text if "://" in text else f"http://{text}"


def store_targets(views: Mapping[Schema, Mapping[str, EntityView]]) -> list[Target]:
    found: dict[tuple[str, str], Target] = {}
    for schema in SCHEMAS:
        for entity_id, view in sorted(views.get(schema, {}).items()):
            for prop in WEBSITE_PROPS:
                for url in view.values(prop):
                    key = (entity_id, normalise(url))
                    found.setdefault(key, Target(entity_id, schema, key[1], prop))
    return list(found.values())


def _valid(text: str, where: str) -> str:
    try:
        parsed = URL(text)
    except ValueError:
        parsed = URL()
    if parsed.scheme not in ("http", "https") or not parsed.raw_host:
        raise UsageError(
            f"{where}: not an http(s) address: {text!r}",
            "write one absolute http:// or https:// address per line (# starts a comment)",
        )
    return text


def read_url_file(path: Path) -> list[str]:
    """Addresses, one a line; blank lines and ``#`` comments skipped. Any bad line is an
    error before anything is checked."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}", "give a UTF-8 text file of URLs") from exc
    urls = [
        _valid(line.strip(), f"{path}:{number}")
        for number, line in enumerate(lines, 1)
        if line.strip() and not line.strip().startswith("#")
    ]
    if not urls:
        raise UsageError(f"{path} holds no address", "write one URL per line")
    return list(dict.fromkeys(urls))


def file_targets(urls: Sequence[str], known: Iterable[Target]) -> list[Target]:
    """The entities whose address it is; an address no entity has is checked as an entity
    of its own (``check-<hash>``, schema PageCheck)."""
    by_url: dict[str, list[Target]] = {}
    for target in known:
        by_url.setdefault(target.url, []).append(target)
    out: list[Target] = []
    for url in urls:
        mine = by_url.get(url)
        if mine:
            out.extend(mine)
        else:
            entity = "check-" + hashlib.sha256(url.encode()).hexdigest()[:12]
            out.append(Target(entity, Schema.PAGE_CHECK, url, "url"))
    return out


def checked_since(
    views: Mapping[Schema, Mapping[str, EntityView]], since: str
) -> set[tuple[str, str]]:
    """(entity, address) pairs whose latest check is at or after ``since`` (ISO time)."""
    done: set[tuple[str, str]] = set()
    if not since:
        return done
    for by_id in views.values():
        for entity_id, view in by_id.items():
            for s in view.facts.get(CHECK_OUTCOME, ()):
                if s.retrieved_at >= since:
                    done.add((entity_id, s.source_url))
    return done


def parse_since(text: str, now: datetime) -> str:
    """``7d``, ``12h``, ``30m`` (ago) or an ISO date/time -> an ISO time in UTC."""
    value = text.strip()
    unit = {"d": 86400, "h": 3600, "m": 60}.get(value[-1:].lower())
    if unit and value[:-1].isdigit():
        return (now - timedelta(seconds=int(value[:-1]) * unit)).isoformat(timespec="seconds")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--since {text!r} is neither a duration nor a date",
            "write e.g. 7d, 12h, 30m, 2026-11-30 or 2026-11-30T12:00:00+00:00",
        ) from None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def read_resolve_file(path: Path) -> dict[str, list[str]]:
    """``name address [address ...]`` per line (like curl's --resolve), for test servers."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"cannot read {path}: {exc}", "give a text file: NAME ADDRESS per line"
        ) from exc
    table: dict[str, list[str]] = {}
    for number, line in enumerate(lines, 1):
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        if len(parts) < 2:
            raise UsageError(f"{path}:{number}: no address for {parts[0]!r}", "write NAME ADDRESS")
        table[parts[0]] = parts[1:]
    return table
