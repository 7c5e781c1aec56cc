"""The verifier's rules, read from ``data/rules/`` on first use (data people decide is data):
social network hosts, parking providers and wording, not-found wording, HTTP statuses,
bot-check signatures, the links worth reading and the founding-year phrases."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.refdata.paths import data_dir


def rows(name: str) -> list[dict[str, str]]:
    path = data_dir() / "rules" / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}", "restore data/rules/ from git") from exc


def _compile(pattern: str, name: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as exc:
        raise DataFileError(f"{name}: bad pattern {pattern!r}: {exc}", "fix the regex") from exc


@dataclass(frozen=True)
class Rules:
    social_hosts: dict[str, str]  # host -> network
    parking_hosts: frozenset[str]
    parking_text: tuple[re.Pattern[str], ...]
    not_found_title: tuple[re.Pattern[str], ...]  # read in the title and first heading
    not_found_text: tuple[re.Pattern[str], ...]  # also read in a short page's text
    statuses: dict[str, Outcome]  # "404" or "4xx" -> outcome
    page_words: dict[str, tuple[str, ...]]  # kind -> words
    founding: tuple[re.Pattern[str], ...]
    bot_checks: tuple[tuple[str, str, str], ...]  # (header, value, provider)


def host_in(host: str, hosts: tuple[str, ...] | dict[str, str] | frozenset[str]) -> str | None:
    """The listed host that ``host`` is or is a subdomain of (``m.facebook.com`` ->
    ``facebook.com``; the most specific one listed), or None. One lookup per label of
    ``host``, not one test per listed host: this runs for every link of every page."""
    name = host.lower().rstrip(".")
    while name:
        if name in hosts:
            return name
        _, _, name = name.partition(".")
    return None


@cache
def load_rules() -> Rules:
    parking = rows("parking.csv")
    words: dict[str, list[str]] = {}
    for row in rows("page_links.csv"):
        words.setdefault(row["kind"], []).append(row["word"].lower())
    statuses: dict[str, Outcome] = {}
    for row in rows("website_statuses.csv"):
        try:
            statuses[row["status"]] = Outcome(row["outcome"])
        except ValueError:
            raise DataFileError(
                f"website_statuses.csv: unknown outcome {row['outcome']!r}",
                "use an outcome of data/rules/website_outcomes.csv",
            ) from None
    return Rules(
        social_hosts={r["host"].lower(): r["network"] for r in rows("social_hosts.csv")},
        parking_hosts=frozenset(r["pattern"].lower() for r in parking if r["kind"] == "host"),
        parking_text=tuple(
            _compile(r["pattern"], "parking.csv") for r in parking if r["kind"] == "text"
        ),
        not_found_title=tuple(
            _compile(r["pattern"], "soft404_wording.csv") for r in rows("soft404_wording.csv")
        ),
        not_found_text=tuple(
            _compile(r["pattern"], "soft404_wording.csv")
            for r in rows("soft404_wording.csv")
            if r["where"] == "any"
        ),
        statuses=statuses,
        page_words={kind: tuple(found) for kind, found in words.items()},
        founding=tuple(
            _compile(r["pattern"], "founding_phrases.csv") for r in rows("founding_phrases.csv")
        ),
        bot_checks=tuple(
            (r["header"].lower(), r["value"].lower(), r["provider"]) for r in rows("bot_checks.csv")
        ),
    )


def status_outcome(status: int) -> Outcome | None:
    """The outcome of an HTTP error status (None for 1xx-3xx)."""
    if status < 400:
        return None
    table = load_rules().statuses
    return table.get(str(status)) or table.get(f"{status // 100}xx") or Outcome.SERVER_ERROR


def bot_check(headers: Mapping[str, str]) -> str | None:
    """The provider whose bot check an answer is (its marker header, ``bot_checks.csv``),
    or None. ``headers`` have lower-case names, as the client gives them."""
    for header, value, provider in load_rules().bot_checks:
        if headers.get(header, "").strip().lower() == value:
            return provider
    return None
