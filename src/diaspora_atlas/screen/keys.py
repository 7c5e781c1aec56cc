"""One key per decision, mapped from the protocol's reason codes: ``i`` includes, ``1``…``9``
then ``a``…``h`` exclude with the protocol's reason codes in the order the protocol gives
them (its criteria's, then its other reasons); ``u`` undoes, ``s`` skips, ``q`` quits,
``?`` shows the keys."""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model import JudgementKind
from diaspora_atlas.protocol import Protocol

INCLUDE_KEY, UNDO_KEY, SKIP_KEY, QUIT_KEY, HELP_KEY = "i", "u", "s", "q", "?"
REASON_KEYS = "123456789abcdefgh"


@dataclass(frozen=True)
class Keys:
    reasons: tuple[tuple[str, str, str], ...]  # (key, reason code, wording)

    def decision(self, key: str) -> tuple[JudgementKind, str]:
        if key == INCLUDE_KEY:
            return JudgementKind.INCLUDE, ""
        for k, code, _ in self.reasons:
            if key in (k, code):
                return JudgementKind.EXCLUDE, code
        raise UsageError(f"{key!r} is not a decision key", "press ? for the keys")

    def legend(self) -> list[str]:
        lines = [f"  {INCLUDE_KEY}  include"]
        lines += [f"  {k}  exclude: {code} — {wording[:70]}" for k, code, wording in self.reasons]
        lines += [f"  {UNDO_KEY}  undo your last decision", f"  {SKIP_KEY}  skip for now",
                  f"  {QUIT_KEY}  quit (resume any time)"]  # fmt: skip
        return lines


def keys_for(protocol: Protocol) -> Keys:
    reasons = protocol.exclusion_reasons()
    if len(reasons) > len(REASON_KEYS):
        raise UsageError(
            f"protocol {protocol.id} has {len(reasons)} reason codes; one key each fits "
            f"{len(REASON_KEYS)}",
            "merge some reason codes in the protocol",
        )
    return Keys(tuple((REASON_KEYS[n], r.code, r.wording) for n, r in enumerate(reasons)))
