"""The stored graph as files for other tools.

``export(store, format, out, filters)`` is the one entry point; the formats are
``gexf`` (GEXF 1.3, static or ``dynamic``), ``graphml``, ``json`` (node-link),
``csv`` (a folder with ``nodes.csv`` and ``edges.csv``), ``png`` (a drawing),
``turtle`` and ``nquads``.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import FilterError, KGError
from ..store import Store
from .filters import ALL, Filters
from .graph import build_graph
from .writers import DYNAMIC_FORMATS, WRITERS

RDF_FORMATS = {"turtle": "turtle", "nquads": "nquads"}
FORMATS = tuple(WRITERS) + tuple(RDF_FORMATS)

MEDIA_TYPES = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "json": "application/json",
    "csv": "application/zip",  # nodes.csv and edges.csv in one archive
    "png": "image/png",
    "turtle": "text/turtle",
    "nquads": "application/n-quads",
}
SUFFIXES = {"gexf": "gexf", "graphml": "graphml", "json": "json", "csv": "zip", "png": "png", "turtle": "ttl",
            "nquads": "nq"}

__all__ = ["ALL", "FORMATS", "MEDIA_TYPES", "Filters", "Payload", "export", "export_bytes", "export_filename"]


@dataclass(frozen=True)
class Payload:
    """An export held in memory, for an HTTP response: the bytes, their media type and a file name."""

    data: bytes
    media_type: str
    filename: str


def export(
    store: Store, format: str, out: str | Path, filters: Filters = ALL, *, dynamic: bool = False, layout: bool = True
) -> Path:
    """Write the store's graph in ``format`` to ``out`` (a file, or a folder for csv).

    ``filters`` select part of the graph (see :mod:`kg.export.filters`); the RDF formats (turtle, nquads) dump
    the whole store and accept no filter. ``dynamic`` puts the graph on a timeline (gexf only); ``layout=False``
    skips the pre-computed node positions (faster on big graphs).
    """
    if format not in FORMATS:
        raise KGError(f"unknown export format {format!r}; choose one of: {', '.join(FORMATS)}")
    if dynamic and format not in DYNAMIC_FORMATS:
        raise KGError(f"--dynamic applies to {', '.join(DYNAMIC_FORMATS)} only, not {format}")
    out = Path(out)
    if format in RDF_FORMATS and filters != ALL:
        raise FilterError(f"{format} export writes the whole store; filters apply to {', '.join(WRITERS)}")
    graph = None if format in RDF_FORMATS else build_graph(store, filters)
    try:
        if graph is None:
            with out.open("wb") as fh:
                store.dump(fh, RDF_FORMATS[format])
        else:
            WRITERS[format](graph, out, dynamic=dynamic, layout=layout)
    except OSError as exc:  # a missing folder, a file where the csv folder should go, a full disk
        raise KGError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def export_bytes(
    store: Store, format: str, filters: Filters = ALL, *, dynamic: bool = False, layout: bool = True
) -> Payload:
    """Like :func:`export`, in memory; ``csv`` comes as a zip archive holding ``nodes.csv`` and ``edges.csv``."""
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        path = export(store, format, Path(tmp) / "graph", filters, dynamic=dynamic, layout=layout)
        if format == "csv":
            archive = Path(tmp) / "graph.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
                for name in ("nodes.csv", "edges.csv"):
                    zf.write(path / name, name)
            path = archive
        return Payload(path.read_bytes(), MEDIA_TYPES[format], export_filename(format))


def export_filename(format: str) -> str:
    """The file name an export in ``format`` is offered under (``graph.gexf``; csv comes zipped)."""
    return f"graph.{SUFFIXES[format]}"
