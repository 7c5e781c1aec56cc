"""Every page and its JSON twin through Django's test client: status, agreement between the
two, the one error format, security headers and downloads."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.db

AAPI = "American Association of Physicians of Indian Origin"


def _org_id(web: Any, name: str) -> str:
    found = web.get("/organisations.json", {"q": name}).json()
    return next(r["id"] for r in found["results"] if r["name"] == name)


def _office_id(web: Any) -> str:
    return str(web.get("/offices.json").json()["offices"][0]["id"])


def _pages(web: Any) -> list[str]:
    return [
        "/",
        "/organisations/",
        "/organisations/?host=GBR",
        "/organisations/?q=Nigerian&sort=name",
        "/organisations/?income=LM&fy=2019&role=advocacy",
        f"/organisations/{_org_id(web, AAPI)}/",
        "/countries/",
        "/countries/NGA/",
        "/countries/GBR/",
        "/offices/",
        "/offices/?type=ministry",
        f"/offices/{_office_id(web)}/",
        "/maps/",
        "/audit/",
        "/gaps/",
        "/countries/ZAF/",
        "/search/",
        "/downloads/",
        "/method/",
        "/citation/",
        "/api/",
    ]


def twin_of(url: str) -> str:
    path, _, query = url.partition("?")
    base = "/index.json" if path == "/" else path.rstrip("/") + ".json"
    return base + (f"?{query}" if query else "")


def text_of(page: str) -> str:
    """The visible text of an HTML page, entities decoded, whitespace collapsed."""
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


SHOWN_KEYS = {
    *("name", "title", "total", "count", "host_name", "country_name", "label"),
    *("path", "summary", "step", "what", "paper_citation", "message", "explanation"),
}


def shown_values(data: Any, key: str = "") -> list[str]:
    """Values a page must show: names, titles, counts and labels anywhere in its twin."""
    found: list[str] = []
    if isinstance(data, dict):
        for k, v in data.items():
            found += shown_values(v, k)
    elif isinstance(data, list):
        for v in data:
            found += shown_values(v, key)
    elif key in SHOWN_KEYS and isinstance(data, str | int) and not isinstance(data, bool):
        found.append(str(data))
    return found


def test_every_page_and_its_twin_answer(web: Any) -> None:
    for url in _pages(web):
        page = web.get(url)
        assert page.status_code == 200, url
        assert page["Content-Type"].startswith("text/html"), url
        assert twin_of(url).split("?")[0] in page.content.decode(), f"{url} links its twin"
        twin = web.get(twin_of(url))
        assert twin.status_code == 200, twin_of(url)
        assert twin["Content-Type"] == "application/json"
        assert isinstance(twin.json(), dict)
        if "?" not in url:
            assert web.get(url, {"format": "json"}).json() == twin.json(), url


def test_html_pages_and_json_twins_agree(web: Any) -> None:
    """Every name, title, count and label in a twin is visible on its HTML page."""
    for url in _pages(web):
        if url == "/maps/":
            continue  # the maps' titles are inside their SVGs; checked below
        text = text_of(web.get(url).content.decode())
        data = web.get(twin_of(url)).json()
        values = shown_values(data)
        assert values, url
        missing = sorted({v for v in values if v not in text})
        assert not missing, f"{url} does not show {missing[:5]}"


def test_maps_page_inlines_every_map_of_its_twin(web: Any) -> None:
    page = web.get("/maps/").content.decode()
    maps = web.get("/maps.json").json()["maps"]
    assert [m["key"] for m in maps] == [
        *("origins", "offices", "gaps", "fig1-usa", "fig2-uk", "fig3-aus-can")
    ]
    for m in maps:
        assert html.escape(m["title"]) in page or m["title"] in page
        if m["available"]:
            assert f'class="diaspora-map diaspora-map-{m["key"]}' in page
            svg = web.get(m["svg_url"])
            assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"


def test_organisation_page_shows_sources_conflicts_and_history(web: Any) -> None:
    org_id = _org_id(web, AAPI)
    data = web.get(f"/organisations/{org_id}.json").json()
    assert "founded_year" in data["conflicts"]
    founded = next(f for f in data["facts"] if f["property"] == "founded_year")
    assert {s["value"] for s in founded["statements"]} == {"1982", "1984"}
    assert all(s["source_url"].startswith("http") for s in founded["statements"])
    assert data["last_verified"] is None
    assert data["history"] and all(h["event"] == "asserted" for h in data["history"])
    page = web.get(f"/organisations/{org_id}/").content.decode()
    assert "Sources disagree" in page and "not yet verified" in page
    assert 'class="side-by-side"' in page
    assert data["location"]["precision"] == "city"


def test_country_page_as_origin_and_host(web: Any) -> None:
    nigeria = web.get("/countries/NGA.json").json()
    assert nigeria["as_origin"]["total"] == 4
    assert {g["host_iso3"] for g in nigeria["as_origin"]["by_host"]} == {"USA", "GBR", "CAN"}
    assert nigeria["as_origin"]["offices"], "Nigeria's diaspora body"
    assert {h["group"] for h in nigeria["income_history"]} >= {"L", "LM"}
    uk = web.get("/countries/GBR.json").json()
    assert uk["as_host"]["total"] == 24
    assert web.get("/countries/nga/")["Location"] == "/countries/NGA/"
    assert web.get("/countries/Nigeria/")["Location"] == "/countries/NGA/"
    assert web.get("/countries/Viet-Nam.json")["Location"] == "/countries/VNM.json"


def test_filters_search_and_pagination(web: Any) -> None:
    uk = web.get("/organisations.json", {"host": "GBR"}).json()
    assert uk["total"] == 24
    host = next(f for f in uk["facets"] if f["facet"] == "host")
    counts = {v["value"]: v["count"] for v in host["values"]}
    assert counts == {"USA": 60, "GBR": 24, "AUS": 3, "CAN": 2}  # other hosts: what adding gives
    assert next(v for v in host["values"] if v["value"] == "GBR")["selected"]
    both = web.get("/organisations.json?host=GBR&host=CAN").json()
    assert both["total"] == 26
    paged = web.get("/organisations.json", {"per_page": 10, "page": 3}).json()
    assert paged["pages"] == 9 and len(paged["results"]) == 10
    assert paged["links"]["next"] and paged["links"]["prev"]
    nigerian = web.get("/organisations.json", {"q": "Nigerian"}).json()
    assert nigerian["total"] >= 3
    assert all("nigeria" in json.dumps(r).lower() for r in nigerian["results"])


def test_one_error_format_for_json(web: Any) -> None:
    for url, status in [
        ("/organisations/org-doesnotexist.json", 404),
        ("/nothing-here.json", 404),
        ("/countries/XXX.json", 404),
        ("/organisations.json?sort=sideways", 400),
        ("/organisations.json?page=0", 400),
        ("/organisations.json?fy=1800", 400),
        ("/api/organisations/org-doesnotexist", 404),
        ("/api/organisations?per_page=100000", 400),
        ("/api/countries/XXX", 404),
        ("/api/match", 400),
        ("/api/nothing", 404),
    ]:
        answer = web.get(url)
        assert answer.status_code == status, url
        body = answer.json()
        assert set(body) == {"error"}, url
        assert set(body["error"]) == {"status", "code", "message"}, url
        assert body["error"]["status"] == status and body["error"]["message"], url


def test_html_errors_in_the_site_style(web: Any) -> None:
    missing = web.get("/no-such-page/")
    assert missing.status_code == 404
    page = missing.content.decode()
    assert "Page not found" in page and 'class="skip-link"' in page
    bad = web.get("/organisations/?sort=sideways")
    assert bad.status_code == 400 and "sort must be one of" in bad.content.decode()
    assert web.post("/organisations/").status_code in (403, 405)


def test_security_headers(web: Any) -> None:
    answer = web.get("/")
    csp = answer["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "strict-origin-when-cross-origin"
    page = answer.content.decode()
    assert "<script>" not in page and " style=" not in page and "<style" not in page
    assert "http://" not in re.sub(r'href="[^"]*"|<svg.*?</svg>', "", page, flags=re.S)


def test_pages_load_nothing_from_other_sites(web: Any) -> None:
    for url in _pages(web):
        page = web.get(url).content.decode()
        for attr in re.findall(r'(?:src|href)="([^"]+)"', page):
            if attr.startswith(("http://", "https://")):
                assert not re.search(
                    rf'<(?:script|link|img)[^>]+(?:src|href)="{re.escape(attr)}"', page
                ), (url, attr)


def test_static_files_are_served(web: Any) -> None:
    page = web.get("/").content.decode()
    css = re.search(r'href="(/static/web/site\.css\?v=[0-9a-f]+)"', page)
    assert css
    assert web.get(css.group(1)).status_code == 200


def test_selection_downloads(web: Any) -> None:
    answer = web.get("/organisations/export.csv", {"host": "GBR"})
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert len(rows) == 24 and {r["host_iso3"] for r in rows} == {"GBR"}
    assert rows[0]["url"].startswith("http://testserver/organisations/org-")
    exported = web.get("/organisations/export.json", {"host": "GBR", "q": "Nigerians"}).json()
    assert exported["total"] == len(exported["results"]) >= 1


def test_build_files_are_allow_listed(web: Any, atlas: Path) -> None:
    listing = web.get("/downloads.json").json()
    names = {f["name"] for f in listing["files"]}
    assert {"results.json", "organisations.csv", "offices.csv"} <= names
    assert web.get("/downloads/results.json").status_code == 200
    (atlas / "build" / "secret.txt").write_text("no", encoding="utf-8")
    for bad in ["secret.txt", "../atlas.sqlite3", "..%2Fsecret.txt", "report/../results.json"]:
        assert web.get(f"/downloads/{bad}").status_code == 404, bad


def test_database_download_is_a_consistent_sqlite_copy(web: Any, tmp_path: Path) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        assert web.get("/downloads.json").json()["database"] is None
        return
    answer = web.get("/downloads/medical-diaspora-atlas.sqlite3")
    assert answer.status_code == 200
    path = tmp_path / "copy.sqlite3"
    path.write_bytes(b"".join(answer.streaming_content))
    with sqlite3.connect(path) as db:
        copied = db.execute("SELECT COUNT(*) FROM store_organisationrecord").fetchone()[0]
    from diaspora_atlas.store import models as orm

    assert copied == orm.OrganisationRecord.objects.count() == 92  # 2019's 89, the update's 3


def test_responses_are_cached_and_gzipped(web: Any) -> None:
    plain = web.get("/organisations/")
    packed = web.get("/organisations/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    import gzip

    assert gzip.decompress(packed.content) == plain.content


def test_organisation_map_highlight_is_allowed_by_its_hash(web: Any) -> None:
    org_id = _org_id(web, AAPI)
    answer = web.get(f"/organisations/{org_id}/")
    page = answer.content.decode()
    style = re.search(r"<style>(.*?)</style>", page, flags=re.S)
    assert style and org_id in style.group(1)
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in answer["Content-Security-Policy"]
    assert "X-CSP-Style-Hashes" not in answer


def test_method_page_shows_the_study_protocol(web: Any) -> None:
    data = web.get("/method.json").json()["protocol"]
    assert data["id"] == "frehywot2019"
    assert [h["iso3"] for h in data["hosts"]] == ["USA", "GBR", "AUS", "CAN"]
    assert [c["code"] for c in data["criteria"]] == ["I1", "I2", "I3", "I4", "I5", "E1", "E2", "E3"]
    assert data["lmic"] == {
        "fiscal_year": 2019,
        "income_groups": ["L", "LM", "UM"],
        "countries": 137,
    }
    page = text_of(web.get("/method/").content.decode())
    assert "The study protocol: frehywot2019" in page
    assert "The organization mainly consists of medical doctors." in page
    assert "World Bank's FY2019 list (L, LM, UM): 137 countries" in page
