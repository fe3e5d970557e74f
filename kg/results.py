"""Query results -> text for the terminal (table) or a standard serialization."""

from __future__ import annotations

import pyoxigraph as ox

from .errors import KGError

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}


PREFIXES = {
    "https://w3id.org/kg/ontology#": "kg:",
    "https://w3id.org/kg/relation/": "rel:",
    "https://w3id.org/kg/id/": "id:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/prov#": "prov:",
}
MAX_CELL = 100


def _cell(term) -> str:
    """A short one-line form of a term: literals by value, IRIs with well-known prefixes."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        text = " ".join(term.value.split())
        return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
    if isinstance(term, ox.NamedNode):
        for ns, prefix in PREFIXES.items():
            if term.value.startswith(ns):
                return prefix + term.value[len(ns):]
    return str(term)


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def render(result, format: str = "table") -> str:
    """Render a pyoxigraph query result in ``format``."""
    if isinstance(result, ox.QueryBoolean):
        if format in RESULT_FORMATS:
            return result.serialize(format=RESULT_FORMATS[format]).decode("utf-8")
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        fmt = GRAPH_FORMATS.get("turtle" if format == "table" else format)
        if fmt is None:
            raise KGError(f"a graph result can be written as {', '.join(GRAPH_FORMATS)}, not {format!r}")
        return result.serialize(format=fmt).decode("utf-8")
    if format == "table":
        names = [v.value for v in result.variables]
        rows = [[_cell(sol[n]) for n in names] for sol in result]
        return table(names, rows)
    if format not in RESULT_FORMATS:
        raise KGError(f"unknown format {format!r}; use table, {', '.join(RESULT_FORMATS)}")
    return result.serialize(format=RESULT_FORMATS[format]).decode("utf-8")
