"""Host and origin inference on names the rules were never written for."""

from __future__ import annotations

import pytest

from diaspora_atlas.extract.hostorigin import infer_host_origin


@pytest.mark.parametrize(
    ("name", "url", "host", "origin"),
    [
        ("Kenyan Doctors Association UK", None, "GBR", ("KEN",)),
        ("Somali Medical Association of Canada", None, "CAN", ("SOM",)),
        ("Association of Nigerians in Australia", None, "AUS", ("NGA",)),
        ("Guatemalan-American Physicians Society", None, "USA", ("GTM",)),
        ("Somali Doctors Association", "https://www.sda.org.uk/home", "GBR", ("SOM",)),
        ("Zambian Doctors Network", "http://zdn.org.au", "AUS", ("ZMB",)),
        ("Filipino Nurses Society of Scotland", None, "GBR", ("PHL",)),
        ("Persian Physicians Academy", "https://ppa.ca", "CAN", ("IRN",)),
        ("Indian American Medical Association of New Mexico", None, "USA", ("IND",)),
        ("Association of Punjab Doctors", None, None, ()),  # Punjab: India or Pakistan
        ("Medical Association of Georgia", None, None, ()),  # the country or the US state
        ("Global Health Diaspora Network", None, None, ()),
        ("Latin American Medical Association", None, None, ()),
        ("Ethiopian Physicians of North America", None, None, ("ETH",)),  # USA or Canada
        ("Ethiopian Physicians of North America", "https://epna.ca", "CAN", ("ETH",)),
        ("Canadian Society of Ghanaian Doctors in America", None, None, ("GHA",)),  # conflict
        ("Nigerian Doctors US", None, "USA", ("NGA",)),
        ("Doctors for us Nigerian Network", None, None, ("NGA",)),  # 'us' the pronoun
        ("Dominican Medical Association", None, None, ()),  # Dominica or the Dominican Republic
        ("Medical Society of New Guinea", None, None, ()),
    ],
)
def test_infers_or_says_it_cannot_tell(
    name: str, url: str | None, host: str | None, origin: tuple[str, ...]
) -> None:
    answer = infer_host_origin(name, url)
    assert (answer.host_iso3, answer.origin_iso3) == (host, origin)
    assert answer.evidence, "every answer carries evidence"


def test_subnational_origin_is_named() -> None:
    answer = infer_host_origin("Association of Kerala Medical Graduates")
    assert answer.origin_iso3 == ("IND",)
    assert answer.origin_subnational == "Kerala"


def test_json_shape() -> None:
    data = infer_host_origin("Iraqi Medical Sciences Association USA").as_json()
    assert set(data) == {"host_iso3", "origin_iso3", "origin_subnational", "evidence"}
    assert data["host_iso3"] == "USA" and data["origin_iso3"] == ["IRQ"]
    rules = {e["rule"] for e in data["evidence"]}  # type: ignore[attr-defined]
    assert rules == {"host_phrase", "origin_phrase"}


def test_cannot_tell_json_is_null_and_empty() -> None:
    data = infer_host_origin("Diaspora Health Network").as_json()
    assert data["host_iso3"] is None and data["origin_iso3"] == []
