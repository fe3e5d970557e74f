from kg.ingest import ingest_paths
from kg.stats import stats

from .conftest import SEED


def test_seed_ingest_is_idempotent(store):
    first = ingest_paths([SEED], store)
    assert first.articles == 1 and first.statements > 0 and first.triples_added > 0
    n = len(store)
    again = ingest_paths([SEED], store)
    assert (again.articles, again.unchanged, again.triples_added) == (0, 1, 0)
    assert len(store) == n


def test_changed_article_replaces_its_graph(store, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Police arrest suspect\n\nFrench police arrested Jean Dupont in Paris on Monday.\n")
    ingest_paths([path], store)
    path.write_text("Police arrest suspect\n\nGerman police arrested Hans Weber in Berlin on Monday.\n")
    summary = ingest_paths([path], store)
    assert summary.articles == 1
    labels = {str(r["l"]) for r in store.select("SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
    assert "Berlin" in labels and "Paris" not in labels
    assert stats(store).articles == 1


def test_bad_files_in_a_folder_are_reported_and_good_ones_ingested(store, tmp_path):
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    summary = ingest_paths([tmp_path], store)
    assert summary.articles == 1
    assert sorted((s.rsplit("/", 1)[-1], r) for s, r in summary.failed) == [
        ("binary.txt", "binary data, not text"),
        ("empty.txt", "empty input"),
    ]


def test_stats_of_the_seed(seed_store):
    s = stats(seed_store)
    assert s.articles == 1
    assert s.entities["Person"] > 0 and s.entities["Location"] > 0
    assert s.statements > 0
    assert s.triples == len(seed_store)
