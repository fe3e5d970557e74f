"""Ontology terms used in code, as closed rdflib namespaces.

``KG.Captur`` raises AttributeError: a misspelt term fails loudly. A test
keeps :class:`KG` in step with ``ontology/*.ttl``.
"""

from __future__ import annotations

import re
from importlib import resources

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kg/"
ID = Namespace(BASE + "id/")  # entities, articles, sentences, statements
REL = Namespace(BASE + "relation/")  # direct-edge properties minted from relation labels
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
GEONAMES = Namespace("https://sws.geonames.org/")  # GeoNames features: https://sws.geonames.org/1168197/
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


class KG(DefinedNamespace):
    """The kg ontology (``ontology/*.ttl``: kg, events, resolution, corrections)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Location: URIRef
    ArmedGroup: URIRef
    SecurityForce: URIRef
    IntelligenceAgency: URIRef
    Government: URIRef
    Media: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Source: URIRef
    Article: URIRef
    Sentence: URIRef
    Statement: URIRef
    Event: URIRef
    EventTypes: URIRef
    # event classes
    Capture: URIRef
    Arrest: URIRef
    Killing: URIRef
    Attack: URIRef
    Raid: URIRef
    Fight: URIRef
    Extradition: URIRef
    Transfer: URIRef
    Charge: URIRef
    Accusation: URIRef
    Sanction: URIRef
    Designation: URIRef
    Support: URIRef
    Membership: URIRef
    Leadership: URIRef
    Association: URIRef
    Nationality: URIRef
    Surveillance: URIRef
    Threat: URIRef
    Affiliation: URIRef
    Kinship: URIRef
    Praise: URIRef
    Reward: URIRef
    Release: URIRef
    # cross-article resolution (ontology/resolution.ttl)
    Resolution: URIRef
    EntityName: URIRef
    ReportedEvent: URIRef
    resolvedTo: URIRef
    extractedAs: URIRef
    rule: URIRef
    score: URIRef
    matchedName: URIRef
    name: URIRef
    nameOf: URIRef
    blockKey: URIRef
    conflictKey: URIRef
    attestedBy: URIRef
    attests: URIRef
    eventClass: URIRef
    eventKey: URIRef
    report: URIRef
    reportedTime: URIRef
    reportedPlace: URIRef
    summarized: URIRef
    # analyst corrections (ontology/corrections.ttl)
    Correction: URIRef
    Merge: URIRef
    Split: URIRef
    Rejection: URIRef
    Rename: URIRef
    corrects: URIRef
    mergedInto: URIRef
    apartFrom: URIRef
    rejects: URIRef
    inArticle: URIRef
    claim: URIRef
    newLabel: URIRef
    analyst: URIRef
    uncorrectedGraph: URIRef
    # properties
    agent: URIRef
    target: URIRef
    assistingParty: URIRef
    relatedTo: URIRef
    relation: URIRef
    relationLabel: URIRef
    place: URIRef
    time: URIRef
    temporalExtent: URIRef
    confidence: URIRef
    negated: URIRef
    modality: URIRef
    quantity: URIRef
    subtype: URIRef
    country: URIRef
    mentions: URIRef
    mentionCount: URIRef
    sentence: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    article: URIRef
    contentHash: URIRef
    sourcePath: URIRef
    title: URIRef
    publisher: URIRef
    url: URIRef
    published: URIRef


ONTOLOGY_FILES = ("kg.ttl", "events.ttl", "resolution.ttl", "corrections.ttl")
ONTOLOGY_GRAPH = URIRef(BASE + "ontology")
# graphs shared by all articles (kg.resolve): resolution decisions and name index, events across reports
RESOLUTION_GRAPH = URIRef(BASE + "graph/resolution")
EVENTS_GRAPH = URIRef(BASE + "graph/events")
# analyst corrections (kg.corrections), and the articles' graphs as written before corrections changed them
CORRECTIONS_GRAPH = URIRef(BASE + "graph/corrections")
UNCORRECTED_GRAPH = URIRef(BASE + "graph/uncorrected")
# GeoNames places the articles link to (kg.resolve.places), each described once
PLACES_GRAPH = URIRef(BASE + "graph/places")
# the direct-edge properties (rel:…) seen so far, declared once for the store (kg.rdf.relation_triples)
RELATIONS_GRAPH = URIRef(BASE + "graph/relations")
# the OWL-Time instants of the ISO times seen so far (kg.rdf.instant_triples)
TIMES_GRAPH = URIRef(BASE + "graph/times")
# articles written in part while a batch of them is being stored (kg.stores.batch); empty between batches
PENDING_GRAPH = URIRef(BASE + "graph/pending")
PENDING_WRITE = URIRef(BASE + "pendingWrite")

_CAMEL = re.compile(r"[^A-Za-z0-9]+")


def ontology_turtle() -> str:
    """The ontology files' Turtle, concatenated (prefixes repeat harmlessly)."""
    root = resources.files("ontology")
    return "\n".join(root.joinpath(name).read_text(encoding="utf-8") for name in ONTOLOGY_FILES)


def relation_property(label: str) -> URIRef:
    """The direct-edge property for a relation label: "help capture" -> rel:helpCapture."""
    words = [w for w in _CAMEL.split(label) if w]
    if not words:
        return REL.relatedTo
    local = words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
    return REL[local]
