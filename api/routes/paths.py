"""How two entities are connected."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ..answers import answer
from ..deps import QueriesDep
from ..examples import PATHS_EXAMPLE, not_found

router = APIRouter(tags=["entities"])


@router.get("/paths", summary="Shortest chains of statements between two entities (either direction)",
            responses={200: {"content": {"application/json": {"example": PATHS_EXAMPLE}}}, **not_found("entity"),
                       400: {"description": "A search too broad: lower max_depth"}})
async def paths(
    queries: QueriesDep,
    from_: Annotated[str, Query(alias="from", max_length=500, description="Entity id", examples=["location/iraq"])],
    to: Annotated[str, Query(max_length=500, description="Entity id", examples=["organization/islamic-state"])],
    max_depth: Annotated[int, Query(ge=1, le=4, description="Longest chain to look for.")] = 3,
    limit: Annotated[int, Query(ge=1, le=100, description="Most paths to return.")] = 10,
) -> Response:
    return await answer(queries, "paths", from_, to, max_depth, limit)
