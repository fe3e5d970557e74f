"""SPARQL 1.1 Protocol endpoint (query by GET)."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Response

from kg.errors import QueryError

from ..deps import StoreDep

router = APIRouter(tags=["sparql"])

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}
GRAPH_TYPE = ("text/turtle", ox.RdfFormat.TURTLE)


@router.get("/sparql", summary="Run a SPARQL query")
def sparql_get(store: StoreDep, query: str = Query(..., description="A SPARQL 1.1 query")) -> Response:
    try:
        result = store.query(query)
    except QueryError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    if isinstance(result, ox.QueryTriples):
        return Response(result.serialize(format=GRAPH_TYPE[1]), media_type=GRAPH_TYPE[0])
    media_type = "application/sparql-results+json"
    return Response(result.serialize(format=RESULT_TYPES[media_type]), media_type=media_type)
