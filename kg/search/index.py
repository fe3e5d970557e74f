"""The search index: every entity's labels and aliases in SQLite, with an FTS5 trigram index for substrings.

It sits beside an on-disk store (``<store>.search.sqlite``; in memory for a store in memory) and is
kept in step by the store's own write methods (:class:`kg.stores.embedded.OxigraphStore`): writing
or dropping an article's graph, or loading RDF, recomputes the entities it touches; a SPARQL update,
which may touch anything, rebuilds the whole index. A write marks the index dirty first and clean
after, so an index left behind by a crash between the two is rebuilt when the store is next opened.

Readers (the query workers) open the file read-only; SQLite's write-ahead log lets them read while
the server writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from ..vocab import ID, KG
from .rank import Vocabulary
from .text import normalize

SCHEMA_VERSION = "1"
_ID_NS = str(ID)
ENTITY_CLASSES = {str(KG[t]): t for t in ("Person", "Organization", "Location")}
_ROLES = {str(KG.agent), str(KG.target)}

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
"""

_TOUCHED = f"""PREFIX kg: <{KG._NS}>
SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{
  {{ ?e a ?type . VALUES ?type {{ kg:Person kg:Organization kg:Location }} }}
  UNION {{ ?st kg:agent ?e }} UNION {{ ?st kg:target ?e }}
}} }}"""
_TYPE, _LABEL, _ALIAS = (ox.NamedNode(str(p)) for p in (RDF.type, RDFS.label, SKOS.altLabel))
_AGENT, _TARGET = ox.NamedNode(str(KG.agent)), ox.NamedNode(str(KG.target))


def index_path(store_path: Path) -> Path:
    """Where the index of an on-disk store lives: beside its folder."""
    return store_path.parent / f"{store_path.name}.search.sqlite"


def entity_rows(store, iris: Iterable[str] | None = None) -> list[tuple[str, str, str, int, set[str]]]:
    """(id, label, type, statement count, names) of the entities in ``iris`` (None: every entity) of ``store``.

    A few entities are read with quad patterns; all of them (a rebuild, after every SPARQL update) with four
    DISTINCT/GROUP BY queries, which leave the repeats (one per article) in Rust: 2.6 s against 7 s for
    pattern scans on a million quads.
    """
    ox_store = store.ox
    if iris is None:
        types, names, aliases = (_pairs(store, q) for q in (_ALL_TYPES, _ALL_LABELS, _ALL_ALIASES))
        counts = {e: int(n.pop()) for e, n in _pairs(store, _ALL_COUNTS).items()}
        typed = {e: {ENTITY_CLASSES[t] for t in ts} for e, ts in types.items() if e.startswith(_ID_NS)}
        count = counts.get
        named = lambda e: (names.get(e, set()), aliases.get(e, set()))  # noqa: E731
    else:
        typed = {}
        for iri in iris:
            if iri.startswith(_ID_NS):
                kinds = {ENTITY_CLASSES[q.object.value]
                         for q in ox_store.quads_for_pattern(ox.NamedNode(iri), _TYPE, None)
                         if q.object.value in ENTITY_CLASSES}
                if kinds:
                    typed[iri] = kinds
        count = lambda e: len({q.subject.value for role in (_AGENT, _TARGET)  # noqa: E731
                               for q in ox_store.quads_for_pattern(None, role, ox.NamedNode(e))})
        named = lambda e: tuple({q.object.value  # noqa: E731
                                 for q in ox_store.quads_for_pattern(ox.NamedNode(e), p, None)}
                                for p in (_LABEL, _ALIAS))
    out = []
    for e, kinds in typed.items():
        labels, aliases_ = named(e)
        id_ = e[len(_ID_NS):]
        label = min(labels, key=lambda s: (s.lower(), s)) if labels else id_
        out.append((id_, label, sorted(kinds)[0], count(e) or 0, labels | aliases_))
    return out


_P = f"PREFIX kg: <{KG._NS}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
_ALL_TYPES = _P + "SELECT DISTINCT ?e ?x WHERE { ?e a ?x VALUES ?x { kg:Person kg:Organization kg:Location } }"
_ALL_LABELS = _P + "SELECT DISTINCT ?e ?x WHERE { ?e rdfs:label ?x }"
_ALL_ALIASES = _P + "SELECT DISTINCT ?e ?x WHERE { ?e skos:altLabel ?x }"
_ALL_COUNTS = _P + "SELECT ?e (COUNT(DISTINCT ?st) AS ?x) WHERE { ?st kg:agent|kg:target ?e } GROUP BY ?e"


def _pairs(store, sparql: str) -> dict[str, set[str]]:
    """?e -> its ?x values, over a query's rows."""
    out: dict[str, set[str]] = {}
    for sol in store.query(sparql):
        out.setdefault(sol[0].value, set()).add(sol[1].value)
    return out


def touched_by_graph(store, graph: URIRef) -> set[str]:
    """The entities a named graph types or gives a role in a statement (whose rows change with it)."""
    return {sol["e"].value for sol in store.query(_TOUCHED, {"g": graph}) if sol["e"] is not None}


def touched_by_triples(triples: Iterable[tuple]) -> set[str]:
    """The same for triples (rdflib terms or pyoxigraph quads) about to be written."""
    out = set()
    rdf_type = str(RDF.type)
    for s, p, o, *_ in triples:
        p, o = getattr(p, "value", str(p)), getattr(o, "value", str(o))
        if p == rdf_type and o in ENTITY_CLASSES:
            out.add(getattr(s, "value", str(s)))
        elif p in _ROLES:
            out.add(o)
    return out


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
        for table in ("names_fts", "names", "entities", "meta"):
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
        """Mark the index dirty before the store changes (cleared by :meth:`rebuild` or :meth:`refresh`)."""
        with self.lock:
            self._set("dirty", "1")

    def rebuild(self, store) -> None:
        """Fill the index from every entity of ``store``, in one transaction."""
        rows = entity_rows(store)
        with self.lock:
            self.conn.execute("BEGIN")
            try:
                for table in ("names_fts", "names", "entities"):
                    self.conn.execute(f"DELETE FROM {table}")
                self._insert(rows)
                self._done()
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def refresh(self, store, iris: Iterable[str]) -> None:
        """Recompute the rows of ``iris`` (entity IRIs) from ``store``: updated, added, or gone."""
        iris = set(iris)
        rows = entity_rows(store, iris)
        ids = [i[len(_ID_NS):] for i in iris if i.startswith(_ID_NS)]
        with self.lock:
            self.conn.execute("BEGIN")
            try:
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    old = f"SELECT rowid FROM names WHERE entity IN (SELECT rowid FROM entities WHERE id IN ({marks}))"
                    self.conn.execute(f"DELETE FROM names_fts WHERE rowid IN ({old})", chunk)
                    self.conn.execute(f"DELETE FROM names WHERE rowid IN ({old})", chunk)
                    self.conn.execute(f"DELETE FROM entities WHERE id IN ({marks})", chunk)
                self._insert(rows)
                self._done()
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def known(self, iris: Iterable[str]) -> set[str]:
        """Those of ``iris`` (entity IRIs) that have a row."""
        ids = sorted(i[len(_ID_NS):] for i in iris if i.startswith(_ID_NS))
        found = set()
        with self.lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = self.conn.execute(f"SELECT id FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                found.update(_ID_NS + row[0] for row in rows)
        return found

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
