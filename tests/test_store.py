import io

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store import guess_format, open_store
from kg.vocab import ONTOLOGY_GRAPH

from .store_backends import oxigraph_endpoint, store  # noqa: F401  (fixtures: every test runs on each backend)

G = URIRef("http://example.org/g")
S, P = URIRef("http://example.org/s"), URIRef("http://example.org/p")
A, B = URIRef("http://example.org/a"), URIRef("http://example.org/b")


def _graph(*objects):
    g = Graph()
    for o in objects:
        g.add((S, P, Literal(o)))
    return g


def test_new_store_holds_the_ontology(store):
    assert store.graphs() == [ONTOLOGY_GRAPH]


def test_replace_graph_round_trip_and_idempotence(store):
    base = len(store)
    assert store.replace_graph(G, _graph("a", 'quote " and \\ and\nnewline')) == 2
    assert store.replace_graph(G, _graph("a", 'quote " and \\ and\nnewline')) == 2
    assert len(store) == base + 2
    rows = store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o", {"g": G})
    assert [str(r["o"]) for r in rows] == ["a", 'quote " and \\ and\nnewline']
    store.replace_graph(G, _graph("b"))
    assert [str(r["o"]) for r in store.select("SELECT ?o WHERE { ?s ?p ?o }", {"s": S})] == ["b"]


def test_delete_graph(store):
    store.replace_graph(G, _graph("a"))
    assert store.delete_graph(G) is True
    assert store.delete_graph(G) is False
    assert not store.has_graph(G)


def test_on_disk_store_persists(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as s:
        s.replace_graph(G, _graph("a"))
        n = len(s)
    with open_store(path) as s:
        assert len(s) == n
        assert s.has_graph(G)


def test_second_process_lock_gives_clean_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "store"
    with open_store(path):
        code = f"from kg.store import open_store\nopen_store({str(path)!r})"
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "in use by another process" in proc.stderr


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="SPARQL"):
        store.query("SELEC ?x")


def test_load_turtle_into_named_graph_and_dump(store):
    added = store.load(b"<http://e/a> <http://e/b> 'c' .", "turtle", G)
    assert added == 1
    out = io.BytesIO()
    store.dump(out, "nquads", graph=G)
    assert out.getvalue().decode().strip() == '<http://e/a> <http://e/b> "c" .'


def test_load_jsonld(store):
    doc = b'{"@id": "http://e/a", "http://e/b": "c"}'
    assert store.load(doc, "jsonld", G) == 1


def test_load_rejects_bad_rdf_and_keeps_store(store):
    before = len(store)
    with pytest.raises(StoreError, match="cannot parse turtle"):
        store.load(b"<http://e/a> <http://e/b> .", "turtle", G)
    assert len(store) == before


def test_guess_format():
    assert guess_format("x.ttl") == "turtle"
    assert guess_format("x.NQ") == "nquads"
    with pytest.raises(StoreError):
        guess_format("x.docx")



def _two_graphs(store):
    store.update(f"INSERT DATA {{ GRAPH <{A}> {{ <{A}> a <{A}> }} GRAPH <{B}> {{ <{B}> a <{B}> }} }}")


def test_query_with_protocol_default_graphs(store):
    _two_graphs(store)
    rows = lambda r: sorted(sol["s"].value for sol in r)  # noqa: E731
    assert rows(store.query("SELECT ?s { ?s a ?t }", default_graphs=[str(A)])) == [str(A)]
    assert rows(store.query("SELECT ?s { ?s a ?t }", default_graphs=[A, B])) == [str(A), str(B)]
    # only named graphs given: the default graph is empty
    assert rows(store.query("SELECT ?s { ?s a ?t }", named_graphs=[A])) == []


def test_query_with_protocol_named_graphs(store):
    _two_graphs(store)
    result = store.query("SELECT ?g { GRAPH ?g { ?s a ?t } }", named_graphs=[B])
    assert [sol["g"] for sol in result] == [ox.NamedNode(str(B))]
    assert not store.query("ASK { GRAPH ?g { ?s a ?t } }", default_graphs=[A])


def test_results_are_pyoxigraph_objects_on_every_backend(store):
    store.replace_graph(G, _graph("a"))
    select = store.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": S})
    assert isinstance(select, ox.QuerySolutions) and [v.value for v in select.variables] == ["o"]
    assert [sol["o"] for sol in select] == [ox.Literal("a")]
    assert isinstance(store.query("ASK { ?s ?p ?o }", {"s": S}), ox.QueryBoolean)
    construct = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": S})
    assert isinstance(construct, ox.QueryTriples)
    assert b'"a"' in construct.serialize(format=ox.RdfFormat.N_TRIPLES)
    json = store.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": S}).serialize(format=ox.QueryResultsFormat.JSON)
    assert b'"value":"a"' in json


def test_update_and_delete_where(store):
    store.update(f'INSERT DATA {{ GRAPH <{G}> {{ <{S}> <{P}> "x" }} }}')
    assert store.count(G) == 1
    store.update(f"DELETE WHERE {{ GRAPH <{G}> {{ <{S}> ?p ?o }} }}")
    assert store.count(G) == 0


def test_seed_ingested_twice_gives_the_same_triple_count(store, nlp):
    from kg.ingest import ingest_paths

    from .conftest import SEED

    ingest_paths([SEED], store)
    n = len(store)
    (article,) = [g for g in store.graphs() if "/id/article/" in g]  # not the ontology nor kg.resolve's graphs
    assert store.delete_graph(article)
    ingest_paths([SEED], store)
    assert len(store) == n
    again = ingest_paths([SEED], store)
    assert (again.unchanged, again.triples_added, len(store)) == (1, 0, n)


def test_unreachable_endpoint_is_a_store_error():
    from .store_backends import free_port

    with pytest.raises(StoreError, match="cannot reach"):
        open_store(f"http://127.0.0.1:{free_port()}/query")


def test_update_url_and_credentials_from_the_spec(oxigraph_endpoint):
    from kg.stores.remote import default_update_url

    assert default_update_url("http://h:7878/query") == "http://h:7878/update"
    assert default_update_url("http://h/sparql") == "http://h/sparql"
    with open_store(oxigraph_endpoint.replace("http://", "http://alice:secret@")) as s:
        assert s.query_url == oxigraph_endpoint and s._client.auth is not None
        assert s.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": ONTOLOGY_GRAPH})


def test_cli_on_a_remote_store(oxigraph_endpoint):
    from .conftest import SEED
    from .store_backends import fresh_remote_store
    from .test_cli import kg

    fresh_remote_store(oxigraph_endpoint).close()
    first = kg("ingest", SEED, store=oxigraph_endpoint)
    assert first.exit_code == 0 and first.output.startswith("1 articles ingested"), first.output
    assert "0 articles ingested, 1 unchanged" in kg("ingest", SEED, store=oxigraph_endpoint).output
    assert "articles    1" in kg("stats", store=oxigraph_endpoint).output
    assert kg("delete", SEED.stem, store=oxigraph_endpoint).exit_code == 0
    assert "articles    0" in kg("stats", store=oxigraph_endpoint).output


def test_endpoint_that_does_not_answer_times_out():
    import socket

    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(StoreError) as caught:
            open_store(url, timeout=0.5)
        assert str(caught.value) == f"the SPARQL endpoint {url} did not answer within 0.5 s (KG_QUERY_TIMEOUT sets the limit)"


def test_dump_whole_store_as_quads_and_as_union_triples(store):
    store.replace_graph(G, _graph("a"))
    quads, triples = io.BytesIO(), io.BytesIO()
    store.dump(quads, "nquads")
    store.dump(triples, "nt")
    assert f'<{S}> <{P}> "a" <{G}> .' in quads.getvalue().decode()
    assert f'<{S}> <{P}> "a" .' in triples.getvalue().decode()
    assert len(quads.getvalue().decode().splitlines()) == len(store)


def test_a_reader_opening_beside_a_writer_retries_a_rolled_manifest(tmp_path, monkeypatch):
    """RocksDB may delete the MANIFEST file a read-only opener has just found (the writer, `kg serve`, rolled it):
    the open is tried again; another failure is a StoreError with the store's path, never a crash."""
    import pyoxigraph as ox

    from kg.errors import StoreError
    from kg.stores import embedded

    with open_store(str(tmp_path / "store")):
        pass
    real, calls = ox.Store.read_only, []

    def flaky(path):
        calls.append(path)
        if len(calls) == 1:
            raise RuntimeError("Corruption: IO error: No such file or directory: MANIFEST-000023")
        return real(path)

    monkeypatch.setattr(embedded.ox.Store, "read_only", staticmethod(flaky))
    monkeypatch.setattr(embedded, "READ_ONLY_RETRY_SECONDS", 0)
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        assert store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1") is not None
    assert len(calls) == 2

    def broken(path):
        raise RuntimeError("Corruption: checksum mismatch")

    monkeypatch.setattr(embedded.ox.Store, "read_only", staticmethod(broken))
    with pytest.raises(StoreError, match="cannot open the store at .*checksum mismatch"):
        open_store(str(tmp_path / "store"), read_only=True)
