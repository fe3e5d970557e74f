from dataclasses import replace

import rdflib.namespace as ns
from rdflib import OWL, RDF, RDFS, Literal
from rdflib.compare import isomorphic

from kg.model import Extraction
from kg.rdf import (article_iri, entity_iri, instant_iri, relation_triples, shared_triples, source_iri, time_literal,
                    to_graph)
from kg.vocab import KG, REL, TIMES_GRAPH, relation_property

from .rdf_samples import full_extraction


def _statement(g, predicate):
    (node,) = g.subjects(KG.relationLabel, Literal(predicate))
    return node


def test_mapping_is_deterministic_and_has_no_blank_nodes():
    iri1, g1 = to_graph(full_extraction())
    iri2, g2 = to_graph(full_extraction())
    assert iri1 == iri2 == article_iri("a1")
    assert set(g1) == set(g2) and isomorphic(g1, g2)
    assert not any(t.__class__.__name__ == "BNode" for triple in g1 for t in triple)


def test_entity_iris_are_the_same_in_every_article():
    ex = full_extraction()
    other = Extraction(replace(ex.article, id="a2", text=ex.article.text + " More."), ex.entities, ex.statements)
    _, g1 = to_graph(ex)
    _, g2 = to_graph(other)
    people = lambda g: set(g.subjects(RDF.type, KG.Person))  # noqa: E731
    assert people(g1) == people(g2) == {entity_iri("person/sami-jasim")}


def test_entities_get_their_subtype_class():
    _, g = to_graph(full_extraction())
    mit = entity_iri("organization/turkish-intelligence")
    assert {KG.Organization, KG.IntelligenceAgency} <= set(g.objects(mit, RDF.type))
    assert (entity_iri("location/syria"), RDF.type, KG.Country) in g
    assert (entity_iri("person/sami-jasim"), RDF.type, KG.Person) in g
    assert (mit, KG.country, entity_iri("location/turkey")) in g


def test_each_relation_is_a_direct_edge_and_a_statement_node():
    _, g = to_graph(full_extraction())
    st = _statement(g, "capture")
    agent, target = entity_iri("organization/iraqi-forces"), entity_iri("person/sami-jasim")
    assert (agent, REL.capture, target) in g
    assert {KG.Statement, KG.Capture} == set(g.objects(st, RDF.type))
    assert (st, KG.agent, agent) in g and (st, KG.target, target) in g
    assert relation_property(str(g.value(st, KG.relationLabel))) == REL.capture
    assert (st, KG.assistingParty, entity_iri("organization/turkish-intelligence")) in g
    assert (st, KG.place, entity_iri("location/syria")) in g
    assert g.value(st, KG.confidence) == Literal("0.8", datatype=ns.XSD.decimal)
    sentence = g.value(st, KG.sentence)
    assert sentence.startswith(str(article_iri("a1")) + "/sentence/")  # its article is its graph
    start, end = (g.value(sentence, p).toPython() for p in (KG.startOffset, KG.endOffset))
    text = str(g.value(article_iri("a1"), KG.text))  # the offsets point into the article's text, held once
    assert text[start:end].startswith("Turkish intelligence helped") and g.value(sentence, KG.text) is None


def test_nothing_repeated_or_derivable_is_written():
    """What the graph can tell otherwise is left out (docs/ontology.md, "What is not written")."""
    _, g = to_graph(full_extraction())
    st = _statement(g, "capture")
    for p in (KG.relation, ns.PROV.wasDerivedFrom, KG.mentions, KG.article, ns.SKOS.prefLabel):
        assert (None, p, None) not in g, p
    assert (None, RDF.type, KG.Sentence) not in g and (None, RDF.type, OWL.ObjectProperty) not in g
    assert g.value(article_iri("a1"), RDFS.label) is None  # kg:title holds it
    assert g.value(st, KG.negated) is None  # not negated: the default
    # a subtype with a class is the class alone; a mention count of one is the default
    assert g.value(entity_iri("organization/turkish-intelligence"), KG.subtype) is None
    assert g.value(entity_iri("organization/turkish-intelligence"), KG.mentionCount) is None
    assert g.value(entity_iri("person/sami-jasim"), KG.mentionCount) == Literal(2)


def test_relation_properties_are_declared_once_for_the_store():
    triples = set(relation_triples(["capture", "help capture", "capture"]))
    assert (REL.capture, RDF.type, OWL.ObjectProperty) in triples
    assert (REL.helpCapture, RDFS.subPropertyOf, KG.relatedTo) in triples
    assert (REL.helpCapture, RDFS.label, Literal("help capture")) in triples
    assert len(triples) == 6


def test_negated_statements_have_no_direct_edge():
    _, g = to_graph(full_extraction())
    st = _statement(g, "kill")
    assert g.value(st, KG.negated) == Literal(True)
    assert g.value(st, KG.modality) == Literal("possible") and g.value(st, KG.quantity) == Literal("at least 2")
    assert (None, REL.kill, None) not in g


def test_times_are_typed_literals_and_owl_time_entities():
    assert time_literal("2019-10-27").datatype == ns.XSD.date
    assert time_literal("2019-10").datatype == ns.XSD.gYearMonth
    assert time_literal("2019").datatype == ns.XSD.gYear
    assert time_literal("2019-10-27T08:00:00Z").datatype == ns.XSD.dateTime
    assert time_literal("last week") == Literal("last week")
    assert time_literal("2019-02-30") == Literal("2019-02-30") and time_literal("2019-13") == Literal("2019-13")
    _, g = to_graph(full_extraction())
    capture = _statement(g, "capture")
    assert g.value(capture, KG.time) == Literal("2019-10-27", datatype=ns.XSD.date)
    instant = g.value(capture, KG.temporalExtent)
    assert instant == instant_iri("2019-10-27") and (instant, None, None) not in g  # described in the times graph
    times = shared_triples(full_extraction())[TIMES_GRAPH]
    assert (instant, RDF.type, ns.TIME.Instant) in times
    assert (instant, ns.TIME.inXSDDate, Literal("2019-10-27", datatype=ns.XSD.date)) in times
    assert (instant_iri("2019"), ns.TIME.inXSDgYear, Literal("2019", datatype=ns.XSD.gYear)) in times
    vague = _statement(g, "help")  # a vague time is its text alone
    assert g.value(vague, KG.time) == Literal("last week") and g.value(vague, KG.temporalExtent) is None


def test_sources_are_agents_or_the_entity_they_name():
    ex = full_extraction()
    _, g = to_graph(ex)
    anonymous = g.value(_statement(g, "capture"), ns.PROV.wasAttributedTo)
    assert anonymous == source_iri(ex.article, "three sources")
    assert set(g.objects(anonymous, RDF.type)) == {KG.Source}  # a prov:Agent by the ontology
    assert g.value(anonymous, RDFS.label) == Literal("three sources")
    assert g.value(_statement(g, "help"), ns.PROV.wasAttributedTo) == entity_iri("organization/turkish-intelligence")


def test_article_metadata():
    _, g = to_graph(full_extraction())
    art = article_iri("a1")
    assert g.value(art, KG.title) == Literal("Capture")
    assert g.value(art, KG.publisher) == Literal("Example News")
    assert g.value(art, KG.url) == Literal("https://example.org/a1", datatype=ns.XSD.anyURI)
    assert g.value(art, KG.published) == Literal("2019-10-28", datatype=ns.XSD.date)
    assert len(str(g.value(art, KG.contentHash))) == 64


def test_relation_property_names():
    assert relation_property("help capture") == REL.helpCapture
    assert relation_property("---") == REL.relatedTo
