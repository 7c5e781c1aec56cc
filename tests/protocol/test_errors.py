"""A malformed protocol file gets one line naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from diaspora_atlas.protocol import ProtocolError, load_protocol

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = (ROOT / "protocols" / "frehywot2019.yml").read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str, anchor: str = "") -> tuple[Path, int]:
    """The 2019 protocol with one change, and the line where ``anchor`` (default: the new
    text) first appears in it."""
    assert ORIGINAL.count(old) >= 1, old
    text = ORIGINAL.replace(old, new, 1)
    line = text[: text.index(anchor or new)].count("\n") + 1
    path = tmp_path / "frehywot2019.yml"
    path.write_text(text, encoding="utf-8")
    return path, line


CASES = [
    # (what, old text, new text, field named, words of the problem, the text on the line
    # named, when it is not the new text)
    ("unknown key", "  fiscal_year: 2019", "  fiscal_yaer: 2019", "lmic.fiscal_yaer",
     "unknown field 'fiscal_yaer'", ""),
    ("bad type", "  fiscal_year: 2019", "  fiscal_year: twenty-nineteen", "lmic.fiscal_year",
     "expected a whole number", ""),
    ("bad type: a list expected", "    languages: [en]\n    rationale: *paper-hosts\n  - country: Australia",
     "    languages: en\n    rationale: *paper-hosts\n  - country: Australia", "hosts[1].languages",
     "expected a list", ""),
    ("unknown country", "  - country: Canada", "  - country: Canadda", "hosts[3].country",
     "unknown country name 'Canadda'", ""),
    ("ambiguous country", "  - country: Australia", "  - country: Punjab", "hosts[2].country",
     "ambiguous country name 'Punjab'", ""),
    ("missing required field", "  dual_review: false\n", "  reviewers: 1\n", "screening",
     "missing required field 'dual_review'", ""),
    ("unknown fiscal year", "  fiscal_year: 2019", "  fiscal_year: 1970", "lmic.fiscal_year",
     "no World Bank classification for FY1970", ""),
    ("unknown income group", "  income_groups: [L, LM, UM]", "  income_groups: [L, LM, MU]",
     "lmic.income_groups[2]", "'MU' is not one of: L, LM, UM, H", ""),
    ("a host language without words", "      en: [association,", "      fr: [association,",
     "organisation_kinds[0].words", "no words in 'en', a language of United States", "      fr: [association"),
    ("an exception to no criterion", "    criterion: I5", "    criterion: I9",
     "exceptions[0].criterion", "there is no criterion I9", ""),
    ("a sourced statement without its URL", "        url: https://doi.org/10.1186/s12960-019-0393-1\n      - statement: >-\n          \"second",
     "      - statement: >-\n          \"second", "hosts[0].rationale[0]",
     "a sourced statement needs both 'source' and 'url'",
     '      - statement: >-\n          "First'),
    ("a criterion kind", "    kind: inclusion", "    kind: inclusive", "criteria[0].kind",
     "'inclusive' is not one of: inclusion, exclusion", ""),
    ("a criterion code twice", "  - code: I2\n    kind: inclusion\n    wording: Medical diaspora organizations’ members",
     "  - code: I1\n    kind: inclusion\n    wording: Medical diaspora organizations’ members",
     "criteria[1]", "criterion I1 is listed twice", ""),
    ("an unknown inventory", "  - dataset: frehywot2019", "  - dataset: frehywot2091",
     "inventories[0].dataset", "no bundled dataset 'frehywot2091'", ""),
    ("a figure of another host", "    hosts: [GBR]", "    hosts: [FRA]", "figures[1].hosts[0]",
     "FRA is not one of the protocol's hosts", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "field", "problem", "anchor"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_error_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, field: str, problem: str, anchor: str
) -> None:
    path, line = broken(tmp_path, old, new, anchor)
    with pytest.raises(ProtocolError) as caught:
        load_protocol(str(path))
    error = caught.value
    assert (error.file, error.field) == (path, field)
    assert error.line == line
    assert problem in error.problem
    one = error.one_line()
    assert one.startswith(f"{path}:{line}: {field}: ") and "\n" not in one


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "    kind: inclusion\n", "    kind: [inclusion\n")
    with pytest.raises(ProtocolError) as caught:
        load_protocol(str(path))
    assert caught.value.line in (line, line + 1)  # where the parser notices the open bracket
    assert "YAML syntax error" in caught.value.one_line()
    assert caught.value.one_line().startswith(f"{path}:{caught.value.line}: ")


def test_the_id_must_be_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.yml"
    path.write_text(ORIGINAL, encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"mine\.yml:4: id: the id 'frehywot2019' must be"):
        load_protocol(str(path))


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yml"
    path.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ProtocolError, match="the file is empty"):
        load_protocol(str(path))


def test_unknown_country_keeps_the_resolvers_suggestions(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "  - country: Canada", "  - country: Canadda")
    with pytest.raises(ProtocolError) as caught:
        load_protocol(str(path))
    assert "closest known names: 'Canada'" in caught.value.one_line()


def test_additions_and_removals_change_the_list(tmp_path: Path) -> None:
    path, _ = broken(
        tmp_path,
        "  income_groups: [L, LM, UM]\n",
        "  income_groups: [L, LM, UM]\n  add:\n    - {country: Argentina, reason: test}\n"
        "  remove:\n    - {country: NGA, reason: test}\n",
    )
    protocol = load_protocol(str(path))
    assert "ARG" in protocol.lmic_iso3s() and "NGA" not in protocol.lmic_iso3s()
    assert [c.iso3 for c in protocol.lmic.additions] == ["ARG"]
