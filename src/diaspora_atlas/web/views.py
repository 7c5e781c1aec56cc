"""The site's pages. Each returns a ``Page`` whose ``data`` is also its JSON twin."""

from __future__ import annotations

from typing import Any

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)

from diaspora_atlas.refdata.countries import UN_REGIONS
from diaspora_atlas.store.directory import Selection
from diaspora_atlas.store.pages import export_sources
from diaspora_atlas.web import data, labels
from diaspora_atlas.web.audit import audit_data
from diaspora_atlas.web.content import citation_data, method_data
from diaspora_atlas.web.countries import countries_data
from diaspora_atlas.web.country import compare_data, country_data, matrix_data
from diaspora_atlas.web.downloads import (
    CONTENT_TYPES,
    DATABASE_NAME,
    available_files,
    countries_table_csv,
    database_available,
    database_snapshot,
    resolve_file,
    selection_csv,
)
from diaspora_atlas.web.figures import (
    figure,
    highlight_css,
    selection_figures,
    style_hash,
)
from diaspora_atlas.web.find.service import select_all
from diaspora_atlas.web.gaps import gaps_data
from diaspora_atlas.web.methods import allow
from diaspora_atlas.web.numbers import numbers as shown_numbers
from diaspora_atlas.web.numbers import numbers_data, release
from diaspora_atlas.web.offices import office_data, offices_data
from diaspora_atlas.web.params import request_params
from diaspora_atlas.web.problems import Problem, problem_response, wants_json
from diaspora_atlas.web.queries import (
    CompareQuery,
    CountryQuery,
    OfficeQuery,
    YearQuery,
    country_route,
    parse_compare,
    parse_countries,
    parse_offices,
    parse_selection,
    parse_year,
    selection_query,
)
from diaspora_atlas.web.records import location_map, organisation_data, workings_html
from diaspora_atlas.web.render import Page, dumps, serve_page, twin, twin_query


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@twin_query(parse_year, YearQuery.query)
def home(request: HttpRequest, query: YearQuery) -> Page:
    shown = selection_figures(None, query.fiscal_year)["origins"]
    return Page(
        "web/home.html",
        "Medical Diaspora Atlas",
        {**data.home_data(query.fiscal_year), "map": shown.as_json()},
        {"figure": shown, "fiscal_years": data.fiscal_year_choices()},
    )


@twin_query(parse_selection, selection_query)
def organisations(request: HttpRequest, selection: Selection) -> Page:
    found = data.organisations_data(selection, "json" if wants_json(request) else "html")
    title = "Organisations" + (f" matching “{selection.q}”" if selection.q else "")
    return Page(
        "web/organisations.html",
        title,
        found,
        {
            "fiscal_years": data.fiscal_year_choices(),
            "sorts": [(s, labels.label("sort", s)) for s in labels.SORT_LABELS],
            "hidden_filters": [
                (facet, value) for facet, values in selection.filters.items() for value in values
            ],
        },
    )


def _selection_or_problem(request: HttpRequest) -> Selection | HttpResponse:
    try:
        return parse_selection(request_params(request))
    except Problem as problem:
        return problem_response(request, problem)


@allow("GET")
def export_csv(request: HttpRequest) -> HttpResponse:
    selection = _selection_or_problem(request)
    if isinstance(selection, HttpResponse):
        return selection
    rows = data.export_rows(selection)
    base = base_url(request)
    query = f"{base}/organisations/?" + selection_query(selection, page=None, per_page=None)
    body = selection_csv(rows, base, export_sources([r["id"] for r in rows]), release(), query)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations-selection.csv"'
    return response


@allow("GET")
def export_json(request: HttpRequest) -> HttpResponse:
    selection = _selection_or_problem(request)
    if isinstance(selection, HttpResponse):
        return selection
    rows = data.export_rows(selection)
    sources = export_sources([r["id"] for r in rows])
    body = {
        "query": data.query_data(selection),
        "release": release(),
        "total": len(rows),
        "results": [{**r, "sources": sources.get(r["id"], [])} for r in rows],
    }
    response = HttpResponse(dumps(body), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="organisations-selection.json"'
    return response


@twin
def organisation(request: HttpRequest, org_id: str) -> Page:
    found = organisation_data(org_id, base_url(request))
    if found is None:
        raise Problem(404, f"There is no organisation {org_id!r} in the directory.")
    shown = location_map(found["organisation"]["host_iso3"], found["location"]["precision"])
    css = highlight_css(org_id) if shown else ""
    return Page(
        "web/organisation.html",
        found["organisation"]["name"],
        found,
        {"figure": shown, "highlight_css": css, "workings": workings_html(org_id, found)},
        style_hashes=(style_hash(css),) if css else (),
    )


@twin_query(parse_countries, CountryQuery.query)
def countries(request: HttpRequest, query: CountryQuery) -> Page:
    found = countries_data(query)
    return Page(
        "web/countries.html",
        "Countries",
        found,
        {
            "fiscal_years": data.fiscal_year_choices(),
            "regions": sorted(UN_REGIONS),
            "incomes": list(labels.INCOME.items()),
            "roles": sorted(labels.ROLES.items(), key=lambda kv: kv[1]),
        },
    )


@allow("GET")
def countries_csv(request: HttpRequest) -> HttpResponse:
    try:
        query = parse_countries(request_params(request))
    except Problem as problem:
        return problem_response(request, problem)
    found = countries_data(query)
    body = countries_table_csv(found, release(), base_url(request) + "/countries/?" + query.query())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="countries.csv"'
    return response


@twin
def matrix(request: HttpRequest) -> Page:
    return Page("web/matrix.html", "Organisations by origin and host", matrix_data())


@twin_query(parse_compare, CompareQuery.query)
def compare(request: HttpRequest, query: CompareQuery) -> Page:
    return Page(
        "web/compare.html",
        "Countries side by side",
        compare_data(query),
        {"fiscal_years": data.fiscal_year_choices()},
    )


@allow("GET")
def country(request: HttpRequest, iso3: str) -> HttpResponseBase:
    """A country's page; any other spelling of the country redirects to its address."""
    try:
        code = country_route(iso3)
        query = parse_year(request_params(request))
    except Problem as problem:
        return problem_response(request, problem)
    if code != iso3:
        target = f"/countries/{code}" + (".json" if request.path.endswith(".json") else "/")
        raw = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(target + (f"?{raw}" if raw else ""))
    return serve_page(request, query.query(), lambda: _country_page(code, query))


def _country_page(iso3: str, query: YearQuery) -> Page:
    found = country_data(iso3, query.fiscal_year)
    if found is None:
        raise Problem(404, f"There is no country {iso3!r}.")
    return Page(
        "web/country.html",
        found["country"]["name"],
        found,
        {"fiscal_years": data.fiscal_year_choices()},
    )


@twin_query(parse_offices, OfficeQuery.query)
def offices(request: HttpRequest, query: OfficeQuery) -> Page:
    found = offices_data(query.type, query.country)
    return Page("web/offices.html", "Government diaspora offices", found)


@twin
def office(request: HttpRequest, office_id: str) -> Page:
    found = office_data(office_id)
    if found is None:
        raise Problem(404, f"There is no government office {office_id!r}.")
    return Page("web/office.html", found["now"]["name"], found)


@twin
def numbers(request: HttpRequest) -> Page:
    return Page("web/numbers.html", "The numbers and what they count", numbers_data())


MAP_NUMBERS = (
    "organisations",
    "host_countries",
    "origin_countries",
    "origin_lmics",
    "government_bodies",
    "countries_with_government_body",
)  # the whole inventory's maps show what they count, as the home page does


@twin_query(parse_selection, selection_query)
def maps(request: HttpRequest, selection: Selection) -> Page:
    chosen = bool(selection.q or selection.filters)
    ids = [str(r["id"]) for r in select_all(selection)] if chosen else None
    shown = selection_figures(ids, selection.fiscal_year)
    listed = data.organisations_data(
        Selection(selection.q, selection.filters, selection.fiscal_year, per_page=1)
    )
    return Page(
        "web/maps.html",
        "Maps" + (" of a selection" if chosen else ""),
        {
            "query": data.query_data(selection),
            "selection": {
                "chosen": chosen,
                "total": listed["total"],
                "filters": [
                    {"facet": f["title"], "label": v["label"]}
                    for f in listed["facets"]
                    for v in f["values"]
                    if v["selected"]
                ],
                "list_url": listed["links"]["html"],
            },
            "fiscal_year": listed["fiscal_year"],
            "numbers": [] if chosen else shown_numbers(*MAP_NUMBERS),
            "maps": [f.as_json() for f in shown.values()],
        },
        {"figures": list(shown.values()), "fiscal_years": data.fiscal_year_choices()},
    )


@allow("GET")
def map_svg(request: HttpRequest, key: str) -> HttpResponse:
    found = figure(key)
    if found is None or not found.available:
        return problem_response(request, Problem(404, f"There is no map {key!r}."))
    svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + found.svg.replace(' tabindex="-1"', "")
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
            "release": release(),
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
