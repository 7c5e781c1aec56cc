"""Reading a live site's pages for the facts a user needs, each with the sentence it comes
from: postal address, e-mail, phone, founding year, social links, the current name.

What is read is proposed, never asserted: ``verify.statements`` writes each ``Proposal``
as a statement with ``proposed=True``, which the projection shows only where no source
gives a value (model/projection.py)."""

from diaspora_atlas.verify.reading.propose import Proposal, read_page, read_pages

__all__ = ["Proposal", "read_page", "read_pages"]
