import pytest

from diaspora_atlas.resolve.geocode import find_region, geocode


def test_city_with_state() -> None:
    place = geocode("Westmont", "IL", "USA")
    assert (place.precision, place.region_code) == ("city", "US-IL")
    assert place.lat is not None and abs(place.lat - 41.80) < 0.05


def test_uk_nation_region_codes() -> None:
    assert geocode("Edinburgh", "", "GBR").region_code == "GB-SCT"
    assert geocode("Cardiff", "Wales", "GBR").region_code == "GB-WLS"


def test_australian_and_canadian_provinces() -> None:
    assert geocode("Adelaide", "South Australia", "AUS").region_code == "AU-SA"
    assert geocode("Toronto", "ON", "CAN").region_code == "CA-ON"


def test_unknown_city_falls_back_to_the_region_honestly() -> None:
    place = geocode("Bonaire", "GA", "USA")
    assert (place.precision, place.lat, place.region_code) == ("region", None, "US-GA")
    assert "not in the gazetteer" in place.explanation


def test_ambiguous_city_is_not_guessed() -> None:
    place = geocode("Springfield", "", "USA")
    assert place.precision == "country" and place.lat is None
    assert "21 places" in place.explanation or "places of similar size" in place.explanation


def test_dominant_city_is_taken_and_said_so() -> None:
    place = geocode("Brooklyn", "", "USA")
    assert place.region_code == "US-NY" and "largest" in place.explanation


@pytest.mark.parametrize(
    ("text", "code"), [("New York", "US-NY"), ("ny", "US-NY"), ("Ontario", "CA-ON")]
)
def test_find_region(text: str, code: str) -> None:
    iso2 = code[:2]
    found = find_region(text, iso2)
    assert found is not None and found.code == code
