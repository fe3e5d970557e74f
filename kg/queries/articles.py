"""Articles: the list, a page at a time, and one article with its entities and statements."""

from __future__ import annotations

from rdflib import RDFS, URIRef

from ..rdf import article_iri
from ..sparql import term_n3
from ..store import Store
from ..vocab import KG
from .common import _PREFIXES, NotFound, _page, _py, _str, _summaries, local_id

_ARTICLES = _PREFIXES + """
SELECT ?a (SAMPLE(?t) AS ?title) (SAMPLE(?src) AS ?source) WHERE {
  GRAPH ?a { ?a a kg:Article OPTIONAL { ?a kg:title|rdfs:label ?t } OPTIONAL { ?a kg:sourcePath ?src } }
} GROUP BY ?a ORDER BY ?a LIMIT %(limit)d OFFSET %(offset)d
"""
_ARTICLE_COUNT = _PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a a kg:Article } }"
_ARTICLE = _PREFIXES + """
SELECT ?p ?o WHERE { GRAPH ?a { ?a ?p ?o } }
"""
_ARTICLE_CONTENT = _PREFIXES + """
SELECT ?kind ?x WHERE {
  GRAPH ?a {
    { ?x a ?type VALUES ?type { kg:Person kg:Organization kg:Location } BIND("entity" AS ?kind) }  # the entities it types
    UNION { ?x a kg:Statement BIND("statement" AS ?kind) }
  }
} ORDER BY ?kind ?x
"""


def article_count(store: Store) -> int:
    return int(store.select(_ARTICLE_COUNT)[0]["n"].toPython())


def articles(store: Store, limit: int = 50, offset: int = 0) -> dict:
    """Articles by id, a page at a time."""
    rows = store.select(_ARTICLES % _page(limit, offset))
    return {
        "total": article_count(store), "limit": limit, "offset": offset,
        "articles": [{"id": local_id(r["a"])[len("article/"):], "title": _py(r["title"]), "source": _py(r["source"])}
                     for r in rows],
    }


def article(store: Store, id_: str) -> dict:
    """One article: title, source, content hash, the entities it mentions and its statements."""
    iri = _article(id_)
    props = {r["p"]: r["o"] for r in store.select(_ARTICLE, {"a": iri})}
    if not props:
        raise NotFound(id_)
    content = store.select(_ARTICLE_CONTENT, {"a": iri})
    entities = _summaries(store, [r["x"] for r in content if str(r["kind"]) == "entity"])
    return {
        "id": id_, "iri": str(iri), "title": _py(props.get(KG.title) or props.get(RDFS.label)),
        "published": _str(props.get(KG.published)), "url": _str(props.get(KG.url)),
        "publisher": _str(props.get(KG.publisher)), "source": _py(props.get(KG.sourcePath)),
        "content_hash": _py(props.get(KG.contentHash)),
        "entities": sorted(entities.values(), key=lambda e: (e["label"].lower(), e["id"])),
        "statements": [local_id(r["x"])[len("statement/"):] for r in content if str(r["kind"]) == "statement"],
    }


def _article(id_: str) -> URIRef:
    iri = article_iri(id_)
    try:
        term_n3(iri)
    except ValueError:
        raise NotFound(id_) from None
    return iri
