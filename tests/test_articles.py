import pytest

from kg.articles import article_graph, delete_article, has_article
from kg.errors import KGError
from kg.ingest import ingest_paths
from kg.rdf import article_iri

from .conftest import SEED


def test_article_graph_from_id_or_iri():
    assert article_graph("abc") == article_iri("abc")
    assert article_graph(str(article_iri("abc"))) == article_iri("abc")
    with pytest.raises(KGError, match="not an article id"):
        article_graph("a b>")


def test_delete_one_article_keeps_the_others(store, tmp_path):
    (tmp_path / "one.txt").write_text("Police arrest suspect\n\nFrench police arrested Jean Dupont in Paris.\n")
    (tmp_path / "two.txt").write_text("Police arrest suspect\n\nFrench police arrested Marie Curie in Lyon.\n")
    ingest_paths([tmp_path], store)
    two = {str(r["s"]) for r in store.select("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": article_iri("two")})}
    assert delete_article(store, "one") == article_iri("one")
    assert not has_article(store, "one") and has_article(store, "two")
    after = {str(r["s"]) for r in store.select("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": article_iri("two")})}
    assert after == two
    with pytest.raises(KGError, match="no article one"):
        delete_article(store, "one")


def test_only_articles_can_be_deleted(store):
    from kg.vocab import ONTOLOGY_GRAPH

    with pytest.raises(KGError, match="no article"):
        delete_article(store, str(ONTOLOGY_GRAPH))
    assert store.has_graph(ONTOLOGY_GRAPH)


def test_cli_delete(tmp_path):
    from .test_cli import kg

    store = tmp_path / "store"
    assert kg("ingest", SEED, store=store).exit_code == 0
    result = kg("delete", SEED.stem, "nope", store=store)
    assert result.exit_code == 1
    assert f"deleted {article_iri(SEED.stem)}" in result.output and "Error: no article nope in the store" in result.output
    assert "articles    0" in kg("stats", store=store).output
