"""End to end in headless Chromium (Debian's, driven by Playwright) against the real server
(web/serve.py, gunicorn) on a freshly built SQLite store."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
SERVER = """
from pathlib import Path
from diaspora_atlas.pipeline import load_store
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.settings import load_settings
from diaspora_atlas.store.runtime import open_store
from diaspora_atlas.web.serve import serve
open_store()
from diaspora_atlas.report.stages import write_outputs  # needs the store open (Django)
load_store(Progress(enabled=False))
protocol = load_protocol()
write_outputs(load_settings().out_dir, Progress(enabled=False), protocol, with_report=False)
serve("127.0.0.1", {port}, 2, protocol)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DIASPORA_ATLAS_")},
        "DIASPORA_ATLAS_HOME": str(home),
        "DIASPORA_ATLAS_DATABASE_URL": f"sqlite:///{home / 'atlas.sqlite3'}",
    }
    log = (home / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(port=port)], env=env, stdout=log, stderr=log
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while not _answers(base + "/method/"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the server did not start:\n" + (home / "server.log").read_text())
            time.sleep(0.2)
        assert "Serving the Medical Diaspora Atlas" in (home / "server.log").read_text()
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    outside: list[str] = []
    problems: list[str] = []
    tab.on(
        "request",
        lambda r: None if r.url.startswith((server, "data:")) else outside.append(r.url),
    )
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    yield tab
    context.close()
    assert outside == [], "the pages fetched something from another site"
    assert problems == [], "console errors (a CSP violation shows here)"


def test_home_page(page: Any, server: str) -> None:
    page.goto(server + "/")
    assert page.title() == "Medical Diaspora Atlas"
    assert page.locator("h1").inner_text().startswith("Medical diaspora organisations")
    assert page.locator("figure.map .map-frame > svg").count() == 1  # the origin map
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_filter_by_host_then_search_then_open_an_organisation(page: Any, server: str) -> None:
    page.goto(server + "/organisations/")
    page.locator(".facet a", has_text="United Kingdom").first.click()
    assert page.locator("#results-title").inner_text().startswith("24 organisations")
    assert "host=GBR" in page.url
    page.fill("#q", "Nigerian")
    page.press("#q", "Enter")
    page.wait_for_url("**q=Nigerian**")
    names = page.locator(".org-name a").all_inner_texts()
    assert names and all("Nigeria" in n for n in names)
    assert "Medical Associations of Nigerians Across Great Britain" in names
    first = names[0]
    page.locator(".org-name a").first.click()
    assert page.locator("h1").inner_text() == first
    assert page.locator("#contact-title").is_visible()  # how to reach them comes first
    assert page.locator("details.workings").first.is_visible()  # the workings, folded
    assert page.locator(".status-unverified").inner_text() == "not yet verified"


def test_download_the_csv_of_a_selection(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "/organisations/?host=GBR&q=Nigerian")
    with page.expect_download() as download:
        page.locator(".downloads-inline a", has_text="CSV").click()
    saved = tmp_path / "selection.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert [r["name"] for r in rows] == ["Medical Associations of Nigerians Across Great Britain"]
    assert rows[0]["host_iso3"] == "GBR" and rows[0]["origin_iso3"] == "NGA"
    assert rows[0]["url"].startswith(server + "/organisations/org-")


def test_phone_width_collapses_the_facets(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(server + "/organisations/")
    facets = tab.locator("details.facets-box")
    assert facets.get_attribute("open") is None
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    tab.locator("details.facets-box > summary").focus()
    tab.keyboard.press("Enter")
    assert facets.get_attribute("open") is not None
    context.close()
