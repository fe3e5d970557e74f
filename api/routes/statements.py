"""Statements: one extracted claim with its provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from ..answers import answer
from ..deps import QueriesDep
from ..examples import STATEMENT_EXAMPLE, not_found

router = APIRouter(prefix="/statements", tags=["statements"])


@router.get("/{id}", summary="One statement with its sentence, offsets, article and attribution",
            responses={200: {"content": {"application/json": {"example": STATEMENT_EXAMPLE}}}, **not_found("statement")})
async def get_statement(queries: QueriesDep,
                        id: Annotated[str, Path(max_length=200, examples=["e1e81d350c42bc35a6e7"])]) -> Response:
    return await answer(queries, "statement", id)
