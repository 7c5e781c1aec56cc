"""The offline maps: valid accessible SVG, honest placement, tooltips, links, legends, credits."""

from __future__ import annotations

import ast
import shutil
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata import data_dir
from diaspora_atlas.report.maps import (
    Figure,
    NoPanelError,
    Pin,
    RenderedMap,
    clear_caches,
    host_figure,
    host_map,
    offices_map,
    origin_map,
    style,
    to_png,
)
from diaspora_atlas.report.maps.gaps import FOUND_FILL, GapCountry, gap_map, stock_colour

SVG = "{http://www.w3.org/2000/svg}"
SOURCES = ["Organisations: Frehywot, Park & Infanzon (2019), CC BY 4.0."]
MAPS_PACKAGE = Path(__file__).resolve().parents[2] / "src" / "diaspora_atlas" / "report" / "maps"


def pin(
    n: int, host: str, lat: float | None, lon: float | None, precision: str, region: str = ""
) -> Pin:
    return Pin(f"org-{n:010d}", f"Organisation {n}", host, lat, lon, precision, region,
               "Nigeria", f"/organisations/org-{n:010d}/")  # fmt: skip


NEW_YORK = [pin(i, "USA", 40.71, -74.01, "city", "US-NY") for i in range(1, 6)]
LOS_ANGELES = pin(6, "USA", 34.05, -118.24, "address", "US-CA")
TEXAS_ONLY = pin(7, "USA", None, None, "region", "US-TX")
# Coordinates with a coarse precision must not be drawn as if the city were known.
COARSE = pin(8, "USA", 42.36, -71.06, "region", "US-MA")
UNKNOWN = [pin(9, "USA", None, None, "country"), pin(10, "USA", None, None, "city")]
US_PINS = [*NEW_YORK, LOS_ANGELES, TEXAS_ONLY, COARSE, *UNKNOWN]

LONDON = pin(20, "GBR", 51.51, -0.13, "city", "GB-ENG")
EDINBURGH = pin(21, "GBR", 55.95, -3.19, "city", "GB-SCT")
WALES_ONLY = pin(22, "GBR", None, None, "region", "GB-WLS")


FIGURES = {
    "fig1-usa": ("Medical diaspora organisations in the United States of America", ("USA",)),
    "fig2-uk": ("Medical diaspora organisations in the United Kingdom", ("GBR",)),
    "fig3-aus-can": ("Medical diaspora organisations in Australia and Canada", ("AUS", "CAN")),
}


def fig(key: str) -> Figure:
    """The 2019 paper's figures, as its protocol describes them (read lazily)."""
    title, hosts = FIGURES[key]
    return host_figure(key, title, hosts)


def parse(rendered: RenderedMap) -> ET.Element:
    return ET.fromstring(rendered.svg.encode("utf-8"))


def with_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def titles(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(f"{SVG}title")]


def texts(root: ET.Element) -> str:
    return " ".join(e.text or "" for e in root.iter(f"{SVG}text"))


def marker(root: ET.Element, pin_: Pin) -> ET.Element:
    (found,) = [e for e in root.iter(f"{SVG}circle") if e.get("data-org") == pin_.id]
    return found


@pytest.fixture(scope="module")
def us() -> RenderedMap:
    return host_map(fig("fig1-usa"), US_PINS, SOURCES)


@pytest.fixture(scope="module")
def uk() -> RenderedMap:
    return host_map(fig("fig2-uk"), [LONDON, EDINBURGH, WALES_ONLY], SOURCES)


@pytest.fixture(scope="module")
def origins() -> RenderedMap:
    return origin_map({"NGA": 5, "IND": 1, "ROU": 2}, {"NGA", "IND", "TCD"},
                      {"NGA": "Nigeria", "TCD": "Chad"}, {"NGA": "/countries/nga/"}, 2019, SOURCES)  # fmt: skip


@pytest.fixture(scope="module")
def offices() -> RenderedMap:
    types = {"NGA": ["committee", "ministry"], "PHL": ["office"], "GHA": ["not_government"]}
    return offices_map(types, {}, {"PHL": "/offices/phl/"}, {"NGA", "PHL", "GHA", "TCD"}, SOURCES)


@pytest.fixture(scope="module")
def gaps() -> RenderedMap:
    shown = [
        GapCountry("ZAF", 0, 5795, True, 1),
        GapCountry("NGA", 4, 3656, True, None),
        GapCountry("TCD", 0, 0, False, None),
        GapCountry("LBY", 0, 825, True, 2),
    ]
    return gap_map(
        shown, {"ZAF": "South Africa"}, {"ZAF": "/countries/ZAF/"}, 2019, ["A note."], SOURCES
    )


def test_gap_map_shades_the_gaps_by_their_doctors(gaps: RenderedMap) -> None:
    assert gaps.counts == {"lmics": 4, "with organisations": 1, "none found": 3, "ranked": 2,
                           "not drawn": 0}  # fmt: skip
    assert "Largest: 1. South Africa (5,795), 2. Libya (825)." in gaps.alt
    root = parse(gaps)
    fills = {
        e.get("data-iso3"): e.get("fill") for e in root.iter(f"{SVG}path") if e.get("data-iso3")
    }
    assert fills["ZAF"] == stock_colour(5795) != fills["LBY"] == stock_colour(825)
    assert fills["NGA"] == FOUND_FILL and fills["FRA"] == fills["USA"]  # not LMICs: grey
    assert (
        "South Africa: none found; 5,795 doctors trained there work in the hosts (rank 1)"
        in gaps.svg
    )
    assert "Chad: none found; no host reports its doctors" in gaps.svg
    assert 'href="/countries/ZAF/"' in gaps.svg


def test_every_map_is_an_accessible_standalone_svg(
    us: RenderedMap, uk: RenderedMap, origins: RenderedMap, offices: RenderedMap, gaps: RenderedMap
) -> None:
    for rendered in (us, uk, origins, offices, gaps):
        root = parse(rendered)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.get("width") and root.get("height") and root.get("viewBox")
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and desc is not None
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text == rendered.title and desc.text == rendered.alt
        assert "DejaVu Sans" in (root.get("font-family") or "")
        assert rendered.title in texts(root), "the title is on the figure"
        assert with_class(root, "legend"), "a legend"
        credits = " ".join(e.text or "" for g in with_class(root, "credits") for e in g.iter())
        assert "Boundaries: Natural Earth" in credits and SOURCES[0] in credits
        assert "http://" not in rendered.svg.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in rendered.svg and "@import" not in rendered.svg


def test_every_map_tells_a_page_what_to_show_and_what_to_write_as_text(
    us: RenderedMap, uk: RenderedMap, origins: RenderedMap, offices: RenderedMap, gaps: RenderedMap
) -> None:
    """A page shows the map without its heading and credits (a phone would shrink them past
    reading) and writes those words as text; the boxes lie inside the drawing."""
    for rendered in (us, uk, origins, offices, gaps):
        assert rendered.web is not None and rendered.legend, rendered.key
        root = parse(rendered)
        full_width, full_height = float(root.get("width") or 0), float(root.get("height") or 0)
        heading = with_class(root, "heading")[0]
        title_y = min(float(e.get("y") or 0) for e in heading.iter() if e.get("y"))
        x, y, width, height = rendered.web.box
        assert x >= 0 and x + width <= full_width and y > 0 and y + height < full_height
        assert y > title_y, "the heading is above what a page shows"
        credits = [float(e.get("y") or 0) for g in with_class(root, "credits") for e in g.iter()]
        assert y + height < min(c for c in credits if c), "the credits are below it"
        caption = " ".join(rendered.web.caption)
        assert "Boundaries: Natural Earth" in caption and SOURCES[0] in caption
    # a wide host map's page shows no box of unplaced squares, so its key has no square
    assert us.web is not None and us.web.legend is not None
    assert [i.shape for i in us.web.legend] == ["point", "ring"]


def test_host_map_draws_each_pin_as_honestly_as_its_location_allows(us: RenderedMap) -> None:
    root = parse(us)
    assert len(with_class(root, "pin-point")) == 6 == us.counts["pins"]
    assert len(with_class(root, "pin-region")) == 2 == us.counts["region_only"]
    assert len(with_class(root, "pin-country")) == 2 == us.counts["country_only"]
    assert us.counts["total"] == len(US_PINS)
    assert "pin-region" in (marker(root, COARSE).get("class") or "")
    shaded = {title.split(":")[0] for e in with_class(root, "region-shaded") for title in titles(e)}
    assert shaded == {"Texas", "Massachusetts"}
    assert "2 organisations in the United States, location not known" in texts(root)


def test_pins_in_one_city_stay_distinguishable(us: RenderedMap) -> None:
    root = parse(us)
    spots = {(marker(root, p).get("cx"), marker(root, p).get("cy")) for p in NEW_YORK}
    assert len(spots) == len(NEW_YORK)
    assert "5" in [e.text for e in with_class(root, "cluster-count")]


def test_tooltips_and_links_name_every_organisation(us: RenderedMap) -> None:
    root = parse(us)
    all_titles = " | ".join(titles(root))
    links = {a.get("href") for a in root.iter(f"{SVG}a")}
    for item in US_PINS:
        assert item.name in all_titles
        assert item.href in links
    assert "Organisation 7 — origin: Nigeria — Texas (state only; city not known)" in all_titles


def test_hostile_links_are_dropped() -> None:
    evil = Pin("org-x", "Evil", "USA", 40.7, -74.0, "city", "", "", "javascript:alert(1)")
    rendered = host_map(fig("fig1-usa"), [evil], [])
    assert "javascript" not in rendered.svg and not list(parse(rendered).iter(f"{SVG}a"))


def test_projections_put_places_where_they_are(us: RenderedMap, uk: RenderedMap) -> None:
    us_root, uk_root = parse(us), parse(uk)
    assert float(marker(us_root, NEW_YORK[0]).get("cx") or 0) > float(
        marker(us_root, LOS_ANGELES).get("cx") or 0
    )
    assert float(marker(uk_root, LONDON).get("cy") or 0) > float(
        marker(uk_root, EDINBURGH).get("cy") or 0
    )
    labels = {e.text for e in with_class(uk_root, "region-label")}
    assert labels == {"England", "Scotland", "Wales", "Northern Ireland"}


def test_insets_only_when_a_pin_needs_them(us: RenderedMap) -> None:
    assert "Alaska" not in texts(parse(us)) and "Hawaii" not in texts(parse(us))
    honolulu = pin(30, "USA", 21.31, -157.86, "city", "US-HI")
    rendered = host_map(
        fig("fig1-usa"), [honolulu, pin(31, "USA", None, None, "region", "US-AK")], []
    )
    root = parse(rendered)
    assert "Hawaii" in texts(root) and "Alaska" in texts(root)
    assert rendered.counts["pins"] == 1 and rendered.counts["region_only"] == 1


def test_two_panel_figure_counts_each_host() -> None:
    pins = [
        pin(40, "AUS", -33.87, 151.21, "city", "AU-NSW"),
        pin(41, "CAN", None, None, "region", "CA-ON"),
    ]
    rendered = host_map(fig("fig3-aus-can"), pins, SOURCES)
    assert rendered.counts["AUS"] == 1 and rendered.counts["CAN"] == 1
    with pytest.raises(ValueError, match="GBR"):
        host_map(fig("fig3-aus-can"), [LONDON], SOURCES)
    assert fig("fig3-aus-can").region_word == "state, province or territory"
    assert fig("fig1-usa").credits[1].startswith("US states")


def test_a_host_without_bundled_boundaries_has_no_figure() -> None:
    with pytest.raises(NoPanelError, match="no bundled map for FRA"):
        host_figure("host-fra", "Medical diaspora organisations in France", ["GBR", "FRA"])


def test_origin_map_tells_the_three_kinds_of_country_apart(origins: RenderedMap) -> None:
    root = parse(origins)
    shapes = {e.get("data-iso3"): e for e in with_class(root, "country")}
    fills = {iso3: shapes[iso3].get("fill") for iso3 in ("NGA", "TCD", "FRA")}
    assert len(set(fills.values())) == 3
    assert fills["NGA"] == style.count_colour(5)
    assert {
        "Nigeria: 5 organisations",
        "Chad: LMIC, none found",
        "France: not an LMIC in FY2019",
    } <= set(titles(root))
    assert "Romania: 2 organisations (not an LMIC in FY2019)" in titles(root)
    assert "/countries/nga/" in {a.get("href") for a in root.iter(f"{SVG}a")}
    assert origins.counts["LMIC with organisations"] == 2
    assert origins.counts["LMIC without organisations"] == 1
    legend = texts(root)
    assert all(
        label in legend for label in ("1", "2–3", "4–6", "7 or more", "Not an LMIC in FY2019")
    )


def test_offices_map_legend_lists_the_types_present(offices: RenderedMap) -> None:
    root = parse(offices)
    legend = " ".join(e.text or "" for g in with_class(root, "legend") for e in g.iter())
    assert "Ministry" in legend and "Office" in legend and "Not a government body" in legend
    assert "Agency" not in legend and "Department" not in legend
    assert "Nigeria: 2 bodies — ministry, committee" in titles(root)
    assert "Chad: in the inventory, no diaspora office found" in titles(root)
    assert "France: not in the inventory" in titles(root)
    assert (
        offices.counts["countries with offices"] == 3
        and offices.counts["listed without office"] == 1
    )
    with pytest.raises(ValueError, match="unknown institution type"):
        offices_map({"NGA": ["embassy"]}, {}, {}, [], [])


def test_text_colours_are_legible() -> None:
    for background in (
        style.PAPER,
        style.BADGE_FILL,
        style.REGION_SHADE,
        style.HOST_LAND,
        style.OCEAN,
    ):
        for foreground in (style.TEXT, style.TEXT_MUTED):
            assert style.contrast(foreground, background) >= 4.5


def test_png_is_written(tmp_path: Path, uk: RenderedMap) -> None:
    target = tmp_path / "uk.png"
    to_png(uk.svg, target, width=300)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_maps_render_quickly() -> None:
    started = time.perf_counter()
    host_map(fig("fig1-usa"), US_PINS, SOURCES)
    assert time.perf_counter() - started < 2.0


def test_bundled_geo_data_stays_small() -> None:
    files = list((data_dir() / "geo").rglob("*"))
    assert sum(f.stat().st_size for f in files if f.is_file()) < 1.5 * 1024 * 1024


def test_maps_import_no_store() -> None:
    allowed = {"model", "refdata", "errors", "report"}
    for path in MAPS_PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("diaspora_atlas.")
            ):
                parts = node.module.split(".")
                assert parts[1] in allowed, (path.name, node.module)
                assert parts[1] != "report" or parts[2] == "maps", (path.name, node.module)


@pytest.fixture
def geo_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.copytree(data_dir() / "geo", tmp_path / "geo")
    monkeypatch.setenv("DIASPORA_ATLAS_DATA_DIR", str(tmp_path))
    clear_caches()
    yield tmp_path / "geo"
    clear_caches()


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.unlink(),
        lambda p: p.write_text("{not json", encoding="utf-8"),
        lambda p: p.write_text(
            '{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', encoding="utf-8"
        ),
    ],
    ids=["missing", "not-json", "no-geometry"],
)
def test_a_damaged_geo_file_says_how_to_repair_it(
    geo_copy: Path, damage: Callable[[Path], object]
) -> None:
    damage(geo_copy / "usa.geojson")
    with pytest.raises(DataFileError) as caught:
        host_map(fig("fig1-usa"), US_PINS, SOURCES)
    message = str(caught.value)
    assert "usa.geojson" in message and "scripts/derive_geo.py" in message and "git" in message


def test_a_damaged_panel_file_is_a_data_error(geo_copy: Path) -> None:
    (geo_copy / "panels.yaml").write_text("USA: {name: the United States}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"panels\.yaml is malformed"):
        fig("fig1-usa")


def test_beside_a_tall_map_the_key_comes_after_the_box_and_the_table() -> None:
    """A page hides the in-image key (it writes it as text under the map): beside a tall map
    the box of unplaced organisations comes first, so hiding the key opens no gap above it."""
    unplaced = pin(23, "GBR", None, None, "country")
    root = parse(host_map(fig("fig2-uk"), [LONDON, unplaced], SOURCES))
    (key,) = with_class(root, "legend")
    key_top = min(float(e.get("y") or 0) for e in key.iter() if e.get("y"))
    squares = [float(e.get("y") or 0) for e in with_class(root, "pin-country")]
    assert squares and max(squares) < key_top
    assert any("in the box above" in (e.text or "") for e in key.iter())
