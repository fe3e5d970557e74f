from __future__ import annotations

from fastapi import APIRouter

from kg import __version__

from ..deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Liveness: the store answers a query (cheap at any size; counts are in /stats)")
def health(store: StoreDep) -> dict:
    has_data = store.ask("ASK { GRAPH ?g { ?s ?p ?o } }")
    return {"status": "ok", "version": __version__, "has_data": has_data}
