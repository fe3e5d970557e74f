"""The triple store: embedded Oxigraph on disk (default) or in memory.

One function, :func:`open_store`, chooses the backend from a spec string:
a folder path (on-disk Oxigraph), ``:memory:``. Library code talks to the
:class:`Store` methods only, never to pyoxigraph directly, so that other
backends can stand in.

Writes of an article are one SPARQL update (drop its named graph, insert the
new one), which Oxigraph applies as one transaction: a crash leaves either
the old article or the new one, never half of either.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from .errors import QueryError, StoreError
from .sparql import bind
from .terms import from_ox, to_ox
from .vocab import ONTOLOGY_GRAPH, ontology_turtle

MEMORY = ":memory:"

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}


SUFFIX_FORMATS = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig",
    ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".n3": "n3", ".jsonld": "jsonld", ".json": "jsonld",
}


def guess_format(filename: str) -> str:
    """The RDF format of a file from its suffix."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise StoreError(f"{filename}: cannot tell the RDF format from the suffix; pass --format")
    return SUFFIX_FORMATS[suffix]


def default_store_path() -> str:
    """``$KG_STORE``, else ``$XDG_DATA_HOME/kg/store`` (``~/.local/share/kg/store``)."""
    if os.environ.get("KG_STORE"):
        return os.environ["KG_STORE"]
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data_home, "kg", "store")


def dataset_kwargs(union: bool, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None) -> dict:
    """pyoxigraph ``Store.query`` keyword arguments for a query dataset (see :meth:`Store.query`)."""
    if default_graphs is None and named_graphs is None:
        return {"use_default_graph_as_union": union}
    return {
        "default_graph": [ox.NamedNode(str(g)) for g in default_graphs or ()],
        "named_graphs": [ox.NamedNode(str(g)) for g in named_graphs or ()],
    }


class Store:
    """An embedded Oxigraph store. ``path=None`` keeps everything in memory."""

    def __init__(self, path: str | Path | None = None):
        self.path = None if path in (None, MEMORY) else Path(path)
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

    def __repr__(self) -> str:
        return f"Store({str(self.path) if self.path else MEMORY!r})"

    @property
    def ox(self) -> ox.Store:
        """The underlying pyoxigraph store, for code that needs its speed (SPARQL endpoint, bulk loads)."""
        return self._ox

    def _ensure_ontology(self) -> None:
        turtle = ontology_turtle()
        if not self.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": ONTOLOGY_GRAPH}):
            self._ox.load(turtle.encode("utf-8"), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))

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
        """Run a SPARQL query; ``bindings`` go in escaped (see kg.sparql.bind).

        ``union``: the default graph is the union of all graphs (else the store's
        own default graph). ``default_graphs`` / ``named_graphs`` are the SPARQL
        Protocol's ``default-graph-uri`` / ``named-graph-uri`` lists: when either
        is given, the query's dataset is exactly those graphs (the other list
        counts as empty) and ``union`` is ignored.
        """
        try:
            return self._ox.query(bind(sparql, bindings), **dataset_kwargs(union, default_graphs, named_graphs))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node | None]]:
        """Rows of a SELECT query as dicts of rdflib terms (unbound variables are None)."""
        result = self.query(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: from_ox(sol[n]) for n in names} for sol in result]

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> bool:
        return bool(self.query(sparql, bindings))

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: URIRef) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(str(graph)))

    def __len__(self) -> int:
        return len(self._ox)

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in the store, or triples in one named graph."""
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
            triples = ox.serialize(
                (ox.Triple(q.subject, q.predicate, q.object) for q in self._ox), format=fmt
            )
            out.write(triples)

    # --- writing -------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    def replace_graph(self, graph: URIRef, triples: Graph | Iterable[tuple[Node, Node, Node]]) -> int:
        """Atomically replace a named graph's content; return its new triple count."""
        g = str(to_ox(graph))
        body = " .\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)}" for s, p, o in triples)
        self.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body} .\n}} }}" if body else f"DROP SILENT GRAPH {g}")
        return self.count(graph)

    def delete_graph(self, graph: URIRef) -> bool:
        """Remove a named graph; False when there was none."""
        if not self.has_graph(graph):
            return False
        self._ox.remove_graph(ox.NamedNode(str(graph)))
        return True

    def load(self, data: bytes | IO[bytes], format: str, graph: URIRef | None = None) -> int:
        """Parse RDF into the store (triple formats into ``graph``); return the number of quads added."""
        before = len(self._ox)
        if format in ("jsonld", "json-ld"):
            parsed = Graph().parse(data=data if isinstance(data, bytes) else data.read(), format="json-ld")
            quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(graph)) if graph else ox.DefaultGraph())
                     for s, p, o in parsed]
            self._ox.extend(quads)
        else:
            try:
                fmt = RDF_FORMATS[format]
            except KeyError:
                raise StoreError(f"unknown RDF format {format!r}; use one of: jsonld, {', '.join(RDF_FORMATS)}") from None
            try:
                kwargs = {"to_graph": ox.NamedNode(str(graph))} if graph is not None and not fmt.supports_datasets else {}
                self._ox.load(data, fmt, **kwargs)
            except SyntaxError as exc:
                raise StoreError(f"cannot parse {format}: {exc}") from None
        return len(self._ox) - before

    def flush(self) -> None:
        if self.path is not None:
            self._ox.flush()

    def close(self) -> None:
        self.flush()
        del self._ox

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_store(spec: str | Path | None = None) -> Store:
    """Open the store a spec names: a folder path or ``:memory:``; None means the default path."""
    spec = default_store_path() if spec is None else str(spec)
    return Store(None if spec == MEMORY else spec)
