"""Stored articles by id or IRI: find one, delete one.

An article lives in the named graph of its ``kg:Article`` IRI
(``https://w3id.org/kg/id/article/ID``); deleting it drops that graph, and its part of the shared graphs (resolution
decisions, names, event reports: see kg.resolve), in one transaction, and
leaves every other article, and the entities they share, as they were.
"""

from __future__ import annotations

from rdflib import URIRef

from .errors import KGError
from .rdf import article_iri
from .sparql import term_n3
from .store import Store
from .vocab import KG


def article_graph(ref: str) -> URIRef:
    """The graph IRI of an article given its id (``000_7c71ae8a3147dccc``) or its IRI."""
    ref = ref.strip()
    iri = URIRef(ref) if ref.startswith(("http://", "https://")) else article_iri(ref)
    try:
        term_n3(iri)
    except ValueError:
        raise KGError(f"{ref!r} is not an article id or IRI") from None
    return iri


def has_article(store: Store, ref: str) -> bool:
    return store.ask("ASK { GRAPH ?g { ?g a ?article } }", {"g": article_graph(ref), "article": KG.Article})


def delete_article(store: Store, ref: str) -> URIRef:
    """Remove an article's named graph; raise KGError when the store has no such article."""
    graph = article_graph(ref)
    if not has_article(store, ref):
        raise KGError(f"no article {ref} in the store")
    store.delete_graph(graph)  # with its part of the shared graphs (see Store.delete_graph)
    store.flush()
    return graph
