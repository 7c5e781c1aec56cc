"""Resolution of candidate mentions into organisations (issue 11 item 1): names folded and
compared word by word, own web domains and stated acronyms, blocking, constrained
clustering that keeps hosts and origins apart, chapters folded into their headquarters,
links to the inventory; every link with its score and evidence; people's same / different
judgements always respected. Pure: the stage (``stage.py``) does the store's reading and
writing. See docs/screening.md."""

from diaspora_atlas.resolve.candidates.resolver import Resolution, resolve_mentions
from diaspora_atlas.resolve.candidates.types import Member, MentionIn, ResolvedCluster, cluster_id

__all__ = ["Member", "MentionIn", "Resolution", "ResolvedCluster", "cluster_id", "resolve_mentions"]
