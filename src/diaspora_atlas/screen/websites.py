"""What a website check's outcome means for criterion I5 ("an active webpage").

The outcomes and their groups are the verifier's data (``data/rules/website_outcomes.csv``,
columns ``outcome`` and ``group``). A page that still answers (the site, another domain it
moved to, a social network page: the 2019 list counts Facebook pages) is active; a dead or
parked one is not; an undetermined check says nothing. When the table is not there (a
store without the verifier), no outcome is known and the criterion cannot be told.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import data_dir

ACTIVE = frozenset({"alive", "moved", "social_only"})
INACTIVE = frozenset({"dead", "parked"})


@cache
def outcome_groups(path: Path | None = None) -> dict[str, str]:
    """Outcome -> group, from the verifier's table ({} when there is none)."""
    table = path or data_dir() / "rules" / "website_outcomes.csv"
    if not table.is_file():
        return {}
    try:
        with table.open(encoding="utf-8", newline="") as handle:
            return {row["outcome"]: row["group"] for row in csv.DictReader(handle)}
    except (OSError, KeyError) as exc:
        raise DataFileError(f"cannot read {table}: {exc}", "restore data/rules/ from git") from exc


def group_of(outcome: str, path: Path | None = None) -> str:
    return outcome_groups(path).get(outcome, "")
