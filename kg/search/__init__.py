"""Entity search: an index of labels and aliases kept beside the store (:mod:`.index`) and ranked lookups
(:mod:`.rank`)."""

from __future__ import annotations

from .index import SearchIndex, index_path, open_reader
from .rank import RANKS, Vocabulary, search
from .text import fold, normalize

__all__ = ["RANKS", "SearchIndex", "Vocabulary", "fold", "index_path", "normalize", "open_reader", "search",
           "search_store"]

_READERS: dict[str, tuple] = {}  # index file -> (read-only connection, vocabulary): one per worker process


def search_store(store, q: str, type_: str | None = None, limit: int = 20, offset: int = 0,
                 index_file: str | None = None) -> list[dict] | None:
    """Search ``store``'s own index, else the index file a worker was given; None when there is neither.

    A store's own index is used under its lock (the server's threads share it); a worker's snapshot store has
    none and reads the file by name, over one read-only connection per process.
    """
    index = getattr(store, "search_index", None)
    if index is not None:
        with index.lock:
            return search(index.conn, index.vocabulary, q, type_, limit, offset)
    if index_file is None:
        return None
    if index_file not in _READERS:
        _READERS.clear()
        _READERS[index_file] = (open_reader(index_file), Vocabulary())
    conn, vocabulary = _READERS[index_file]
    return search(conn, vocabulary, q, type_, limit, offset)
