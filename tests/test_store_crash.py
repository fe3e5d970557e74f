"""A process killed (SIGKILL) while writing articles into an on-disk store leaves only whole articles."""

from __future__ import annotations

import textwrap

from rdflib import Literal, URIRef

from kg.store import open_store

from .conftest import killed_writer

N_ARTICLES, TRIPLES_PER_ARTICLE = 200, 3000
BASE = "http://example.org/crash/"

WRITER = textwrap.dedent(
    f"""
    import sys
    from rdflib import Literal, URIRef
    from kg.store import open_store

    store = open_store(sys.argv[1])
    for i in range({N_ARTICLES}):
        g = URIRef("{BASE}article/%d" % i)
        triples = [(URIRef("{BASE}s/%d/%d" % (i, j)), URIRef("{BASE}p"), Literal("article %d triple %d" % (i, j)))
                   for j in range({TRIPLES_PER_ARTICLE})]
        store.replace_graph(g, triples)
        print(i, flush=True)
    """
)


def test_sigkill_mid_ingest_leaves_only_whole_articles(tmp_path):
    path = tmp_path / "store"
    assert killed_writer(WRITER, path, 3) == [0, 1, 2]

    with open_store(path) as store:
        articles = [g for g in store.graphs() if g.startswith(BASE)]
        assert 3 <= len(articles) < N_ARTICLES
        for g in articles:
            i = int(g.rsplit("/", 1)[1])
            assert store.count(g) == TRIPLES_PER_ARTICLE, f"article {i} is partial"
            rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(STRSTARTS(?o, ?prefix)) } }",
                                {"g": g, "prefix": Literal(f"article {i} triple ")})
            assert int(rows[0]["n"]) == TRIPLES_PER_ARTICLE
        present = sorted(int(g.rsplit("/", 1)[1]) for g in articles)
        assert present == list(range(len(present)))  # written in order, none lost before the last
        assert URIRef(f"{BASE}article/{N_ARTICLES - 1}") not in articles
