"""The articles of one ``POST /articles`` -> the store, one at a time, and the answer for each.

Each article goes through :func:`kg.ingest.ingest_articles` on its own, as its own transaction (the
per-article time limit of :mod:`kg.deadline` and all), so that the answer can say what became of each one and a
bad article in a batch neither stops the others nor leaves anything half-written.
"""

from __future__ import annotations

from kg.errors import InputError
from kg.graph_queries import article as stored_article
from kg.ingest import ingest_articles, stored_graphs_with_hash
from kg.model import Article
from kg.rdf import article_iri
from kg.store import Store

STATUSES = ("ingested", "unchanged", "duplicate", "failed")
SINGLE_KEYS = ("id", "title", "ingested", "unchanged", "duplicate", "entities", "statements", "triples_added",
               "warnings")


def ingest_each(items: list[Article | InputError], warnings: list[list[str]], store: Store, model: str | None,
                results: list[dict]) -> list[dict]:
    """Ingest each article, appending its result to ``results`` (filled as it goes: a store failure keeps them)."""
    for n, (item, warned) in enumerate(zip(items, warnings), start=1):
        if isinstance(item, InputError):
            results.append(_result(n, "failed", None, None, warned, error=item.reason))
            continue
        summary = ingest_articles([item], store, model, group_commit=False)  # readers may read the live store
        if summary.failures:
            results.append(_result(n, "failed", item.id, item.title, warned, error=summary.failed[0][1]))
        elif summary.duplicates:  # the text is stored under another id: answer with that article, as stored
            shown = _stored_copy(store, item.sha256)
            results.append(_result(n, "duplicate", shown["id"], shown["title"], warned))
        else:
            status = "ingested" if summary.articles else "unchanged"
            results.append(_result(n, status, item.id, item.title, warned, summary.entities, summary.statements,
                                   summary.triples_added))
    return results


def _result(index: int, status: str, article_id: str | None, title: str | None, warnings: list[str],
            entities: int = 0, statements: int = 0, triples_added: int = 0, error: str | None = None) -> dict:
    return {"index": index, "status": status, "id": article_id, "title": title, "ingested": status == "ingested",
            "unchanged": status == "unchanged", "duplicate": status == "duplicate", "entities": entities,
            "statements": statements, "triples_added": triples_added, "warnings": warnings, "error": error}


def _stored_copy(store: Store, sha256: str) -> dict:
    """Id and title of the stored article with this text (the first by IRI)."""
    graph = stored_graphs_with_hash(store, sha256)[0]
    found = stored_article(store, str(graph).removeprefix(str(article_iri(""))))
    return {"id": found["id"], "title": found["title"]}


def single_answer(result: dict) -> dict:
    """The answer for a lone article: the batch result without its place, status and error."""
    return {key: result[key] for key in SINGLE_KEYS}


def batch_answer(results: list[dict]) -> dict:
    """The answer for a batch: counts by status, then one result per article, in the order sent."""
    counts = {status: sum(r["status"] == status for r in results) for status in STATUSES}
    return {"articles": len(results), "ingested": counts["ingested"], "unchanged": counts["unchanged"],
            "duplicates": counts["duplicate"], "failed": counts["failed"], "results": results}
