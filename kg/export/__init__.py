"""The stored graph as files for other tools.

``export(store, format, out, filters)`` is the one entry point; the formats are
``gexf`` (GEXF 1.3, static or ``dynamic``), ``graphml``, ``json`` (node-link),
``csv`` (a folder with ``nodes.csv`` and ``edges.csv``), ``png`` (a drawing),
``turtle`` and ``nquads``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FilterError, KGError
from ..store import Store
from .filters import ALL, Filters
from .graph import build_graph
from .writers import DYNAMIC_FORMATS, WRITERS

RDF_FORMATS = {"turtle": "turtle", "nquads": "nquads"}
FORMATS = tuple(WRITERS) + tuple(RDF_FORMATS)

__all__ = ["ALL", "FORMATS", "Filters", "export"]


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
    if format in RDF_FORMATS:
        if filters != ALL:
            raise FilterError(f"{format} export writes the whole store; filters apply to {', '.join(WRITERS)}")
        with out.open("wb") as fh:
            store.dump(fh, RDF_FORMATS[format])
        return out
    WRITERS[format](build_graph(store, filters), out, dynamic=dynamic, layout=layout)
    return out
