"""Routes. Every HTML page ``/x/`` has a JSON twin ``/x.json`` (``/`` -> ``/index.json``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, URLResolver, path, re_path

from diaspora_atlas.web import prisma, search_page, views
from diaspora_atlas.web.api import api
from diaspora_atlas.web.methods import allow

api_patterns, api_app, api_namespace = api.urls
for _pattern in api_patterns:  # django-ninja's own views (OpenAPI, root) answer GET only
    if isinstance(_pattern, URLPattern) and _pattern.name in ("openapi-json", "api-root"):
        allow("GET")(_pattern.callback)


def _twins(route: str, view: Callable[..., Any], name: str) -> list[URLPattern]:
    """The page at ``route`` (ending in /) and its twin (route without the / plus .json)."""
    json_route = "index.json" if route == "" else route.rstrip("/") + ".json"
    return [path(route, view, name=name), path(json_route, view, name=name + "-json")]


urlpatterns: list[URLPattern | URLResolver] = [
    *_twins("", views.home, "home"),
    path("organisations/export.csv", views.export_csv, name="export-csv"),
    path("organisations/export.json", views.export_json, name="export-json"),
    *_twins("organisations/", views.organisations, "organisations"),
    *_twins("organisations/<slug:org_id>/", views.organisation, "organisation"),
    path("countries/export.csv", views.countries_csv, name="countries-csv"),
    *_twins("countries/", views.countries, "countries"),
    *_twins("countries/matrix/", views.matrix, "matrix"),
    *_twins("countries/compare/", views.compare, "compare"),
    *_twins("countries/<str:iso3>/", views.country, "country"),
    *_twins("offices/", views.offices, "offices"),
    *_twins("offices/<slug:office_id>/", views.office, "office"),
    *_twins("numbers/", views.numbers, "numbers"),
    path("maps/<slug:key>.svg", views.map_svg, name="map-svg"),
    *_twins("maps/", views.maps, "maps"),
    *_twins("audit/", views.audit, "audit"),
    *_twins("gaps/", views.gaps, "gaps"),
    *_twins("search/", search_page.search, "search"),
    *_twins("downloads/", views.downloads, "downloads"),
    re_path(r"^downloads/(?P<name>[A-Za-z0-9_\-./]+)$", views.download_file, name="download"),
    *_twins("method/", views.method, "method"),
    *_twins("search/prisma/", prisma.prisma_page, "search-prisma"),
    *_twins("citation/", views.citation, "citation"),
    *_twins("api/", views.api_index, "api-index"),
    path("api/", (api_patterns, api_app, api_namespace)),
]

handler400 = "diaspora_atlas.web.problems.handler400"
handler403 = "diaspora_atlas.web.problems.handler403"
handler404 = "diaspora_atlas.web.problems.handler404"
handler500 = "diaspora_atlas.web.problems.handler500"
