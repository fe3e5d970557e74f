"""The graph as a file for Gephi, yEd, networkx or a spreadsheet."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path as FsPath
from typing import Literal

from fastapi import APIRouter, HTTPException, Response
from starlette.concurrency import run_in_threadpool

from kg.errors import KGError
from kg.export import export

from ..deps import StoreDep

router = APIRouter(prefix="/export", tags=["export"])

MEDIA = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "json": "application/json",
    "csv": "application/zip",
}


def _render(store, format: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        out = FsPath(tmp) / f"graph.{format}"
        export(store, format, out)
        if format != "csv":
            return out.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(out.iterdir()):
                zf.write(path, path.name)
        return buffer.getvalue()


@router.get(
    "/graph.{format}",
    summary="The entity graph as GEXF, GraphML, node-link JSON or CSV (a zip of nodes.csv and edges.csv)",
    response_class=Response,
    responses={200: {"content": {m: {"schema": {"type": "string", "format": "binary"}} for m in MEDIA.values()}}},
)
async def export_graph(store: StoreDep, format: Literal["gexf", "graphml", "json", "csv"]) -> Response:
    try:
        body = await run_in_threadpool(_render, store, format)
    except KGError as exc:
        raise HTTPException(400, str(exc)) from None
    name = "graph.csv.zip" if format == "csv" else f"graph.{format}"
    return Response(body, media_type=MEDIA[format], headers={"Content-Disposition": f'attachment; filename="{name}"'})
