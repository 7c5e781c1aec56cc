"""Reading a directory query from URL parameters; bad input becomes a 400 Problem.

Facet filters: ``host``, ``origin``, ``continent``, ``income``, ``role``, ``presence``,
``verified``; each may repeat (``host=GBR&host=USA``) or list values with commas, and several
values of one facet mean *any of them*; different facets must all hold. ``fy`` chooses the
fiscal year of the income groups (default: the latest). ``q`` searches names, aliases,
acronyms and mission text. ``sort``, ``page`` and ``per_page`` shape the list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from diaspora_atlas.refdata import fiscal_years
from diaspora_atlas.store.directory import FACETS, MAX_PER_PAGE, SORTS, Selection
from diaspora_atlas.web.problems import Problem

DEFAULT_PER_PAGE = 50
_VALUE = re.compile(r"^[A-Za-z0-9_\- ]{1,60}$")


class QueryParams:
    """The parts of a QueryDict we read (Django's QueryDict and plain dicts both fit)."""

    def __init__(self, getlist: Mapping[str, Sequence[str]]) -> None:
        self._data = getlist

    def get(self, key: str, default: str = "") -> str:
        values = self._data.get(key) or []
        return values[-1] if values else default

    def getlist(self, key: str) -> list[str]:
        return list(self._data.get(key) or [])


def _int(params: QueryParams, key: str, default: int, low: int, high: int) -> int:
    raw = params.get(key).strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise Problem(
            400,
            f"{key} must be a whole number from {low} to {high}, not {raw!r}",
            "invalid_parameter",
        )
    return int(raw)


def _values(params: QueryParams, key: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for raw in params.getlist(key):
        for value in raw.split(","):
            value = value.strip()
            if not value:
                continue
            if not _VALUE.match(value):
                raise Problem(400, f"{key} has an unreadable value {value!r}", "invalid_parameter")
            if key in ("host", "origin"):
                value = value.upper()
            found.setdefault(value, None)
    return tuple(found)


def latest_fiscal_year() -> int:
    return fiscal_years()[-1]


def parse_selection(params: QueryParams, per_page_default: int = DEFAULT_PER_PAGE) -> Selection:
    q = params.get("q").strip()
    if len(q) > 200:
        raise Problem(400, "q is too long (200 characters at most)", "invalid_parameter")
    years = fiscal_years()
    fy = _int(params, "fy", years[-1], years[0], years[-1])
    if fy not in years:
        raise Problem(400, f"no income classification for fiscal year {fy}", "invalid_parameter")
    sort = params.get("sort").strip() or ("relevance" if q else "name")
    if sort not in SORTS:
        raise Problem(
            400, f"sort must be one of {', '.join(SORTS)}, not {sort!r}", "invalid_parameter"
        )
    if sort == "relevance" and not q:
        sort = "name"
    filters = {facet: _values(params, facet) for facet in FACETS}
    return Selection(
        q=q,
        filters={k: v for k, v in filters.items() if v},
        fiscal_year=fy,
        sort=sort,
        page=_int(params, "page", 1, 1, 100_000),
        per_page=_int(params, "per_page", per_page_default, 1, MAX_PER_PAGE),
    )


def selection_query(selection: Selection, **changes: object) -> str:
    """The URL query of a selection, with some parts changed (None removes a part)."""
    parts: dict[str, object] = {"q": selection.q}
    for facet, values in selection.filters.items():
        parts[facet] = list(values)
    if selection.fiscal_year != latest_fiscal_year():
        parts["fy"] = selection.fiscal_year
    default_sort = "relevance" if selection.q else "name"
    if selection.sort != default_sort:
        parts["sort"] = selection.sort
    if selection.page != 1:
        parts["page"] = selection.page
    if selection.per_page != DEFAULT_PER_PAGE:
        parts["per_page"] = selection.per_page
    parts.update(changes)
    pairs: list[tuple[str, object]] = []
    for key, value in parts.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list | tuple):
            pairs.extend((key, v) for v in value)
        else:
            pairs.append((key, value))
    return urlencode(pairs)
