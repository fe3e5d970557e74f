"""Group commit (kg.stores.batch): batches of new articles through the bulk loader, each article whole or not at all."""

from __future__ import annotations

import textwrap

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.ingest import ingest_paths
from kg.store import open_store
from kg.stores.batch import GroupCommit, pending_graphs
from kg.terms import to_ox
from kg.vocab import EVENTS_GRAPH, PENDING_GRAPH, RELATIONS_GRAPH, RESOLUTION_GRAPH, TIMES_GRAPH

from .conftest import killed_writer
from .test_ingest import STORIES, nquads

BASE = "http://example.org/batch/"


def triples(i: int, n: int = 2000, bad: bool = False) -> list[tuple]:
    """An article's triples; ``bad``: one IRI in the middle that N-Quads does not allow (a relative one)."""
    out = [(URIRef(f"{BASE}s/{i}/{j}"), URIRef(f"{BASE}p"), Literal(f"article {i} triple {j}")) for j in range(n)]
    if bad:
        out[n // 2] = (URIRef(f"s/{i}/relative"), URIRef(f"{BASE}p"), Literal("bad"))
    return out


def graph(i: int) -> URIRef:
    return URIRef(f"{BASE}article/{i}")


def write_batch(store, articles, **group) -> dict[int, tuple]:
    """Write ``articles`` ({i: triples}) in one batch; what each article's on_done got."""
    done = {}
    with store.batch():
        store._group.__dict__.update(group)
        for i, ts in articles.items():
            store.write_article(graph(i), ts, on_done=lambda n, error, i=i: done.__setitem__(i, (n, error)))
    return done


def test_a_batch_is_written_whole_and_reports_each_article(store):
    done = write_batch(store, {i: triples(i) for i in range(5)})
    assert done == {i: (2000, None) for i in range(5)}
    assert all(store.count(graph(i)) == 2000 for i in range(5))
    assert not store.has_graph(PENDING_GRAPH) and pending_graphs(store) == []


def test_articles_wait_for_the_commit_and_asking_for_one_commits(store):
    with store.batch():
        store.write_article(graph(0), triples(0))
        assert len(pending_graphs(store)) == 1 and len(store) < 2000  # step 1 only: the marker
        assert store.count(graph(0)) == 2000  # asking about a held-back graph writes the batch first
        assert pending_graphs(store) == []


def test_a_bad_quad_mid_batch_fails_its_article_alone(tmp_path):
    """The bulk write fails on article 2's bad IRI; written again one by one, the others go in, article 2 not at all."""
    with open_store(tmp_path / "store") as store:
        done = write_batch(store, {i: triples(i, bad=i == 2) for i in range(5)}, bulk_min_quads=1)
        assert {i for i, (_, error) in done.items() if error is None} == {0, 1, 3, 4}
        assert done[2][0] == 0 and isinstance(done[2][1], SyntaxError)
        assert not store.has_graph(graph(2))
        assert all(store.count(graph(i)) == 2000 for i in (0, 1, 3, 4))
        assert not store.has_graph(PENDING_GRAPH)


def test_an_iri_that_would_end_early_fails_its_article_before_anything_is_written(store):
    """An IRI holding ``>`` would end in the middle of the N-Quads text (and add quads of its own): refused."""
    sneaky = URIRef(f"{BASE}x> <{BASE}p> \"injected\" <{BASE}article/9> .\n<{BASE}y")
    with store.batch():
        store.write_article(graph(0), triples(0))
        with pytest.raises(ValueError):
            store.write_article(graph(1), [*triples(1, 10), (sneaky, URIRef(f"{BASE}p"), Literal("o"))])
    assert store.count(graph(0)) == 2000
    assert not store.has_graph(graph(1)) and not store.has_graph(graph(9)) and not store.has_graph(PENDING_GRAPH)


def test_a_failing_bulk_write_is_retried_article_by_article(store, monkeypatch):
    """The bulk write raises after writing part of the batch; the retry completes every article."""
    class HalfBulk:  # pyoxigraph's store whose bulk loader dies half-way
        def __init__(self, real):
            self.real = real

        def bulk_load(self, data, fmt):
            lines = data.splitlines(keepends=True)
            self.real.bulk_load(b"".join(lines[: len(lines) // 2]), fmt)
            raise OSError("disk full")

        def __getattr__(self, name):
            return getattr(self.real, name)

    monkeypatch.setattr(type(store), "ox", property(lambda self: HalfBulk(self._ox)))
    done = write_batch(store, {i: triples(i) for i in range(4)}, bulk_min_quads=1)
    assert done == {i: (2000, None) for i in range(4)}
    assert all(store.count(graph(i)) == 2000 for i in range(4))


def test_an_article_that_fails_in_its_hook_leaves_nothing_and_the_batch_goes_on(store):
    """An exception in the first step (here an update operation that does not parse) writes nothing of the
    article; the articles before and after it are written."""
    done = {}
    with store.batch():
        store.write_article(graph(0), triples(0), on_done=lambda n, e: done.__setitem__(0, e))
        try:
            store.write_article(graph(1), triples(1), after=["INSERT DATA { broken"])
        except Exception as exc:  # noqa: BLE001
            done[1] = exc
        store.write_article(graph(2), triples(2), on_done=lambda n, e: done.__setitem__(2, e))
    assert done[0] is None and done[2] is None and done[1] is not None
    assert not store.has_graph(graph(1)) and store.count(graph(0)) == store.count(graph(2)) == 2000


def test_a_crash_mid_batch_is_repaired_on_open(tmp_path):
    """A marker and half an article's graph on disk (a crash during the bulk write): opening the store deletes
    the article and the marker; the articles of earlier batches stay whole."""
    path = tmp_path / "store"
    with open_store(path) as store:
        write_batch(store, {0: triples(0)})
        group = GroupCommit(store)
        group.add(graph(1), triples(1), (), (), None)
        half = group.pending[str(graph(1))].text.splitlines(keepends=True)[:1000]
        store.ox.bulk_load(b"".join(half), ox.RdfFormat.N_QUADS)
        assert store.count(graph(1)) == 1000 and pending_graphs(store) == [graph(1)]  # then the process dies
    with open_store(path) as store:
        assert store.repaired == [graph(1)]
        assert not store.has_graph(graph(1)) and not store.has_graph(PENDING_GRAPH)
        assert store.count(graph(0)) == 2000


WRITER = textwrap.dedent(
    f"""
    import sys
    from rdflib import Literal, URIRef
    from kg.store import open_store

    store = open_store(sys.argv[1])
    with store.batch():
        store._group.commit_quads = 6000
        for i in range(400):
            triples = [(URIRef("{BASE}s/%d/%d" % (i, j)), URIRef("{BASE}p"), Literal("article %d triple %d" % (i, j)))
                       for j in range(1500)]
            store.write_article(URIRef("{BASE}article/%d" % i), triples, on_done=lambda n, e, i=i: print(i, flush=True))
    """
)


def test_sigkill_mid_batch_leaves_only_whole_articles(tmp_path):
    path = tmp_path / "store"
    assert killed_writer(WRITER, path, 6) == list(range(6))  # the kill lands while a later batch is written
    with open_store(path) as store:
        articles = [g for g in store.graphs() if g.startswith(BASE)]
        assert 6 <= len(articles) < 400 and not store.has_graph(PENDING_GRAPH)
        for g in articles:
            assert store.count(g) == 1500, f"{g} is partial"
        present = sorted(int(g.rsplit("/", 1)[1]) for g in articles)
        assert present == list(range(len(present)))


def test_an_ingest_whose_batch_never_committed_resumes_to_the_same_graph(tmp_path, nlp, monkeypatch):
    """Resolution's shared part (names, decisions, events) is written before the batch commits: a crash then
    leaves it with markers, and the repair on open removes it with the articles, so that ingesting again gives
    exactly the graph of a clean run."""
    stories = STORIES[:4]
    with open_store(tmp_path / "clean") as clean:
        assert ingest_paths(stories, clean).articles == 4
        expected = nquads(clean)
    path = tmp_path / "store"
    with open_store(path) as store:
        ingest_paths(stories[:1], store)  # an earlier run, committed
        before = nquads(store)
        monkeypatch.setattr(GroupCommit, "commit", lambda self: None)  # the process dies before the commit
        ingest_paths(stories[1:], store)
        assert len(pending_graphs(store)) == 3
        reports = len(list(store.ox.quads_for_pattern(None, None, None, to_ox(EVENTS_GRAPH))))
        assert reports and store.count(RESOLUTION_GRAPH)
        store._group = None
        monkeypatch.undo()
    with open_store(path) as store:
        assert len(store.repaired) == 3
        kept = {str(g) for g in (RELATIONS_GRAPH, TIMES_GRAPH)}  # declarations for the store, which stay (kg delete)
        assert [q for q in nquads(store) if not any(q.endswith(f"<{g}> .") for g in kept)] == \
            [q for q in before if not any(q.endswith(f"<{g}> .") for g in kept)]
        summary = ingest_paths(stories, store)
        assert (summary.articles, summary.unchanged) == (3, 1)
        assert nquads(store) == expected



def test_group_commit_writes_the_graph_one_transaction_per_article_writes(tmp_path, nlp):
    stories = STORIES[:4]
    dumps = []
    for grouped in (True, False):
        with open_store(tmp_path / f"store-{grouped}") as store:
            assert ingest_paths(stories, store, group_commit=grouped).articles == 4
            dumps.append(nquads(store))
    assert dumps[0] == dumps[1]
