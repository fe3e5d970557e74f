"""Corrections: an analyst's merges, splits, rejections and renames, kept across re-extraction (kg.corrections)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from kg import corrections as corr
from kg.sparql import term_n3
from kg.vocab import ID

from ..deps import QueriesDep, StoreDep, WriteAccess, WriteLockDep

router = APIRouter(prefix="/corrections", tags=["corrections"])

_WRITE_ERRORS = {400: {"description": "A body that is not JSON"}, 401: {"description": "Missing or wrong token"}, 403: {"description": "Writes are disabled"},
                 404: {"description": "No such entity, statement or correction"},
                 409: {"description": "Already recorded, or contradicts a recorded correction"},
                 422: {"description": "Not a correction that can be made (unknown kind, missing field ...)"}}
_NEEDS = {"merge": ("entity", "into"), "split": ("entity", "apart_from"), "rename": ("entity", "label"),
          "reject": ("statement",)}


class CorrectionIn(BaseModel):
    """A correction. merge: ``entity`` into ``into``; split: ``entity`` (as extracted) apart from ``apart_from``;
    rename: ``entity`` to ``label``; reject: ``statement`` (its id, as in ``GET /statements/{id}``)."""

    kind: str = Field(max_length=20, examples=["merge"])
    entity: str | None = Field(None, max_length=300, examples=["person/usama-bin-ladin"])
    into: str | None = Field(None, max_length=300, examples=["person/osama-bin-laden"])
    apart_from: str | None = Field(None, max_length=300)
    statement: str | None = Field(None, max_length=200)
    label: str | None = Field(None, max_length=corr.ledger.MAX_LABEL)
    note: str | None = Field(None, max_length=2000)
    analyst: str | None = Field(None, max_length=200, description="Who makes it; default: api.")


def _entity(id_: str | None):
    iri = ID[id_ or ""]
    try:
        term_n3(iri)
    except ValueError:
        raise HTTPException(404, f"no entity with id {id_!r}") from None
    return iri


def _correction(body: CorrectionIn) -> corr.Correction:
    if body.kind not in corr.KINDS:
        raise HTTPException(422, f"unknown kind of correction {body.kind!r}: use merge, split, reject or rename")
    missing = [name for name in _NEEDS[body.kind] if not getattr(body, name)]
    if missing:
        raise HTTPException(422, f"a {body.kind} needs {' and '.join(_NEEDS[body.kind])}")
    common = {"analyst": body.analyst or "api", "note": body.note}
    if body.kind == "reject":
        statement = ID["statement/" + body.statement]
        try:
            term_n3(statement)
        except ValueError:
            raise HTTPException(404, f"no statement with id {body.statement!r}") from None
        return corr.Correction("reject", statement=statement, **common)
    other = body.into if body.kind == "merge" else body.apart_from
    return corr.Correction(body.kind, _entity(body.entity), _entity(other) if other else None, body.label, **common)


@router.get("", summary="The corrections, oldest first")
async def list_corrections(store: StoreDep) -> dict:
    found = await run_in_threadpool(corr.corrections, store)
    return {"total": len(found), "corrections": [c.as_dict() for c in found]}


@router.post("", status_code=201, summary="Make a correction and apply it to the stored articles it concerns",
             responses=_WRITE_ERRORS)
async def add_correction(body: CorrectionIn, store: StoreDep, queries: QueriesDep, lock: WriteLockDep,
                         _: WriteAccess) -> dict:
    made, rewritten = await _write(lock, queries, corr.record, store, _correction(body))
    return {**made.as_dict(), "articles_rewritten": rewritten}


@router.delete("/{id}", summary="Undo a correction: the articles it changed are as extraction made them again",
               responses=_WRITE_ERRORS)
async def undo_correction(store: StoreDep, queries: QueriesDep, lock: WriteLockDep, _: WriteAccess,
                          id: Annotated[str, Path(pattern=r"^[0-9a-f]{1,40}$", examples=["1464ee96a464"])]) -> dict:
    undone, rewritten = await _write(lock, queries, corr.undo, store, id)
    return {"undone": undone.as_dict(), "articles_rewritten": rewritten}


async def _write(lock, queries, change, *args):
    """Run a correction change under the write lock; its error as the HTTP answer; readers see the new snapshot."""
    async with lock:
        try:
            result = await run_in_threadpool(change, *args)
        except corr.CorrectionError as exc:
            raise HTTPException(exc.status, str(exc)) from None
        await queries.refresh()
    return result
