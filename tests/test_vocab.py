from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV
from rdflib.namespace import SKOS

from kg import lexicons
from kg.vocab import KG, SEM, ontology_turtle

VANN = Namespace("http://purl.org/vocab/vann/")


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


def test_shapes_use_only_ontology_terms():
    from importlib import resources

    shapes = Graph().parse(data=resources.files("ontology").joinpath("shapes.ttl").read_text(), format="turtle")
    used = {str(t) for triple in shapes for t in triple if str(t).startswith(str(KG._NS))}
    assert used and used <= {str(KG[name]) for name in KG.__annotations__}


def test_ontology_aligns_actors_and_events():
    g = _ontology()
    for sub, sup in [(KG.ArmedGroup, KG.Organization), (KG.Country, KG.Location), (KG.Source, PROV.Agent),
                     (KG.Person, PROV.Agent), (KG.Event, SEM.Event)]:
        assert (sub, RDFS.subClassOf, sup) in g, (sub, sup)
    (onto,) = g.subjects(RDF.type, OWL.Ontology)
    assert g.value(onto, VANN.preferredNamespacePrefix) == Literal("kg")


def test_every_kg_term_the_ontology_uses_is_declared():
    g = _ontology()
    used = {str(t) for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG._NS))}
    assert used <= {str(KG[name]) for name in KG.__annotations__}
