"""Embedded Oxigraph, on disk or in memory: the default backend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..sparql import bind
from ..store import MEMORY, RDF_FORMATS, Store, dataset_kwargs, parse_quads
from ..terms import to_ox


class OxigraphStore(Store):
    """An embedded Oxigraph store. ``path=None`` keeps everything in memory."""

    frozen = False  # True when opened read-only: what it holds then never changes

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
        self._ensure_ontology()

    @classmethod
    def read_only(cls, path: str | Path) -> OxigraphStore:
        """Open a store (or a snapshot of one) for reading only; several processes may read it at once."""
        store = cls.__new__(cls)
        store.path, store.spec, store.frozen = Path(path), str(path), True
        try:
            store._ox = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}") from None
        return store

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
        try:
            return self._ox.query(bind(sparql, bindings), **dataset_kwargs(union, default_graphs, named_graphs))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    query.__doc__ = Store.query.__doc__

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: URIRef) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(str(graph)))

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return len(self._ox)
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

    # --- writing -------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    def replace_graph(self, graph: URIRef, triples: Graph | Iterable[tuple[Node, Node, Node]]) -> int:
        """Atomically replace a named graph's content; return its new triple count.

        A new graph is written with ``extend`` (one transaction, no SPARQL to build and parse); an existing
        one with one SPARQL update that drops and refills it (one transaction too).
        """
        g = ox.NamedNode(str(graph))
        if self._ox.contains_named_graph(g):
            return super().replace_graph(graph, triples)
        quads = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples}
        try:
            self._ox.extend(quads)
        except OSError as exc:
            raise StoreError(str(exc)) from None
        return len(quads)

    def _drop_graph(self, graph: URIRef) -> None:
        self._ox.remove_graph(ox.NamedNode(str(graph)))

    def load(self, data: bytes | IO[bytes], format: str, graph: URIRef | None = None) -> int:
        before = len(self._ox)
        quads = parse_quads(data, format, graph)
        self._ox.extend(quads)  # one transaction
        return len(self._ox) - before

    def flush(self) -> None:
        if self.path is not None:
            self._ox.flush()

    def close(self) -> None:
        if hasattr(self, "_ox"):
            self.flush()
            del self._ox
