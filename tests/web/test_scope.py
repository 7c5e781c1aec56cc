"""The site shows the protocol it is given (serve --protocol), else the setting's."""

from __future__ import annotations

from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.web import figures, scope


def test_the_sites_maps_follow_its_protocol() -> None:
    before = scope.site_protocol()
    assert figures.keys() == ("origins", "offices", "gaps", *(f.key for f in before.figures))
    try:
        scope.use_protocol(load_protocol("francophone-lusophone-2026"))
        assert figures.keys() == (
            "origins", "offices", "gaps", "host-fra", "host-bel", "host-che", "host-prt",
        )  # fmt: skip
        assert figures.titles()["host-che"] == "Medical diaspora organisations in Switzerland"
    finally:
        scope.use_protocol(before)
    assert scope.site_protocol() is before
