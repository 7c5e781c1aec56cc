"""Pure types shared by every stage: no I/O, no Django, no SQL."""

from diaspora_atlas.model.events import DatedEvent
from diaspora_atlas.model.evidence import Evidence, Outcome
from diaspora_atlas.model.judgement import Judgement, JudgementKind, effective
from diaspora_atlas.model.source import Source, SourceKind
from diaspora_atlas.model.statement import Schema, Statement, statement_key
from diaspora_atlas.model.vocabulary import (
    EventKind,
    InstitutionType,
    OnlinePresence,
    Role,
)

__all__ = [
    "DatedEvent",
    "EventKind",
    "Evidence",
    "InstitutionType",
    "Judgement",
    "JudgementKind",
    "OnlinePresence",
    "Outcome",
    "Role",
    "Schema",
    "Source",
    "SourceKind",
    "Statement",
    "effective",
    "statement_key",
]
