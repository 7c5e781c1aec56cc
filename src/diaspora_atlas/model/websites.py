"""What a website check found (the verifier's outcomes) and what it means "since 2019".

The outcomes, their groups and their definitions are data (``data/rules/website_outcomes.csv``
and ``website_groups.csv``): this module reads them and holds the one rule that turns an
organisation's checks into its "website today" (the directory facet, the home page's and the
report's since-2019 numbers all call ``website_today``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import rule_rows


class Outcome(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    MOVED = "moved"
    SOCIAL_ONLY = "social_only"
    PARKED = "parked"
    SOFT_404 = "soft_404"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    DNS_FAILURE = "dns_failure"
    CONNECTION_REFUSED = "connection_refused"
    TLS_ERROR = "tls_error"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    BLOCKED = "blocked"
    ROBOTS_DISALLOWED = "robots_disallowed"


# The statements one check writes about the organisation or office (dataset ``verify``).
CHECK_OUTCOME = "check_outcome"
CHECK_PROPS = (
    CHECK_OUTCOME,
    "check_final_url",
    "check_status",
    "check_title",
    "check_content_hash",
    "check_archived_url",
)
NOT_CHECKED = "not_checked"
NO_WEBSITE = "no_website_2019"


@dataclass(frozen=True)
class OutcomeRule:
    outcome: Outcome
    group: str
    label: str  # the outcome in words, for people
    definition: str
    note: str


@dataclass(frozen=True)
class Group:
    group: str
    label: str
    order: int
    definition: str


def _rows(name: str) -> list[dict[str, str]]:
    return rule_rows(name)


@cache
def groups() -> dict[str, Group]:
    """The since-2019 groups in display order."""
    found = [
        Group(r["group"], r["label"], int(r["order"]), r["definition"])
        for r in _rows("website_groups.csv")
    ]
    return {g.group: g for g in sorted(found, key=lambda g: g.order)}


@cache
def outcome_rules() -> dict[Outcome, OutcomeRule]:
    rules: dict[Outcome, OutcomeRule] = {}
    for row in _rows("website_outcomes.csv"):
        try:
            outcome = Outcome(row["outcome"])
        except ValueError:
            raise DataFileError(
                f"website_outcomes.csv: unknown outcome {row['outcome']!r}",
                "use one of " + ", ".join(o.value for o in Outcome),
            ) from None
        if row["group"] not in groups():
            raise DataFileError(
                f"website_outcomes.csv: {row['outcome']} has unknown group {row['group']!r}",
                "add the group to data/rules/website_groups.csv",
            )
        rules[outcome] = OutcomeRule(
            outcome, row["group"], row["label"], row["definition"], row["note"]
        )
    missing = sorted(set(Outcome) - set(rules))
    if missing:
        raise DataFileError(
            f"website_outcomes.csv does not define {', '.join(missing)}",
            "every outcome needs a group and a definition",
        )
    return rules


def group_of(outcome: str) -> str:
    """The since-2019 group of an outcome (an unknown outcome: ``not_checked``)."""
    try:
        return outcome_rules()[Outcome(outcome)].group
    except ValueError:
        return NOT_CHECKED


@dataclass(frozen=True)
class CheckSeen:
    """One ``check_outcome`` statement: which URL was checked, what was found, when."""

    url: str
    outcome: str
    checked_at: str


def website_today(website_2019: str, checks: Iterable[CheckSeen]) -> str:
    """The group of the latest check of the paper's (2019) website: the one rule behind the
    "website today" facet and the since-2019 numbers."""
    if not website_2019:
        return NO_WEBSITE
    mine = [c for c in checks if c.url == website_2019]
    if not mine:
        return NOT_CHECKED
    return group_of(max(mine, key=lambda c: c.checked_at).outcome)
