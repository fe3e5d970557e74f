"""Events across reports: one real-world event per node, with every article that reports it."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from ..answers import answer
from ..deps import QueriesDep
from .entities import EventType

router = APIRouter(prefix="/events", tags=["events"])

EVENTS_EXAMPLE = {
    "total": 1, "limit": 50, "offset": 0,
    "events": [{
        "id": "event/d51ca1f4855e6171bb02", "event_type": "Arrest",
        "agents": [{"id": "organization/pakistani-police", "label": "Pakistani police"}],
        "targets": [{"id": "person/abu-zubaydah", "label": "Abu Zubaydah"}],
        "places": [{"id": "location/peshawar", "label": "Peshawar"}],
        "sources": 2, "reports": 2, "articles": ["a1", "a2"],
        "statements": ["4b6e6e05c2f7e11bbf2f", "de197f7f8b5f4079072e"],
        "first": "2002-03-28", "last": "2002-03-30", "claims": 1, "denials": 1, "conflict": True,
    }],
}
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # a day, as text: pydantic's date would take "0" for 1970-01-01
EntityRef = Annotated[str | None, Query(max_length=200, pattern=r"^(person|organization|location)/[a-z0-9-]+$",
                                        examples=["location/pakistan"])]


@router.get("", summary="Events across reports, most independent sources first",
            responses={200: {"content": {"application/json": {"example": EVENTS_EXAMPLE}}},
                       400: {"description": "since after until, or no such day"}, 404: {"description": "No such place"}})
async def list_events(
    queries: QueriesDep,
    entity: Annotated[EntityRef, Query(description="Only events this entity is agent or target of.")] = None,
    type: Annotated[EventType | None, Query(description="Only events of this class.")] = None,
    place: Annotated[EntityRef, Query(description="Only events at this place or a place inside it.")] = None,
    since: Annotated[str | None, Query(pattern=DAY, examples=["2002-03-01"],
                                       description="Only events with a report dated on or after this day.")] = None,
    until: Annotated[str | None, Query(pattern=DAY, examples=["2002-03-31"],
                                       description="Only events with a report dated on or before this day.")] = None,
    min_sources: Annotated[int, Query(ge=1, le=1000, description="Only events this many publishers report.")] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    for name, value in (("since", since), ("until", until)):
        try:
            value and date.fromisoformat(value)
        except ValueError:
            raise HTTPException(400, f"{name} is not a day: {value}") from None
    if since and until and since > until:
        raise HTTPException(400, "since is after until")
    return await answer(queries, "events", entity, type, place, since, until, min_sources, limit, offset)
