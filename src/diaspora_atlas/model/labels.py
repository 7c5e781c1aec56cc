"""Human words for every code a person may see: the one table of labels.

The web pages, their JSON twins, the selection downloads and the report all read these
(``web.labels`` adds only the web's own words: facet titles and sort orders). A code with no
label here is shown as words made from the code (``"some_code"`` -> ``"Some code"``), never
raw; ``tests/model/test_labels.py`` checks that every code of every vocabulary has a label.
"""

from __future__ import annotations

from collections.abc import Mapping

from diaspora_atlas.model.vocabulary import InstitutionType, OnlinePresence, Role
from diaspora_atlas.model.websites import groups, outcome_rules

PRESENCE = {
    OnlinePresence.WEBSITE.value: "Own website",
    OnlinePresence.FACEBOOK_ONLY.value: "Facebook page only",
    OnlinePresence.NONE.value: "No website",
}
VERIFIED = {"verified": "Verified", "not_verified": "Not yet verified"}
INCOME = {
    "L": "Low income",
    "LM": "Lower middle income",
    "UM": "Upper middle income",
    "H": "High income",
}
ROLES = {
    Role.HEALTH_CARE_SERVICES.value: "Health care services",
    Role.TRAINING_EDUCATION.value: "Training and education",
    Role.HUMANITARIAN_AID.value: "Humanitarian aid",
    Role.PROFESSIONAL_SOCIAL_NETWORKING.value: "Professional and social networking",
    Role.MIGRANT_CARE_HOST_COUNTRY.value: "Care for migrants in the host country",
    Role.RESEARCH_PUBLICATION.value: "Research and publication",
    Role.ADVOCACY.value: "Advocacy",
    Role.SCHOLARSHIPS_FELLOWSHIPS.value: "Scholarships and fellowships",
    Role.MEDICAL_MISSIONS.value: "Medical missions",
    Role.TELEMEDICINE_DISTANCE_LEARNING.value: "Telemedicine and distance learning",
    Role.EQUIPMENT_DONATIONS.value: "Equipment donations",
    Role.CONTINUING_MEDICAL_EDUCATION.value: "Continuing medical education",
    Role.MENTORING.value: "Mentoring",
    Role.DISASTER_RELIEF.value: "Disaster relief",
    Role.CULTURAL_COMMUNITY_EVENTS.value: "Cultural and community events",
    Role.INFRASTRUCTURE_SUPPORT.value: "Building and equipping health facilities",
}
INSTITUTION_TYPES = {t.value: t.value.replace("_", " ").capitalize() for t in InstitutionType}
INSTITUTION_TYPES[InstitutionType.NOT_GOVERNMENT.value] = "Not a government body"
LEGAL_FORMS = {
    "us_501c3": "US charity, tax-exempt under section 501(c)(3)",
    "us_501c6": "US professional association, tax-exempt under section 501(c)(6)",
    "us_nonprofit_other": "US non-profit organisation",
    "uk_registered_charity": "UK registered charity",
    "uk_cio": "UK charitable incorporated organisation",
    "uk_company_limited_by_guarantee": "UK company limited by guarantee",
    "uk_unincorporated_association": "UK unincorporated association",
    "ca_registered_charity": "Canadian registered charity",
    "ca_nonprofit_corporation": "Canadian non-profit corporation",
    "au_incorporated_association": "Australian incorporated association",
    "au_registered_charity": "Australian registered charity",
    "other": "Another legal form",
}
PRECISION = {
    "address": "street address",
    "city": "city",
    "region": "state or region only",
    "country": "country only",
}
OFFICE_STATUS = {
    "active": "Active",
    "abolished": "Abolished",
    "merged": "Merged into another body",
    "renamed": "Renamed",
    "unknown": "Status not known",
}
LISTING_STATUS = {
    "named": "Office named",
    "empty": "No entry",
    "not_available": "Not available",
    "no_office": "No office",
}
EVENTS = {
    "established": "Established",
    "renamed": "Renamed",
    "merged": "Merged",
    "abolished": "Abolished",
    "downgraded": "Downgraded",
    "reorganised": "Reorganised",
    "reestablished": "Re-established",
    "split": "Split",
    "restructured": "Restructured",
    "reassigned": "Moved to another ministry",
}
HISTORY_EVENTS = {
    "asserted": "Stated",
    "retracted": "Withdrawn by its source",
    "judgement": "A person's judgement",
}
DATASETS = {
    "frehywot2019": "the 2019 paper (Frehywot et al.)",
    "web2026": "public web pages (collected 2026)",
    "geocode": "located with the GeoNames gazetteer",
    "name_inference": "read from the organisation's name and web address",
    "judgement": "a curator's judgement",
    "update2026": "the 2026 update",
    "verify": "website checks",
    "pages": "read from the organisation's website",
    "synthesis": "focuses and roles read from its texts",
    "screen-inventory": "the inventory screened against the criteria",
}
# Datasets named after a search run (``<stage>-<run id>``): the words before the run's id.
RUN_DATASETS = {
    "search-": "the search run",
    "resolve-": "the candidates resolved from the search run",
    "screen-": "the screening of the search run",
}
CHOICE_REASONS = {
    "judgement": "a curator judged it right",
    "preferred_by_source": "preferred by its source",
    "most_recent_source": "the most recent source",
    "proposed_fills_gap": "read from a web page; no other source gives it",
}
SEVERITY = {"error": "Error", "warning": "Warning", "info": "Note"}
VERDICTS = {
    "reproduced": "Reproduced",
    "not_reproduced": "Not reproduced",
    "not_reproducible": "Cannot be recomputed",
}
FINDINGS = {
    "claim_not_reproduced": "A claim not reproduced",
    "claim_not_reproducible": "A claim that cannot be recomputed",
    "claim_reproduced": "A claim reproduced",
    "continent_grouping_differs": "Continents grouped differently",
    "documented_exception": "The paper's documented exception",
    "entry_without_office": "A Table 2 entry without an office",
    "list_country_without_organisation": "A listed country without an organisation",
    "lmic_missing_from_table2": "LMICs missing from Table 2",
    "not_a_government_body": "Not a government body",
    "origin_not_in_study_lmic_list": "An origin not on the study's LMIC list",
    "origin_not_lmic_now": "An origin that is not an LMIC now",
    "row_merges_countries": "A row that merges countries",
    "two_names_one_country": "Two names for one country",
    "website_not_government_domain": "A website outside a government domain",
    "website_other_country": "A website in another country's domain",
    "website_shared_by_countries": "A website shared by countries",
}
PROPERTIES = {
    "name": "Name",
    "alias": "Other names and acronyms",
    "host_iso3": "Host country",
    "origin_iso3": "Origin country",
    "origin_subnational": "Origin region",
    "website": "Website (2019)",
    "website_current": "Website (current)",
    "online_presence": "Online presence",
    "social_url": "Social media page",
    "email": "E-mail",
    "phone": "Telephone",
    "founded_year": "Founded",
    "incorporated_year": "Incorporated",
    "established_year": "Established",
    "legal_form": "Legal form",
    "registration_id": "Registration number",
    "mission_summary": "Mission (summary)",
    "mission_quote": "Mission (in its own words)",
    "role": "Roles",
    "hq_street": "Street or P.O. box",
    "hq_city": "City",
    "hq_region": "State or region",
    "hq_postcode": "Postcode",
    "hq_country": "Country of the headquarters",
    "hq_country_iso3": "Country of the headquarters",
    "hq_lat": "Latitude",
    "hq_lon": "Longitude",
    "hq_precision": "Located to",
    "hq_region_code": "Region code",
    "hq_geonames_id": "GeoNames place",
    "paper_row": "Row in Table 1",
    "paper_note": "Note in the paper",
    "status_note": "Status note",
    "status": "Status",
    "listed_in": "Listed in",
    "narrative": "What the paper says",
    "not_found": "Looked for, not found",
    "parent": "Part of",
    "institution_type": "Institution type (2019)",
    "current_institution_type": "Institution type now",
    "current_name": "Name now",
    "new_body": "A newer body",
    "event": "Dated events",
    "country_iso3": "Country",
    "listing": "Table 2 row",
    "position": "Position in the row",
    "inferred_host_iso3": "Host country read from the name",
    "inferred_origin_iso3": "Origin country read from the name",
    "inventory": "Inventory",
    "check_outcome": "Website check",
    "check_final_url": "Checked address led to",
    "check_status": "HTTP status at the check",
    "check_title": "Page title at the check",
    "check_content_hash": "Page content hash at the check",
    "check_archived_url": "Archived copy (Internet Archive)",
    "page_text": "Text read from its website",
}
# The inventories an organisation can belong to (store.directory_index.inventory_of).
INVENTORY = {"frehywot2019": "2019 (Frehywot et al.)", "update2026": "2026 update"}


def website_today_labels() -> dict[str, str]:
    """The since-2019 groups of a 2019 website (model.websites), in words."""
    return {g.group: g.label for g in groups().values()}


def check_outcome_labels() -> dict[str, str]:
    """What one website check found, in words (data/rules/website_outcomes.csv)."""
    return {o.value: rule.label for o, rule in outcome_rules().items()}


VOCABULARIES: Mapping[str, Mapping[str, str]] = {
    "presence": PRESENCE,
    "verified": VERIFIED,
    "income": INCOME,
    "role": ROLES,
    "institution_type": INSTITUTION_TYPES,
    "legal_form": LEGAL_FORMS,
    "precision": PRECISION,
    "office_status": OFFICE_STATUS,
    "status": LISTING_STATUS,
    "event": EVENTS,
    "history_event": HISTORY_EVENTS,
    "dataset": DATASETS,
    "choice_reason": CHOICE_REASONS,
    "severity": SEVERITY,
    "verdict": VERDICTS,
    "finding": FINDINGS,
    "property": PROPERTIES,
    "inventory": INVENTORY,
}


def words(code: str) -> str:
    """A code as words when no label is known: 'not_reproduced' -> 'Not reproduced'."""
    return code.replace("_", " ").strip().capitalize()


def label(kind: str, code: str) -> str:
    """The words for a code of one vocabulary (never the bare code)."""
    if kind == "website_today":
        table: Mapping[str, str] = website_today_labels()
    elif kind == "check_outcome":
        table = check_outcome_labels()
    else:
        table = VOCABULARIES.get(kind, {})
    found = table.get(code)
    if found is not None:
        return found
    if kind == "dataset":
        prefix = next((p for p in RUN_DATASETS if code.startswith(p)), "")
        if prefix:
            return f"{RUN_DATASETS[prefix]} {code.removeprefix(prefix)}"
    return words(code) if "_" in code or kind in ("property", "event") else code
