"""One statement: who did what to whom, its details and its sentence."""

from __future__ import annotations

from collections import defaultdict

from rdflib import URIRef
from rdflib.namespace import PROV

from ..store import Store
from ..vocab import KG
from .common import _PREFIXES, NotFound, _iri, _py, _summaries, _type_name, local_id

_STATEMENT = _PREFIXES + """
SELECT ?p ?o WHERE { ?st ?p ?o }
"""
_SENTENCE = _PREFIXES + """
SELECT ?text ?start ?end ?art WHERE {
  OPTIONAL { ?s kg:startOffset ?start } OPTIONAL { ?s kg:endOffset ?end }
  OPTIONAL { GRAPH ?art { ?s kg:startOffset ?o } }  # a sentence's article is its graph
  OPTIONAL { ?art kg:text ?whole }  # the offsets point into the article's text
  OPTIONAL { ?s kg:text ?own }  # older stores held each sentence's text
  BIND(COALESCE(?own, SUBSTR(?whole, ?start + 1, ?end - ?start)) AS ?text)
} LIMIT 1
"""


def statement(store: Store, id_: str) -> dict:
    """One statement: who did what to whom, its details, its sentence with offsets, article and attribution."""
    iri = _iri(f"statement/{id_}")
    rows = store.select(_STATEMENT, {"st": iri})
    props: dict[URIRef, list] = defaultdict(list)
    for r in rows:
        props[r["p"]].append(r["o"])
    if KG.Statement not in props.get(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), []):
        raise NotFound(id_)
    one = lambda p: props[p][0] if props.get(p) else None  # noqa: E731
    ends = _summaries(store, [t for t in (one(KG.agent), one(KG.target), one(KG.place),
                                         one(KG.assistingParty), one(PROV.wasAttributedTo)) if t is not None])
    sentence = None
    if one(KG.sentence) is not None:
        s = store.select(_SENTENCE, {"s": one(KG.sentence)})[0]
        sentence = {"id": local_id(one(KG.sentence)), "text": _py(s["text"]),
                    "start": _py(s["start"]), "end": _py(s["end"]),
                    "article": (local_id(s["art"]) or "")[len("article/"):] or None}
    types = props.get(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), [])
    return {
        "id": id_, "iri": str(iri),
        "agent": ends.get(one(KG.agent)), "target": ends.get(one(KG.target)),
        "relation": _py(one(KG.relationLabel)),
        "event_types": sorted(_type_name(t) for t in types if t != KG.Statement and _type_name(t)),
        "confidence": float(one(KG.confidence).toPython()) if one(KG.confidence) is not None else None,
        "negated": bool(_py(one(KG.negated))) if one(KG.negated) is not None else False,
        "time": str(one(KG.time)) if one(KG.time) is not None else None, "place": ends.get(one(KG.place)),
        "assisting": ends.get(one(KG.assistingParty)),
        "attributed_to": ends.get(one(PROV.wasAttributedTo)), "modality": _py(one(KG.modality)),
        "quantity": _py(one(KG.quantity)),
        "sentence": sentence,
    }
