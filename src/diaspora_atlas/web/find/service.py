"""The directory's search as the pages and the API call it: the index of the current data
version (built once per version and process), a query's plan, a selection's answer."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.store.directory import Selection
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.find.engine import Answer, answer
from diaspora_atlas.web.find.index import Index, load
from diaspora_atlas.web.find.plan import Plan, plan


def index() -> Index:
    return memo("find-index", load)


def plan_of(q: str) -> Plan | None:
    """What a query asks for; None when there is no query."""
    return plan(q, index()) if q.strip() else None


def select(selection: Selection) -> tuple[Answer, Plan | None]:
    """A page of the selection, with the plan its query was read as."""
    read = plan_of(selection.q)
    return answer(index(), selection, read), read


def select_all(selection: Selection) -> list[dict[str, Any]]:
    """Every organisation of a selection (downloads), in the selection's order."""
    everything = Selection(
        selection.q, selection.filters, selection.fiscal_year, selection.sort, 1, 10**9
    )
    found, _ = select(everything)
    return found.results


def plan_data(read: Plan | None) -> dict[str, Any]:
    """How the query was read, for the page ("showing results for …") and its twin."""
    if read is None:
        return {"countries": [], "words": [], "corrected": ""}
    return {
        "countries": [{"text": c.text, "iso3": sorted(c.iso3s)} for c in read.countries],
        "words": [t.word for t in read.terms if t.required],
        "corrected": read.corrected,
    }
