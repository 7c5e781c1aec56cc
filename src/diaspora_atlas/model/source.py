"""Sources: where statements come from (a paper, a web page, a register, a curator)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    PAPER = "paper"
    WEB_PAGE = "web_page"
    REGISTER = "register"
    DATASET = "dataset"
    CURATOR = "curator"
    SEARCH_RESULT = "search_result"
    INFERENCE = "inference"


@dataclass(frozen=True)
class Source:
    id: str
    kind: SourceKind
    title: str
    url: str = ""
    licence: str = ""
    publisher: str = ""
    retrieved_at: str = ""  # when we read it (our copy)
    citation: str = ""
    dated: str = ""  # the date the source itself states (published / updated), when it does
