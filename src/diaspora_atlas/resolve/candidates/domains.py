"""An organisation's own web domain, when a page's address is one.

A search hit's address is evidence of identity only when it is the organisation's own site:
its domain label spells the organisation's acronym or two of its name's words
("aapiusa.org" for the American Association of Physicians of Indian Origin, AAPI;
"afghanmed.org" for the Afghan Medical Association of America). News sites, journals and
registers name many organisations and say nothing. Hosting platforms and social networks
are data (``data/rules/hosting_platforms.csv``).
"""

from __future__ import annotations

import re
from functools import cache

from diaspora_atlas.model.addresses import host_of, registrable_domain
from diaspora_atlas.refdata import normalise_name
from diaspora_atlas.refdata.paths import rule_rows

SMALL = frozenset({"of", "the", "and", "for", "in", "at", "on", "a", "an", "de", "du"})
MIN_ACRONYM = 3
MIN_PREFIX = 3  # a word is spelt in a label by its first three letters ("afghanmed")
STRONG_PREFIX = 5  # ... and at least one of them by five ("afgha")


@cache
def platforms() -> dict[str, str]:
    """Host suffix -> ``social`` or ``subdomain``."""
    rows = rule_rows("hosting_platforms.csv", ("suffix", "kind"))
    return {row["suffix"]: row["kind"] for row in rows}


def site_of(url: str) -> str:
    """The site an address belongs to: its registrable domain ("aapiusa.org",
    "bmsuk.org.uk": ``model.addresses.registrable_domain``), or the subdomain on a hosting
    platform; "" for social networks and for text that is no address."""
    host = host_of(url).removeprefix("www.")
    if "." not in host:
        return ""
    for suffix, kind in platforms().items():
        if host == suffix or host.endswith("." + suffix):
            return "" if kind == "social" or host == suffix else host
    return registrable_domain(host)


def acronyms(name: str, stated: str | None = None) -> set[str]:
    """The acronyms a name may go by: the stated one and the initials of its words (with and
    without small words), folded."""
    words = normalise_name(name).split()
    found = {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in SMALL)}
    if stated:
        found.add(re.sub(r"[^a-z0-9]", "", normalise_name(stated)))
    return {a for a in found if len(a) >= MIN_ACRONYM}


def own_domain(url: str, name: str, stated_acronym: str | None = None) -> tuple[str, str]:
    """(the site, why it is the organisation's own) or ("", "") when the address does not
    look like the organisation's own site."""
    site = site_of(url)
    if not site:
        return "", ""
    label = re.sub(r"[^a-z0-9]", "", site.split(".")[0])
    for acronym in sorted(acronyms(name, stated_acronym), key=len, reverse=True):
        # initials of five letters or more may drop the last ("aapiusa" for AAPIO: AAPI)
        for initials in (acronym, acronym[:-1] if len(acronym) >= 5 else ""):
            if initials and label.startswith(initials):
                return site, f"the site {site} spells the acronym {initials.upper()}"
    words = [w for w in normalise_name(name).split() if len(w) > MIN_PREFIX and w not in SMALL]
    spelt = [w for w in words if w[:MIN_PREFIX] in label]
    if len(spelt) >= 2 and any(w[:STRONG_PREFIX] in label for w in spelt):
        return site, f"the site {site} spells the name's words {', '.join(spelt[:3])}"
    return "", ""
