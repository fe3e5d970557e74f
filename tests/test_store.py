import pyoxigraph as ox
from rdflib import URIRef

A, B = URIRef("http://example.org/a"), URIRef("http://example.org/b")


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
