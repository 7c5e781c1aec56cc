"""Maps on pages: the drawing without the words a phone would shrink past reading (heading,
notes, credits), those words written as the page's text, the key as an HTML list; the
standalone SVG stays whole."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.db
VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="([^"]+)"')


def test_pages_show_the_map_and_write_its_words(web: Any) -> None:
    page = web.get("/maps/").content.decode()
    figures = page.count('class="map-frame"')
    assert figures >= 4
    boxes = [tuple(float(v) for v in m.split()) for m in VIEWBOX.findall(page)]
    drawn = [b for b in boxes if b[2] > 100]  # the maps (not the key's small swatches)
    assert len(drawn) == figures and all(y > 0 for _, y, _, _ in drawn)  # below the heading
    notes = re.findall(r'<div class="map-notes">(.*?)</div>', page, re.S)
    assert len(notes) == figures
    assert all("Natural Earth" in n for n in notes)
    assert page.count('class="map-legend"') == figures
    shown = web.get("/maps.json").json()["maps"]
    assert len(shown) == figures and all(f["notes"] for f in shown)
    assert all(any("Natural Earth" in line for line in f["notes"]) for f in shown)


def test_the_standalone_map_keeps_its_heading_and_credits(web: Any) -> None:
    svg = web.get("/maps/origins.svg").content.decode()
    (box,) = VIEWBOX.findall(svg)[:1]
    assert box.startswith("0 0 ")
    assert 'class="heading"' in svg and 'class="credits"' in svg
