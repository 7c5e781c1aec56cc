from pathlib import Path

from diaspora_atlas.model import InstitutionType, OnlinePresence, Role

DOC = (Path(__file__).resolve().parents[2] / "docs" / "vocabulary.md").read_text(encoding="utf-8")


def test_every_code_is_documented() -> None:
    for vocabulary in (Role, OnlinePresence, InstitutionType):
        for member in vocabulary:
            assert f"`{member.value}`" in DOC, member
