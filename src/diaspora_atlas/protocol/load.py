"""Finding and loading ``protocols/<name>.yml`` into a validated ``Protocol``."""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path

from diaspora_atlas.errors import UsageError
from diaspora_atlas.protocol import read_hosts as rh
from diaspora_atlas.protocol import read_screening as rs
from diaspora_atlas.protocol.nodes import compose
from diaspora_atlas.protocol.types import Protocol
from diaspora_atlas.settings import load_settings

PROTOCOLS_DIR_ENV = "DIASPORA_ATLAS_PROTOCOLS_DIR"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REQUIRED = ("id", "title", "citation", "definition", "hosts", "lmic", "professions", "search",
            "criteria", "screening")  # fmt: skip
OPTIONAL = ("url", "organisation_kinds", "exceptions", "other_reasons", "inventories", "figures")


def protocols_dir() -> Path:
    """The repository's ``protocols/`` folder (``$DIASPORA_ATLAS_PROTOCOLS_DIR`` overrides it),
    found beside ``data/`` the way ``refdata.paths.data_dir`` finds that."""
    override = os.environ.get(PROTOCOLS_DIR_ENV)
    if override:
        return Path(override)
    # src/diaspora_atlas/protocol/load.py -> parents[3] is the repository root.
    return Path(__file__).resolve().parents[3] / "protocols"


def available() -> list[str]:
    """The names of the protocols in ``protocols/``."""
    return sorted(p.stem for p in protocols_dir().glob("*.yml"))


def protocols_holding(datasets: Collection[str]) -> list[str]:
    """The protocols of ``protocols/`` whose inventories include any of ``datasets``."""
    wanted = set(datasets)
    if not wanted:
        return []
    return [p for p in available() if wanted & set(load_protocol(p).inventory_datasets)]


def protocol_path(name_or_path: str) -> Path:
    """A protocol name (``frehywot2019``) or the path of a ``.yml`` file."""
    if NAME.match(name_or_path):
        path = protocols_dir() / f"{name_or_path}.yml"
        if not path.is_file():
            raise UsageError(
                f"unknown protocol {name_or_path!r}",
                f"the protocols in {protocols_dir()} are: {', '.join(available()) or 'none'}; "
                "or give the path of a .yml file",
            )
        return path
    path = Path(name_or_path).expanduser()
    if not path.is_file():
        raise UsageError(
            f"no protocol file {path}", "give a protocol name or an existing .yml file"
        )
    return path


def load_protocol(name_or_path: str | None = None) -> Protocol:
    """The protocol named (``None``: the setting ``DIASPORA_ATLAS_PROTOCOL``), validated.

    Every problem raises ``ProtocolError`` naming the file, the line and the field."""
    path = protocol_path(name_or_path or load_settings().protocol)
    root = compose(path)
    top = root.mapping(REQUIRED, OPTIONAL)
    ident = top.text("id")
    if ident != path.stem:
        raise top["id"].error(f"the id {ident!r} must be the file's name, {path.stem!r}")
    url = top.get("url")
    hosts = rh.hosts(top["hosts"])
    professions = rs.professions(top["professions"], hosts)
    criteria = rs.criteria(top["criteria"])
    rs.check_excluded_professions(top["professions"], professions, criteria)
    return Protocol(
        id=ident,
        title=top.text("title"),
        citation=top.text("citation"),
        url=rh.url(url) if url else "",
        definition=rh.rationale(top["definition"]),
        hosts=hosts,
        lmic=rh.lmic(top["lmic"]),
        professions=professions,
        organisation_kinds=rs.kinds(top.get("organisation_kinds"), hosts),
        search=rs.search(top["search"], hosts),
        criteria=criteria,
        exceptions=rs.exceptions(top.get("exceptions"), criteria),
        other_reasons=rs.other_reasons(top.get("other_reasons"), criteria),
        screening=rs.screening(top["screening"]),
        inventories=rh.inventories(top.get("inventories"), tuple(h.iso3 for h in hosts)),
        figures=rh.figures(top.get("figures"), hosts),
        file=path.resolve(),
    )
