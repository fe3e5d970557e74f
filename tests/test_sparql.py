import pytest
from rdflib import BNode, Literal, URIRef

from kg.sparql import bind


def test_bind_replaces_variables_outside_strings_iris_and_comments():
    q = 'SELECT ?x WHERE { ?x ?p "?p" . ?x <http://e/?p> ?o } # ?p'
    assert bind(q, {"p": URIRef("http://e/q")}) == 'SELECT ?x WHERE { ?x <http://e/q> "?p" . ?x <http://e/?p> ?o } # ?p'


def test_bind_escapes_literals():
    q = bind("ASK { ?s ?p ?label }", {"label": Literal('x" } ; DROP ALL ; #\n')})
    assert q == 'ASK { ?s ?p "x\\" } ; DROP ALL ; #\\n" }'


def test_bind_does_not_touch_longer_names():
    assert bind("SELECT ?pp WHERE { ?pp ?p ?o }", {"p": Literal(1)}).endswith('{ ?pp "1"^^<http://www.w3.org/2001/XMLSchema#integer> ?o }')


@pytest.mark.parametrize("bad", [URIRef("http://e/> } ; DROP ALL ; <x"), BNode(), "plain string"])
def test_bind_rejects_what_it_cannot_escape(bad):
    with pytest.raises((ValueError, TypeError)):
        bind("ASK { ?s ?p ?o }", {"o": bad})
