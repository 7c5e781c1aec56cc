"""What a website check's outcome means for criterion I5 ("an active webpage").

An outcome's group is the verifier's data (``model.websites.group_of``, from
``data/rules/website_outcomes.csv``). A page that still answers (the site, another domain it
moved to, a social network page: the 2019 list counts Facebook pages) is active; a dead or
parked one is not; an undetermined check (or an outcome the table does not know) says
nothing.
"""

from __future__ import annotations

from diaspora_atlas.model.websites import group_of

ACTIVE = frozenset({"alive", "moved", "social_only"})
INACTIVE = frozenset({"dead", "parked"})

__all__ = ["ACTIVE", "INACTIVE", "group_of"]
