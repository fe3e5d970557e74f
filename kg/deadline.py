"""A time limit per article: extraction that outlives it is stopped and reported, and the run goes on.

The statistical components are linear in the text; kg's own rules are bounded loops, but a parse nobody
foresaw must still not stall an ingest. :func:`time_limit` arms a real-time interval timer (SIGALRM) around
one article's rule components and raises :class:`ArticleTimeout` when it fires. Signals reach only the main
thread, so elsewhere (a server's thread pool) the limit is not armed; the CLI, the ingest workers and the
article writer of ``kg serve`` all extract in a process's main thread.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import KGError

DEFAULT_TIME_LIMIT = 60.0  # seconds per article: 20x the slowest of 300 real news stories on this machine


class ArticleTimeout(KGError):
    """An article whose extraction took longer than the time limit."""


def armable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block when it runs longer than ``seconds`` (None or 0: no limit)."""
    if not seconds or not armable():
        yield
        return

    def expired(signum, frame):
        raise ArticleTimeout(f"{what}: extraction took longer than {seconds:g} s (raise the limit with --time-limit)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
