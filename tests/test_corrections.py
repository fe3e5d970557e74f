"""kg.corrections: merge, split, reject and rename, applied to stored articles and to every later write."""

from __future__ import annotations

import pytest
from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg import graph_queries as gq
from kg.corrections import Conflict, Correction, CorrectionError, UnknownTarget, corrections, get, record, undo
from kg.rdf import article_iri, entity_iri
from kg.store import open_store
from kg.vocab import EVENTS_GRAPH, KG, UNCORRECTED_GRAPH

from .resolve_samples import event, extraction, org, person, place, write

NA, NAF = entity_iri("organization/northern-alliance"), entity_iri("organization/northern-alliance-forces")
HICKS = entity_iri("person/david-hicks")


def _articles(store):
    na, hicks, kunduz = org("Northern Alliance"), person("David Hicks"), place("Kunduz", "City")
    naf, hicks2 = org("Northern Alliance forces"), person("Hicks")
    write(store, extraction("a1", [na, hicks, kunduz], [event(na, "Capture", hicks, "2001-12-09", kunduz)]))
    write(store, extraction("a2", [naf, hicks2], [event(naf, "Capture", hicks2)]))
    write(store, extraction("a3", [na, naf, hicks],
                            [event(na, "Capture", hicks), event(naf, "Arrest", hicks, start=30)]))


@pytest.fixture
def store():
    s = open_store(":memory:")
    _articles(s)
    yield s
    s.close()


def _graph(store, article: str) -> set:
    return {(r["s"], r["p"], r["o"]) for r in store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                           {"g": article_iri(article)})}


def _statements(store, article: str) -> list[URIRef]:
    return sorted(s for s, p, o in _graph(store, article) if p == KG.agent)


def test_a_merge_joins_the_entities_in_every_article(store):
    made, rewritten = record(store, Correction("merge", NAF, NA, analyst="ann", note="the same militia"))
    assert rewritten == 2 and made.id.startswith("correction/") and made.analyst == "ann"
    assert not store.ask("ASK { GRAPH ?g { ?g ?p ?e } }", {"e": NAF})
    na = gq.entity(store, "organization/northern-alliance")
    assert na["articles"] == ["a1", "a2", "a3"] and "Northern Alliance forces" in na["aliases"]
    a3 = _graph(store, "a3")  # named both: one description, the surviving entity's own label, mentions summed
    assert {o for s, p, o in a3 if s == NA and p == RDFS.label} == {gq.Literal("Northern Alliance")}
    assert {str(o) for s, p, o in a3 if s == NA and p == SKOS.altLabel} == {"Northern Alliance forces"}
    assert [int(o) for s, p, o in a3 if s == NA and p == KG.mentionCount] == [2]
    with pytest.raises(UnknownTarget, match="^no entity with id 'organization/northern-alliance-forces'$"):
        record(store, Correction("rename", NAF, label="x"))


def test_the_corrected_graphs_conform_to_the_shapes(store):
    from importlib import resources

    from pyshacl import validate

    from kg.vocab import ontology_turtle

    record(store, Correction("merge", NAF, NA))
    record(store, Correction("rename", HICKS, label="David Matthew Hicks"))
    record(store, Correction("reject", statement=_statements(store, "a3")[0]))
    shapes = Graph().parse(data=resources.files("ontology").joinpath("shapes.ttl").read_text(), format="turtle")
    ontology = Graph().parse(data=ontology_turtle(), format="turtle")
    for article in ("a1", "a2", "a3", "corrections"):
        graph = Graph()
        for t in (_graph(store, article) if article != "corrections" else _corrections_graph(store)):
            graph.add(t)
        conforms, _, text = validate(graph, shacl_graph=shapes, ont_graph=ontology, advanced=True)
        assert conforms, f"{article}: {text}"
    broken = _corrections_graph(store)
    broken = Graph().parse(data="\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in broken
                                          if p != KG.analyst), format="nt")
    conforms, _, text = validate(broken, shacl_graph=shapes, ont_graph=ontology, advanced=True)
    assert not conforms and "analyst" in text


def _corrections_graph(store) -> set:
    from kg.vocab import CORRECTIONS_GRAPH

    return {(r["s"], r["p"], r["o"]) for r in store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                           {"g": CORRECTIONS_GRAPH})}


def test_a_rename_wins_and_keeps_the_extracted_labels_as_aliases(store):
    record(store, Correction("rename", HICKS, label="David Matthew Hicks"))
    hicks = gq.entity(store, "person/david-hicks")
    assert hicks["label"] == "David Matthew Hicks" and {"David Hicks", "Hicks"} <= set(hicks["aliases"])
    renamed, _ = record(store, Correction("rename", HICKS, label="D. M. Hicks"))  # replaces the first
    assert [c.label for c in corrections(store) if c.kind == "rename"] == ["D. M. Hicks"]
    assert gq.entity(store, "person/david-hicks")["label"] == "D. M. Hicks"
    with pytest.raises(CorrectionError, match="^a label has 1 to 500 characters$"):
        record(store, Correction("rename", HICKS, label=" "))


def test_a_rejected_statement_leaves_its_article_edge_and_event(store):
    st = _statements(store, "a1")[0]
    events_before = store.select("SELECT ?e WHERE { GRAPH ?g { ?e ?p ?st } }", {"g": EVENTS_GRAPH, "st": st})
    assert events_before
    made, rewritten = record(store, Correction("reject", statement=st, note="misread"))
    assert rewritten == 1 and made.article == article_iri("a1")
    with pytest.raises(gq.NotFound):
        gq.statement(store, str(st).rsplit("/", 1)[1])
    a1 = _graph(store, "a1")
    assert not any(st in t for t in a1)
    assert (NA, URIRef("https://w3id.org/kg/relation/capture"), HICKS) not in a1  # the direct edge went too
    assert not any(p == KG.sentence for s, p, o in a1)  # its sentence, which no other statement uses
    assert not store.ask("ASK { GRAPH ?g { ?e ?p ?st } }", {"g": EVENTS_GRAPH, "st": st})
    assert gq.article(store, "a1")["statements"] == []


def test_undo_restores_the_articles_exactly(store):
    before = {a: _graph(store, a) for a in ("a1", "a2", "a3")}
    made = [record(store, c)[0] for c in (Correction("merge", NAF, NA), Correction("rename", HICKS, label="D. Hicks"),
                                          Correction("reject", statement=_statements(store, "a1")[0]))]
    assert store.count(UNCORRECTED_GRAPH) == 3
    for c in reversed(made):
        assert undo(store, c.id)[0] == c
    assert {a: _graph(store, a) for a in before} == before
    assert store.count(UNCORRECTED_GRAPH) == 0 and corrections(store) == []
    assert gq.statement(store, str(_statements(store, "a1")[0]).rsplit("/", 1)[1])  # and its event report is back
    with pytest.raises(UnknownTarget, match="^no correction with id 'correction/0000'$"):
        undo(store, "correction/0000")


def test_corrections_apply_when_articles_are_written_again(store):
    record(store, Correction("merge", NAF, NA))
    record(store, Correction("rename", HICKS, label="David Matthew Hicks"))
    record(store, Correction("reject", statement=_statements(store, "a1")[0]))
    expected = {a: _graph(store, a) for a in ("a1", "a2", "a3")}
    for a in ("a1", "a2", "a3"):
        store.delete_graph(article_iri(a))
    assert store.count(UNCORRECTED_GRAPH) == 0
    _articles(store)
    assert {a: _graph(store, a) for a in expected} == expected
    _articles(store)  # written over, not deleted first
    assert {a: _graph(store, a) for a in expected} == expected


def test_a_rejection_follows_its_claim_when_the_sentence_moves(store):
    (st,) = _statements(store, "a2")
    record(store, Correction("reject", statement=st))
    naf, hicks2 = org("Northern Alliance forces"), person("Hicks")
    write(store, extraction("a2", [naf, hicks2], [event(naf, "Capture", hicks2, start=40)]))  # another id
    assert _statements(store, "a2") == []


def test_a_split_keeps_an_extracted_entity_apart_from_what_resolution_joined_it_to():
    s = open_store(":memory:")
    osama, usama = entity_iri("person/osama-bin-laden"), entity_iri("person/usama-bin-ladin")
    write(s, extraction("a4", [person("Osama bin Laden")]))
    write(s, extraction("a5", [person("Usama bin Ladin")]))
    assert gq.entity(s, "person/osama-bin-laden")["articles"] == ["a4", "a5"]
    made, rewritten = record(s, Correction("split", usama, osama))
    assert rewritten == 1
    assert gq.entity(s, "person/usama-bin-ladin")["articles"] == ["a5"]
    assert gq.entity(s, "person/osama-bin-laden")["articles"] == ["a4"]
    write(s, extraction("a5", [person("Usama bin Ladin")]))  # re-extraction: resolution joins, the split parts
    assert gq.entity(s, "person/usama-bin-ladin")["articles"] == ["a5"]
    undo(s, made.id)
    assert gq.entity(s, "person/osama-bin-laden")["articles"] == ["a4", "a5"]
    with pytest.raises(UnknownTarget, match="^no article's entity extracted as 'person/osama-bin-laden' was "
                                            "resolved to 'person/usama-bin-ladin'$"):
        record(s, Correction("split", osama, usama))
    s.close()


@pytest.mark.parametrize("correction, error, message", [
    (Correction("merge", entity_iri("person/nobody"), HICKS), UnknownTarget, "no entity with id 'person/nobody'"),
    (Correction("merge", NA, NA), CorrectionError, "organization/northern-alliance cannot be merged into itself"),
    (Correction("merge", HICKS, NA), CorrectionError, "cannot merge person/david-hicks (Person) into "
     "organization/northern-alliance (Organization): an entity has one type"),
    (Correction("reject", statement=entity_iri("statement/0000")), UnknownTarget, "no statement with id '0000'"),
    (Correction("rename", entity_iri("person/nobody"), label="x"), UnknownTarget, "no entity with id 'person/nobody'"),
    (Correction("fuse", NA, NAF), CorrectionError, "unknown kind of correction 'fuse': use merge, split, reject or "
     "rename"),
])
def test_corrections_that_cannot_be_made_say_why(store, correction, error, message):
    with pytest.raises(error) as caught:
        record(store, correction)
    assert str(caught.value) == message
    assert corrections(store) == []


def test_conflicting_merges_are_refused(store):
    made, _ = record(store, Correction("merge", NAF, NA))
    with pytest.raises(Conflict) as again:
        record(store, Correction("merge", NAF, NA))
    assert str(again.value) == f"{made.id} is already recorded: merge {made.describe()[6:]}"
    with pytest.raises(Conflict) as back:
        record(store, Correction("merge", NA, NAF))
    assert str(back.value) == ("organization/northern-alliance-forces is merged into organization/northern-alliance: "
                               "merging back would make a cycle")
    assert get(store, made.id.removeprefix("correction/")) == get(store, made.id)


def test_writing_an_article_looks_up_only_its_own_corrections(store, monkeypatch):
    """The write path asks the corrections graph with the article and its entities bound, never for all."""
    from kg.corrections import ledger

    record(store, Correction("rename", HICKS, label="David Matthew Hicks"))
    asked = []
    real = store.select
    monkeypatch.setattr(store, "select", lambda q, b=None: asked.append(q) or real(q, b))
    write(store, extraction("a6", [person("Abu Zubaydah")]))
    assert not any(q == ledger._ALL % {"g": ledger._CORR} for q in asked)
    assert any("GRAPH <https://w3id.org/kg/graph/corrections>" in q and "VALUES ?x" in q for q in asked)
