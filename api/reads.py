"""The reads that run under the query timeout: SPARQL queries, every REST lookup, and updates' trial runs.

Each task takes a :class:`~kg.store.Store` and plain (picklable) arguments and
returns an ``Answer``: HTTP status, media type and body bytes (a message when
the status is not 200). The same code runs in a query worker process
(:mod:`api.query_pool`, where a read that outlives the timeout is stopped) and
in a thread of the server (stores a worker cannot open). This module imports
no web framework: the workers load it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kg import event_queries
from kg import graph_queries as gq
from kg.errors import KGError, StoreError
from kg.stats import stats
from kg.store import Store

from .sparql_exec import Answer, run_query
from .update_trial import trial_update

if TYPE_CHECKING:
    from kg.export import Filters

JSON = "application/json"
TEXT = "text/plain"


def sparql(store: Store, text: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None,
           accept: str | None, limit: int | None = None) -> Answer:
    return run_query(store.query, text, default_graphs, named_graphs, accept, limit)


def _failed(exc: KGError) -> Answer:
    """A library error as an answer: the store failing is 500, anything else the request's fault, 400."""
    if isinstance(exc, StoreError):
        return 500, TEXT, f"the store failed: {exc}".encode()
    return 400, TEXT, str(exc).encode()


def _json(fn: Callable[..., object], noun: str = "") -> Callable[..., Answer]:
    """A task answering ``fn(store, *args)`` as JSON; a missing ``noun`` is 404, a bad request 400."""

    def task(store: Store, *args) -> Answer:
        try:
            value = fn(store, *args)
        except gq.NotFound as exc:
            return 404, TEXT, f"no {noun} with id {exc.args[0]!r}".encode()
        except gq.TooBroad as exc:
            return 400, TEXT, str(exc).encode()
        except KGError as exc:
            return _failed(exc)
        # the same bytes as starlette's JSONResponse
        return 200, JSON, json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

    return task


def _search(store: Store, q: str, type_: str | None, limit: int, offset: int, index_file: str | None = None) -> dict:
    return {"q": q, "type": type_, "limit": limit, "offset": offset,
            "entities": gq.search_entities(store, q, type_, limit, offset, index_file)}


_STATS: dict[str, dict] = {}  # frozen store (a worker's snapshot) -> its stats, counted once


def _stats(store: Store) -> dict:
    """The store's counts; cached for a snapshot, which never changes (the counts scan the whole store)."""
    if not getattr(store, "frozen", False):
        return stats(store).as_dict()
    if store.spec not in _STATS:
        _STATS.clear()  # a worker reads one snapshot at a time
        _STATS[store.spec] = stats(store).as_dict()
    return _STATS[store.spec]


def _export(store: Store, format: str, filters: Filters) -> Answer:
    from kg.export import export_bytes  # networkx and the writers: loaded by the workers that export

    try:
        payload = export_bytes(store, format, filters)
    except KGError as exc:
        return _failed(exc)
    return 200, payload.media_type, payload.data


TASKS: dict[str, Callable[..., Answer]] = {
    "sparql": sparql,
    "trial_update": trial_update,  # a SPARQL update on an empty store, before the live one (api.update_trial)
    "search": _json(_search),
    "entity": _json(gq.entity, "entity"),
    "neighbours": _json(gq.neighbours, "entity"),
    "paths": _json(gq.paths, "entity"),
    "statement": _json(gq.statement, "statement"),
    "articles": _json(gq.articles),
    "article": _json(gq.article, "article"),
    "stats": _json(_stats),
    "events": _json(event_queries.events, "place"),
    "export": _export,
}
