"""Reading a protocol's hosts, LMIC rule, inventories and figures from YAML nodes."""

from __future__ import annotations

import re

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.protocol.hosts import (
    BASES,
    INFERRED,
    SOURCED,
    CountryChange,
    Host,
    HostFigure,
    Inventory,
    LmicRule,
    Rationale,
)
from diaspora_atlas.protocol.nodes import Node
from diaspora_atlas.refdata import IncomeGroup, country, fiscal_years, resolve_country
from diaspora_atlas.refdata.paths import data_dir

LANGUAGE = re.compile(r"^[a-z]{2}$")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def country_code(node: Node) -> str:
    """ISO3 of a country name, code or spelling, through the project's one resolver."""
    text = node.text()
    try:
        return resolve_country(text).iso3
    except UnknownCountryError as exc:  # ambiguous names are a subclass
        raise node.error(exc.message, exc.hint or "") from exc


def url(node: Node) -> str:
    text = node.text()
    if not text.startswith(("https://", "http://")):
        raise node.error(f"{text!r} is not a web address (http:// or https://)")
    return text


def rationale(node: Node) -> Rationale:
    fields = node.mapping(("statement", "basis"), ("source", "url"))
    basis = fields["basis"].choice(BASES)
    link = fields.get("url")
    found = Rationale(
        fields.text("statement"), basis, fields.text("source"), url(link) if link else ""
    )
    if basis == SOURCED and not (found.source and found.url):
        raise node.error("a sourced statement needs both 'source' and 'url'")
    if basis == INFERRED and not found.source:
        raise node.error("an inferred statement needs 'source': how it was inferred")
    return found


def rationales(node: Node) -> tuple[Rationale, ...]:
    found = tuple(rationale(item) for item in node.items())
    if not found:
        raise node.error("give at least one reason")
    return found


def language(node: Node) -> str:
    code = node.text()
    if not LANGUAGE.match(code):
        raise node.error(f"{code!r} is not an ISO 639-1 language code (two lower-case letters)")
    return code


def host(node: Node) -> Host:
    fields = node.mapping(("country", "languages", "rationale"), ("note",))
    iso3 = country_code(fields["country"])
    languages = tuple(language(item) for item in fields["languages"].items())
    if not languages:
        raise fields["languages"].error("give at least one language")
    return Host(
        iso3, country(iso3).name, languages, rationales(fields["rationale"]), fields.text("note")
    )


def hosts(node: Node) -> tuple[Host, ...]:
    found: list[Host] = []
    for item in node.items():
        one = host(item)
        if any(h.iso3 == one.iso3 for h in found):
            raise item.error(f"{one.name} ({one.iso3}) is listed twice")
        found.append(one)
    if not found:
        raise node.error("give at least one host country")
    return tuple(found)


def _changes(node: Node | None) -> tuple[CountryChange, ...]:
    if node is None:
        return ()
    changes = []
    for item in node.items():
        fields = item.mapping(("country", "reason"))
        changes.append(CountryChange(country_code(fields["country"]), fields.text("reason")))
    return tuple(changes)


def lmic(node: Node) -> LmicRule:
    fields = node.mapping(("fiscal_year", "income_groups"), ("add", "remove", "rationale"))
    year = fields["fiscal_year"].integer()
    years = fiscal_years()
    if year not in years:
        raise fields["fiscal_year"].error(
            f"no World Bank classification for FY{year} is bundled",
            f"choose a fiscal year from {years[0]} to {years[-1]} (FY N = July N-1)",
        )
    allowed = tuple(g.value for g in IncomeGroup)
    groups = tuple(item.choice(allowed) for item in fields["income_groups"].items())
    if not groups or len(set(groups)) != len(groups):
        raise fields["income_groups"].error("give each income group once, at least one")
    reasons = fields.get("rationale")
    return LmicRule(
        year,
        groups,
        _changes(fields.get("add")),
        _changes(fields.get("remove")),
        rationales(reasons) if reasons else (),
    )


def _host_subset(node: Node, known: tuple[str, ...]) -> tuple[str, ...]:
    codes = []
    for item in node.items():
        code = country_code(item)
        if code not in known:
            raise item.error(f"{code} is not one of the protocol's hosts ({', '.join(known)})")
        codes.append(code)
    if not codes:
        raise node.error("give at least one host")
    return tuple(codes)


def inventories(node: Node | None, known: tuple[str, ...]) -> tuple[Inventory, ...]:
    found = []
    for item in node.items() if node is not None else ():
        fields = item.mapping(("dataset",), ("hosts", "note"))
        name = fields.text("dataset")
        if not (data_dir() / "sources" / name / "dataset.yaml").is_file():
            raise fields["dataset"].error(
                f"no bundled dataset {name!r}", "a dataset is a folder data/sources/<name>/"
            )
        covered = fields.get("hosts")
        found.append(
            Inventory(name, _host_subset(covered, known) if covered else known, fields.text("note"))
        )
    return tuple(found)


def figures(node: Node | None, hosts_: tuple[Host, ...]) -> tuple[HostFigure, ...]:
    """The report's host-country figures; by default one per host."""
    if node is None:
        return tuple(
            HostFigure(
                f"host-{h.iso3.lower()}", f"Medical diaspora organisations in {h.name}", (h.iso3,)
            )
            for h in hosts_
        )
    found: list[HostFigure] = []
    for item in node.items():
        fields = item.mapping(("key", "title", "hosts"))
        key = fields.text("key")
        if not KEY.match(key) or key in {f.key for f in found} | {"origins", "offices"}:
            raise fields["key"].error(f"{key!r} must be new, lower case, digits and hyphens")
        shown = _host_subset(fields["hosts"], tuple(h.iso3 for h in hosts_))
        found.append(HostFigure(key, fields.text("title"), shown))
    return tuple(found)
