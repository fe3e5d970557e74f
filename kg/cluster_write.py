"""Workers that write: a cluster ingest (kg.cluster) into a SPARQL endpoint (kg.stores.remote).

When the store is an endpoint, the articles' graphs need not travel back to the process running ``kg ingest``
(the driver): each worker opens the endpoint once (:class:`RemoteStorePlugin`, with the URLs and credentials the
driver was given) and writes the articles it extracted itself, each in one update request (one transaction),
by the very code the driver would run (:func:`kg.ingest.write_written`: resolution against the graph, the
analysts' corrections, the shared graphs). Only a :class:`Stored` summary per article comes back.

Resolution reads what the earlier articles wrote, so the writes keep the input order, one batch at a time: a
batch is extracted, then its task leaves the worker's thread pool (``secede``: the worker extracts the next
batch meanwhile) and waits for its turn, a Dask ``Event`` the driver sets once the batch before is written.
That makes the graph the one a local ingest makes; the writes are no more parallel than the driver's.

A batch whose worker dies is run again on another worker (Dask retries it). An article that the first attempt
had already written is not written again: its graph already holds its content hash and metadata, which the
driver had checked it did not before sending it (skip unchanged). Its summary then counts the graph's size the
driver read when it gave the batch its turn, as the triples it replaced.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from rdflib import RDF, Literal

from .errors import InputError
from .ingest import Written, _term_key, extract_chunk, write_written
from .model import Article
from .rdf import article_iri
from .sparql import term_n3
from .store import Store
from .vocab import KG

try:
    from distributed import Event, Variable, WorkerPlugin, get_worker, secede
except ImportError:  # the cluster extra is not installed (kg.cluster says what to install)
    WorkerPlugin = object

TURN_POLL = 5.0  # seconds between looks at whether a batch waiting for its turn was cancelled
_METADATA = {str(p) for p in (RDF.type, KG.contentHash, KG.sourcePath, KG.title, KG.publisher, KG.url, KG.published)}


@dataclass(frozen=True)
class Stored:
    """What a worker that wrote an article sends back: enough for the driver's counts and progress."""

    article_id: str
    sha256: str
    source: str
    count: int  # the article graph's triples after the write
    replaced: int  # its triples before
    entities: int
    statements: int
    words: int


class RemoteStorePlugin(WorkerPlugin):
    """Opens the endpoint once on each worker (again on a worker that joins later). ``access`` is a
    kg.stores.remote.Access, whose repr hides the credentials. Named after the endpoint, so that runs into
    different endpoints can share a cluster."""

    def __init__(self, access):
        self.access = access
        self.name = plugin_name(access.query_url)
        self.store = None

    def setup(self, worker) -> None:
        self.store = self.access.open()

    def teardown(self, worker) -> None:
        if self.store is not None:
            self.store.close()


def plugin_name(query_url: str) -> str:
    return f"kg-remote-store {query_url}"


def new_run() -> str:
    """A prefix for the names of one run's turn variables."""
    return f"kg-turn-{uuid.uuid4().hex}-"


def graph_sizes(store: Store, articles: list[Article]) -> dict[str, int]:
    """Triples in the graphs of ``articles`` (those that have one), by graph IRI, in one query."""
    values = " ".join(sorted({term_n3(article_iri(a.id)) for a in articles}))
    rows = store.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                        "GROUP BY ?g")
    return {str(r["g"]): int(r["n"].toPython()) for r in rows}


def already_written(store: Store, w: Written) -> bool:
    """Whether the article's graph holds its content hash and the metadata this write would give it."""
    node = article_iri(w.article_id)
    expected = {(str(p), _term_key(o)) for s, p, o in w.triples if s == node and str(p) in _METADATA}
    rows = store.select("SELECT ?p ?o WHERE { GRAPH ?g { ?a ?p ?o } }", {"g": w.graph, "a": node})
    stored = {(str(r["p"]), _term_key(r["o"])) for r in rows if str(r["p"]) in _METADATA}
    return (str(KG.contentHash), _term_key(Literal(w.sha256))) in stored and stored == expected


def give_turn(client, name: str, sizes: dict[str, int]) -> None:
    """The driver's go for a batch: the sizes of its graphs now (a Variable), then its Event."""
    Variable(name, client=client).set(sizes)
    Event(name, client=client).set()


def end_turn(client, name: str) -> None:
    """Forget a batch's turn on the scheduler (once its result is in, or the run stops)."""
    Event(name, client=client).clear()
    Variable(name, client=client).delete()


def _wait_for_turn(name: str) -> dict[str, int] | None:
    """The driver's go for this batch (the sizes of its graphs before), or None when the batch was cancelled."""
    from distributed.worker import thread_state

    worker, key = get_worker(), thread_state.key
    while not Event(name).wait(timeout=TURN_POLL):
        task = worker.state.tasks.get(key)
        if task is None or task.state == "cancelled":
            return None
    return Variable(name).get()


def extract_and_write(articles: list[Article], model: str, turn: str, plugin: str, resolve: bool,
                      *extra) -> list[Stored | InputError]:
    """A Dask task: extract a batch (kg.ingest.extract_chunk, ``extra`` after the model), wait for its turn,
    write each article into the store the worker plugin named ``plugin`` opened."""
    results = extract_chunk(articles, model, *extra)
    store = get_worker().plugins[plugin].store
    secede()  # waiting and writing need no core: the worker extracts the next batch meanwhile
    before = _wait_for_turn(turn)
    if before is None:
        return []
    out: list[Stored | InputError] = []
    for w in results:
        if isinstance(w, InputError):
            out.append(w)
            continue
        if already_written(store, w):  # by an earlier attempt of this batch, on a worker that died since
            count, replaced = store.count(w.graph), before.get(str(w.graph), 0)
        else:
            replaced = store.count(w.graph) if store.has_graph(w.graph) else 0
            count = write_written(store, w, resolve)
        out.append(Stored(w.article_id, w.sha256, w.source, count, replaced, w.entities, w.statements, w.words))
    return out
