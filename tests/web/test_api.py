"""The JSON API: its OpenAPI document, the shapes it pins, name matching and the OpenRefine
reconciliation service."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.db

PATHS = {
    "/api/organisations": {"get"},
    "/api/organisations/{org_id}": {"get"},
    "/api/facets": {"get"},
    "/api/offices": {"get"},
    "/api/offices/{office_id}": {"get"},
    "/api/countries": {"get"},
    "/api/countries/{iso3}": {"get"},
    "/api/numbers": {"get"},
    "/api/match": {"get"},
    "/api/reconcile": {"get", "post"},
}
SCHEMAS = {
    "OrganisationList": {
        *("query", "search", "fiscal_year", "total", "pages", "results", "facets", "links"),
    },
    "OrganisationSummary": {
        *("id", "name", "paper_row", "host_iso3", "host_name", "origins"),
        *("origin_subnational", "website", "online_presence", "roles", "founded_year"),
        *("hq_city", "hq_region", "mission_summary", "aliases", "acronyms", "acronyms_stated"),
        *("last_verified", "website_today", "url"),
    },
    "OrganisationDetail": {
        *("organisation", "contact", "about", "cite", "facts", "conflicts", "narrative"),
        *("not_found", "sources", "history", "last_modified", "last_verified", "location"),
        *("checks", "focuses", "map"),
    },
    "Contact": {"website", "social", "email", "phone", "address", "not_found"},
    "Cite": {"id", "url", "json_url", "version", "date", "text", "promise"},
    "Numbers": {"numbers", "protocol", "fiscal_year", "release"},
    "Metric": {"key", "label", "value", "definition", "parts", "url"},
    "Release": {"version", "date", "statements", "sources", "datasets"},
    "Facet": {"facet", "title", "values"},
    "FacetValue": {"value", "label", "count", "selected", "href"},
    "FacetList": {"query", "total", "facets"},
    "OfficeList": {"query", "numbers", "total", "types", "offices", "table2"},
    "Office": {
        *("id", "name", "parent", "country_iso3", "country_name", "institution_type"),
        *("is_government_body", "websites", "events", "established", "url", "now"),
        *("type_label", "events_text"),
    },
    "OfficeDetail": {
        *("office", "now", "in_2019", "events", "facts", "listings", "sources", "history"),
        "last_modified",
    },
    "CountryList": {
        *("query", "hosts", "columns", "links", "total", "fiscal_year", "numbers", "countries"),
    },
    "CountryDetail": {
        *("country", "fiscal_year", "income_in_year", "income_history", "income_changes"),
        *("as_origin", "as_host", "synthesis"),
    },
    "MatchResult": {"query", "number_of_results", "items"},
    "MatchItem": {"score", "matching_type", "matched", "chosen", "reason", "organisation"},
    "Error": {"error"},
    "ErrorBody": {"status", "code", "message"},
}


@pytest.fixture
def openapi(web: Any) -> dict[str, Any]:
    answer = web.get("/api/openapi.json")
    assert answer.status_code == 200
    return dict(answer.json())


def test_openapi_lists_every_route(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.")
    paths = {path: set(ops) for path, ops in openapi["paths"].items()}
    assert paths == PATHS


def test_openapi_pins_the_shapes(openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]
    for name, fields in SCHEMAS.items():
        assert set(schemas[name]["properties"]) == fields, name


def test_responses_match_their_schemas(web: Any, openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]
    org = web.get("/api/organisations", {"host": "GBR", "per_page": 5}).json()
    assert set(org) == SCHEMAS["OrganisationList"] and org["total"] == 24
    assert set(org["results"][0]) == set(schemas["OrganisationSummary"]["properties"])
    detail = web.get(f"/api/organisations/{org['results'][0]['id']}").json()
    assert set(detail) == SCHEMAS["OrganisationDetail"]
    facets = web.get("/api/facets", {"q": "Nigerian"}).json()
    assert set(facets) == SCHEMAS["FacetList"]
    assert {f["facet"] for f in facets["facets"]} == {
        *("host", "origin", "continent", "income", "role", "presence", "verified"),
        *("website_today", "inventory"),
    }
    offices = web.get("/api/offices", {"type": "ministry"}).json()
    assert offices["total"] == len(offices["offices"]) > 0
    assert {o["institution_type"] for o in offices["offices"]} == {"ministry"}
    office = web.get(f"/api/offices/{offices['offices'][0]['id']}").json()
    assert set(office) == SCHEMAS["OfficeDetail"]
    countries = web.get("/api/countries").json()
    assert countries["total"] == len(countries["countries"]) >= 135
    assert set(web.get("/api/countries/ETH").json()) == SCHEMAS["CountryDetail"]


def test_api_and_json_twins_carry_the_same_data(web: Any) -> None:
    api = web.get("/api/organisations?host=GBR&per_page=10").json()
    twin = web.get("/organisations.json?host=GBR&per_page=10").json()
    assert {k: v for k, v in api.items() if k != "links"} == {
        k: v for k, v in twin.items() if k != "links"
    }
    # Pagination points to the format asked for: the API's to the API, the twin's to JSON.
    assert api["links"]["next"] == "/api/organisations?host=GBR&page=2&per_page=10"
    assert twin["links"]["next"] == "/organisations.json?host=GBR&page=2&per_page=10"
    page = web.get("/organisations/?host=GBR&per_page=10").content.decode()
    assert 'href="/organisations/?host=GBR&amp;page=2&amp;per_page=10"' in page
    assert web.get("/api/countries/NGA").json() == web.get("/countries/NGA.json").json()
    assert web.get("/api/offices").json() == web.get("/offices.json").json()


def test_facet_counts_add_up(web: Any) -> None:
    data = web.get("/api/facets").json()
    by = {f["facet"]: {v["value"]: v["count"] for v in f["values"]} for f in data["facets"]}
    assert sum(by["host"].values()) == data["total"] == 89
    assert sum(by["presence"].values()) == 89
    assert by["verified"] == {"not_verified": 89}
    fy2019 = web.get("/api/facets", {"fy": 2019}).json()
    income = next(f for f in fy2019["facets"] if f["facet"] == "income")
    assert "FY2019" in income["title"] and income["values"]


def _match(web: Any, name: str, **params: str) -> dict[str, Any]:
    answer = web.get("/api/match", {"name": name, **params})
    assert answer.status_code == 200, answer.content
    return dict(answer.json())


def test_match_exact_alias_acronym_fuzzy(web: Any) -> None:
    exact = _match(web, "American Association of Physicians of Indian Origin")["items"][0]
    assert (exact["matching_type"], exact["score"], exact["chosen"]) == ("exact", 1.0, True)
    alias = _match(web, "Nigerian-American Medical Foundation")["items"][0]
    assert alias["matching_type"] == "alias" and alias["chosen"]
    assert alias["organisation"]["name"] == "Nigeria American Medical Foundation International"
    acronym = _match(web, "AAPI")["items"][0]
    assert acronym["matching_type"] == "acronym" and acronym["chosen"]
    assert "acronym" in acronym["reason"]
    assert acronym["organisation"]["name"] == "American Association of Physicians of Indian Origin"
    typo = _match(web, "Nigerain American Medical Foundaton")["items"][0]
    assert typo["matching_type"] == "fuzzy" and typo["chosen"]
    assert typo["organisation"]["name"] == "Nigeria American Medical Foundation International"
    case = _match(web, "iranian medical society")["items"][0]
    assert case["organisation"]["name"] == "Iranian Medical Society" and case["chosen"]


def test_match_is_never_sure_of_an_ambiguous_name(web: Any) -> None:
    items = _match(web, "AAMS")["items"]
    names = {i["organisation"]["name"] for i in items if i["score"] >= 0.9}
    assert names == {"Albanian American Medical Society, Inc.", "Armenian American Medical Society"}
    assert not any(i["chosen"] for i in items)
    vague = _match(web, "Sudanese Medical Association")["items"]
    assert vague and not any(i["chosen"] for i in vague)
    assert _match(web, "qqqq zzzz")["items"] == []


def test_match_narrowed_by_country(web: Any) -> None:
    items = _match(web, "Iranian Medical Society", host="GBR")["items"]
    assert items[0]["organisation"]["host_iso3"] == "GBR"
    assert not any(i["chosen"] and i["organisation"]["host_iso3"] != "GBR" for i in items)


def test_reconciliation_manifest(web: Any) -> None:
    manifest = web.get("/api/reconcile").json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["defaultTypes"] == [{"id": "Organisation", "name": "Organisation"}]
    assert manifest["identifierSpace"] == "http://testserver/organisations/"
    assert "{{id}}" in manifest["view"]["url"]


def test_reconciliation_batch(web: Any) -> None:
    # OpenRefine posts form data with no CSRF token: the endpoint is exempt on purpose.
    strict = Client(enforce_csrf_checks=True)
    queries = {
        "q0": {"query": "Syrian American Medical Society", "type": "Organisation", "limit": 3},
        "q1": {
            "query": "Iranian Medical Society",
            "properties": [{"pid": "host", "v": "United Kingdom"}],
        },
        "q2": {"query": "AAPI"},
        "q3": {"query": "Ghana Physicians", "type": "Office"},
    }
    answer = strict.post("/api/reconcile", {"queries": json.dumps(queries)})
    assert answer.status_code == 200, answer.content
    results = answer.json()
    assert set(results) == {"q0", "q1", "q2", "q3"}
    top = results["q0"]["result"][0]
    assert top["match"] is True and top["name"] == "Syrian American Medical Society Foundation"
    assert top["type"] == [{"id": "Organisation", "name": "Organisation"}] and top["score"] == 100
    assert len(results["q0"]["result"]) <= 3
    assert results["q1"]["result"][0]["name"] == "Iranian Medical Society UK"
    assert results["q2"]["result"][0]["match"] is True  # AAPI: stated for one organisation
    assert results["q3"]["result"] == []
    again = web.get("/api/reconcile", {"queries": json.dumps({"a": {"query": "AAPI"}})}).json()
    assert again["a"]["result"][0]["name"] == "American Association of Physicians of Indian Origin"


def test_reconciliation_errors_in_the_one_format(web: Any) -> None:
    for body in ["not json", json.dumps([1, 2]), json.dumps({"q0": {"query": ""}})]:
        answer = web.post("/api/reconcile", {"queries": body})
        assert answer.status_code == 400
        assert set(answer.json()["error"]) == {"status", "code", "message"}
    assert web.post("/api/reconcile", {}).status_code == 400
