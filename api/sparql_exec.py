"""Run one SPARQL query and serialize its result in the negotiated format.

Shared by the in-process path and the query worker processes
(:mod:`api.query_pool`): a query comes in as text plus the protocol dataset
and the client's ``Accept`` header, and leaves as ``(status, media type,
body)`` so that a worker can send it back over a pipe as plain bytes.
"""

from __future__ import annotations

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


def serialize(result, accept: str | None) -> Answer:
    """A pyoxigraph query result as bytes in the best type ``accept`` allows."""
    if isinstance(result, ox.QueryBoolean):
        offers, kind = BOOLEAN_TYPES, "a boolean result"
    elif isinstance(result, ox.QueryTriples):
        offers, kind = GRAPH_TYPES, "an RDF graph"
    else:
        offers, kind = RESULT_TYPES, "query solutions"
    media = choose(accept, tuple(offers))
    if media is None:
        return not_acceptable(kind, offers)
    return 200, media, result.serialize(format=offers[media])


def run_query(
    query: Callable[..., object],
    sparql: str,
    default_graphs: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
    accept: str | None,
) -> Answer:
    """Evaluate ``sparql`` with ``query`` (Store.query or an equivalent) and serialize the result.

    Syntax errors answer 400; evaluation errors (a bad IRI, an unsupported
    feature) 400 with the engine's message; store failures 500.
    """
    try:
        result = query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        return serialize(result, accept)
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
