"""Paths -> articles -> extraction -> RDF -> store, one article per transaction.

Re-ingesting an article whose text has not changed is skipped (its content
hash is already in its graph); a changed article replaces its named graph.
Bad inputs are reported and skipped; the good ones still go in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from .errors import InputError
from .extract import extract_many
from .model import Article
from .nlp import load_pipeline
from .rdf import article_iri, to_graph
from .store import Store
from .text import iter_paths, read_article
from .vocab import KG


@dataclass
class IngestSummary:
    articles: int = 0  # ingested (new or changed)
    unchanged: int = 0  # skipped: same text already stored
    entities: int = 0
    statements: int = 0
    triples_added: int = 0  # net change in the store's quad count
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def __str__(self) -> str:
        text = (
            f"{self.articles} articles ingested, {self.unchanged} unchanged, "
            f"{self.entities} entities, {self.statements} statements, {self.triples_added} triples added"
        )
        if self.failed:
            text += f", {len(self.failed)} failed"
        return text


def is_unchanged(store: Store, article: Article) -> bool:
    """True when the store already holds this article with the same text."""
    return store.ask(
        "ASK { GRAPH ?g { ?g ?hash ?sha } }",
        {"g": article_iri(article.id), "hash": KG.contentHash, "sha": Literal(article.sha256)},
    )


def read_articles(paths: Iterable[str | Path], on_error: Callable[[InputError], None]) -> Iterable[Article]:
    """Read articles from files, folders and '-', reporting unreadable ones to ``on_error``."""
    for path in iter_paths(paths):
        try:
            yield read_article(path)
        except InputError as exc:
            on_error(exc)


def ingest_articles(articles: Iterable[Article], store: Store, model: str | None = None) -> IngestSummary:
    """Extract each new or changed article and write it into its named graph."""
    summary = IngestSummary()
    before = len(store)

    def fresh() -> Iterable[Article]:
        for art in articles:
            if is_unchanged(store, art):
                summary.unchanged += 1
            else:
                yield art

    for ex in extract_many(fresh(), load_pipeline(model)):
        graph, triples = to_graph(ex)
        store.replace_graph(graph, triples)
        summary.articles += 1
        summary.entities += len(ex.entities)
        summary.statements += len(ex.statements)
    store.flush()
    summary.triples_added = len(store) - before
    return summary


def ingest_paths(paths: Iterable[str | Path], store: Store, model: str | None = None) -> IngestSummary:
    """Ingest files, folders (recursively) and '-' (stdin); bad inputs land in ``summary.failed``."""
    failed: list[tuple[str, str]] = []
    summary = ingest_articles(read_articles(paths, lambda e: failed.append((e.source, e.reason))), store, model)
    summary.failed = failed
    return summary
