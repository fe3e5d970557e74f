"""The analyst's explorer: one HTML page at ``/`` (plain HTML and JS in ``api/static``, no build step)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from ..static import STATIC

router = APIRouter(include_in_schema=False)


@router.get("/")
async def explorer() -> FileResponse:
    return FileResponse(STATIC / "explorer.html", media_type="text/html")
