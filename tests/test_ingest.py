"""Ingest: idempotence, duplicates, bad input, worker processes."""

from __future__ import annotations

import io
import json
from pathlib import Path

from kg.errors import InputError
from kg.ingest import ingest_articles, ingest_items, ingest_paths
from kg.progress import LogReporter
from kg.rdf import article_iri
from kg.stats import stats
from kg.store import open_store
from kg.text import article_from_text

from .conftest import SEED

STORIES = sorted((Path(__file__).parent / "data" / "stories").glob("*.txt"))


def nquads(store) -> list[str]:
    """The store's content as sorted N-Quads lines: equal lists mean equal graphs."""
    buf = io.BytesIO()
    store.dump(buf, "nquads")
    return sorted(buf.getvalue().decode("utf-8").splitlines())


def article_triples(store) -> int:
    """Triples in the articles' own graphs (the shared graphs of kg.resolve are not counted as added)."""
    return sum(store.count(g) for g in store.graphs() if "/id/article/" in g)


def test_seed_ingest_is_idempotent(store):
    before = article_triples(store)
    first = ingest_paths([SEED], store)
    assert first.articles == 1 and first.statements > 0 and first.triples_added == article_triples(store) - before > 0
    assert first.words == len(SEED.read_text(encoding="utf-8").split())
    n = len(store)
    again = ingest_paths([SEED], store)
    assert (again.articles, again.unchanged, again.triples_added) == (0, 1, 0)
    assert len(store) == n


def test_changed_article_replaces_its_graph(store, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Police arrest suspect\n\nFrench police arrested Jean Dupont in Paris on Monday.\n")
    ingest_paths([path], store)
    path.write_text("Police arrest suspect\n\nGerman police arrested Hans Weber and his brother in Berlin on Monday.\n")
    before = article_triples(store)
    summary = ingest_paths([path], store)
    assert summary.articles == 1
    assert summary.triples_added == article_triples(store) - before != 0  # the net change: new graph minus the one it replaced
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


def test_duplicate_content_under_another_name_is_skipped(store, tmp_path):
    text = STORIES[0].read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt"):  # same content twice in one run
        (tmp_path / name).write_text(text, encoding="utf-8")
    first = ingest_paths([tmp_path], store)
    assert (first.articles, first.duplicates) == (1, 1)
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")  # and once more in a later run
    n = len(store)
    second = ingest_paths([tmp_path / "c.txt"], store)
    assert (second.articles, second.duplicates, second.unchanged) == (0, 1, 0)
    assert len(store) == n and stats(store).articles == 1


def _title_and_hash(store, article_id: str) -> tuple[str, str]:
    row, = store.select("SELECT ?t ?h WHERE { GRAPH ?g { ?a <https://w3id.org/kg/ontology#contentHash> ?h "
                        "OPTIONAL { ?a <https://w3id.org/kg/ontology#title> ?t } } }",
                        {"a": article_iri(article_id), "g": article_iri(article_id)})
    return (str(row["t"]) if row["t"] else None), str(row["h"])


def test_an_article_changed_to_text_stored_under_another_id_takes_that_text(store, tmp_path):
    """a.txt rewritten with b.txt's text: a must hold it, not keep its old text as '1 duplicates skipped'."""
    a, b = STORIES[0].read_text(encoding="utf-8"), STORIES[1].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    ingest_paths([tmp_path], store)
    (tmp_path / "a.txt").write_text(b, encoding="utf-8")
    summary = ingest_paths([tmp_path], store)
    assert (summary.articles, summary.unchanged, summary.duplicates) == (1, 1, 0)
    assert _title_and_hash(store, "a")[1] == _title_and_hash(store, "b")[1] == article_from_text(b, "x").sha256


def test_the_same_text_with_a_corrected_title_or_date_is_written_again(store):
    text = STORIES[0].read_text(encoding="utf-8")
    ingest_articles([article_from_text(text, "<api>", "s", title="Old title", published="2024-01-01")], store)
    again = ingest_articles([article_from_text(text, "<api>", "s", title="Old title", published="2024-01-01")], store)
    assert (again.articles, again.unchanged) == (0, 1)
    fixed = ingest_articles([article_from_text(text, "<api>", "s", title="New title", published="2024-01-01")], store)
    assert (fixed.articles, fixed.unchanged, fixed.triples_added) == (1, 0, 0)
    assert _title_and_hash(store, "s")[0] == "New title"
    dated = ingest_articles([article_from_text(text, "<api>", "s", title="New title", published="2024-01-02")], store)
    assert (dated.articles, dated.unchanged) == (1, 0)
    row, = store.select("SELECT ?d WHERE { ?a <https://w3id.org/kg/ontology#published> ?d }")
    assert str(row["d"]) == "2024-01-02"


def test_jsonl_with_a_malformed_line_ingests_the_rest_and_reports_the_line(store, tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [json.dumps({"title": p.stem, "text": p.read_text(encoding="utf-8"), "url": f"https://x.org/{p.stem}",
                         "published": "2024-03-05"}) for p in STORIES[:3]]
    lines.insert(1, '{"title": "cut off in the middle", "text": "Police arr')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    summary = ingest_paths([path], store, reporter=LogReporter(out))
    assert summary.articles == 3 and summary.failures == 1
    assert summary.failed[0][0] == f"{path}:2" and summary.failed[0][1].startswith("malformed JSON")
    assert f"Error: {path}:2: malformed JSON" in out.getvalue()
    assert stats(store).articles == 3


def test_record_metadata_reaches_the_graph(store, tmp_path):
    path = tmp_path / "export.jsonl"
    record = {"headline": "Arrest in Kabul", "body": "Police arrested a man in Kabul on Monday.",
              "link": "https://x.org/a", "pubDate": "Tue, 05 Mar 2024 10:00:00 +0000", "source": {"name": "Wire"}}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ingest_paths([path], store)
    rows = store.select(
        "PREFIX kg: <https://w3id.org/kg/ontology#> "
        "SELECT ?title ?url ?published ?publisher ?hash WHERE { ?a a kg:Article ; kg:title ?title ; kg:url ?url ; "
        "kg:published ?published ; kg:publisher ?publisher ; kg:contentHash ?hash }"
    )
    assert [{k: str(v) for k, v in r.items()} for r in rows] == [{
        "title": "Arrest in Kabul", "url": "https://x.org/a", "published": "2024-03-05", "publisher": "Wire",
        "hash": article_from_text(record["body"], "x").sha256,
    }]


def test_input_errors_in_the_stream_are_counted_and_articles_still_go_in(store):
    art = article_from_text(STORIES[1].read_text(encoding="utf-8"), "mem")
    summary = ingest_items([InputError("x.jsonl:7", "malformed JSON"), art], store)
    assert (summary.articles, summary.failures, summary.failed) == (1, 1, [("x.jsonl:7", "malformed JSON")])


def test_two_workers_give_the_same_graph_as_one(tmp_path):
    one, two = open_store(":memory:"), open_store(":memory:")
    s1 = ingest_paths(STORIES, one, batch_size=2)
    s2 = ingest_paths(STORIES, two, workers=2, batch_size=2)
    assert s1.articles == s2.articles == len(STORIES)
    assert (s1.entities, s1.statements, s1.words) == (s2.entities, s2.statements, s2.words)
    assert nquads(one) == nquads(two)


def test_an_article_that_breaks_extraction_fails_alone(store, monkeypatch):
    import kg.ingest

    real = kg.ingest._written

    def flaky(ex):
        if "Bulletin 2." in ex.article.text:
            raise ValueError("boom")
        return real(ex)

    monkeypatch.setattr(kg.ingest, "_written", flaky)
    arts = [article_from_text(f"{STORIES[i].read_text(encoding='utf-8')}\nBulletin {i}.", f"s{i}") for i in range(4)]
    summary = ingest_articles(arts, store, batch_size=4)
    assert summary.articles == 3
    assert summary.failed == [("s2", "extraction failed: ValueError: boom")]


def test_an_extraction_failure_survives_the_trip_from_a_worker():
    import pickle

    error = InputError("s2", "extraction failed: ValueError: boom")
    error.sha256 = "abc"
    back = pickle.loads(pickle.dumps(error))
    assert (type(back), back.source, back.reason, back.sha256, str(back)) == (
        InputError, "s2", "extraction failed: ValueError: boom", "abc", "s2: extraction failed: ValueError: boom")
