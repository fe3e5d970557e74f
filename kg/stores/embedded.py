"""Embedded Oxigraph, on disk or in memory: the default backend."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ..errors import SparqlSyntaxError, StoreError
from ..search.index import SearchIndex, index_path
from ..sparql import bind
from ..store import MEMORY, RDF_FORMATS, Store, dataset_kwargs, insert_data, parse_quads
from ..terms import to_ox
from .batch import Done, GroupCommit, repair

READ_ONLY_ATTEMPTS = 5  # opening beside a writer: RocksDB may delete the MANIFEST file a reader has just found
READ_ONLY_RETRY_SECONDS = 0.05


class OxigraphStore(Store):
    """An embedded Oxigraph store. ``path=None`` keeps everything in memory."""

    frozen = False  # True when opened read-only: what it holds then never changes
    search_index: SearchIndex | None = None  # labels and aliases for search (kg.search), kept in step by the writes
    _group: GroupCommit | None = None  # the batch of articles being written (kg.stores.batch), inside batch()

    def __init__(self, path: str | Path | None = None):
        self.path = None if path in (None, MEMORY) else Path(path)
        self.spec = str(self.path) if self.path else MEMORY
        try:
            if self.path is None:
                self._ox = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(
                    f"the store at {self.path} is in use by another process (is `kg serve` running?)"
                ) from None
            raise StoreError(f"cannot open the store at {self.path}: {msg}") from None
        self.search_index = SearchIndex(index_path(self.path) if self.path else None)
        if self.search_index.needs_build:
            self.search_index.rebuild(self)
        self.repaired = repair(self)  # articles a crash left half-written in a batch: deleted
        self._ensure_ontology()
        self._upgrade()

    @property
    def search_index_file(self) -> str | None:
        """The index file a reader of a snapshot of this store opens (None in memory)."""
        return str(self.search_index.path) if self.search_index and self.search_index.path else None

    @classmethod
    def read_only(cls, path: str | Path) -> OxigraphStore:
        """Open a store (or a snapshot of one) for reading only; several processes may read it at once."""
        store = cls.__new__(cls)
        store.path, store.spec, store.frozen = Path(path), str(path), True
        error: Exception | None = None
        for _ in range(READ_ONLY_ATTEMPTS):
            try:
                store._ox = ox.Store.read_only(str(path))
                return store
            except OSError as exc:
                raise StoreError(f"cannot open the store at {path}: {exc}") from None
            except RuntimeError as exc:  # the writer (kg serve) rolled its MANIFEST file while it was being read
                if "No such file" not in str(exc):
                    raise StoreError(f"cannot open the store at {path}: {exc}") from None
                error = exc
                time.sleep(READ_ONLY_RETRY_SECONDS)
        raise StoreError(f"cannot open the store at {path}: {error}")

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store, for code that needs its speed (bulk loads)."""
        return self._ox

    # --- reading -------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union: bool = True,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ):
        text = bind(sparql, bindings)
        try:
            return self._ox.query(text, **dataset_kwargs(union, default_graphs, named_graphs))
        except SyntaxError as exc:
            raise SparqlSyntaxError(str(exc), text) from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    query.__doc__ = Store.query.__doc__

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: URIRef) -> bool:
        self._written(graph)
        return self._ox.contains_named_graph(ox.NamedNode(str(graph)))

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return len(self._ox)
        self._written(graph)
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))

    def dump(self, out: IO[bytes], format: str = "nquads", graph: URIRef | None = None) -> None:
        fmt = RDF_FORMATS[format]
        if graph is not None:
            self._ox.dump(out, fmt, from_graph=ox.NamedNode(str(graph)))
        elif fmt.supports_datasets:
            self._ox.dump(out, fmt)
        else:
            # triple formats get the union of all graphs
            out.write(ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in self._ox), format=fmt))

    def _written(self, graph: URIRef) -> None:
        """Commit the open batch if it holds ``graph``, so that asking about the graph sees it whole."""
        if self._group is not None and graph in self._group:
            self._group.commit()

    # --- writing -------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction; it may change any entity, so the search index is rebuilt
        (unless the update failed, which changes nothing)."""
        self._before_write()
        applied = False
        try:
            self._run_update(sparql)
            applied = True
        finally:
            if self.search_index is not None:
                if applied:
                    self.search_index.rebuild(self)
                else:  # refused or failed as a whole (one transaction): nothing to reindex
                    self.search_index.clean()

    def update_graph(self, graph: URIRef, sparql: str, triples: Iterable[tuple[Node, Node, Node]] = ()) -> None:
        """A SPARQL update confined to one article's entities (see Store.update_graph): the search index
        subtracts what the graph held and adds what it holds after, without a rebuild."""
        self._before_write()
        self._write(lambda: self._run_update(sparql), graph)

    def _run_update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise SparqlSyntaxError(str(exc), sparql) from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    def _before_write(self) -> None:
        """Mark the search index dirty (cleared when it is brought in step after the write)."""
        if self.search_index is not None:
            self.search_index.begin_write()

    def replace_graph(self, graph: URIRef, triples: Graph | Iterable[tuple[Node, Node, Node]]) -> int:
        """Atomically replace a named graph's content; return its new triple count (see :meth:`write_article`)."""
        return self.write_article(graph, triples)

    def write_article(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]], before: Sequence[str] = (),
                      after: Sequence[str] = (), on_done: Done | None = None) -> int:
        """Replace a graph's content, with the SPARQL update operations ``before`` and ``after`` on other graphs
        (see :meth:`Store.write_article`), whole or not at all; return its new triple count.

        Inside :meth:`batch`, a new graph is written in two steps and with others by the bulk loader
        (kg.stores.batch), and ``on_done`` is called when the batch commits. Otherwise, and for a graph that
        exists, one transaction: ``extend`` for a new graph with nothing else to write (no SPARQL to build and
        parse), else one SPARQL update that drops the graph and fills it.
        """
        g = ox.NamedNode(str(graph))
        group = self._group
        if group is not None and graph in group:  # written earlier in this batch: that write first
            group.commit()
        exists = self._ox.contains_named_graph(g)
        if group is not None and not exists:
            self._before_write()
            return group.add(graph, triples, before, after, on_done)
        quads = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples}
        self._before_write()
        if exists or before or after:  # drop and refill in one SPARQL update: one transaction
            insert = insert_data((q.subject, q.predicate, q.object, g) for q in quads)
            ops = [*before, f"DROP SILENT GRAPH {g}", *([insert] if insert else []), *after]
            self._write(lambda: self._run_update(" ;\n".join(ops)), graph)
            count = self.count(graph)
        else:
            self._write(lambda: self._ox.extend(quads), graph)
            count = len(quads)
        if on_done is not None:
            on_done(count, None)
        return count

    @contextmanager
    def batch(self) -> Iterator[OxigraphStore]:
        """Group the article writes made inside into batches written by the bulk loader (kg.stores.batch); the
        last batch commits on the way out, also on an error. Nested calls join the open batch."""
        if self._group is not None:
            yield self
            return
        self._group = GroupCommit(self)
        try:
            yield self
        finally:
            group, self._group = self._group, None
            group.commit()

    def commit(self) -> None:
        """Write the open batch's pending articles now (a no-op outside :meth:`batch`)."""
        if self._group is not None:
            self._group.commit()

    def _write(self, write, graph: URIRef):
        """Run ``write``, which changes ``graph`` only (as far as entities go), then bring the search index in step
        with that graph (also when the write failed: it reads the graph as it is)."""
        try:
            return write()
        except OSError as exc:
            raise StoreError(str(exc)) from None
        finally:
            if self.search_index is not None:
                self.search_index.refresh(self, [graph])

    def _drop_graph(self, graph: URIRef) -> None:
        self._before_write()
        self._write(lambda: self._ox.remove_graph(ox.NamedNode(str(graph))), graph)

    def load(self, data: bytes | IO[bytes], format: str, graph: URIRef | None = None) -> int:
        before = len(self._ox)
        quads = parse_quads(data, format, graph)
        self._before_write()
        added = False
        try:
            self._ox.extend(quads)  # one transaction: all or nothing
            added = True
        except OSError as exc:
            raise StoreError(str(exc)) from None
        finally:
            if self.search_index is not None:
                if added:
                    self.search_index.add(quads)
                else:
                    self.search_index.clean()
        return len(self._ox) - before

    def flush(self) -> None:
        if self.path is not None and not self.frozen:
            self._ox.flush()

    def close(self) -> None:
        if hasattr(self, "_ox"):
            self.flush()
            del self._ox
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
