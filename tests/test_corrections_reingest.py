"""Done when (issue 15): merge, reject and rename, re-ingest everything, and the corrections are still applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import graph_queries as gq
from kg.corrections import Correction, record
from kg.corrections.ledger import uncorrected
from kg.export import Filters
from kg.export.graph import build_graph
from kg.ingest import ingest_paths
from kg.rdf import article_iri, entity_iri
from kg.store import open_store
from kg.vocab import KG

STORIES = Path(__file__).parent / "data" / "stories"
FILES = ("cyber_arrest.txt", "ent_brussels_raid.txt")
EUROPOL, EUROPEAN_POLICE = "organization/europol", "organization/european-police-6cd75821"
AHMAD = "person/ahmad-h"
LABEL = "Ahmad H. (Brussels cell financier)"


def _supply(store) -> list:
    """The statement the extraction misreads: Ahmad H. 'supplies' the German police that arrested him."""
    return [r["st"] for r in store.select(
        "SELECT ?st WHERE { ?st ?agent ?a ; ?rel ?label ; ?target ?t }",
        {"agent": KG.agent, "a": entity_iri(AHMAD), "rel": KG.relationLabel, "target": KG.target,
         "label": gq.Literal("supply"), "t": entity_iri("organization/german-police")})]


def _check(store) -> None:
    """The three corrections hold in the answers: entity, neighbours, article, events, statements, export."""
    assert not store.ask("ASK { GRAPH ?g { ?g ?p ?e } }", {"e": entity_iri(EUROPEAN_POLICE)})
    europol = gq.entity(store, EUROPOL)
    assert europol["articles"] == ["cyber_arrest", "ent_brussels_raid"]
    assert "European police" in europol["aliases"]
    arrests = gq.neighbours(store, EUROPOL, relation="arrest")["neighbours"]
    assert "person/four-suspected-members-6cd75821" in [n["id"] for n in arrests]
    assert _supply(store) == []
    ahmad = gq.entity(store, AHMAD)
    assert ahmad["label"] == LABEL and "Ahmad H." in ahmad["aliases"]
    assert "organization/german-police" not in [
        n["id"] for n in gq.neighbours(store, AHMAD, direction="out")["neighbours"]]
    graph = build_graph(store, Filters())  # what kg export writes (GEXF, GraphML, CSV ...)
    ahmad, german_police = str(entity_iri(AHMAD)), str(entity_iri("organization/german-police"))
    assert graph.nodes[ahmad]["label"] == LABEL and str(entity_iri(EUROPEAN_POLICE)) not in graph
    assert graph.has_edge(german_police, ahmad) and not graph.has_edge(ahmad, german_police)


@pytest.fixture
def folder(tmp_path):
    for name in FILES:
        shutil.copy(STORIES / name, tmp_path / name)
    return tmp_path


def test_corrections_survive_deleting_and_ingesting_again_and_re_extraction(nlp, folder, tmp_path):
    store = open_store(tmp_path / "store")
    assert ingest_paths([folder], store).articles == 2
    (supply,) = _supply(store)
    record(store, Correction("merge", entity_iri(EUROPEAN_POLICE), entity_iri(EUROPOL), analyst="ann"))
    record(store, Correction("reject", statement=supply, analyst="ann", note="he was arrested by them"))
    record(store, Correction("rename", entity_iri(AHMAD), label=LABEL, analyst="ann"))
    _check(store)

    for name in FILES:  # delete everything, ingest everything again
        assert store.delete_graph(article_iri(Path(name).stem))
    assert ingest_paths([folder], store).articles == 2
    _check(store)

    raid = folder / "ent_brussels_raid.txt"  # changed text: extracted again, every sentence moved
    raid.write_text("Correction appended by the editors on Monday.\n\n" + raid.read_text(encoding="utf-8"),
                    encoding="utf-8")
    summary = ingest_paths([folder], store)
    assert (summary.articles, summary.unchanged) == (1, 1)
    _check(store)
    extracted = uncorrected(store, article_iri("ent_brussels_raid"))  # the statement has a new id: its claim matched
    moved = {s for s, p, o in extracted if p == KG.relationLabel and str(o) == "supply"}
    assert moved and supply not in moved
    store.close()
