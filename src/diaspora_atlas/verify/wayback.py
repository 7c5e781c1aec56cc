"""The latest archived copy of a dead site, from the Internet Archive's availability API
(https://archive.org/help/wayback_api.php): one GET through the project's client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diaspora_atlas.http import HostPolicy, HttpClient, HttpError

ENDPOINT = "https://archive.org/wayback/available"
POLICY = HostPolicy(concurrency=1, rate=1.0)  # one lookup a second, one at a time


@dataclass(frozen=True)
class Snapshot:
    url: str
    archived_at: str  # ISO date-time of the capture


def _iso(timestamp: str) -> str:
    """'20190412083011' -> '2019-04-12T08:30:11+00:00'."""
    t = timestamp.ljust(14, "0")
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}+00:00"


def read_snapshot(data: Any) -> Snapshot | None:
    """The closest available capture in an availability answer, if any."""
    closest = (
        (data or {}).get("archived_snapshots", {}).get("closest")
        if isinstance(data, dict)
        else None
    )
    if not isinstance(closest, dict) or not closest.get("available") or not closest.get("url"):
        return None
    return Snapshot(str(closest["url"]), _iso(str(closest.get("timestamp", ""))))


async def latest_snapshot(
    client: HttpClient, url: str, endpoint: str = ENDPOINT
) -> Snapshot | None:
    """None when nothing is archived or the archive cannot be asked (a lookup that fails
    does not change the check's outcome)."""
    try:
        response = await client.get(endpoint, params={"url": url}, max_bytes=256 * 1024)
        if not response.ok:
            return None
        return read_snapshot(response.json())
    except (HttpError, ValueError):
        return None
