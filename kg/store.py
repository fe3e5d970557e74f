"""The triple store: one interface, three backends, chosen by :func:`open_store`.

- a folder path: embedded Oxigraph on disk (the default, ``~/.local/share/kg/store``);
- ``:memory:``: embedded Oxigraph in memory (tests, one-off runs);
- an ``http(s)://`` URL: any SPARQL 1.1 endpoint (query URL; update URL and
  credentials from arguments or ``KG_UPDATE_URL``, ``KG_STORE_USER``,
  ``KG_STORE_PASSWORD``, ``KG_STORE_TOKEN``), for deployments that outgrow
  one machine.

Library code talks to :class:`Store` methods only, never to a backend
directly. Query results are pyoxigraph result objects (``QuerySolutions``,
``QueryBoolean``, ``QueryTriples``) whatever the backend.

Writes of an article are one SPARQL update (drop its named graph, insert the
new one): Oxigraph applies it as one transaction, and a remote endpoint gets
it as one request, so a crash leaves either the old article or the new one,
never half of either. Inside ``Store.batch()`` the embedded store writes new
articles in batches through Oxigraph's bulk loader, still each whole or not
at all (kg.stores.batch).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .errors import QueryError, StoreError
from .terms import from_ox, to_ox
from .vocab import ID, ONTOLOGY_GRAPH, ontology_turtle

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

_DCTERMS_IDENTIFIER = URIRef("http://purl.org/dc/terms/identifier")
_ONTOLOGY_IRI = URIRef(str(ONTOLOGY_GRAPH))
_ARTICLE_PREFIX = str(ID) + "article/"


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


def parse_quads(data: bytes | IO[bytes], format: str, graph: URIRef | None = None) -> list[ox.Quad]:
    """Parse RDF text into quads; triples outside any named graph go into ``graph`` (else the default graph)."""
    fmt = ox.RdfFormat.JSON_LD if format in ("jsonld", "json-ld") else RDF_FORMATS.get(format)
    if fmt is None:
        raise StoreError(f"unknown RDF format {format!r}; use one of: jsonld, {', '.join(RDF_FORMATS)}")
    target = ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph()
    try:
        return [
            q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(q.subject, q.predicate, q.object, target)
            for q in ox.parse(data, fmt)
        ]
    except SyntaxError as exc:
        raise StoreError(f"cannot parse {format}: {exc}") from None


def insert_data(quads: Iterable[tuple[Any, Any, Any, Any]]) -> str:
    """A SPARQL ``INSERT DATA`` for (s, p, o, graph) pyoxigraph terms; graph None is the default graph."""
    by_graph: dict[str | None, list[str]] = {}
    for s, p, o, g in quads:
        key = None if g is None or isinstance(g, ox.DefaultGraph) else str(g)
        by_graph.setdefault(key, []).append(f"{s} {p} {o} .")
    parts = []
    for g, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(body if g is None else f"GRAPH {g} {{\n{body}\n}}")
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}" if parts else ""


def replace_graph_update(graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """One SPARQL update that empties ``graph`` and fills it with ``triples``."""
    g = to_ox(graph)
    insert = insert_data((to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples)
    return f"DROP SILENT GRAPH {g}" + (f" ;\n{insert}" if insert else "")


class Store:
    """What every backend offers. Subclasses implement query, update, load, dump, graphs and counts."""

    spec: str = ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.spec!r})"

    # --- backend primitives ----------------------------------------------------------

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
        counts as empty) and ``union`` is ignored. Returns ``QuerySolutions``,
        ``QueryBoolean`` or ``QueryTriples``.
        """
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Run a SPARQL update as one transaction."""
        raise NotImplementedError

    def update_graph(self, graph: URIRef, sparql: str, triples: Iterable[tuple[Node, Node, Node]] = ()) -> None:
        """Run a SPARQL update that rewrites one article's ``graph`` to ``triples`` (none: drops it) and changes no
        other graph that types entities or gives them names or statements (kg.resolve writes an article with its
        part of the shared graphs this way). The same as :meth:`update`, except that a store keeping an index of
        entities (the embedded store's search index) refreshes only the entities of that graph, before and after,
        instead of rebuilding it."""
        self.update(sparql)

    def load(self, data: bytes | IO[bytes], format: str, graph: URIRef | None = None) -> int:
        """Parse RDF into the store (triple formats into ``graph``); return the number of quads added."""
        raise NotImplementedError

    def dump(self, out: IO[bytes], format: str = "nquads", graph: URIRef | None = None) -> None:
        """Write the store (or one named graph) in an RDF format; triple formats get the union of all graphs."""
        raise NotImplementedError

    def graphs(self) -> list[URIRef]:
        """The named graphs, sorted."""
        raise NotImplementedError

    def has_graph(self, graph: URIRef) -> bool:
        raise NotImplementedError

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in the store, or triples in one named graph."""
        raise NotImplementedError

    def flush(self) -> None:
        """Make earlier writes durable (a no-op where writes already are)."""

    def close(self) -> None:
        """Release the store; the object is unusable afterwards."""

    # --- shared behaviour --------------------------------------------------------------

    def __len__(self) -> int:
        return self.count()

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node | None]]:
        """Rows of a SELECT query as dicts of rdflib terms (unbound variables are None)."""
        result = self.query(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        return [dict(zip(names, map(from_ox, sol))) for sol in result]

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> bool:
        result = self.query(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def replace_graph(self, graph: URIRef, triples: Graph | Iterable[tuple[Node, Node, Node]]) -> int:
        """Atomically replace a named graph's content; return its new triple count."""
        self.update(replace_graph_update(graph, triples))
        return self.count(graph)

    def write_article(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]], before: Sequence[str] = (),
                      after: Sequence[str] = (), on_done: Callable[[int, Exception | None], None] | None = None) -> int:
        """Replace an article's ``graph`` by ``triples`` together with the SPARQL update operations ``before``
        and ``after`` (its part of the shared graphs, kg.resolve: they change no graph that types entities or
        names them, see :meth:`update_graph`), whole or not at all; return the graph's new triple count.

        Here one update (drop, insert, in between ``before`` and ``after``), then ``on_done(count, None)``. A
        store may defer the write inside :meth:`batch` and call ``on_done`` when the article is written
        (``count, None``) or has failed (``0`` and the exception: then nothing of the article is stored).
        """
        ops = [*before, replace_graph_update(graph, triples := list(triples)), *after]
        if before or after:
            self.update_graph(graph, " ;\n".join(ops), triples)
        else:
            self.update(ops[0])
        count = self.count(graph)
        if on_done is not None:
            on_done(count, None)
        return count

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Article writes made inside may be grouped and committed together, at the latest on the way out
        (the embedded store's group commit, kg.stores.batch); here each is written at once."""
        yield self

    def commit(self) -> None:
        """Write the articles a :meth:`batch` holds back now (a no-op where nothing is held back)."""

    def delete_graph(self, graph: URIRef) -> bool:
        """Remove a named graph; False when there was none. An article's graph goes with its part of the
        shared graphs (kg.resolve: resolution decisions, filed names, event reports), in one update."""
        if not self.has_graph(graph):
            return False
        if str(graph).startswith(_ARTICLE_PREFIX):
            from .resolve import forget

            forget(self, graph)
        else:
            self._drop_graph(graph)
        return True

    def _drop_graph(self, graph: URIRef) -> None:
        self.update(f"DROP GRAPH {to_ox(graph)}")

    def _ensure_ontology(self) -> None:
        """Load (or refresh) the ontology into its named graph when the stored copy differs from ontology/*.ttl."""
        turtle = ontology_turtle()
        digest = hashlib.sha256(turtle.encode("utf-8")).hexdigest()
        marker = {"o": _ONTOLOGY_IRI, "id": _DCTERMS_IDENTIFIER, "sha": Literal(digest)}
        if self.ask("ASK { GRAPH ?o { ?o ?id ?sha } }", marker):
            return
        g = Graph().parse(data=turtle, format="turtle")
        g.add((_ONTOLOGY_IRI, _DCTERMS_IDENTIFIER, marker["sha"]))
        self.replace_graph(ONTOLOGY_GRAPH, g)

    def _upgrade(self) -> None:
        """Convert what an earlier version of kg wrote otherwise (attestations of names: kg.resolve.index.upgrade)."""
        from .resolve.index import upgrade

        upgrade(self)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open_store(
    spec: str | Path | None = None,
    *,
    update_url: str | None = None,
    user: str | None = None,
    password: str | None = None,
    token: str | None = None,
    timeout: float | None = None,
    read_only: bool = False,
) -> Store:
    """Open the store a spec names: a folder path, ``:memory:`` or a SPARQL endpoint URL; None is the default path.

    For an endpoint, ``update_url`` defaults to ``$KG_UPDATE_URL``, else the
    query URL with a final ``/query`` changed to ``/update`` (Oxigraph, Fuseki),
    else the query URL itself. Credentials: ``user``/``password`` (HTTP Basic,
    also from the URL's ``user:password@`` or ``$KG_STORE_USER``/``$KG_STORE_PASSWORD``)
    or a bearer ``token`` (``$KG_STORE_TOKEN``). ``timeout``: seconds an HTTP request may take
    (default ``$KG_QUERY_TIMEOUT``, else 60).

    ``read_only``: an existing on-disk store is opened for reading only, without its write lock, so that
    queries work while another process (``kg serve``, a running ingest) holds the store; they see the
    store as it was when opened. Other stores ignore it.
    """
    spec = default_store_path() if spec is None else str(spec)
    if spec.startswith(("http://", "https://")):
        from .stores.remote import RemoteStore

        return RemoteStore(
            spec,
            update_url or os.environ.get("KG_UPDATE_URL") or None,
            user=user or os.environ.get("KG_STORE_USER") or None,
            password=password or os.environ.get("KG_STORE_PASSWORD") or None,
            token=token or os.environ.get("KG_STORE_TOKEN") or None,
            timeout=timeout or float(os.environ.get("KG_QUERY_TIMEOUT") or 60),
        )
    from .stores.embedded import OxigraphStore

    if read_only and spec != MEMORY and Path(spec, "CURRENT").is_file():
        return OxigraphStore.read_only(spec)
    return OxigraphStore(None if spec == MEMORY else spec)
