"""The numbers every page shows, from the one function the report uses too
(``report.headline.headline``), computed once per data version; the data's version and
date; the fiscal year of the income groups a page uses.

Pages link each number to its definition at ``/numbers/#<key>``; ``/numbers/`` (and its twin
and CSV) lists them all.
"""

from __future__ import annotations

from typing import Any

from diaspora_atlas.report.headline import Metric, headline
from diaspora_atlas.report.study import StudyView, load_study
from diaspora_atlas.store.release import data_release
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.scope import site_protocol

NUMBERS_PATH = "/numbers/"


def study() -> StudyView:
    """The protocol's inventories through the one projection (maps and numbers read it)."""
    return memo("study", lambda: load_study(site_protocol().inventory_datasets))


def metrics() -> tuple[Metric, ...]:
    return memo("headline", lambda: headline(study(), site_protocol()))


def metric(key: str) -> dict[str, Any]:
    """One headline number as a page shows it: label, value, definition and its link."""
    found = next(m for m in metrics() if m.key == key)
    return {**found.as_dict(), "url": f"{NUMBERS_PATH}#{key}"}


def numbers(*keys: str) -> list[dict[str, Any]]:
    wanted = keys or tuple(m.key for m in metrics())
    return [metric(k) for k in wanted]


def origin_counts() -> dict[str, int]:
    """Organisations per origin country (the home page's list and the origins map)."""

    def count() -> dict[str, int]:
        found: dict[str, int] = {}
        for org in study().organisations:
            for iso3 in org.origin_iso3:
                found[iso3] = found.get(iso3, 0) + 1
        return found

    return memo("origin-counts", count)


def release() -> dict[str, Any]:
    """The data's version and date (what a citation names)."""
    return memo("release", data_release)


def default_fiscal_year() -> int:
    """The fiscal year of income groups every page uses unless ``fy`` says otherwise: the
    protocol's LMIC year (one default everywhere)."""
    return site_protocol().lmic.fiscal_year


def fiscal_year_data(chosen: int) -> dict[str, Any]:
    """What a page says about the fiscal year it uses."""
    default = default_fiscal_year()
    return {
        "fiscal_year": chosen,
        "default": default,
        "is_default": chosen == default,
        "note": f"World Bank income groups of fiscal year {chosen}"
        + (
            " (the study protocol's year)"
            if chosen == default
            else f"; the protocol's is {default}"
        ),
    }


def numbers_data() -> dict[str, Any]:
    """The /numbers/ page: every headline number with its definition, and the data release."""
    return {
        "numbers": numbers(),
        "protocol": {"id": site_protocol().id, "title": site_protocol().title},
        "fiscal_year": fiscal_year_data(default_fiscal_year()),
        "release": release(),
    }
