"""Entities: search by label or alias, one entity, its neighbours."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Response

from kg import graph_queries as gq

from ..answers import answer
from ..deps import QueriesDep, StoreDep
from ..examples import ENTITY_EXAMPLE, NEIGHBOURS_EXAMPLE, SEARCH_EXAMPLE, not_found

router = APIRouter(prefix="/entities", tags=["entities"])

EntityType = Literal["Person", "Organization", "Location"]
EventType = Literal[tuple(gq.EVENT_TYPES)]  # type: ignore[valid-type]
EntityId = Annotated[str, Path(description="An entity id: its type and slug, as in `location/iraq`.",
                               examples=["location/iraq"])]


@router.get("", summary="Search entities by label or alias: ranked exact, prefix, word, substring, then fuzzy matches",
            responses={200: {"content": {"application/json": {"example": SEARCH_EXAMPLE}}}})
async def search(
    queries: QueriesDep,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description=(
        "Text in a label or alias, case and accents ignored: exact matches first, then names that start with it, "
        "words that start with it, names that contain it, and close spellings (a typo or two); within each, "
        "entities in more statements first. Empty lists all by label."), examples=["ira"])] = "",
    type: Annotated[EntityType | None, Query(description="Only entities of this type.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    return await answer(queries, "search", q, type, limit, offset, getattr(store, "search_index_file", None))


@router.get("/{id:path}/neighbours", summary="Entities connected to one, with the statements that connect them",
            responses={200: {"content": {"application/json": {"example": NEIGHBOURS_EXAMPLE}}}, **not_found("entity"),
                       400: {"description": "since after until, or a search too broad"}})
async def neighbours(
    queries: QueriesDep,
    id: EntityId,
    depth: Annotated[int, Query(ge=1, le=3, description="How many statements away.")] = 1,
    relation: Annotated[str | None, Query(max_length=200, description="Only this relation label, e.g. `capture`.")] = None,
    event_type: Annotated[EventType | None, Query(description="Only statements of this event class.")] = None,
    direction: Annotated[Literal["in", "out", "both"], Query(
        description="`out`: the entity is the agent; `in`: the target.")] = "both",
    since: Annotated[date | None, Query(description="Only statements dated on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Only statements dated on or before this day.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    if since and until and since > until:
        raise HTTPException(400, "since is after until")
    return await answer(queries, "neighbours", id, depth, relation, event_type, direction,
                        since.isoformat() if since else None, until.isoformat() if until else None, limit, offset)


@router.get("/{id:path}", summary="One entity: label, aliases, type, counts, articles",
            responses={200: {"content": {"application/json": {"example": ENTITY_EXAMPLE}}}, **not_found("entity")})
async def get_entity(queries: QueriesDep, id: EntityId) -> Response:
    return await answer(queries, "entity", id)
