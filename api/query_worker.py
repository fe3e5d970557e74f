"""The body of a query worker process (see :mod:`api.query_pool`); it imports no web framework."""

from __future__ import annotations

import pickle

READY = b"ready"


def worker_main(conn) -> None:
    """Answer query requests from ``conn`` with pickled ``(status, media type, body)`` until it closes."""
    import pyoxigraph as ox

    from kg.store import dataset_kwargs

    from .sparql_exec import run_query

    conn.send_bytes(READY)
    store, opened = None, None
    while True:
        try:
            snapshot, sparql, default_graphs, named_graphs, accept = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if snapshot != opened:
            store = None  # release the old snapshot before opening the new one
            store, opened = ox.Store.read_only(snapshot), snapshot

        def query(text, *, default_graphs, named_graphs):
            return store.query(text, **dataset_kwargs(True, default_graphs, named_graphs))

        answer = run_query(query, sparql, default_graphs, named_graphs, accept)
        conn.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
