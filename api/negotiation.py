"""HTTP content negotiation for SPARQL results: the ``Accept`` header with q-values.

:func:`choose` returns the media type the client prefers among those the
server can produce, or None when none is acceptable (the caller answers 406).
An absent or empty ``Accept`` accepts anything and gets the first offer.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

# media type -> serializer format, in the order the server prefers them
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
BOOLEAN_TYPES = {k: v for k, v in RESULT_TYPES.items() if v in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML)}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/x-turtle": ox.RdfFormat.TURTLE,
}


def _parse(accept: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each entry of an Accept header; bad q-values count as 0."""
    ranges = []
    for pos, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media + "/*"
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, pos))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float, int]]) -> float:
    """The q-value of the most specific range that matches ``media_type`` (RFC 9110 §12.5.1)."""
    main = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for media, q, _ in ranges:
        if media == media_type:
            spec = 2
        elif media == f"{main}/*":
            spec = 1
        elif media == "*/*":
            spec = 0
        else:
            continue
        if spec > specificity:
            best, specificity = q, spec
    return best


@lru_cache(maxsize=512)
def _choose(accept: str, offers: tuple[str, ...]) -> str | None:
    ranges = _parse(accept)
    if not ranges:
        return offers[0]
    scored = [(_quality(m, ranges), -i, m) for i, m in enumerate(offers)]
    q, _, media = max(scored)
    return media if q > 0 else None


def choose(accept: str | None, offers: tuple[str, ...] | list[str]) -> str | None:
    """The best of ``offers`` (listed in the server's order of preference) for an Accept header."""
    return _choose((accept or "").strip(), tuple(offers))
