"""Statements: one extracted claim with its provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import JSONResponse

from kg import graph_queries as gq

from ..deps import StoreDep
from ..examples import STATEMENT_EXAMPLE, not_found

router = APIRouter(prefix="/statements", tags=["statements"])


@router.get("/{id}", summary="One statement with its sentence, offsets, article and attribution",
            responses={200: {"content": {"application/json": {"example": STATEMENT_EXAMPLE}}}, **not_found("statement")})
def get_statement(store: StoreDep, id: Annotated[str, Path(max_length=200, examples=["e1e81d350c42bc35a6e7"])]) -> JSONResponse:
    try:
        return JSONResponse(gq.statement(store, id))
    except gq.NotFound:
        raise HTTPException(404, f"no statement with id {id!r}") from None
