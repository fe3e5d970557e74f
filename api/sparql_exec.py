"""Run one SPARQL query and serialize its result in the negotiated format.

Shared by the in-process path and the query worker processes
(:mod:`api.query_pool`): a query comes in as text plus the protocol dataset
and the client's ``Accept`` header, and leaves as ``(status, media type,
body)`` so that a worker can send it back over a pipe as plain bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pyoxigraph as ox

from kg.errors import QueryError, StoreError

from .negotiation import BOOLEAN_TYPES, GRAPH_TYPES, RESULT_TYPES, choose

Answer = tuple[int, str, bytes]  # HTTP status, media type, body (a message for errors)


def not_acceptable(kind: str, offers) -> Answer:
    return 406, "text/plain", (
        f"cannot produce {kind} in any type the Accept header allows; "
        f"available: {', '.join(offers)}"
    ).encode()


class _Capped(io.RawIOBase):
    """A byte sink that refuses to grow past ``limit`` (the engine then stops serializing)."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit, self.parts, self.size, self.over = limit, [], 0, False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            self.over = True
            raise OSError("result too large")
        self.parts.append(bytes(data))
        return len(data)


def result_too_large(limit: int) -> Answer:
    return 400, "text/plain", (f"the result is larger than the {limit:,}-byte limit (KG_MAX_RESULT_BYTES); "
                               "add a LIMIT or narrow the query").encode()


def serialize(result, accept: str | None, limit: int | None = None) -> Answer:
    """A pyoxigraph query result as bytes in the best type ``accept`` allows, at most ``limit`` of them."""
    if isinstance(result, ox.QueryBoolean):
        offers, kind = BOOLEAN_TYPES, "a boolean result"
    elif isinstance(result, ox.QueryTriples):
        offers, kind = GRAPH_TYPES, "an RDF graph"
    else:
        offers, kind = RESULT_TYPES, "query solutions"
    media = choose(accept, tuple(offers))
    if media is None:
        return not_acceptable(kind, offers)
    if limit is None:
        return 200, media, result.serialize(format=offers[media])
    sink = _Capped(limit)
    try:
        result.serialize(sink, format=offers[media])
    except OSError:
        if sink.over:
            return result_too_large(limit)
        raise
    return 200, media, b"".join(sink.parts)


def run_query(
    query: Callable[..., object],
    sparql: str,
    default_graphs: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
    accept: str | None,
    limit: int | None = None,
) -> Answer:
    """Evaluate ``sparql`` with ``query`` (Store.query or an equivalent) and serialize at most ``limit`` bytes.

    Syntax errors answer 400; evaluation errors (a bad IRI, an unsupported
    feature) 400 with the engine's message; store failures 500.
    """
    try:
        result = query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        return serialize(result, accept, limit)
    except SyntaxError as exc:
        return 400, "text/plain", f"SPARQL syntax error: {exc}".encode()
    except QueryError as exc:
        return 400, "text/plain", str(exc).encode()
    except StoreError as exc:
        return 500, "text/plain", f"the store failed: {exc}".encode()
    except (ValueError, TypeError) as exc:
        return 400, "text/plain", f"cannot evaluate the query: {exc}".encode()
    except OSError as exc:
        return 500, "text/plain", f"the store failed: {exc}".encode()
