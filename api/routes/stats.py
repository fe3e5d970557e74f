"""Counts of what the store holds."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ..answers import answer
from ..deps import QueriesDep

router = APIRouter(tags=["service"])


@router.get("/stats", summary="Counts of articles, entities by type, statements, events by type, triples",
            responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}})
async def get_stats(queries: QueriesDep) -> Response:
    return await answer(queries, "stats")
