"""Group commit for the embedded store: new articles written through Oxigraph's bulk loader, whole or not at all.

Oxigraph's transactional write (``Store.extend``, ``Store.update``) looks every quad up before inserting it and
runs at about a third of its bulk loader, which writes sorted files straight into RocksDB but is not atomic.
Inside :meth:`OxigraphStore.batch` (what ``kg ingest`` uses), a *new* article is written in two steps:

1. one transaction with the article's part of the shared graphs (the SPARQL ``before``/``after`` operations of
   :mod:`kg.resolve`), the few triples of its graph that resolving the next articles reads (the times and
   places of its statements, kg.resolve.events, and its GeoNames links),
   and a *pending* marker ``<article> kg:pendingWrite <article>`` in the graph ``PENDING_GRAPH``;
2. the rest of its graph, buffered as N-Quads text with other articles' until :data:`COMMIT_QUADS` quads or
   :data:`COMMIT_SECONDS`, then written at once by ``bulk_load`` (``load``, one transaction, below
   :data:`BULK_MIN_QUADS`), after which the marker graph is dropped (one transaction) and the search index
   refreshed.

A crash between the two leaves markers behind; opening the store for writing (:func:`repair`) deletes every
marked article (its graph and shared part, as ``kg delete`` would) and drops the markers, so the article is
absent and ``kg ingest`` run again writes it. An article whose graph already exists is rewritten in one
transaction instead (a crash leaves its old version or its new one), and so is every write outside a batch.
If the bulk write fails, the batch's articles are written again one transaction each; one that fails again is
deleted and reported to its ``on_done`` callback, the others are written.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from ..store import insert_data
from ..terms import to_ox
from ..vocab import EVENTS_GRAPH, ID, KG, PENDING_GRAPH, PENDING_WRITE

COMMIT_QUADS = 50_000  # a batch commits once it holds this many quads (bulk_load pays off in large writes) ...
COMMIT_SECONDS = 2.0  # ... or once its first article has waited this long (what a crash can cost; progress)
BULK_MIN_QUADS = 4_000  # below this, the buffered quads are written in one transaction instead (as fast there)

_ARTICLE_PREFIX = str(ID) + "article/"
_PENDING_NT = f"<{PENDING_GRAPH}>"
_MARKER_NT = f"<{PENDING_WRITE}>"
_EARLY_PREDICATES = {f"<{p}>" for p in (KG.time, KG.place, SKOS.exactMatch)}
# event reports whose statement no graph holds any more: those of an article a crash left pending
_DANGLING = (f"SELECT DISTINCT ?e WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e <{KG.report}> ?st }} "
             f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?st a <{KG.Statement}> }} }} }}")
_DROP_DANGLING = (f"DELETE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e <{KG.report}> ?st }} }} WHERE {{ GRAPH <{EVENTS_GRAPH}> "
                  f"{{ ?e <{KG.report}> ?st }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?st a <{KG.Statement}> }} }} }}")

# called once the article is written (its triple count, None) or has failed (0, the error: nothing of it is stored)
Done = Callable[[int, Exception | None], None]


_ESCAPES = str.maketrans({'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r"})
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # what N-Quads and SPARQL do not allow between < and >


def iri(value: str) -> str:
    """An IRI in N-Triples syntax; one with a character that could end it (``>``, a space ...) goes through
    pyoxigraph, which refuses it (ValueError). Whether it is absolute is checked when the batch is written: an
    IRI that N-Quads refuses there fails its article alone (the batch is written again one article at a time)."""
    return f"<{value}>" if _NOT_IN_IRI.search(value) is None else str(ox.NamedNode(value))


def nt(term: Node) -> str:
    """An rdflib term in N-Triples syntax (see :func:`iri`; literals escaped)."""
    if isinstance(term, URIRef):
        return iri(term)
    if type(term) is Literal and not term.language:
        text = f'"{str(term).translate(_ESCAPES)}"'
        datatype = term.datatype
        return text if datatype is None or str(datatype) == _XSD_STRING else f"{text}^^{iri(datatype)}"
    return str(to_ox(term))  # language tags (normalised by pyoxigraph), blank nodes


@dataclass
class Pending:
    graph: URIRef
    text: bytes  # the article's quads not written yet, as N-Quads
    quads: int
    count: int  # the article graph's triples
    on_done: Done | None = None


@dataclass
class GroupCommit:
    """The articles written by step 1 and waiting for step 2 (see the module's docstring)."""

    store: object  # the OxigraphStore
    commit_quads: int = COMMIT_QUADS
    commit_seconds: float = COMMIT_SECONDS
    bulk_min_quads: int = BULK_MIN_QUADS
    pending: dict[str, Pending] = field(default_factory=dict)
    quads: int = 0
    started: float = 0.0  # when the first pending article was added

    def __contains__(self, graph: URIRef) -> bool:
        return str(graph) in self.pending

    def add(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]], before: Iterable[str],
            after: Iterable[str], on_done: Done | None) -> int:
        """Step 1 for a new article; return its triple count. Commits when enough quads are buffered."""
        g = str(to_ox(graph))
        bad, U = _NOT_IN_IRI.search, URIRef  # iri() inlined for the common case: a third faster
        lines = {(f"<{s}>" if type(s) is U and bad(s) is None else nt(s),
                  f"<{p}>" if type(p) is U and bad(p) is None else nt(p),
                  f"<{o}>" if type(o) is U and bad(o) is None else nt(o)) for s, p, o in triples}
        first = [line for line in lines if line[1] in _EARLY_PREDICATES]
        insert = insert_data([*((s, p, o, g) for s, p, o in first), (g, _MARKER_NT, g, _PENDING_NT)])
        rest = "".join(f"{s} {p} {o} {g} .\n" for s, p, o in lines if p not in _EARLY_PREDICATES).encode()
        self.store._run_update(" ;\n".join([*before, insert, *after]))  # the graph is new: nothing to drop
        if not self.pending:
            self.started = time.monotonic()
        self.pending[str(graph)] = Pending(graph, rest, len(lines) - len(first), len(lines), on_done)
        self.quads += len(lines) - len(first)
        if self.quads >= self.commit_quads or time.monotonic() - self.started >= self.commit_seconds:
            self.commit()
        return len(lines)

    def commit(self) -> None:
        """Step 2 for every pending article (see the module's docstring)."""
        if not self.pending:
            return
        pending, self.pending, quads, self.quads = list(self.pending.values()), {}, self.quads, 0
        ox_store, failed = self.store.ox, {}
        try:
            try:
                data = b"".join(p.text for p in pending)
                if quads >= self.bulk_min_quads:
                    self.store.flush()  # the markers on disk before the bulk loader's files
                    ox_store.bulk_load(data, ox.RdfFormat.N_QUADS)
                else:
                    ox_store.load(data, ox.RdfFormat.N_QUADS)
            except (OSError, SyntaxError, ValueError):  # again one by one: only the bad ones fail
                for p in pending:
                    try:
                        ox_store.load(p.text, ox.RdfFormat.N_QUADS)
                    except (OSError, SyntaxError, ValueError) as exc:
                        failed[str(p.graph)] = exc
                        delete(self.store, p.graph)
            self.store._run_update(f"DROP SILENT GRAPH {_PENDING_NT}")
        finally:
            if self.store.search_index is not None:  # each article graph's part of the entity rows
                self.store.search_index.refresh(self.store, [p.graph for p in pending])
        for p in pending:
            if p.on_done is not None:
                error = failed.get(str(p.graph))
                p.on_done(0 if error else p.count, error)


def pending_graphs(store) -> list[URIRef]:
    """The articles marked pending: written by step 1, not (surely) by step 2."""
    marker, graph = ox.NamedNode(str(PENDING_WRITE)), ox.NamedNode(str(PENDING_GRAPH))
    return sorted({URIRef(q.subject.value) for q in store.ox.quads_for_pattern(None, marker, None, graph)})


def delete(store, graph: URIRef) -> None:
    """Delete a pending article: its graph and its part of the shared graphs (kg.resolve.forget)."""
    if str(graph).startswith(_ARTICLE_PREFIX):
        from ..resolve import forget

        forget(store, graph)
    else:
        store._drop_graph(graph)


def repair(store) -> list[URIRef]:
    """After a crash mid-batch: delete the articles marked pending and drop the markers; return those articles.

    Deleting an article finds its event reports through its statements' types, which a pending article's graph
    may lack (they come with the second step): the reports left without a statement go too, and the events
    left without a report."""
    graphs = pending_graphs(store)
    for graph in graphs:
        delete(store, graph)
    if graphs:
        from ..resolve.events import summary_update
        from ..resolve.index import drop_update

        events = [URIRef(row[0].value) for row in store.query(_DANGLING)]
        if events:
            store._run_update(_DROP_DANGLING)
            report = ox.NamedNode(str(KG.report))
            kept = [e for e in events if next(iter(store.ox.quads_for_pattern(
                ox.NamedNode(str(e)), report, None, ox.NamedNode(str(EVENTS_GRAPH)))), None) is not None]
            ops = [*drop_update(EVENTS_GRAPH, set(events) - set(kept)), *summary_update(kept)]
            if ops:  # the events left with no report go, the others' summaries are read again
                store._run_update(" ;\n".join(ops))
    if store.ox.contains_named_graph(ox.NamedNode(str(PENDING_GRAPH))):
        store._run_update(f"DROP SILENT GRAPH {_PENDING_NT}")
    return graphs
