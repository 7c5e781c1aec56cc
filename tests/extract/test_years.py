import pytest

from diaspora_atlas.extract.years import parse_year_text
from diaspora_atlas.model import EventKind


def test_single_year_is_established() -> None:
    [event] = parse_year_text("2002")
    assert (event.kind, event.year_from, event.year_to) == (EventKind.ESTABLISHED, 2002, 2002)


def test_established_then_renamed() -> None:
    first, second = parse_year_text("1978, renamed 1980")
    assert (first.kind, first.year_from) == (EventKind.ESTABLISHED, 1978)
    assert (second.kind, second.year_from) == (EventKind.RENAMED, 1980)


@pytest.mark.parametrize("text", ["Late 1990’s", "late 1990's", "Late 1990s"])
def test_vague_decade_becomes_a_marked_range(text: str) -> None:
    [event] = parse_year_text(text)
    assert (event.year_from, event.year_to) == (1995, 1999)
    assert event.explanation.startswith("inferred")
    assert not event.is_exact


@pytest.mark.parametrize("text", ["Not available", "", " ", "\xa0"])
def test_no_date(text: str) -> None:
    assert parse_year_text(text) == []


def test_unreadable_text_raises() -> None:
    with pytest.raises(ValueError, match="cannot read a year"):
        parse_year_text("sometime")


def test_later_year_needs_a_kind() -> None:
    with pytest.raises(ValueError, match="does not say what happened"):
        parse_year_text("1978, 1980")
