from rdflib import OWL, RDF, RDFS, Graph
from rdflib.namespace import SKOS

from kg import lexicons
from kg.vocab import KG, ontology_turtle


def _ontology():
    g = Graph()
    g.parse(data=ontology_turtle(), format="turtle")
    return g


def test_vocab_matches_ontology():
    g = _ontology()
    declared = {
        str(s).removeprefix(str(KG._NS))
        for s in g.subjects()
        if str(s).startswith(str(KG._NS)) and (s, RDF.type, None) in g
    }
    in_code = set(KG.__annotations__)
    assert declared == in_code


def test_every_term_has_a_label_and_definition():
    g = _ontology()
    for term in KG.__annotations__:
        node = KG[term]
        assert (node, RDFS.label, None) in g or (node, SKOS.prefLabel, None) in g, term
        assert (node, SKOS.definition, None) in g, term


def test_every_lexicon_event_class_is_an_ontology_event():
    g = _ontology()
    for cls in lexicons.load("events"):
        assert (KG[cls], RDFS.subClassOf, KG.Event) in g
        assert (KG[cls], RDF.type, OWL.Class) in g
