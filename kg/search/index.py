"""The search index: every entity's labels and aliases in SQLite, with an FTS5 trigram index for substrings.

It sits beside an on-disk store (``<store>.search.sqlite``; in memory for a store in memory) and is
kept in step by the store's own write methods (:class:`kg.stores.embedded.OxigraphStore`). Each graph's
part of the entity rows (:mod:`.contrib`: classes, labels, aliases, statements naming an entity) is kept
per graph, with a count of the graphs behind each distinct fact; writing or dropping an article's graph
subtracts what the graph held and adds what it holds now, and recomputes only the rows whose facts
changed, from those counts: a write costs what its own graph holds, not what the other articles naming
the same entities hold. Loading RDF adds the loaded quads' part; a SPARQL update, which may touch
anything, rebuilds the whole index. A write marks the index dirty first and clean after, so an index
left behind by a crash between the two is rebuilt when the store is next opened.

Readers (the query workers) open the file read-only; SQLite's write-ahead log lets them read while
the server writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from . import contrib
from .contrib import ROLE, graph_key
from .rank import Vocabulary
from .text import normalize

SCHEMA_VERSION = "2"  # 2: per-graph contributions (contrib, facts, tallies)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS entities(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, label TEXT NOT NULL,
    sort_key TEXT NOT NULL, type TEXT NOT NULL, statements INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entities_sort ON entities(sort_key, id);
CREATE TABLE IF NOT EXISTS names(rowid INTEGER PRIMARY KEY, entity INTEGER NOT NULL, name TEXT NOT NULL,
    norm TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
CREATE INDEX IF NOT EXISTS names_entity ON names(entity);
CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5(norm, tokenize='trigram');
CREATE TABLE IF NOT EXISTS contrib(graph TEXT NOT NULL, entity TEXT NOT NULL, kind INTEGER NOT NULL,
    value TEXT NOT NULL, PRIMARY KEY(graph, entity, kind, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts(entity TEXT NOT NULL, kind INTEGER NOT NULL, value TEXT NOT NULL,
    graphs INTEGER NOT NULL, PRIMARY KEY(entity, kind, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tallies(entity TEXT PRIMARY KEY, statements INTEGER NOT NULL) WITHOUT ROWID;
"""
_TABLES = ("names_fts", "names", "entities", "contrib", "facts", "tallies")


def index_path(store_path: Path) -> Path:
    """Where the index of an on-disk store lives: beside its folder."""
    return store_path.parent / f"{store_path.name}.search.sqlite"


class SearchIndex:
    """The writable index of one store (``path`` None: in memory)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.lock = threading.RLock()  # an in-memory store answers reads from the server's threads
        self.vocabulary = Vocabulary()
        self.conn = sqlite3.connect(":memory:" if path is None else str(path), check_same_thread=False,
                                    isolation_level=None)
        if path is not None:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        version = self._meta("schema") if self._has_meta() else None
        if version not in (None, SCHEMA_VERSION):
            self._drop()
        self.conn.executescript(_SCHEMA)
        self._set("schema", SCHEMA_VERSION)

    def _has_meta(self) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is not None

    def _drop(self) -> None:
        for table in (*_TABLES, "meta"):
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def needs_build(self) -> bool:
        """Never built, or left dirty by a write that did not finish."""
        return self._meta("built") is None or self._meta("dirty") == "1"

    def begin_write(self) -> None:
        """Mark the index dirty before the store changes (cleared by :meth:`rebuild`, :meth:`refresh`, :meth:`add`
        or :meth:`clean`)."""
        with self.lock:
            self._set("dirty", "1")

    def _transaction(self, work) -> None:
        with self.lock:
            self.conn.execute("BEGIN")
            try:
                work()
                self._done()
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def clean(self) -> None:
        """Mark the index clean after a write that changed nothing (it failed as a whole)."""
        self._transaction(lambda: None)

    def rebuild(self, store) -> None:
        """Fill the index from every graph of ``store``, in one transaction."""
        found = list(contrib.of_store(store.ox))

        def work():
            for table in _TABLES:
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.executemany("INSERT OR IGNORE INTO contrib(graph, entity, kind, value) VALUES (?, ?, ?, ?)",
                                  found)
            self.conn.execute("INSERT INTO facts(entity, kind, value, graphs) "
                              "SELECT entity, kind, value, COUNT(*) FROM contrib GROUP BY entity, kind, value")
            self.conn.execute(f"INSERT INTO tallies(entity, statements) "
                              f"SELECT entity, COUNT(*) FROM facts WHERE kind = {ROLE} GROUP BY entity")
            tallies = dict(self.conn.execute("SELECT entity, statements FROM tallies"))
            facts: dict[str, list[tuple[int, str]]] = {}
            for entity, kind, value in self.conn.execute(f"SELECT entity, kind, value FROM facts WHERE kind < {ROLE}"):
                facts.setdefault(entity, []).append((kind, value))
            self._insert(r for e, fs in facts.items() if (r := contrib.row(e, fs, tallies.get(e, 0))) is not None)

        self._transaction(work)

    def refresh(self, store, graphs: Iterable) -> None:
        """Bring the index in step with ``graphs`` (graph names: IRIs, rdflib or pyoxigraph terms, None for the
        default graph) as ``store`` holds them now: written, replaced or dropped."""
        keys = {graph_key(g) for g in graphs}
        found = {key: contrib.of_graph(store.ox, key) for key in keys}

        def work():
            names, counts = set(), set()
            for key, now in found.items():
                before = set(self.conn.execute("SELECT entity, kind, value FROM contrib WHERE graph = ?", (key,)))
                self._apply(key, now - before, before - now, names, counts)
            self._update_rows(names, counts)

        self._transaction(work)

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add the part of ``quads`` just added to the store (a load) to the index."""
        found = contrib.of_quads(quads)

        def work():
            names, counts = set(), set()
            for key, new in found.items():
                exists = "SELECT 1 FROM contrib WHERE graph = ? AND entity = ? AND kind = ? AND value = ?"
                added = {c for c in new if self.conn.execute(exists, (key, *c)).fetchone() is None}
                self._apply(key, added, set(), names, counts)
            self._update_rows(names, counts)

        self._transaction(work)

    def _apply(self, key: str, added: set, removed: set, names: set, counts: set) -> None:
        """Record one graph's added and removed contributions; collect the entities whose distinct classes, labels
        or aliases (``names``) or statements (``counts``) changed."""
        conn = self.conn
        conn.executemany("DELETE FROM contrib WHERE graph = ? AND entity = ? AND kind = ? AND value = ?",
                         ((key, *c) for c in removed))
        conn.executemany("INSERT INTO contrib(graph, entity, kind, value) VALUES (?, ?, ?, ?)",
                         ((key, *c) for c in added))
        tally: dict[str, int] = {}
        for entity, kind, value in removed:
            left = conn.execute("UPDATE facts SET graphs = graphs - 1 WHERE entity = ? AND kind = ? AND value = ? "
                                "RETURNING graphs", (entity, kind, value)).fetchone()
            if left is not None and left[0] <= 0:
                conn.execute("DELETE FROM facts WHERE entity = ? AND kind = ? AND value = ?", (entity, kind, value))
                (counts if kind == ROLE else names).add(entity)
                if kind == ROLE:
                    tally[entity] = tally.get(entity, 0) - 1
        for entity, kind, value in added:
            now = conn.execute("INSERT INTO facts(entity, kind, value, graphs) VALUES (?, ?, ?, 1) "
                               "ON CONFLICT DO UPDATE SET graphs = graphs + 1 RETURNING graphs",
                               (entity, kind, value)).fetchone()[0]
            if now == 1:
                (counts if kind == ROLE else names).add(entity)
                if kind == ROLE:
                    tally[entity] = tally.get(entity, 0) + 1
        for entity, delta in tally.items():
            if delta:
                conn.execute("INSERT INTO tallies(entity, statements) VALUES (?, ?) "
                             "ON CONFLICT DO UPDATE SET statements = statements + excluded.statements", (entity, delta))
                conn.execute("DELETE FROM tallies WHERE entity = ? AND statements <= 0", (entity,))

    def _statements(self, entity: str) -> int:
        row = self.conn.execute("SELECT statements FROM tallies WHERE entity = ?", (entity,)).fetchone()
        return row[0] if row else 0

    def _update_rows(self, names: set[str], counts: set[str]) -> None:
        """Recompute the rows of entities whose names or classes changed from their facts; set the statement
        count of those whose statements alone changed."""
        conn = self.conn
        conn.executemany("UPDATE entities SET statements = ? WHERE id = ?",
                         ((self._statements(e), e) for e in counts - names))
        rows = []
        for e in sorted(names):
            facts = conn.execute(f"SELECT kind, value FROM facts WHERE entity = ? AND kind < {ROLE}", (e,))
            row = contrib.row(e, facts, self._statements(e))
            if row is not None:
                rows.append(row)
        ids = sorted(names)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            old = f"SELECT rowid FROM names WHERE entity IN (SELECT rowid FROM entities WHERE id IN ({marks}))"
            conn.execute(f"DELETE FROM names_fts WHERE rowid IN ({old})", chunk)
            conn.execute(f"DELETE FROM names WHERE rowid IN ({old})", chunk)
            conn.execute(f"DELETE FROM entities WHERE id IN ({marks})", chunk)
        self._insert(rows)

    def _insert(self, rows) -> None:
        """Add entity rows, their names and the names' trigrams, three executemany calls in all."""
        entity = self.conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM entities").fetchone()[0]
        name_id = self.conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM names").fetchone()[0]
        entities, names = [], []
        for id_, label, type_, statements, found in rows:
            entity += 1
            entities.append((entity, id_, label, label.lower(), type_, statements))
            for name in sorted(found):
                norm = normalize(name)
                if norm:
                    name_id += 1
                    names.append((name_id, entity, name, norm))
        self.conn.executemany(
            "INSERT INTO entities(rowid, id, label, sort_key, type, statements) VALUES (?, ?, ?, ?, ?, ?)", entities)
        self.conn.executemany("INSERT INTO names(rowid, entity, name, norm) VALUES (?, ?, ?, ?)", names)
        self.conn.executemany("INSERT INTO names_fts(rowid, norm) VALUES (?, ?)", ((n[0], f" {n[3]} ") for n in names))

    def _done(self) -> None:
        generation = int(self._meta("generation") or 0) + 1
        self._set("generation", str(generation))
        self._set("built", "1")
        self._set("dirty", "0")
        self.conn.execute("COMMIT")

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def open_reader(path: str) -> sqlite3.Connection:
    """A read-only connection to an index file (the query workers')."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
