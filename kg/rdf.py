"""Extraction -> RDF: one named graph per article.

The article's graph holds:

- the article (``kg:Article``: title, publisher, URL, published date, content hash);
- each entity, typed with its class and, when known, its subtype's class
  (``kg:ArmedGroup``, ``kg:Country`` …), with label, aliases and mention count;
- each statement twice: as a direct edge between two entities
  (``id:… rel:helpCapture id:…``, a property of the relation namespace declared
  as a sub-property of ``kg:relatedTo``; none for negated statements), and as a
  ``kg:Statement`` node, typed with its event class, carrying agent, target,
  assisting party, place, time (a typed literal and an OWL-Time entity),
  quantity, modality, negation, confidence, ``prov:wasAttributedTo`` its
  reported source and ``prov:wasDerivedFrom`` its ``kg:Sentence``;
- each sentence that yielded a statement, with its text and character offsets.

Every IRI is derived from content (entities from type + canonical label, the
same in every article), so mapping the same article twice gives the same graph.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from collections.abc import Iterable
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS, TIME
from rdflib.term import Node

from .keys import slug
from .model import Article, Entity, Extraction, Statement
from .vocab import ID, KG, REL, RELATIONS_GRAPH, TIMES_GRAPH, relation_property

TYPE_CLASSES = {"Person": KG.Person, "Organization": KG.Organization, "Location": KG.Location}
SUBTYPE_CLASSES = {
    "ArmedGroup": KG.ArmedGroup,
    "SecurityForce": KG.SecurityForce,
    "IntelligenceAgency": KG.IntelligenceAgency,
    "Government": KG.Government,
    "Media": KG.Media,
    "Country": KG.Country,
    "City": KG.City,
    "Region": KG.Region,
}

# ISO forms of a normalised time -> (literal datatype, OWL-Time property of a time:Instant)
TIME_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?"), XSD.dateTime, TIME.inXSDDateTime),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date, TIME.inXSDDate),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth, TIME.inXSDgYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear, TIME.inXSDgYear),
)
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


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


def source_iri(article: Article, text: str) -> URIRef:
    """An unnamed source, one per wording and article ("three security sources" in two articles may differ)."""
    return ID[f"article/{article.id}/source/{slug(text)}"]


def time_literal(value: str) -> Literal:
    """A normalised time as a typed literal (xsd:date, dateTime, gYearMonth, gYear), else its text."""
    for pattern, datatype, _ in TIME_FORMS:
        if pattern.fullmatch(value) and _valid_date(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def _valid_date(value: str) -> bool:
    """False for ISO-shaped text that is no real date ("2019-02-30", "2019-13")."""
    try:
        if len(value) >= 10:
            datetime.fromisoformat(value[:10])
        elif len(value) == 7:
            datetime.fromisoformat(value + "-01")
    except ValueError:
        return False
    return True


def _label_key(text: str) -> str:
    return " ".join(_LEADING_ARTICLE.sub("", text.strip()).casefold().split())


def find_source_entity(ex: Extraction, text: str) -> Entity | None:
    """The article's entity that a source phrase names ("Iraqi intelligence"), if any."""
    wanted = _label_key(text)
    for e in ex.entities.values():
        if wanted in {_label_key(name) for name in (e.label, *e.aliases)}:
            return e
    return None


def _entity_triples(g: Graph, e: Entity) -> None:
    node = entity_iri(e.key)
    g.add((node, RDF.type, TYPE_CLASSES[e.type]))
    if e.subtype in SUBTYPE_CLASSES:
        g.add((node, RDF.type, SUBTYPE_CLASSES[e.subtype]))
    g.add((node, RDFS.label, Literal(e.label)))
    for alias in sorted(e.aliases - {e.label}):
        g.add((node, SKOS.altLabel, Literal(alias)))
    if e.subtype and e.subtype not in SUBTYPE_CLASSES:  # a subtype with a class is read from the class
        g.add((node, KG.subtype, Literal(e.subtype)))
    if e.country:
        g.add((node, KG.country, entity_iri(e.country)))
    if e.mentions != 1:  # once is the default
        g.add((node, KG.mentionCount, Literal(e.mentions)))


def _time_triples(g: Graph, node: URIRef, value: str) -> None:
    """The typed literal, and for an ISO time its OWL-Time instant (described in the shared times graph, see
    :func:`shared_triples`); a vague time ("last week") is its text alone."""
    literal = time_literal(value)
    g.add((node, KG.time, literal))
    if literal.datatype is not None:
        g.add((node, KG.temporalExtent, instant_iri(value)))


def instant_iri(value: str) -> URIRef:
    return ID[f"time/{value}"]  # the same instant in every article


def instant_triples(value: str) -> list[tuple[URIRef, URIRef, Node]]:
    """An ISO time's OWL-Time instant: ``time:Instant`` with its ``time:inXSDDate`` (…DateTime, …gYearMonth, …gYear)."""
    literal = time_literal(value)
    for _, datatype, owl_time in TIME_FORMS:
        if literal.datatype == datatype:
            instant = instant_iri(value)
            return [(instant, RDF.type, TIME.Instant), (instant, owl_time, literal)]
    return []


def _source_triples(g: Graph, ex: Extraction, node: URIRef, text: str) -> None:
    named = find_source_entity(ex, text)
    if named is not None:
        g.add((node, PROV.wasAttributedTo, entity_iri(named.key)))
        return
    source = source_iri(ex.article, text)
    g.add((node, PROV.wasAttributedTo, source))
    g.add((source, RDF.type, KG.Source))  # a prov:Agent by the ontology
    g.add((source, RDFS.label, Literal(text)))


def _statement_triples(g: Graph, ex: Extraction, st: Statement) -> None:
    art = ex.article
    subj, obj = entity_iri(st.subject), entity_iri(st.object)
    prop = relation_property(st.predicate)
    if not st.negated:  # a direct edge always means the relation was reported to hold
        g.add((subj, prop, obj))

    node, sent = statement_iri(art, st), sentence_iri(art, st)
    g.add((node, RDF.type, KG.Statement))
    if st.event_type:
        g.add((node, RDF.type, KG[st.event_type]))
    g.add((node, KG.agent, subj))
    g.add((node, KG.target, obj))
    if st.assisting:
        g.add((node, KG.assistingParty, entity_iri(st.assisting)))
    g.add((node, KG.relationLabel, Literal(st.predicate)))  # the property is relation_property(label)
    g.add((node, KG.confidence, Literal(Decimal(str(round(st.confidence, 3))))))
    if st.negated:  # not negated is the default
        g.add((node, KG.negated, Literal(True)))
    g.add((node, KG.sentence, sent))  # a sub-property of prov:wasDerivedFrom
    if st.place:
        g.add((node, KG.place, entity_iri(st.place)))
    if st.time:
        _time_triples(g, node, st.time)
    if st.attributed_to:
        _source_triples(g, ex, node, st.attributed_to)
    if st.modality:
        g.add((node, KG.modality, Literal(st.modality)))
    if st.quantity:
        g.add((node, KG.quantity, Literal(st.quantity)))

    g.add((sent, KG.startOffset, Literal(st.start)))
    g.add((sent, KG.endOffset, Literal(st.end)))  # its article is its graph (and its IRI's prefix)


def relation_triples(labels: Iterable[str]) -> list[tuple[URIRef, URIRef, Node]]:
    """The declarations of the direct-edge properties of these relation labels (``owl:ObjectProperty``,
    ``rdfs:subPropertyOf kg:relatedTo``, ``rdfs:label``)."""
    out = []
    for label in sorted(set(labels)):
        prop = relation_property(label)
        out += [(prop, RDF.type, OWL.ObjectProperty), (prop, RDFS.subPropertyOf, KG.relatedTo),
                (prop, RDFS.label, Literal(label))]
    return out


def shared_triples(ex: Extraction) -> dict[URIRef, list[tuple[URIRef, URIRef, Node]]]:
    """What an article's graph refers to but does not hold, by shared graph: the declarations of its relations'
    properties (:data:`~kg.vocab.RELATIONS_GRAPH`) and its times' OWL-Time instants (:data:`~kg.vocab.TIMES_GRAPH`).
    They are the same for every article, so the store holds each once; they are vocabulary, not facts, and stay
    when the articles that used them are deleted."""
    times = sorted({st.time for st in ex.statements if st.time})
    return {RELATIONS_GRAPH: relation_triples(st.predicate for st in ex.statements),
            TIMES_GRAPH: [t for value in times for t in instant_triples(value)]}


def article_metadata(art: Article) -> Graph:
    """The triples that describe the article itself (type, hash, source, title, publisher, URL, date)."""
    g = Graph()
    _article_triples(g, art)
    return g


def _article_triples(g: Graph, art: Article) -> None:
    node = article_iri(art.id)
    g.add((node, RDF.type, KG.Article))
    g.add((node, KG.contentHash, Literal(art.sha256)))
    g.add((node, KG.sourcePath, Literal(art.source)))
    if art.title:  # kg:title only: an rdfs:label copy repeated it
        g.add((node, KG.title, Literal(art.title)))
    if art.publisher:
        g.add((node, KG.publisher, Literal(art.publisher)))
    if art.url:
        g.add((node, KG.url, Literal(art.url, datatype=XSD.anyURI)))
    if art.published:
        published = time_literal(art.published)
        if published.datatype in (XSD.date, XSD.dateTime):
            g.add((node, KG.published, published))


def to_graph(ex: Extraction) -> tuple[URIRef, Graph]:
    """The article's named-graph IRI and its triples."""
    g = Graph()
    g.bind("kg", KG._NS)
    g.bind("rel", REL)
    g.bind("id", ID)
    _article_triples(g, ex.article)
    g.add((article_iri(ex.article.id), KG.text, Literal(ex.article.text)))  # its sentences' offsets point into it
    for e in ex.entities.values():  # the article mentions the entities its graph types
        _entity_triples(g, e)
    for st in ex.statements:
        _statement_triples(g, ex, st)
    return article_iri(ex.article.id), g
