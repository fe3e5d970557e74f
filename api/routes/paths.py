"""How two entities are connected."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from kg import graph_queries as gq

from ..deps import StoreDep
from ..examples import PATHS_EXAMPLE, not_found

router = APIRouter(tags=["entities"])


@router.get("/paths", summary="Shortest chains of statements between two entities (either direction)",
            responses={200: {"content": {"application/json": {"example": PATHS_EXAMPLE}}}, **not_found("entity"),
                       400: {"description": "A search too broad: lower max_depth"}})
def paths(
    store: StoreDep,
    from_: Annotated[str, Query(alias="from", max_length=500, description="Entity id", examples=["location/iraq"])],
    to: Annotated[str, Query(max_length=500, description="Entity id", examples=["organization/islamic-state"])],
    max_depth: Annotated[int, Query(ge=1, le=4, description="Longest chain to look for.")] = 3,
    limit: Annotated[int, Query(ge=1, le=100, description="Most paths to return.")] = 10,
) -> JSONResponse:
    try:
        return JSONResponse(gq.paths(store, from_, to, max_depth, limit))
    except gq.NotFound as exc:
        raise HTTPException(404, f"no entity with id {exc.args[0]!r}") from None
    except gq.TooBroad as exc:
        raise HTTPException(400, str(exc)) from None
