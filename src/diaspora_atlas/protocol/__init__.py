"""The study protocol as data: ``protocols/<name>.yml`` read into a validated ``Protocol``.

Hosts with their rationale, the LMIC list as a rule over the World Bank classification,
professions and their name words per language, search terms and engines, criteria with
codes, the documented exceptions, screening and the bundled inventories. Nothing else in the
code knows the study's hosts or fiscal year. The file format: docs/protocol.md.
"""

from __future__ import annotations

from diaspora_atlas.protocol.criteria import (
    CHECKS,
    Criterion,
    CriterionException,
    ExclusionReason,
    Screening,
)
from diaspora_atlas.protocol.hosts import (
    CountryChange,
    Host,
    HostFigure,
    Inventory,
    LmicRule,
    Rationale,
)
from diaspora_atlas.protocol.load import (
    available,
    load_protocol,
    protocol_path,
    protocols_dir,
    protocols_holding,
)
from diaspora_atlas.protocol.nodes import ProtocolError
from diaspora_atlas.protocol.types import Protocol
from diaspora_atlas.protocol.vocab import (
    COMBINATIONS,
    Engine,
    Profession,
    Professions,
    Search,
    Words,
)

__all__ = [
    "CHECKS",
    "COMBINATIONS",
    "CountryChange",
    "Criterion",
    "CriterionException",
    "Engine",
    "ExclusionReason",
    "Host",
    "HostFigure",
    "Inventory",
    "LmicRule",
    "Profession",
    "Professions",
    "Protocol",
    "ProtocolError",
    "Rationale",
    "Screening",
    "Search",
    "Words",
    "available",
    "load_protocol",
    "protocol_path",
    "protocols_dir",
    "protocols_holding",
]
