import pytest

from diaspora_atlas.extract.offices import OfficeRules, classify_body, split_bodies


@pytest.fixture(scope="module")
def rules() -> OfficeRules:
    return OfficeRules.load()


def test_split_on_lines_and_semicolons() -> None:
    cell = (
        "Ministry of Overseas Indian Affairs\nGovernment of Kerala, Department of Non-Resident "
        "Keralites’ Affairs; Government of Gujarat, Non-Resident Indian Division\n"
    )
    assert split_bodies(cell) == [
        "Ministry of Overseas Indian Affairs",
        "Government of Kerala, Department of Non-Resident Keralites’ Affairs",
        "Government of Gujarat, Non-Resident Indian Division",
    ]


def test_split_pulls_apart_glued_names() -> None:
    cell = "Office of the Undersecretary for Migrant Workers’ AffairsOffice of the President, Commission"
    assert split_bodies(cell) == [
        "Office of the Undersecretary for Migrant Workers’ Affairs",
        "Office of the President, Commission",
    ]


@pytest.mark.parametrize(
    ("segment", "name", "parent", "kind"),
    [
        (
            "Ministry of Foreign Affairs, Diaspora Department",
            "Diaspora Department",
            "Ministry of Foreign Affairs",
            "department",
        ),
        ("Ministry of Diaspora", "Ministry of Diaspora", "", "ministry"),
        ("State Agency for Bulgarians Abroad", "State Agency for Bulgarians Abroad", "", "agency"),
        (
            "Ministry for Foreign Affairs, African Integration, the Francophone Community, and "
            "Beninese Abroad",
            "Ministry for Foreign Affairs, African Integration, the Francophone "
            "Community, and Beninese Abroad",
            "",
            "ministry",
        ),
        (
            "Colombia Nos Une, a program of the Bureau of Consular Affairs and Colombian Communities "
            "Abroad in the Ministry of Foreign Affairs",
            "Colombia Nos Une",
            "Bureau of Consular Affairs and Colombian Communities Abroad in the Ministry of Foreign "
            "Affairs",
            "programme",
        ),
        (
            "The Committee on overseas Vietnamese affairs, under the Ministry of Foreign Affairs",
            "The Committee on overseas Vietnamese affairs",
            "Ministry of Foreign Affairs",
            "committee",
        ),
        (
            "Diaspora and Consular Affairs Office",
            "Diaspora and Consular Affairs Office",
            "",
            "office",
        ),
        ("Association: Diaspora Alliance", "Association: Diaspora Alliance", "", "not_government"),
        (
            "Ministry of Foreign Affairs Diaspora Unit",
            "Diaspora Unit",
            "Ministry of Foreign Affairs",
            "department",
        ),
    ],
)
def test_classify_body(rules: OfficeRules, segment: str, name: str, parent: str, kind: str) -> None:
    typed = classify_body(segment, rules)
    assert (typed.name, typed.parent, typed.kind) == (name, parent, kind)
    assert kind in typed.explanation
