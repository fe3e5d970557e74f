"""The body of a query worker process (see :mod:`api.query_pool`); it imports no web framework."""

from __future__ import annotations

import os
import pickle
import signal

READY = b"ready"


def worker_main(conn, nice: int = 0) -> None:
    """Answer query requests from ``conn`` with pickled ``(status, media type, body)`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle: it closes the pipe, we return
    if nice:
        os.nice(nice)
    from kg.stores.embedded import OxigraphStore

    from .reads import TASKS

    conn.send_bytes(READY)
    store, opened = None, None
    while True:
        try:
            snapshot, task, args = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if snapshot != opened:
            store = None  # release the old snapshot before opening the new one
            store, opened = OxigraphStore.read_only(snapshot), snapshot
        try:
            answer = TASKS[task](store, *args)
        except Exception as exc:  # a bug, not a bad request: report it rather than die
            answer = 500, "text/plain", f"the read failed: {type(exc).__name__}: {exc}".encode()
        conn.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
