"""The report's "since 2019" table and section: the numbers of ``store.websites.since_2019``
(one source for pages, JSON, CSV and the report), laid out."""

from __future__ import annotations

import html
from typing import Any

from diaspora_atlas.refdata import country
from diaspora_atlas.report.tables import Cell, Table


def since_2019_table(data: dict[str, Any]) -> Table:
    keys = [g["group"] for g in data["groups"]]
    rows: list[tuple[Cell, ...]] = [("All", "all", *(data["total"][k] for k in keys))]
    rows += [
        ("Host", country(host).name, *(counts[k] for k in keys))
        for host, counts in data["by_host"].items()
    ]
    rows += [
        ("Continent of origin", continent, *(counts[k] for k in keys))
        for continent, counts in data["by_continent"].items()
    ]
    return Table(
        key="since_2019",
        title="The paper's websites since 2019 (latest check of each 2019 address)",
        columns=("Scope", "Value", *(g["label"] for g in data["groups"])),
        rows=tuple(rows),
        notes=tuple(f"{g['label']}: {g['definition']}" for g in data["groups"]),
    )


def since_2019_section(data: dict[str, Any]) -> str:
    labels = [(g["group"], g["label"]) for g in data["groups"]]
    head = "".join(f"<th scope='col' class='num'>{html.escape(label)}</th>" for _, label in labels)

    def row(name: str, counts: dict[str, int]) -> str:
        cells = "".join(f"<td class='num'>{counts[key]}</td>" for key, _ in labels)
        return f"<tr><th scope='row'>{html.escape(name)}</th>{cells}</tr>"

    body = row("All organisations", data["total"])
    body += "".join(
        row(f"Host: {country(host).name}", counts) for host, counts in data["by_host"].items()
    )
    body += "".join(row(c, counts) for c, counts in data["by_continent"].items())
    definitions = "".join(
        f"<li><strong>{html.escape(g['label'])}</strong>: {html.escape(g['definition'])}</li>"
        for g in data["groups"]
    )
    return (
        f"<p>What the 2019 website addresses of the {data['organisations']} organisations show "
        "today, from the latest check of each (<code>diaspora-atlas verify</code>); by host "
        "country and by continent of origin (an organisation of two origins counts in both).</p>"
        "<div class='scroll'><table><caption>Websites since 2019</caption><thead><tr>"
        f"<th scope='col'>Scope</th>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        f"<ul class='note'>{definitions}</ul>"
    )
