"""The graph as a file for Gephi, yEd, networkx or a spreadsheet."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response

from kg.errors import KGError
from kg.export import MEDIA_TYPES, Filters, export_filename

from ..answers import answer
from ..deps import QueriesDep

router = APIRouter(prefix="/export", tags=["export"])

MEDIA = {f: MEDIA_TYPES[f] for f in ("gexf", "graphml", "json", "csv")}


@router.get(
    "/graph.{format}",
    summary="The entity graph as GEXF, GraphML, node-link JSON or CSV (a zip of nodes.csv and edges.csv)",
    response_class=Response,
    responses={200: {"content": {m: {"schema": {"type": "object"} if m == "application/json" else
                                          {"type": "string", "format": "binary"}} for m in MEDIA.values()}},
               400: {"description": "A filter that does not parse (unknown type, bad date, unknown entity form)"}},
)
async def export_graph(
    queries: QueriesDep,
    format: Literal["gexf", "graphml", "json", "csv"],
    entity_type: Annotated[list[str] | None, Query(description="Only these entity types (repeatable).",
                                                   examples=["Person"])] = None,
    event_type: Annotated[list[str] | None, Query(description="Only statements of these event classes (repeatable).",
                                                  examples=["Capture"])] = None,
    since: Annotated[str | None, Query(max_length=40, description="Statements dated on or after (ISO date, month "
                                                                  "or year).", examples=["2019"])] = None,
    until: Annotated[str | None, Query(max_length=40, description="Statements dated on or before.")] = None,
    min_confidence: Annotated[float, Query(ge=0, le=1, description="Lowest statement confidence.")] = 0.0,
    entity: Annotated[str | None, Query(max_length=500, description="Centre of an ego network (entity id).",
                                        examples=["location/iraq"])] = None,
    depth: Annotated[int, Query(ge=0, le=5, description="Hops around `entity`.")] = 1,
) -> Response:
    try:
        filters = Filters.parse(entity_type, event_type, since, until, min_confidence, entity, depth)
    except KGError as exc:
        raise HTTPException(400, str(exc)) from None
    return await answer(queries, "export", format, filters,
                        headers={"Content-Disposition": f'attachment; filename="{export_filename(format)}"'})
