"""Extraction -> RDF: one named graph per article.

Each statement appears twice: as a direct edge between the two entities
(``rel:capture``), for simple queries and graph export, and as a
``kg:Statement`` node carrying agent, target, event class, details and its
source sentence. Every IRI is derived from content, so mapping the same
article twice gives the same graph.
"""

from __future__ import annotations

import hashlib

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from .model import Article, Entity, Extraction, Statement
from .vocab import ID, KG, REL, relation_property

TYPE_CLASSES = {"Person": KG.Person, "Organization": KG.Organization, "Location": KG.Location}


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def entity_iri(key: str) -> URIRef:
    return ID[key]


def sentence_iri(article: Article, st: Statement) -> URIRef:
    return ID[f"article/{article.id}/sentence/{st.start}-{st.end}"]


def statement_iri(article: Article, st: Statement) -> URIRef:
    fields = (article.id, st.subject, st.predicate, st.object, str(st.start), str(st.end))
    digest = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:20]
    return ID[f"statement/{digest}"]


def _entity_triples(g: Graph, e: Entity) -> None:
    node = entity_iri(e.key)
    g.add((node, RDF.type, TYPE_CLASSES[e.type]))
    g.add((node, RDFS.label, Literal(e.label)))
    g.add((node, SKOS.prefLabel, Literal(e.label)))
    for alias in sorted(e.aliases - {e.label}):
        g.add((node, SKOS.altLabel, Literal(alias)))
    if e.subtype:
        g.add((node, KG.subtype, Literal(e.subtype)))
    if e.country:
        g.add((node, KG.country, entity_iri(e.country)))
    g.add((node, KG.mentionCount, Literal(e.mentions)))


def _statement_triples(g: Graph, ex: Extraction, st: Statement) -> None:
    art = ex.article
    subj, obj = entity_iri(st.subject), entity_iri(st.object)
    prop = relation_property(st.predicate)
    g.add((subj, prop, obj))
    g.add((prop, RDF.type, RDF.Property))
    g.add((prop, RDFS.label, Literal(st.predicate)))

    node, sent = statement_iri(art, st), sentence_iri(art, st)
    g.add((node, RDF.type, KG.Statement))
    if st.event_type:
        g.add((node, RDF.type, KG[st.event_type]))
    g.add((node, KG.agent, subj))
    g.add((node, KG.target, obj))
    g.add((node, KG.relation, prop))
    g.add((node, KG.relationLabel, Literal(st.predicate)))
    g.add((node, KG.confidence, Literal(round(st.confidence, 3), datatype=XSD.decimal)))
    g.add((node, KG.negated, Literal(st.negated)))
    g.add((node, KG.sentence, sent))
    g.add((node, PROV.wasDerivedFrom, sent))
    if st.place:
        g.add((node, KG.place, entity_iri(st.place)))
    if st.time:
        g.add((node, KG.time, Literal(st.time)))
    if st.attributed_to:
        g.add((node, KG.attributedTo, Literal(st.attributed_to)))
    if st.modality:
        g.add((node, KG.modality, Literal(st.modality)))
    if st.quantity:
        g.add((node, KG.quantity, Literal(st.quantity)))

    g.add((sent, RDF.type, KG.Sentence))
    g.add((sent, KG.text, Literal(st.sentence)))
    g.add((sent, KG.startOffset, Literal(st.start)))
    g.add((sent, KG.endOffset, Literal(st.end)))
    g.add((sent, KG.article, article_iri(art.id)))


def _article_triples(g: Graph, art: Article) -> None:
    node = article_iri(art.id)
    g.add((node, RDF.type, KG.Article))
    g.add((node, KG.contentHash, Literal(art.sha256)))
    g.add((node, KG.sourcePath, Literal(art.source)))
    if art.title:
        g.add((node, RDFS.label, Literal(art.title)))


def to_graph(ex: Extraction) -> tuple[URIRef, Graph]:
    """The article's named-graph IRI and its triples."""
    g = Graph()
    g.bind("kg", KG._NS)
    g.bind("rel", REL)
    _article_triples(g, ex.article)
    for e in ex.entities.values():
        _entity_triples(g, e)
        g.add((article_iri(ex.article.id), KG.mentions, entity_iri(e.key)))
    for st in ex.statements:
        _statement_triples(g, ex, st)
    return article_iri(ex.article.id), g
