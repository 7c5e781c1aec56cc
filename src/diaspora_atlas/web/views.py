"""The site's pages. Each returns a ``Page`` whose ``data`` is also its JSON twin."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase

from diaspora_atlas.refdata import fiscal_years
from diaspora_atlas.store.directory import Selection
from diaspora_atlas.web import data, labels
from diaspora_atlas.web.audit import audit_data
from diaspora_atlas.web.content import citation_data, method_data
from diaspora_atlas.web.downloads import (
    CONTENT_TYPES,
    DATABASE_NAME,
    available_files,
    database_available,
    database_snapshot,
    resolve_file,
    selection_csv,
)
from diaspora_atlas.web.figures import (
    figure,
    figures,
    highlight_css,
    host_figure,
    keys,
    style_hash,
)
from diaspora_atlas.web.gaps import gaps_data
from diaspora_atlas.web.methods import allow
from diaspora_atlas.web.params import request_params
from diaspora_atlas.web.problems import Problem, problem_response
from diaspora_atlas.web.queries import (
    OfficeQuery,
    country_path,
    parse_offices,
    parse_selection,
    selection_query,
)
from diaspora_atlas.web.render import Page, dumps, twin, twin_query


@twin
def home(request: HttpRequest) -> Page:
    origins = figure("origins")
    return Page(
        "web/home.html",
        "Medical Diaspora Atlas",
        {**data.home_data(), "map": origins.as_json() if origins else None},
        {"figure": origins},
    )


@twin_query(parse_selection, selection_query)
def organisations(request: HttpRequest, selection: Selection) -> Page:
    found = data.organisations_data(selection)
    title = "Organisations" + (f" matching “{selection.q}”" if selection.q else "")
    return Page(
        "web/organisations.html",
        title,
        found,
        {
            "fiscal_years": list(reversed(fiscal_years())),
            "sorts": [(s, labels.label("sort", s)) for s in labels.SORT_LABELS],
            "hidden_filters": [
                (facet, value) for facet, values in selection.filters.items() for value in values
            ],
            "clear_url": "/organisations/?"
            + selection_query(selection, **dict.fromkeys(selection.filters), page=None),
        },
    )


@allow("GET")
def export_csv(request: HttpRequest) -> HttpResponse:
    try:
        rows = data.export_rows(parse_selection(request_params(request)))
    except Problem as problem:
        return problem_response(request, problem)
    base = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(selection_csv(rows, base), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations-selection.csv"'
    return response


@allow("GET")
def export_json(request: HttpRequest) -> HttpResponse:
    try:
        selection = parse_selection(request_params(request))
    except Problem as problem:
        return problem_response(request, problem)
    rows = data.export_rows(selection)
    body = {"query": data.query_data(selection), "total": len(rows), "results": rows}
    response = HttpResponse(dumps(body), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="organisations-selection.json"'
    return response


@twin
def organisation(request: HttpRequest, org_id: str) -> Page:
    found = data.organisation_data(org_id)
    if found is None:
        raise Problem(404, f"There is no organisation {org_id!r} in the directory.")
    located = host_figure(found["organisation"]["host_iso3"])
    css = highlight_css(org_id) if located else ""
    return Page(
        "web/organisation.html",
        found["organisation"]["name"],
        {**found, "map": located.as_json() if located else None},
        {"figure": located, "highlight_css": css},
        style_hashes=(style_hash(css),) if css else (),
    )


@twin
def countries(request: HttpRequest) -> Page:
    return Page("web/countries.html", "Countries", data.countries_data())


@twin
def country(request: HttpRequest, iso3: str) -> Page:
    found = data.country_data(country_path(iso3))
    if found is None:
        raise Problem(404, f"There is no country {iso3!r}.")
    return Page("web/country.html", found["country"]["name"], found)


@twin_query(parse_offices, OfficeQuery.query)
def offices(request: HttpRequest, query: OfficeQuery) -> Page:
    found = data.offices_data(query.type, query.country)
    return Page("web/offices.html", "Government diaspora offices", found)


@twin
def office(request: HttpRequest, office_id: str) -> Page:
    found = data.office_data(office_id)
    if found is None:
        raise Problem(404, f"There is no government office {office_id!r}.")
    return Page("web/office.html", found["office"]["name"], found)


@twin
def maps(request: HttpRequest) -> Page:
    shown = figures()
    return Page(
        "web/maps.html",
        "Maps",
        {"maps": [shown[k].as_json() for k in keys()]},
        {"figures": [shown[k] for k in keys()]},
    )


@allow("GET")
def map_svg(request: HttpRequest, key: str) -> HttpResponse:
    found = figure(key)
    if found is None or not found.available:
        return problem_response(request, Problem(404, f"There is no map {key!r}."))
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + found.svg
    return HttpResponse(svg, content_type="image/svg+xml")


@twin
def audit(request: HttpRequest) -> Page:
    return Page("web/audit.html", "Reproduction audit", audit_data())


@twin
def gaps(request: HttpRequest) -> Page:
    shown = figure("gaps")
    found = gaps_data()
    return Page(
        "web/gaps.html",
        "Gap analysis",
        {**found, "map": shown.as_json() if shown else None},
        {"figure": shown},
    )


@twin
def downloads(request: HttpRequest) -> Page:
    files = available_files()
    database: dict[str, Any] | None = (
        {"name": DATABASE_NAME, "url": f"/downloads/{DATABASE_NAME}", "format": "SQLite"}
        if database_available()
        else None
    )
    return Page(
        "web/downloads.html",
        "Downloads",
        {
            "files": files,
            "database": database,
            "selection": {
                "csv": "/organisations/export.csv",
                "json": "/organisations/export.json",
                "note": "Add the filters of an organisations page (e.g. ?host=GBR) to download that selection.",
            },
        },
    )


@allow("GET")
def download_file(request: HttpRequest, name: str) -> HttpResponseBase:
    if name == DATABASE_NAME and database_available():
        answer = FileResponse(database_snapshot(), content_type=CONTENT_TYPES[".sqlite3"])
        answer["Content-Disposition"] = f'attachment; filename="{DATABASE_NAME}"'
        return answer
    path = resolve_file(name)
    if path is None:
        return problem_response(request, Problem(404, f"There is no download {name!r}."))
    content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    response = FileResponse(path.open("rb"), content_type=content_type)
    if path.suffix in (".html", ".csv", ".xlsx", ".cff", ".sqlite3"):
        response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response


@twin
def method(request: HttpRequest) -> Page:
    return Page("web/method.html", "Method", method_data())


@twin
def citation(request: HttpRequest) -> Page:
    return Page("web/citation.html", "How to cite", citation_data())


@twin
def api_index(request: HttpRequest) -> Page:
    from diaspora_atlas.web.api import api

    schema = api.get_openapi_schema()
    endpoints = [
        {
            "method": method.upper(),
            "path": "/api" + path if not path.startswith("/api") else path,
            "summary": op.get("summary", ""),
            "tag": (op.get("tags") or [""])[0],
        }
        for path, operations in schema["paths"].items()
        for method, op in operations.items()
    ]
    return Page(
        "web/api.html",
        "API",
        {"openapi": "/api/openapi.json", "endpoints": endpoints},
    )
