"""Ids of screening entities."""

from __future__ import annotations

import hashlib


def inventory_screening_id(org_id: str) -> str:
    """The entity holding an inventory organisation's screening (kept off the organisation,
    whose page shows its facts, not our reading of the criteria)."""
    return "corg-" + hashlib.sha1(f"inventory|{org_id}".encode()).hexdigest()[:12]
