"""kg.graph_queries on a small hand-made graph: search, neighbours with filters, paths, statements."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, Literal
from rdflib.namespace import SKOS

from kg import graph_queries as gq
from kg.vocab import ID, KG

PEOPLE = {"person/jasim": ("Jāsim Mohammed", "Person", ["Abu Jasim"]),
          "organization/isis": ("Islamic State", "Organization", ["ISIS", "Daesh"]),
          "location/mosul": ("Mosul", "Location", []),
          "person/omar": ("Omar", "Person", [])}
# (id, agent, target, relation, event class, time)
STATEMENTS = [("s1", "person/jasim", "organization/isis", "leader of", "Leadership", "2019"),
              ("s2", "organization/isis", "location/mosul", "attack", "Attack", "2021-06-03"),
              ("s3", "person/omar", "person/jasim", "arrest", "Arrest", None)]


@pytest.fixture(scope="module")
def graph(request):
    from kg.store import open_store

    store = open_store(":memory:")
    triples = []
    for key, (label, type_, aliases) in PEOPLE.items():
        triples += [(ID[key], RDF.type, KG[type_]), (ID[key], RDFS.label, Literal(label))]
        triples += [(ID[key], SKOS.altLabel, Literal(a)) for a in aliases]
    for sid, agent, target, rel, event, time in STATEMENTS:
        st, sent = ID[f"statement/{sid}"], ID[f"article/a/sentence/{sid}"]
        triples += [(st, RDF.type, KG.Statement), (st, RDF.type, KG[event]), (st, KG.agent, ID[agent]),
                    (st, KG.target, ID[target]), (st, KG.relationLabel, Literal(rel)),
                    (st, KG.confidence, Literal("0.8", datatype=XSD.decimal)), (st, KG.sentence, sent),
                    (sent, KG.text, Literal(f"sentence {sid}")), (sent, KG.startOffset, Literal(0)),
                    (sent, KG.endOffset, Literal(10)), (sent, KG.article, ID["article/a"])]
        if time:
            triples.append((st, KG.time, Literal(time, datatype=XSD.gYear if len(time) == 4 else XSD.date)))
    triples += [(ID["article/a"], RDF.type, KG.Article), (ID["article/a"], RDFS.label, Literal("A"))]
    store.replace_graph(ID["article/a"], triples)
    return store


@pytest.mark.parametrize("q, ids", [
    ("jasim", ["person/jasim"]), ("JĀS", ["person/jasim"]), ("abu j", ["person/jasim"]),
    ("daesh", ["organization/isis"]), ("is", ["organization/isis"]), ("", list(sorted(PEOPLE, key=lambda k: PEOPLE[k][0].lower()))),
    ("mohammed", ["person/jasim"]), ("dash", ["organization/isis"]), ("moslu", ["location/mosul"]),
])
def test_search(graph, q, ids):
    assert [e["id"] for e in gq.search_entities(graph, q, limit=10)] == ids


def test_search_type(graph):
    assert [e["id"] for e in gq.search_entities(graph, "", "Person")] == ["person/jasim", "person/omar"]


def test_neighbours_dates_compare_at_their_precision(graph):
    def ids(**kw):
        return [n["id"] for n in gq.neighbours(graph, "organization/isis", **kw)["neighbours"]]

    assert ids() == ["person/jasim", "location/mosul"]
    assert ids(since="2019-06-01") == ["person/jasim", "location/mosul"]  # "2019" overlaps
    assert ids(since="2020-01-01") == ["location/mosul"]
    assert ids(until="2019-12-31") == ["person/jasim"]
    assert ids(since="2021-06-04") == []


def test_neighbours_depth_and_direction(graph):
    two = gq.neighbours(graph, "location/mosul", depth=2)["neighbours"]
    assert [(n["id"], n["depth"]) for n in two] == [("organization/isis", 1), ("person/jasim", 2)]
    assert gq.neighbours(graph, "location/mosul", direction="out")["neighbours"] == []


def test_paths(graph):
    found = gq.paths(graph, "person/omar", "location/mosul")
    assert found["length"] == 3
    assert [e["id"] for e in found["paths"][0]["entities"]] == [
        "person/omar", "person/jasim", "organization/isis", "location/mosul"]
    assert gq.paths(graph, "person/omar", "location/mosul", max_depth=2)["length"] is None
    with pytest.raises(gq.NotFound):
        gq.paths(graph, "person/omar", "person/nobody")


def test_statement(graph):
    st = gq.statement(graph, "s2")
    assert st["agent"]["label"] == "Islamic State" and st["target"]["id"] == "location/mosul"
    assert st["event_types"] == ["Attack"] and st["time"] == "2021-06-03" and st["confidence"] == 0.8
    assert st["sentence"] == {"id": "article/a/sentence/s2", "text": "sentence s2", "start": 0, "end": 10,
                              "article": "a"}
    with pytest.raises(gq.NotFound):
        gq.statement(graph, "nope")


def test_unusable_ids_are_not_found(graph):
    for bad in ["a b", "<x>", 'x"y']:
        with pytest.raises(gq.NotFound):
            gq.entity(graph, bad)


def test_answers_from_the_lean_layout_are_those_of_the_old_one():
    """What the article graph no longer writes (kg:subtype with a class, kg:mentionCount 1, kg:mentions, sentence
    texts and kg:article) is read from what it does write."""
    from kg.ingest import _written, write_written
    from kg.rdf import statement_iri
    from kg.store import open_store

    from .rdf_samples import full_extraction

    ex = full_extraction()
    with open_store(":memory:") as store:
        write_written(store, _written(ex))
        mit = gq.entity(store, "organization/turkish-intelligence")
        assert (mit["subtype"], mit["mentions"], mit["articles"]) == ("IntelligenceAgency", 1, ["a1"])
        assert gq.entity(store, "person/sami-jasim")["mentions"] == 2
        capture = next(st for st in ex.statements if st.predicate == "capture")
        st = gq.statement(store, str(statement_iri(ex.article, capture)).rsplit("/", 1)[1])
        assert st["negated"] is False and st["relation"] == "capture"
        assert st["sentence"] == {"id": f"article/a1/sentence/0-{len(ex.article.text)}", "text": ex.article.text,
                                  "start": 0, "end": len(ex.article.text), "article": "a1"}
        art = gq.article(store, "a1")
        assert art["title"] == "Capture" and len(art["entities"]) == len(ex.entities) and len(art["statements"]) == 3
        assert gq.articles(store)["articles"] == [{"id": "a1", "title": "Capture", "source": "a1.txt"}]


def test_a_neighbour_counts_the_independent_sources_of_its_edges():
    from kg.store import open_store

    store = open_store(":memory:")
    for art, publisher in (("a", None), ("b", "Wire"), ("c", "Wire")):  # b and c: one outlet
        g, st, sent = ID[f"article/{art}"], ID[f"statement/{art}"], ID[f"article/{art}/sentence/1"]
        triples = [(ID["person/omar"], RDF.type, KG.Person), (ID["person/omar"], RDFS.label, Literal("Omar")),
                   (ID["person/jasim"], RDF.type, KG.Person), (ID["person/jasim"], RDFS.label, Literal("Jasim")),
                   (st, RDF.type, KG.Statement), (st, RDF.type, KG.Arrest), (st, KG.agent, ID["person/omar"]),
                   (st, KG.target, ID["person/jasim"]), (st, KG.relationLabel, Literal("arrest")),
                   (st, KG.sentence, sent), (sent, KG.article, g), (g, RDF.type, KG.Article)]
        if publisher:
            triples.append((g, KG.publisher, Literal(publisher)))
        store.replace_graph(g, triples)
    (jasim,) = gq.neighbours(store, "person/omar")["neighbours"]
    assert (len(jasim["edges"]), jasim["independent_sources"]) == (3, 2)
