from __future__ import annotations

from fastapi import APIRouter

from kg import __version__

from ..deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Liveness and store size")
def health(store: StoreDep) -> dict:
    return {"status": "ok", "version": __version__, "quads": len(store)}
