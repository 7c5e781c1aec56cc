"""Human words for the codes the directory shows (vocabularies are in docs/vocabulary.md)."""

from __future__ import annotations

from diaspora_atlas.model.vocabulary import InstitutionType, OnlinePresence, Role
from diaspora_atlas.model.websites import groups
from diaspora_atlas.refdata import IncomeGroup

FACET_TITLES = {
    "host": "Host country",
    "origin": "Origin country",
    "continent": "Continent of origin",
    "income": "Income group of origin",
    "role": "Roles",
    "presence": "Online presence",
    "verified": "Verification",
    "website_today": "Website today",
    "inventory": "Inventory",
}
# The inventories an organisation can belong to (store.directory_index.inventory_of).
INVENTORY = {"frehywot2019": "2019 (Frehywot et al.)", "update2026": "2026 update"}
PRESENCE = {
    OnlinePresence.WEBSITE.value: "Own website",
    OnlinePresence.FACEBOOK_ONLY.value: "Facebook page only",
    OnlinePresence.NONE.value: "No website",
}
VERIFIED = {"verified": "Verified", "not_verified": "Not yet verified"}
INCOME = {g.value: g.label for g in IncomeGroup}
ROLES = {r.value: r.value.replace("_", " ").capitalize() for r in Role}
ROLES.update(
    {
        Role.MIGRANT_CARE_HOST_COUNTRY.value: "Care for migrants in the host country",
        Role.PROFESSIONAL_SOCIAL_NETWORKING.value: "Professional and social networking",
        Role.TELEMEDICINE_DISTANCE_LEARNING.value: "Telemedicine and distance learning",
        Role.RESEARCH_PUBLICATION.value: "Research and publication",
        Role.TRAINING_EDUCATION.value: "Training and education",
        Role.SCHOLARSHIPS_FELLOWSHIPS.value: "Scholarships and fellowships",
        Role.CULTURAL_COMMUNITY_EVENTS.value: "Cultural and community events",
    }
)
INSTITUTION_TYPES = {t.value: t.value.replace("_", " ").capitalize() for t in InstitutionType}
INSTITUTION_TYPES[InstitutionType.NOT_GOVERNMENT.value] = "Not a government body"
SORT_LABELS = {
    "relevance": "Best match",
    "name": "Name A–Z",
    "-name": "Name Z–A",
    "row": "Paper's Table 1 order",
    "-row": "Table 1, last first",
    "founded": "Founded, oldest first",
    "-founded": "Founded, newest first",
    "host": "Host country",
}
LISTING_STATUS = {
    "named": "Office named",
    "empty": "No entry",
    "not_available": "Not available",
    "no_office": "No office",
}
HISTORY_EVENTS = {
    "asserted": "Stated",
    "retracted": "Withdrawn by its source",
    "judgement": "A person's judgement",
}
PROPERTY_LABELS = {
    "name": "Name",
    "alias": "Other names and acronyms",
    "host_iso3": "Host country",
    "origin_iso3": "Origin country",
    "origin_subnational": "Origin region",
    "website": "Website (2019)",
    "website_current": "Website (current)",
    "online_presence": "Online presence",
    "social_url": "Social media",
    "email": "E-mail",
    "phone": "Telephone",
    "founded_year": "Founded",
    "incorporated_year": "Incorporated",
    "legal_form": "Legal form",
    "registration_id": "Registration number",
    "mission_summary": "Mission (summary)",
    "mission_quote": "Mission (in its own words)",
    "role": "Roles",
    "hq_street": "Headquarters street",
    "hq_city": "Headquarters city",
    "hq_region": "Headquarters region",
    "hq_postcode": "Headquarters postcode",
    "hq_country": "Headquarters country",
    "hq_country_iso3": "Headquarters country (code)",
    "hq_lat": "Latitude",
    "hq_lon": "Longitude",
    "hq_precision": "Location precision",
    "hq_region_code": "Region code",
    "hq_geonames_id": "GeoNames id",
    "paper_row": "Row in Table 1",
    "paper_note": "Note in the paper",
    "status_note": "Status note",
    "listed_in": "Listed in",
    "narrative": "What the paper says",
    "not_found": "Looked for, not found",
    "parent": "Parent body",
    "institution_type": "Institution type",
    "current_institution_type": "Institution type now",
    "current_name": "Name now",
    "event": "Events",
    "country_iso3": "Country",
    "listing": "Table 2 row",
    "position": "Position in the row",
    "check_outcome": "Website check",
    "check_final_url": "Checked address led to",
    "check_status": "HTTP status at the check",
    "check_title": "Page title at the check",
    "check_content_hash": "Page content hash at the check",
    "check_archived_url": "Archived copy (Internet Archive)",
}


def website_today_labels() -> dict[str, str]:
    return {g.group: g.label for g in groups().values()}


def label(kind: str, code: str) -> str:
    """The words for a code of one vocabulary (falls back to the code itself)."""
    table = {
        "presence": PRESENCE,
        "verified": VERIFIED,
        "website_today": website_today_labels(),
        "inventory": INVENTORY,
        "income": INCOME,
        "role": ROLES,
        "institution_type": INSTITUTION_TYPES,
        "sort": SORT_LABELS,
        "status": LISTING_STATUS,
        "property": PROPERTY_LABELS,
        "facet": FACET_TITLES,
        "history_event": HISTORY_EVENTS,
    }.get(kind, {})
    return table.get(code, code.replace("_", " ").capitalize() if kind == "property" else code)
