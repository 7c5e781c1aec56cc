"""Every headline number reads the same on every page that shows it — the home page and its
twin, /offices/, /countries/, /maps/, the API, results.json and the report's HTML — and every
page uses the same fiscal year. The expected values come from the one headline function
(``report.headline.headline``); the pages are read as a person reads them (their HTML text)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.report.headline import headline
from diaspora_atlas.report.html import render_report
from diaspora_atlas.report.study import load_study

PAGES = ("/", "/offices/", "/countries/", "/maps/")


class Stats(HTMLParser):
    """The numbers a page shows: ``<div id="n-KEY"><dt>label</dt><dd>value</dd></div>``, and
    the fiscal year selected in its "Income groups of" / "LMICs of" choice."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: dict[str, tuple[str, str]] = {}
        self.years: list[int] = []
        self._key = ""
        self._in = ""
        self._text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div" and (found.get("id") or "").startswith("n-"):
            self._key, self._text = str(found["id"])[2:], {"dt": "", "dd": ""}
        elif self._key and tag in ("dt", "dd"):
            self._in = tag
        elif tag == "option" and "selected" in found and found.get("value", "").isdigit():
            self.years.append(int(str(found["value"])))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("dt", "dd"):
            self._in = ""
        elif tag == "div" and self._key:
            self.shown[self._key] = (self._text["dt"].strip(), self._text["dd"].strip())
            self._key = ""

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text[self._in] += data


def _read(html: str) -> Stats:
    stats = Stats()
    stats.feed(html)
    return stats


def _expected() -> dict[str, tuple[str, int]]:
    protocol = load_protocol()
    metrics = headline(load_study(protocol.inventory_datasets), protocol)
    return {m.key: (m.label, m.value) for m in metrics}


def test_every_page_shows_the_same_numbers(web: Any) -> None:
    expected = _expected()
    wrong = []
    for page in PAGES:
        answer = web.get(page)
        assert answer.status_code == 200, page
        shown = _read(answer.content.decode()).shown
        assert shown, f"{page} shows no headline numbers"
        for key, (label, value) in shown.items():
            if (label, value) != (expected[key][0], str(expected[key][1])):
                wrong.append(f"{page}: {label} {value}, not {expected[key]}")
        twin = web.get(page.rstrip("/") + ".json" if page != "/" else "/index.json").json()
        for metric in twin["data"]["numbers"] if "data" in twin else twin["numbers"]:
            if (metric["label"], metric["value"]) != expected[metric["key"]]:
                wrong.append(f"{page} twin: {metric['label']} {metric['value']}")
    assert not wrong, "\n".join(wrong)
    home = _read(web.get("/").content.decode()).shown
    assert {"organisations", "host_countries", "origin_countries", "government_bodies",
            "countries_with_government_body"} <= set(home)  # fmt: skip


def test_the_api_results_json_and_report_agree(web: Any, atlas: Path) -> None:
    expected = _expected()
    api = {m["key"]: (m["label"], m["value"]) for m in web.get("/api/numbers").json()["numbers"]}
    assert api == expected
    numbers_page = _read(web.get("/numbers/").content.decode()).shown
    assert all(numbers_page.get(k) in (None, (v[0], str(v[1]))) for k, v in expected.items())
    results = json.loads((atlas / "build" / "results.json").read_text(encoding="utf-8"))
    assert {m["key"]: (m["label"], m["value"]) for m in results["headline"]} == expected
    report = render_report(results, (), (), "now", "cite", ())
    summary = report[report.index("id='summary'") : report.index("id='audit'")]
    for label, value in expected.values():
        assert f"<strong>{value}</strong>{label.replace('&', '&amp;')}" in summary, label


def test_every_page_uses_the_same_fiscal_year(web: Any, atlas: Path) -> None:
    protocol_year = load_protocol().lmic.fiscal_year
    for page in ("/", "/countries/", "/maps/", "/organisations/"):
        years = set(_read(web.get(page).content.decode()).years)
        assert years == {protocol_year}, (page, years)
    for twin in ("/index.json", "/countries.json", "/maps.json", "/organisations.json"):
        found = web.get(twin).json()
        body = found.get("data", found)
        year = body.get("fiscal_year") or body["query"]["fiscal_year"]
        assert (year["fiscal_year"] if isinstance(year, dict) else year) == protocol_year, twin
    results = json.loads((atlas / "build" / "results.json").read_text(encoding="utf-8"))
    assert results["lmic_list"]["fiscal_year"] == protocol_year
    lmics = next(m for m in results["headline"] if m["key"] == "lmics")
    assert re.search(rf"FY{protocol_year}\b", lmics["label"])
    chosen = set(_read(web.get("/countries/?fy=2019").content.decode()).years)
    assert chosen == {2019}  # ?fy= changes it the same way
