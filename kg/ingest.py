"""Inputs -> articles -> extraction -> RDF -> store, each article whole or not at all.

The pipeline streams: articles are read one at a time, sent through spaCy in
batches (``nlp.pipe``) in this process or in ``workers`` processes, and each
result is written by this process alone (the single writer) into the
article's named graph, new articles in batches (``Store.batch``: the embedded
store's group commit, kg.stores.batch), a changed one in one transaction.
Only a bounded window of articles is in flight, so memory does not grow with
the corpus.

Idempotence and resume: an article whose content hash is already in the
store is skipped: ``unchanged`` when stored under its own id with the same
title, date, URL and publisher (else it is written again), ``duplicates``
when stored under another id while its own id holds nothing (an id holding
other text is replaced, so that it never keeps stale content). Because each article is written whole or not at all
(a crash mid-batch leaves markers by which the next opening of the store deletes the batch's articles), a run
that is interrupted (Ctrl-C, kill -9) and started again skips what was
written and continues with the rest.

Bad inputs are reported (file, and line or entry) and skipped; the good ones
still go in.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from .corrections import prepare as prepare_corrected
from .errors import InputError, KGError
from .deadline import DEFAULT_TIME_LIMIT
from .extract import extract_many
from .model import Article, Extraction
from .nlp import load_pipeline
from .rdf import article_iri, article_metadata, shared_triples, to_graph
from .readers import ReadOptions, read_sources
from .resolve import mentions_of, reports_of
from .resolve import plan as resolution_plan
from .resolve import write as write_resolved
from .resolve.events import Report
from .resolve.index import insert_update
from .resolve.match import Mention
from .store import Store
from .vocab import KG

DEFAULT_BATCH_SIZE = 16
MAX_FAILURES_KEPT = 1000  # failures beyond this are counted, not kept (bounded memory)
FLUSH_EVERY_TRIPLES = 25_000  # the store's write buffers grow until flushed: flush them this often


@dataclass
class IngestSummary:
    articles: int = 0  # ingested (new or changed)
    unchanged: int = 0  # skipped: same text already stored under the same id
    duplicates: int = 0  # skipped: same text already stored (or in this run) under another id
    entities: int = 0
    statements: int = 0
    words: int = 0  # words in the ingested articles
    triples_added: int = 0  # net change in the articles' graphs (not the shared graphs of kg.resolve)
    failures: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), the first MAX_FAILURES_KEPT
    elapsed: float = 0.0  # seconds
    interrupted: bool = False

    def add_failure(self, source: str, reason: str) -> None:
        self.failures += 1
        if len(self.failed) < MAX_FAILURES_KEPT:
            self.failed.append((source, reason))

    @property
    def seen(self) -> int:
        return self.articles + self.unchanged + self.duplicates + self.failures

    def __str__(self) -> str:
        text = (
            f"{self.articles} articles ingested, {self.unchanged} unchanged, "
            f"{self.entities} entities, {self.statements} statements, {self.triples_added} triples added"
        )
        if self.duplicates:
            text += f", {self.duplicates} duplicates skipped"
        if self.failures:
            text += f", {self.failures} failed"
        if self.interrupted:
            text += " (interrupted: run again to resume)"
        return text


@dataclass(frozen=True)
class Written:
    """What a worker hands the writer for one article: its graph and counts."""

    article_id: str
    sha256: str
    graph: URIRef
    triples: list
    entities: int
    statements: int
    words: int
    mentions: tuple[Mention, ...] = ()  # what cross-article resolution needs (kg.resolve)
    reports: tuple[Report, ...] = ()
    shared: dict = field(default_factory=dict)  # shared graph -> triples (kg.rdf.shared_triples)
    source: str = ""  # where the article was read (file, and line or entry)


def word_count(text: str) -> int:
    return len(text.split())


def _written(ex: Extraction) -> Written:
    graph, triples = to_graph(ex)
    art = ex.article
    return Written(art.id, art.sha256, graph, list(triples), len(ex.entities), len(ex.statements), word_count(art.text),
                   mentions_of(ex), reports_of(ex), shared_triples(ex), art.source)


def write_written(store: Store, w: Written, resolve: bool = True, on_done=None) -> int:
    """Write one article's graph (resolved against the graph unless ``resolve`` is off) and what it adds to the
    shared relations and times graphs, whole or not at all (:meth:`Store.write_article`); the article graph's new
    triple count. Inside ``store.batch()`` the write may be held back until the batch commits: ``on_done(count,
    error)`` says when it is written, or that it failed."""
    if not resolve:
        prepared = prepare_corrected(store, w.graph, w.triples)
        return store.write_article(w.graph, prepared.triples, after=[*prepared.ops, *insert_update(w.shared)],
                                   on_done=on_done)
    plan = resolution_plan(store, w.graph, w.mentions, w.reports)
    plan.shared.update(w.shared)
    return write_resolved(store, plan, w.triples, on_done)


MAX_COPIES = 100  # graphs with the same text looked at, at most
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def stored_graphs_with_hash(store: Store, sha256: str) -> list[URIRef]:
    """The named graphs of the articles stored with this content hash (by IRI)."""
    rows = store.select(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a ?hash ?sha }} }} ORDER BY ?g LIMIT {MAX_COPIES}",
        {"hash": KG.contentHash, "sha": Literal(sha256)},
    )
    return [row["g"] for row in rows]


def _term_key(term: Node) -> tuple:
    """A term comparable across rdflib and the store (a plain literal is an xsd:string)."""
    if isinstance(term, Literal):
        return str(term), term.language, str(term.datatype or (None if term.language else XSD_STRING))
    return (str(term),)


_NOT_COMPARED = {str(KG.sourcePath)}  # the same file read through another path is the same article


def same_metadata(store: Store, art: Article) -> bool:
    """Whether the stored article ``art.id`` has the title, date, URL and publisher ``art`` has."""
    expected = {(str(p), _term_key(o)) for _, p, o in article_metadata(art) if str(p) not in _NOT_COMPARED}
    predicates = {p for p, _ in expected} | {str(KG.title), str(KG.publisher), str(KG.url), str(KG.published)}
    node = article_iri(art.id)
    rows = store.select("SELECT ?p ?o WHERE { GRAPH ?g { ?a ?p ?o } }", {"g": node, "a": node})
    stored = {(str(r["p"]), _term_key(r["o"])) for r in rows if str(r["p"]) in predicates}
    return stored == expected


# --- workers -------------------------------------------------------------------------


PARENT_CHECK_SECONDS = 0.5


def _init_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and shuts the pool down
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="kg-parent-watch").start()


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone (kill -9 leaves it to init, which would keep it forever)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def extract_chunk(articles: list[Article], model: str | None = None,
                  time_limit: float | None = DEFAULT_TIME_LIMIT) -> list[Written | InputError]:
    """Extract a batch through ``nlp.pipe``; if the batch fails, retry one by one so only bad articles fail.
    An article over ``time_limit`` seconds fails with a message naming it (see :mod:`kg.deadline`).

    Runs in the worker processes too, where the first call loads the pipeline (a missing model raises
    KGError, which reaches the parent through the future).
    """
    nlp = load_pipeline(model)
    by_source = {art.source: art for art in articles}
    results: list[Written | InputError] = []

    def late(error: InputError) -> None:
        error.reason = f"extraction failed: {error.reason}"
        error.args = (f"{error.source}: {error.reason}",)
        error.sha256 = by_source[error.source].sha256
        results.append(error)

    try:
        done = [_written(ex) for ex in extract_many(articles, nlp, len(articles), time_limit, late)]
        return [*done, *results]
    except Exception:  # noqa: BLE001 - one bad article must not sink its batch
        results.clear()
    for art in articles:
        try:
            results.extend(_written(ex) for ex in extract_many([art], nlp, 1, time_limit, late))
        except Exception as exc:  # noqa: BLE001
            error = InputError(art.source, f"extraction failed: {type(exc).__name__}: {exc}")
            error.sha256 = art.sha256  # so the writer can forget it as in flight
            results.append(error)
    return results


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    source = iter(articles)
    while chunk := list(islice(source, size)):
        yield chunk


def _in_process(articles: Iterable[Article], model: str | None, batch_size: int,
                time_limit: float | None) -> Iterator[Written | InputError]:
    for chunk in _chunks(articles, batch_size):
        yield from extract_chunk(chunk, model, time_limit)


def _in_pool(
    articles: Iterable[Article], model: str | None, batch_size: int, workers: int, time_limit: float | None,
    idle: Callable[[], None] | None = None,
) -> Iterator[Written | InputError]:
    """Batches through ``workers`` spawned processes; results in input order, at most 2 batches per worker in flight.
    ``idle`` is called before waiting for a batch that is not done (the writer commits its batch then)."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),))
    pending: deque[Future] = deque()
    chunks = _chunks(articles, batch_size)
    try:
        while True:
            for chunk in islice(chunks, 2 * workers - len(pending)):
                pending.append(pool.submit(extract_chunk, chunk, model, time_limit))
            if not pending:
                return
            if idle is not None and not pending[0].done():
                idle()
            try:
                results = pending.popleft().result()
            except BrokenProcessPool:
                raise KGError("a worker process died (out of memory?); run again to resume") from None
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --- the run -------------------------------------------------------------------------


class Reporter:
    """Receives progress: one call per written, skipped or failed article, and one at the end."""

    def failure(self, error: InputError) -> None: ...

    def update(self, summary: IngestSummary) -> None: ...

    def close(self, summary: IngestSummary) -> None: ...


def ingest_items(
    items: Iterable[Article | InputError],
    store: Store,
    model: str | None = None,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    reporter: Reporter | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    resolve: bool = True,
    cluster: str | None = None,
    group_commit: bool = True,
) -> IngestSummary:
    """Extract each new or changed article and write it into its named graph; count the rest.

    ``resolve``: join the article's entities and events to the graph's (kg.resolve); off, entities
    meet only when their keys are equal.

    ``items`` may mix articles and InputErrors (bad inputs, as the readers yield them).
    A KeyboardInterrupt stops the run cleanly: what was written stays, nothing is half-written,
    and the summary says ``interrupted``. ``cluster`` (``tcp://HOST:PORT`` or ``local:N``): extract on Dask
    workers instead of ``workers`` processes (see :mod:`kg.cluster`); this process still writes, except into a
    SPARQL endpoint, which the workers write themselves, in input order (see :mod:`kg.cluster_write`).

    ``group_commit``: new articles are written in batches (``store.batch()``; the embedded store's bulk loader,
    kg.stores.batch), each article still whole or not at all; an article counts as ingested once its batch
    is written. Off, each article is written (and visible to readers of the live store) before the next.
    """
    summary = IngestSummary()
    reporter = reporter or Reporter()
    started = time.perf_counter()
    in_flight: set[str] = set()  # content hashes read but not yet written: duplicates within the window
    unflushed = 0  # triples written since the last flush

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                summary.add_failure(item.source, item.reason)
                reporter.failure(item)
            else:
                own, graphs = article_iri(item.id), stored_graphs_with_hash(store, item.sha256)
                if own in graphs and same_metadata(store, item):
                    summary.unchanged += 1
                elif (graphs or item.sha256 in in_flight) and own not in graphs and not store.has_graph(own):
                    summary.duplicates += 1  # the text is stored under another id, and this id holds nothing
                else:  # new, or its text or its title, date, URL or publisher changed
                    in_flight.add(item.sha256)
                    yield item
                    continue
            reporter.update(summary)

    idle = store.commit if group_commit else None  # while the writer waits for extraction, its batch commits
    if cluster:
        from .cluster import in_cluster
        from .stores.remote import RemoteStore

        remote = store if isinstance(store, RemoteStore) else None  # an endpoint: the workers write it
        results = in_cluster(fresh(), model, batch_size, cluster, time_limit, idle=idle, store=remote,
                             resolve=resolve)
    elif workers > 1:
        results = _in_pool(fresh(), model, batch_size, workers, time_limit, idle)
    else:
        results = _in_process(fresh(), model, batch_size, time_limit)
    def written(w: Written, replaced: int):
        def done(count: int, error: Exception | None) -> None:  # the article is in the store, or failed whole
            in_flight.discard(w.sha256)
            if error is not None:
                failure = InputError(w.source or w.article_id, f"storing failed: {type(error).__name__}: {error}")
                summary.add_failure(failure.source, failure.reason)
                reporter.failure(failure)
            else:
                summary.triples_added += count - replaced
                summary.articles += 1
                summary.entities += w.entities
                summary.statements += w.statements
                summary.words += w.words
            reporter.update(summary)
        return done

    try:
        with store.batch() if group_commit else nullcontext():
            for w in results:
                if isinstance(w, InputError):  # extraction failed on this article
                    in_flight.discard(getattr(w, "sha256", ""))
                    summary.add_failure(w.source, w.reason)
                    reporter.failure(w)
                    reporter.update(summary)
                    continue
                if not isinstance(w, Written):  # a kg.cluster_write.Stored: a worker wrote the article
                    written(w, w.replaced)(w.count, None)
                    continue
                replaced = store.count(w.graph) if store.has_graph(w.graph) else 0  # one graph, not the whole store
                write_written(store, w, resolve, written(w, replaced))
                unflushed += len(w.triples)
                if unflushed >= FLUSH_EVERY_TRIPLES:
                    store.flush()
                    unflushed = 0
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        close = getattr(results, "close", None)
        if close:
            try:
                close()  # shut the worker pool down
            except KeyboardInterrupt:
                summary.interrupted = True
        store.flush()
        summary.elapsed = time.perf_counter() - started
        reporter.close(summary)
    return summary


def ingest_articles(
    articles: Iterable[Article], store: Store, model: str | None = None, **options
) -> IngestSummary:
    """Extract each new or changed article and write it into its named graph (see :func:`ingest_items`)."""
    return ingest_items(articles, store, model, **options)


def read_articles(
    paths: Iterable[str | Path], on_error: Callable[[InputError], None], options: ReadOptions | None = None
) -> Iterator[Article]:
    """Read articles from files, folders and '-', reporting unreadable ones to ``on_error``."""
    for item in read_sources(paths, options):
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    model: str | None = None,
    *,
    read_options: ReadOptions | None = None,
    **options,
) -> IngestSummary:
    """Ingest files, folders (recursively) and '-' (stdin); bad inputs land in ``summary.failed``."""
    return ingest_items(read_sources(paths, read_options), store, model, **options)
