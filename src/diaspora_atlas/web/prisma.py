"""The Search page's PRISMA section (``/search/prisma/``, twin ``/search/prisma.json``):
for each screened search run, the PRISMA 2020 flow diagram and its counts, the PRISMA-S
checklist and the reviewers' agreement, read from the store by ``report.screening`` (the
report shows the same)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from diaspora_atlas.protocol import protocols_holding
from diaspora_atlas.report.prisma_s import checklist_json
from diaspora_atlas.report.prisma_svg import prisma_svg
from diaspora_atlas.report.screening import screening_report
from diaspora_atlas.report.screening_html import diagram_title
from diaspora_atlas.report.searches import UPDATE_DATASET
from diaspora_atlas.web.render import Page, twin
from diaspora_atlas.web.scope import site_protocol


def prisma_data() -> tuple[dict[str, Any], dict[str, str]]:
    report = screening_report(site_protocol())
    runs = [
        {
            "run": r.run,
            "prisma": r.prisma.as_json(),
            "prisma_s": checklist_json(r.checklist),
            "agreement": r.agreement,
        }
        for r in report.runs
    ]
    svgs = {
        r.run: prisma_svg(r.prisma, diagram_title(r.run)).split("?>", 1)[-1] for r in report.runs
    }
    shown = UPDATE_DATASET in site_protocol().inventory_datasets
    added = {
        **report.added,
        "dataset": UPDATE_DATASET,
        "shown": shown,  # the site lists them (its protocol's inventories include the update)
        "served_by": [] if shown else protocols_holding([UPDATE_DATASET]),
    }
    return {"runs": runs, "added": added}, svgs


@twin
def prisma_page(request: HttpRequest) -> Page:
    data, svgs = prisma_data()
    return Page("web/prisma.html", "Search and screening (PRISMA 2020)", data, {"svgs": svgs})
