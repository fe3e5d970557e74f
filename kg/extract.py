"""Article -> Extraction: run the pipeline and collect entities and statements."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from spacy.language import Language

from .model import Article, Extraction
from .nlp import load_pipeline


def _from_doc(article: Article, doc) -> Extraction:
    entities = doc._.kg_entities or {}
    statements = [st for st in (doc._.kg_statements or []) if st.subject in entities and st.object in entities]
    return Extraction(article=article, entities=entities, statements=statements)


def _doc(article: Article, nlp: Language):
    """The article's text as an unprocessed Doc that knows the publication date (for relative dates)."""
    doc = nlp.make_doc(article.text)
    doc._.kg_published = article.published
    return doc


def extract(article: Article, nlp: Language | None = None) -> Extraction:
    """Extract entities and statements from one article."""
    nlp = nlp or load_pipeline()
    return _from_doc(article, nlp(_doc(article, nlp)))


def extract_many(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 8) -> Iterator[Extraction]:
    """Extract from many articles, batching them through ``nlp.pipe``."""
    nlp = nlp or load_pipeline()
    pairs = ((_doc(a, nlp), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield _from_doc(article, doc)


def write_jsonl(extractions: Iterable[Extraction], out: IO[str]) -> int:
    """Write one JSON object per statement; return how many were written."""
    n = 0
    for ex in extractions:
        for row in ex.rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
