"""The SHACL shapes of ontology/shapes.ttl hold for every article graph kg writes, and catch broken ones."""

from importlib import resources
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import TIME

from kg.rdf import article_iri, shared_triples, to_graph
from kg.vocab import KG, RELATIONS_GRAPH, TIMES_GRAPH, WGS84, ontology_turtle, relation_property

from .rdf_samples import full_extraction

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(data=resources.files("ontology").joinpath("shapes.ttl").read_text(), format="turtle")


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(data=ontology_turtle(), format="turtle")


def check(graph: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(graph, shacl_graph=shapes, ont_graph=ontology, advanced=True, allow_warnings=False)
    return conforms, text


def test_seed_graph_conforms(seed_store, shapes, ontology):
    (graph_iri,) = [g for g in seed_store.graphs() if "/id/article/" in g]
    graph = Graph()
    for row in seed_store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri}):
        graph.add((row["s"], row["p"], row["o"]))
    assert len(graph) > 50
    conforms, text = check(graph, shapes, ontology)
    assert conforms, text


STORIES = sorted((Path(__file__).parent / "data" / "stories").glob("*.txt"))


def test_every_test_story_graph_conforms(nlp, shapes, ontology):
    from kg.extract import extract_many
    from kg.text import read_article

    assert STORIES
    for ex in extract_many((read_article(p) for p in STORIES), nlp):
        _, graph = to_graph(ex)
        conforms, text = check(graph, shapes, ontology)
        assert conforms, f"{ex.article.source}: {text}"


def test_every_field_of_the_mapping_conforms(shapes, ontology):
    _, graph = to_graph(full_extraction())
    conforms, text = check(graph, shapes, ontology)
    assert conforms, text


def test_the_shared_relations_and_times_conform(shapes, ontology):
    shared = shared_triples(full_extraction())
    assert set(shared) == {RELATIONS_GRAPH, TIMES_GRAPH}
    for iri, triples in shared.items():
        graph = Graph()
        for t in triples:
            graph.add(t)
        assert len(graph) >= 4, iri
        conforms, text = check(graph, shapes, ontology)
        assert conforms, f"{iri}: {text}"
        graph.remove((None, RDFS.label, None) if iri == RELATIONS_GRAPH else (None, TIME.inXSDDate, None))
        assert not check(graph, shapes, ontology)[0], iri


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda g, st, art: g.remove((art, KG.contentHash, None)), "contentHash"),
        (lambda g, st, art: g.add((st, KG.confidence, Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))), "confidence"),
        (lambda g, st, art: g.remove((st, KG.agent, None)), "agent"),
        (lambda g, st, art: g.remove((g.value(st, KG.agent), relation_property(str(g.value(st, KG.relationLabel))),
                                      g.value(st, KG.target))), "direct edge"),
        (lambda g, st, art: g.add((st, RDF.type, KG.Arrest)), "type"),
    ],
    ids=["no-hash", "confidence-over-1", "no-agent", "missing-direct-edge", "two-event-classes"],
)
def test_shapes_catch_broken_graphs(shapes, ontology, breakage, message):
    article, graph = to_graph(full_extraction())
    statement = next(s for s in graph.subjects(KG.agent, None) if (s, KG.negated, None) not in graph)
    breakage(graph, statement, article)
    conforms, text = check(graph, shapes, ontology)
    assert not conforms
    assert message in text


# --- kg.resolve: place links in article graphs; the places, resolution and events graphs -----------


def _graph(store, iri) -> Graph:
    graph = Graph()
    for row in store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": iri}):
        graph.add((row["s"], row["p"], row["o"]))
    return graph


@pytest.fixture(scope="module")
def resolved_store():
    from kg.store import open_store

    from .resolve_samples import event, extraction, org, person, place, write

    store = open_store(":memory:")
    na, hicks, city = org("Northern Alliance"), person("David Hicks"), place("Kunduz", "City")
    write(store, extraction("a1", [na, hicks, city, place("Afghanistan", "Country")],
                            [event(na, "Capture", hicks, "2001-12-09", city)]))
    write(store, extraction("a2", [org("Northern Alliance"), person("Hicks")],
                            [event(na, "Capture", person("Hicks"), negated=True)]))
    yield store
    store.close()


def test_resolved_graphs_conform(resolved_store, shapes, ontology):
    from kg.vocab import EVENTS_GRAPH, PLACES_GRAPH, RESOLUTION_GRAPH

    for iri in (article_iri("a1"), article_iri("a2"), RESOLUTION_GRAPH, EVENTS_GRAPH, PLACES_GRAPH):
        graph = _graph(resolved_store, iri)
        assert len(graph) >= 5, iri
        conforms, text = check(graph, shapes, ontology)
        assert conforms, f"{iri}: {text}"


@pytest.mark.parametrize(
    "graph_name, breakage, message",
    [
        ("places", lambda g: g.remove((None, WGS84.lat, None)), "lat"),
        ("resolution", lambda g: g.set((g.value(None, RDF.type, KG.Resolution, any=True), KG.rule, Literal("guess"))),
         "rule"),
        ("resolution", lambda g: g.remove((None, KG.attests, None)), "attests"),
        ("events", lambda g: g.remove((None, KG.report, None)), "report"),
    ],
    ids=["city-without-coordinates", "unknown-rule", "unattested-name", "event-without-report"],
)
def test_shapes_catch_broken_resolved_graphs(resolved_store, shapes, ontology, graph_name, breakage, message):
    from kg.vocab import EVENTS_GRAPH, PLACES_GRAPH, RESOLUTION_GRAPH

    iri = {"places": PLACES_GRAPH, "resolution": RESOLUTION_GRAPH, "events": EVENTS_GRAPH}[graph_name]
    graph = _graph(resolved_store, iri)
    breakage(graph)
    conforms, text = check(graph, shapes, ontology)
    assert not conforms
    assert message in text
