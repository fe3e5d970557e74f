"""Article -> Extraction: run the pipeline and collect entities and statements."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from spacy.language import Language

from . import deadline
from .deadline import DEFAULT_TIME_LIMIT, ArticleTimeout
from .errors import InputError
from .model import Article, Extraction
from .nlp import RULE_COMPONENTS, load_pipeline


def _from_doc(article: Article, doc) -> Extraction:
    entities = doc._.kg_entities or {}
    statements = [st for st in (doc._.kg_statements or []) if st.subject in entities and st.object in entities]
    return Extraction(article=article, entities=entities, statements=statements)


def _doc(article: Article, nlp: Language):
    """The article's text as an unprocessed Doc that knows the publication date (for relative dates)."""
    doc = nlp.make_doc(article.text)
    doc._.kg_published = article.published
    return doc


def extract(article: Article, nlp: Language | None = None, time_limit: float | None = DEFAULT_TIME_LIMIT) -> Extraction:
    """Extract entities and statements from one article (:class:`ArticleTimeout` past ``time_limit`` seconds)."""
    return next(extract_many([article], nlp, 1, time_limit))


def extract_many(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 8,
                 time_limit: float | None = DEFAULT_TIME_LIMIT,
                 on_error: Callable[[InputError], None] | None = None) -> Iterator[Extraction]:
    """Extract from many articles, batching the model's components through ``nlp.pipe``.

    kg's rule components run per article under ``time_limit`` seconds (see :mod:`kg.deadline`); an article
    over it raises :class:`ArticleTimeout`, or with ``on_error`` is reported there as an InputError naming
    it and skipped.
    """
    nlp = nlp or load_pipeline()
    rules = [(name, proc) for name, proc in nlp.pipeline if name in RULE_COMPONENTS]
    pairs = ((_doc(a, nlp), a) for a in articles)
    with nlp.select_pipes(disable=[name for name, _ in rules]):
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            try:
                with deadline.time_limit(time_limit, article.source):
                    for _, proc in rules:
                        doc = proc(doc)
            except ArticleTimeout as exc:
                if on_error is None:
                    raise
                on_error(InputError(article.source, str(exc).split(": ", 1)[-1]))
                continue
            yield _from_doc(article, doc)


def write_jsonl(extractions: Iterable[Extraction], out: IO[str]) -> int:
    """Write one JSON object per statement; return how many were written."""
    n = 0
    for ex in extractions:
        for row in ex.rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
