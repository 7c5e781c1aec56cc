"""The JSON API (django-ninja): organisations, offices, countries, facets, name matching and
the reconciliation service. Described by /api/openapi.json; shapes in docs/api.md.

Every error has the one shape ``{"error": {"status", "code", "message"}}``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Form, NinjaAPI
from ninja.errors import HttpError, ValidationError

from diaspora_atlas.web import data, schemas
from diaspora_atlas.web.countries import countries_data
from diaspora_atlas.web.country import country_data
from diaspora_atlas.web.find.service import select
from diaspora_atlas.web.matching import match
from diaspora_atlas.web.numbers import numbers_data
from diaspora_atlas.web.offices import office_data, offices_data
from diaspora_atlas.web.params import Rule, request_params
from diaspora_atlas.web.problems import Problem, json_response
from diaspora_atlas.web.queries import (
    COUNTRY_RULES,
    FY,
    MATCH_RULES,
    OFFICE_RULES,
    QUERIES,
    SELECTION_RULES,
    country_route,
    parse_countries,
    parse_match,
    parse_offices,
    parse_selection,
    parse_year,
)
from diaspora_atlas.web.reconcile import manifest, reconcile
from diaspora_atlas.web.records import organisation_data

# The query parameters of each route, read by web.queries and described from the same rules.
QUERY_RULES: dict[str, tuple[Rule, ...]] = {
    "/organisations": SELECTION_RULES,
    "/facets": SELECTION_RULES,
    "/offices": OFFICE_RULES,
    "/countries": COUNTRY_RULES,
    "/countries/{iso3}": (FY,),
    "/match": MATCH_RULES,
    "/reconcile": (QUERIES,),
}


class AtlasAPI(NinjaAPI):
    """django-ninja's API whose OpenAPI document lists each route's query parameters from
    the rules that read them (the views take them from ``web.queries``, not as arguments)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, operations in schema["paths"].items():
            rules = QUERY_RULES.get(path.removeprefix("/api").rstrip("/"), ())
            if rules and "get" in operations:
                kept = [p for p in operations["get"].get("parameters", []) if p["in"] == "path"]
                operations["get"]["parameters"] = kept + [rule.openapi() for rule in rules]
        return schema


api = AtlasAPI(
    title="Medical Diaspora Atlas API",
    version="1",
    description=(
        "Read-only JSON over the Medical Diaspora Atlas: LMIC medical diaspora organisations "
        "in the USA, UK, Canada and Australia, and LMIC governments' diaspora offices. Every "
        'fact carries its source. Errors: {"error": {"status", "code", "message"}}.'
    ),
    docs_url=None,
    openapi_url="/openapi.json",
    urls_namespace="api",
)
ERRORS: dict[int, type] = {400: schemas.Error, 404: schemas.Error}


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return json_response(exc)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    parts = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "form"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return json_response(Problem(400, "; ".join(parts) or "invalid request", "invalid_parameter"))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return json_response(Problem(exc.status_code, str(exc)))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return json_response(Problem(404, str(exc) or f"Nothing is published at {request.path}."))


@api.get(
    "/organisations",
    response={200: schemas.OrganisationList, **ERRORS},
    summary="Search and filter organisations",
    tags=["organisations"],
)
def organisations(request: HttpRequest) -> dict[str, Any]:
    """Full-text search (names, aliases, acronyms, mission text) with facet filters; several
    values of one facet mean any of them. Same parameters as /organisations/."""
    return data.organisations_data(parse_selection(request_params(request)), "api")


@api.get(
    "/organisations/{org_id}",
    response={200: schemas.OrganisationDetail, **ERRORS},
    summary="One organisation: every fact with its source, and its history",
    tags=["organisations"],
)
def organisation(request: HttpRequest, org_id: str) -> dict[str, Any]:
    found = organisation_data(org_id, request.build_absolute_uri("/").rstrip("/"))
    if found is None:
        raise Problem(404, f"no organisation {org_id!r}")
    return found


@api.get(
    "/facets",
    response={200: schemas.FacetList, **ERRORS},
    summary="Counts per facet value for a selection",
    tags=["organisations"],
)
def facets(request: HttpRequest) -> dict[str, Any]:
    """Takes the same filters as /api/organisations; returns only the counts."""
    selection = parse_selection(request_params(request))
    found, _ = select(selection)
    return {
        "query": data.query_data(selection),
        "total": found.total,
        "facets": data.facets_data(selection, found.facets),
    }


@api.get(
    "/offices",
    response={200: schemas.OfficeList, **ERRORS},
    summary="Government diaspora bodies",
    tags=["offices"],
)
def offices(request: HttpRequest) -> dict[str, Any]:
    query = parse_offices(request_params(request))
    return offices_data(query.type, query.country)


@api.get(
    "/offices/{office_id}",
    response={200: schemas.OfficeDetail, **ERRORS},
    summary="One government body with its dated events and sources",
    tags=["offices"],
)
def office(request: HttpRequest, office_id: str) -> dict[str, Any]:
    found = office_data(office_id)
    if found is None:
        raise Problem(404, f"no office {office_id!r}")
    return found


@api.get(
    "/countries",
    response={200: schemas.CountryList, **ERRORS},
    summary="Countries with organisations, offices or a Table 2 row",
    tags=["countries"],
)
def countries(request: HttpRequest) -> dict[str, Any]:
    return countries_data(parse_countries(request_params(request)))


@api.get(
    "/countries/{iso3}",
    response={200: schemas.CountryDetail, **ERRORS},
    summary="A country as an origin and as a host, with its income-group history",
    tags=["countries"],
)
def country(request: HttpRequest, iso3: str) -> dict[str, Any]:
    query = parse_year(request_params(request))
    found = country_data(country_route(iso3), query.fiscal_year)
    if found is None:
        raise Problem(404, f"There is no country {iso3!r}.")
    return found


@api.get(
    "/numbers",
    response={200: schemas.Numbers, **ERRORS},
    summary="The headline numbers, each with its definition, and the data's version",
    tags=["numbers"],
)
def headline_numbers(request: HttpRequest) -> dict[str, Any]:
    """The same numbers, from the same function, as every page and the report."""
    return numbers_data()


@api.get(
    "/match",
    response={200: schemas.MatchResult, **ERRORS},
    summary="Match an organisation name (exact, alias, acronym, fuzzy)",
    tags=["matching"],
)
def match_name(request: HttpRequest) -> dict[str, Any]:
    """Candidates with a score and how they matched; `chosen` is true only for one confident
    candidate. Thresholds: docs/api.md."""
    query = parse_match(request_params(request))
    items = match(query.name, host=query.host, origin=query.origin)
    return {"query": query.name, "number_of_results": len(items), "items": items}


@api.get(
    "/reconcile",
    response={200: dict[str, Any], **ERRORS},
    summary="Reconciliation service: manifest, or a batch given as ?queries=",
    tags=["matching"],
)
def reconcile_get(request: HttpRequest) -> dict[str, Any]:
    queries = request_params(request).get(QUERIES.name)
    if queries:
        return reconcile(queries)
    return manifest(request.build_absolute_uri("/"))


@api.post(
    "/reconcile",
    response={200: dict[str, Any], **ERRORS},
    summary="Reconciliation service: a batch of queries (form field `queries`)",
    tags=["matching"],
)
def reconcile_post(request: HttpRequest, queries: Form[str]) -> dict[str, Any]:
    return reconcile(queries)
