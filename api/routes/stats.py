from __future__ import annotations

from fastapi import APIRouter

from kg.stats import stats

from ..deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/stats", summary="Counts of articles, entities by type, statements, events by type, triples")
def get_stats(store: StoreDep) -> dict:
    return stats(store).as_dict()
