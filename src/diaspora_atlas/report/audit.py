"""The reproduction audit: findings about the paper's data, each with its evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata import country, income_group, lmic_iso3s
from diaspora_atlas.report.claims import NOT_REPRODUCIBLE, REPRODUCED, Verdict, paper_list_codes
from diaspora_atlas.report.domains import classify_domain
from diaspora_atlas.report.metrics import origin_iso3s
from diaspora_atlas.report.study import OrganisationView, StudyView

OGHIST_URL = "https://databank.worldbank.org/data/download/site-content/OGHIST.xlsx"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # info | warning | error
    message: str
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    evidence: tuple[dict[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "countries": list(self.countries),
            "organisations": list(self.organisations),
            "evidence": list(self.evidence),
        }


def ev(explanation: str, source_url: str = "", excerpt: str = "") -> dict[str, str]:
    return {"explanation": explanation, "source_url": source_url, "excerpt": excerpt}


def audit(
    study: StudyView, verdicts: list[Verdict], protocol: Protocol, current_fy: int
) -> list[Finding]:
    findings: list[Finding] = []
    findings.extend(claim_findings(study, verdicts))
    findings.extend(organisation_findings(study, protocol, current_fy))
    findings.extend(results_list_findings(study))
    findings.extend(table2_country_findings(study, protocol))
    findings.extend(website_findings(study))
    findings.extend(body_findings(study))
    return findings


def claim_findings(study: StudyView, verdicts: list[Verdict]) -> Iterator[Finding]:
    for v in verdicts:
        code = {REPRODUCED: "claim_reproduced", NOT_REPRODUCIBLE: "claim_not_reproducible"}.get(
            v.verdict, "claim_not_reproduced"
        )
        severity = "info" if v.verdict != "not_reproduced" else "warning"
        yield Finding(
            code,
            severity,
            f"{v.claim['location']}: {v.explanation}",
            evidence=(ev(f"the paper, {v.claim['location']}", study.paper_url, v.claim["quote"]),),
        )


def _criterion_code(protocol: Protocol, checks: str) -> str:
    found = next((c for c in protocol.criteria if c.checks == checks), None)
    return f"{found.kind} criterion {found.code}" if found else "the protocol"


def organisation_findings(
    study: StudyView, protocol: Protocol, current_fy: int
) -> Iterator[Finding]:
    study_fy = protocol.lmic.fiscal_year
    study_lmics, current_lmics = protocol.lmic_iso3s(), lmic_iso3s(current_fy)
    against = _criterion_code(protocol, "origin_country")
    for org in study.organisations:
        where = ev(
            f"Table 1 row {org.paper_row}", f"{study.paper_url}#Tab1-row{org.paper_row}", org.name
        )
        if org.host_iso3 not in protocol.host_iso3s:
            yield Finding(
                "host_not_study_host",
                "error",
                f"{org.name}: host {org.host_iso3 or 'unknown'} is not one of the study's "
                f"{len(protocol.hosts)} hosts",
                organisations=(org.id,),
                evidence=(where,),
            )
        if not org.origin_iso3:
            yield Finding(
                "origin_unknown",
                "warning",
                f"{org.name}: no origin country is known",
                organisations=(org.id,),
                evidence=(where,),
            )
        for iso3 in org.origin_iso3:
            yield from _income_findings(
                org.name,
                org.id,
                iso3,
                where,
                study_fy,
                study_lmics,
                current_fy,
                current_lmics,
                against,
            )
        if org.online_presence == "none":
            yield _without_website(org, protocol, where)


def _without_website(org: OrganisationView, protocol: Protocol, where: dict[str, str]) -> Finding:
    """The paper's exception when the protocol documents one for the website criterion."""
    relaxed = {c.code for c in protocol.criteria if c.checks == "headquarters_web"}
    exception = next((x for x in protocol.exceptions if x.criterion in relaxed), None)
    if exception is None:
        return Finding(
            "headquarters_without_website",
            "warning",
            f"{org.name}: included without a website, against "
            f"{_criterion_code(protocol, 'headquarters_web')}",
            organisations=(org.id,),
            evidence=(where,),
        )
    return Finding(
        "documented_exception",
        "info",
        f"{org.name}: included without a website, as the paper's exception allows "
        f"({exception.code}: {exception.condition})",
        organisations=(org.id,),
        evidence=(where,),
    )


def _income_findings(
    name: str,
    org_id: str,
    iso3: str,
    where: dict[str, str],
    study_fy: int,
    study_lmics: frozenset[str],
    current_fy: int,
    current_lmics: frozenset[str],
    against: str,
) -> Iterator[Finding]:
    label = country(iso3).name
    if iso3 not in study_lmics:
        group = income_group(iso3, study_fy)
        yield Finding(
            "origin_not_in_study_lmic_list",
            "warning",
            f"{name}: origin {label} was not an LMIC in the study's list (FY{study_fy}: "
            f"{group.label if group else 'not classified'}), against {against}",
            countries=(iso3,),
            organisations=(org_id,),
            evidence=(
                where,
                ev(
                    f"World Bank OGHIST, {iso3} FY{study_fy}",
                    OGHIST_URL,
                    group.value if group else "..",
                ),
            ),
        )
    if iso3 not in current_lmics:
        group = income_group(iso3, current_fy)
        yield Finding(
            "origin_not_lmic_now",
            "info",
            f"{name}: origin {label} is not an LMIC in FY{current_fy} "
            f"({group.label if group else 'not classified'})",
            countries=(iso3,),
            organisations=(org_id,),
            evidence=(
                ev(
                    f"World Bank OGHIST, {iso3} FY{current_fy}",
                    OGHIST_URL,
                    group.value if group else "..",
                ),
            ),
        )


def results_list_findings(study: StudyView) -> Iterator[Finding]:
    lists = [c for c in study.claims if c["metric"] == "origin_countries.list"]
    origins = set(origin_iso3s(study))
    names_by_code: dict[str, list[str]] = defaultdict(list)
    for claim in lists:
        quote = ev(f"the paper, {claim['location']}", study.paper_url, claim["quote"])
        for name, code in paper_list_codes(claim["value"]):
            names_by_code[code].append(name)
            if code and code not in origins:
                yield Finding(
                    "list_country_without_organisation",
                    "warning",
                    f"the Results list for {claim['continent']} names {name}, but no "
                    f"organisation in Table 1 comes from it",
                    countries=(code,),
                    evidence=(quote,),
                )
            elif code and country(code).un_region != _region(claim["continent"]):
                yield Finding(
                    "continent_grouping_differs",
                    "info",
                    f"{name} is listed under {claim['continent']}; the UN M49 region "
                    f"is {country(code).un_region}",
                    countries=(code,),
                    evidence=(quote,),
                )
    for code, names in names_by_code.items():
        if code and len(names) > 1:
            yield Finding(
                "two_names_one_country",
                "warning",
                f"the Results lists name {' and '.join(names)}, one country ({code}), "
                f"counted twice",
                countries=(code,),
                evidence=(ev("the paper, Results", study.paper_url, ", ".join(names)),),
            )
    for code in sorted(origins - set(names_by_code)):
        orgs = tuple(o.id for o in study.organisations if code in o.origin_iso3)
        yield Finding(
            "origin_missing_from_lists",
            "warning",
            f"{country(code).name} is the origin of {len(orgs)} organisation(s) but is "
            f"missing from the Results lists",
            countries=(code,),
            organisations=orgs,
        )


def _region(paper_continent: str) -> str:
    return "Americas" if paper_continent == "America" else paper_continent


def table2_country_findings(study: StudyView, protocol: Protocol) -> Iterator[Finding]:
    study_fy, lmics = protocol.lmic.fiscal_year, protocol.lmic_iso3s()
    rows_by_code: dict[str, list[str]] = defaultdict(list)
    for li in study.listings:
        where = ev(
            f"Table 2 row {li.row_order}",
            f"{study.paper_url}#Tab2-row{li.row_order}",
            li.country_text,
        )
        for code in li.country_iso3:
            rows_by_code[code].append(li.country_text)
        if len(li.country_iso3) > 1:
            yield Finding(
                "row_merges_countries",
                "warning",
                f"Table 2 row '{li.country_text}' merges {len(li.country_iso3)} countries "
                f"in one row",
                countries=li.country_iso3,
                evidence=(where,),
            )
    for code, texts in sorted(rows_by_code.items()):
        if len(texts) > 1:
            yield Finding(
                "country_listed_twice",
                "warning",
                f"Table 2 lists {country(code).name} in {len(texts)} rows",
                countries=(code,),
            )
    extra = sorted(set(rows_by_code) - lmics)
    if extra:
        yield Finding(
            "table2_country_not_lmic",
            "warning",
            f"{len(extra)} Table 2 countries are not LMICs in the protocol's list "
            f"(FY{study_fy}): {', '.join(country(c).name for c in extra)}",
            countries=tuple(extra),
            evidence=(ev(f"World Bank OGHIST FY{study_fy}", OGHIST_URL),),
        )
    missing = sorted(lmics - set(rows_by_code))
    if missing:
        yield Finding(
            "lmic_missing_from_table2",
            "info",
            f"{len(missing)} LMICs of FY{study_fy} have no row in Table 2: "
            f"{', '.join(country(c).name for c in missing)}",
            countries=tuple(missing),
            evidence=(ev(f"World Bank OGHIST FY{study_fy}", OGHIST_URL),),
        )


def website_findings(study: StudyView) -> Iterator[Finding]:
    rows_by_url: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for li in study.listings:
        urls = [u for u in li.website_text.split() if u.startswith(("http://", "https://"))]
        where = ev(
            f"Table 2 row {li.row_order}",
            f"{study.paper_url}#Tab2-row{li.row_order}",
            li.website_text,
        )
        for url in urls:
            rows_by_url[url].append((li.country_text, li.country_iso3))
            domain = classify_domain(url)
            if domain.country and domain.country not in li.country_iso3:
                mentions = any(_mentions(domain.host, c) for c in li.country_iso3)
                yield Finding(
                    "website_other_country",
                    "info" if mentions else "error",
                    f"Table 2 row '{li.country_text}': the website {domain.host} is under "
                    f"{country(domain.country).name}'s country domain"
                    + (" (its name mentions the row's country)" if mentions else ""),
                    countries=(*li.country_iso3, domain.country),
                    evidence=(where,),
                )
            elif not domain.is_government:
                yield Finding(
                    "website_not_government_domain",
                    "info",
                    f"Table 2 row '{li.country_text}': {domain.host} is not a government "
                    f"domain ({domain.kind})",
                    countries=li.country_iso3,
                    evidence=(where,),
                )
    for url, rows in rows_by_url.items():
        if len({r[0] for r in rows}) > 1:
            codes = tuple(sorted({c for _, cs in rows for c in cs}))
            yield Finding(
                "website_shared_by_countries",
                "error",
                f"the same website is given for {', '.join(r[0] for r in rows)}: {url}",
                countries=codes,
                evidence=(ev("Table 2", study.paper_url, url),),
            )


def _mentions(host: str, iso3: str) -> bool:
    return country(iso3).name.lower().replace(" ", "") in host.replace("-", "")


def body_findings(study: StudyView) -> Iterator[Finding]:
    for office in study.offices:
        if office.institution_type == "not_government":
            yield Finding(
                "not_a_government_body",
                "warning",
                f"Table 2 lists '{office.name}' ({country(office.country_iso3).name}), "
                f"which is not a government body",
                countries=(office.country_iso3,),
                evidence=(ev("institution type", "", _rationale(office.facts)),),
            )
    for li in study.listings:
        if li.office_status == "no_office":
            yield Finding(
                "entry_without_office",
                "warning",
                f"Table 2 row '{li.country_text}' counts as an entry but names no office: "
                f"'{li.office_text}'",
                countries=li.country_iso3,
                evidence=(ev(f"Table 2 row {li.row_order}", study.paper_url, li.office_text),),
            )


def _rationale(facts: dict[str, Any]) -> str:
    statements = facts.get("institution_type", [])
    return str(statements[0].rationale) if statements else ""
