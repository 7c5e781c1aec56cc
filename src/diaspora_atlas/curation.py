"""Curators' judgements from the command line: checked, recorded append-only, and the read
models rebuilt so that every page and export shows them at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model import Judgement, JudgementKind
from diaspora_atlas.protocol import Protocol, load_protocol

ACTIONS = {
    "right": JudgementKind.CORRECT,
    "wrong": JudgementKind.WRONG,
    "confirm": JudgementKind.CONFIRM,
    "same": JudgementKind.SAME,
    "different": JudgementKind.DIFFERENT,
    "unsure": JudgementKind.UNSURE,
    "include": JudgementKind.INCLUDE,
    "exclude": JudgementKind.EXCLUDE,
    "undo": JudgementKind.UNDO,
}


@dataclass(frozen=True)
class JudgeRequest:
    action: str
    entity: str
    author: str
    prop: str = ""
    value: str = ""
    other: str = ""
    reason: str = ""
    note: str = ""


def judge(request: JudgeRequest, protocol: Protocol | None = None) -> dict[str, Any]:
    """Check the request against the store (and an exclusion's reason code against the
    protocol's), record it, rebuild the read models."""
    from diaspora_atlas.store.runtime import open_store

    if request.action == "exclude":
        _check_reason(request.reason, protocol or load_protocol())
    open_store()
    from diaspora_atlas.store.facade import SqlStore

    store = SqlStore()
    judgement = _checked(request, store)
    stored = store.record_judgement(judgement)
    store.rebuild_read_models()
    return _as_json(stored)


def list_judgements(entity: str = "") -> list[dict[str, Any]]:
    from diaspora_atlas.store.runtime import open_store

    open_store()
    from diaspora_atlas.store.facade import SqlStore

    found = SqlStore().judgements([entity] if entity else None)
    unique = {j.id: j for rows in found.values() for j in rows}
    return [_as_json(j) for _, j in sorted(unique.items(), key=lambda kv: kv[0] or 0)]


def _as_json(j: Judgement) -> dict[str, Any]:
    return {
        "id": j.id,
        "kind": j.kind.value,
        "subject": j.subject_id,
        "object": j.object_id,
        "prop": j.prop,
        "value": j.value,
        "reason_code": j.reason_code,
        "note": j.note,
        "author": j.author,
        "created_at": j.created_at,
        "undoes": j.undoes,
        "text": f"{j.subject_id}: {j.describe()}",
    }


def _checked(request: JudgeRequest, store: Any) -> Judgement:
    kind = ACTIONS[request.action]
    if not request.author.strip():
        raise UsageError("a judgement needs an author", "pass --author NAME")
    if kind == JudgementKind.UNDO:
        if not request.entity.isdecimal():
            raise UsageError(
                f"undo takes a judgement id, not {request.entity!r}",
                "find it with `diaspora-atlas judge list`",
            )
        return Judgement(kind, "", request.author, note=request.note, undoes=int(request.entity))
    entity = _entity(store, request.entity)
    if kind in (JudgementKind.CORRECT, JudgementKind.WRONG):
        _check_value(entity, request, kind)
    if kind in (JudgementKind.SAME, JudgementKind.DIFFERENT, JudgementKind.UNSURE):
        _entity(store, request.other)
    return Judgement(
        kind=kind,
        subject_id=request.entity,
        author=request.author,
        object_id=request.other,
        prop=request.prop,
        value=request.value,
        reason_code=request.reason,
        note=request.note,
    )


def _check_reason(reason: str, protocol: Protocol) -> None:
    codes = [r.code for r in protocol.exclusion_reasons()]
    if not reason:
        raise UsageError("an exclusion needs a reason code", "pass --reason " + " | ".join(codes))
    if reason not in codes:
        raise UsageError(
            f"{reason!r} is not a reason code of the protocol {protocol.id}",
            "use one of " + ", ".join(codes),
        )


def _entity(store: Any, entity_id: str) -> Any:
    from diaspora_atlas.model import Schema

    if not entity_id:
        raise UsageError("which organisation or office?", "give its id, e.g. org-…")
    for schema in (Schema.ORGANISATION, Schema.OFFICE):
        found = store.entity_views(schema).get(entity_id)
        if found is not None:
            return found
    raise UsageError(
        f"no organisation or office has the id {entity_id!r}",
        "ids are shown on each record's page and in organisations.csv",
    )


def _check_value(entity: Any, request: JudgeRequest, kind: JudgementKind) -> None:
    if not request.prop or not request.value:
        raise UsageError(f"`{request.action}` needs --prop and --value", "e.g. --prop founded_year")
    known = {s.value for s in entity.facts.get(request.prop, ())}
    known |= {s.value for pairs in entity.rejected.get(request.prop, ()) for s in pairs[:1]}
    if kind == JudgementKind.WRONG and request.value not in known:
        shown = ", ".join(sorted(known)) or "none"
        raise UsageError(
            f"{request.entity} has no value {request.value!r} for {request.prop}",
            f"its values are: {shown}",
        )
