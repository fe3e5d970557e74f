"""Corrections applied to one article's triples, in memory: no store, no SPARQL.

The input is the article's graph as extraction and resolution made it; the
output is the graph the store keeps. Splits come first (they undo what
resolution did, so they need the article's extracted -> resolved pairs), then
merges, renames and rejections. Applying the same corrections to the same
triples always gives the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from ..rdf import SUBTYPE_CLASSES, TYPE_CLASSES
from ..vocab import KG, relation_property
from .model import Correction

MAX_CHAIN = 50  # merges followed from one entity (A into B, B into C ...), at most
MAX_SWEEPS = 4  # rounds of dropping nodes a rejected statement alone used (sentence, time, relation, source)
_ENTITY_PREDICATES = {RDF.type, RDFS.label, SKOS.altLabel, KG.subtype, KG.country, KG.mentionCount}
_MAIN_TYPES = set(TYPE_CLASSES.values())
_SUBTYPE_CLASS = {Literal(k): v for k, v in SUBTYPE_CLASSES.items()}


def merge_targets(merges: Iterable[Correction]) -> dict[URIRef, URIRef]:
    """Each merged entity -> the entity it finally becomes (chains followed, at most :data:`MAX_CHAIN` steps)."""
    step = {m.entity: m.other for m in merges}
    out = {}
    for start in step:
        node = start
        for _ in range(MAX_CHAIN):
            if node not in step or step[node] == start:
                break
            node = step[node]
        out[start] = node
    return out


def claims(triples: Iterable[tuple]) -> dict[str, URIRef]:
    """Each statement's claim (agent, relation, target, sentence text) -> the statement."""
    by_node: dict[URIRef, dict] = defaultdict(dict)
    texts = {}
    for s, p, o in triples:
        if p in (KG.agent, KG.target, KG.relationLabel, KG.sentence):
            by_node[s][p] = o
        elif p == KG.text:
            texts[s] = o
    return {claim_of(d[KG.agent], str(d[KG.relationLabel]), d[KG.target], str(texts.get(d[KG.sentence], ""))): st
            for st, d in by_node.items() if len(d) == 4}


def claim_of(agent: URIRef, relation: str, target: URIRef, sentence: str) -> str:
    return f"{agent} {relation} {target} | {sentence}"


def _substitute(triples: list[tuple], mapping: Mapping[URIRef, URIRef]) -> list[tuple]:
    get = mapping.get
    return [(get(s, s), p, get(o, o)) for s, p, o in triples]


def _consolidate(triples: list[tuple], sources: dict[URIRef, list[URIRef]]) -> list[tuple]:
    """One description for each entity that several of the article's entities were merged into: the first
    source's label (the surviving entity's own when the article names it), the others as aliases, mentions
    summed, one subtype and country."""
    merged = {src: target for target, srcs in sources.items() for src in srcs}
    props: dict[URIRef, dict] = defaultdict(lambda: defaultdict(list))
    rest = []
    for s, p, o in triples:
        if s in merged and p in _ENTITY_PREDICATES:
            props[s][p].append(o)
        else:
            rest.append((s, p, o))
    for target, srcs in sources.items():
        described = [props[s] for s in srcs if s in props]
        if not described:
            continue
        first = lambda p: next((d[p][0] for d in described if d.get(p)), None)  # noqa: E731
        label, subtype, country = first(RDFS.label), first(KG.subtype), first(KG.country)
        names = {str(n) for d in described for p in (RDFS.label, SKOS.altLabel) for n in d.get(p, ())}
        types = {t for d in described for t in d.get(RDF.type, ()) if t in _MAIN_TYPES}
        if subtype is not None and subtype in _SUBTYPE_CLASS:
            types.add(_SUBTYPE_CLASS[subtype])
        rest += [(target, RDF.type, t) for t in sorted(types)]
        if label is not None:
            rest.append((target, RDFS.label, label))  # skos:prefLabel is the same, and not written
        rest += [(target, SKOS.altLabel, Literal(n)) for n in sorted(names - {str(label)})]
        rest += [(target, p, v) for p, v in ((KG.subtype, subtype), (KG.country, country)) if v is not None]
        total = sum(int(d[KG.mentionCount][0].toPython()) if d.get(KG.mentionCount) else 1 for d in described)
        if total > 1:  # a count of 1 is not written
            rest.append((target, KG.mentionCount, Literal(total)))
    return rest


def _merge(triples: list[tuple], merges: list[Correction]) -> list[tuple]:
    targets = merge_targets(merges)
    entities = {s for s, p, o in triples if p == RDF.type and o in _MAIN_TYPES}
    sources: dict[URIRef, list[URIRef]] = defaultdict(list)
    for e in sorted(entities):
        if e in targets:
            sources[targets[e]].append(e)
    for target, srcs in sources.items():
        if target in entities:
            srcs.insert(0, target)  # the surviving entity's own description comes first
    several = {t: s for t, s in sources.items() if len(s) > 1}
    out = _consolidate(triples, several) if several else triples
    return _substitute(out, targets)


def _rename(triples: list[tuple], renames: list[Correction]) -> list[tuple]:
    labels = {r.entity: Literal(r.label) for r in renames}
    old = {s: o for s, p, o in triples if p == RDFS.label and s in labels}
    out = [(s, p, o) for s, p, o in triples
           if not (s in old and (p in (RDFS.label, SKOS.prefLabel) or p == SKOS.altLabel and o == labels[s]))]
    for node, was in old.items():
        out.append((node, RDFS.label, labels[node]))
        if was != labels[node]:
            out.append((node, SKOS.altLabel, was))
    return out


def _reject(triples: list[tuple], rejected: set[URIRef], article: URIRef) -> list[tuple]:
    """The triples without the rejected statements, their direct edges (unless another asserted statement of
    the article has the same one) and the nodes only they used (sentence, time, relation, unnamed source)."""
    gone = [t for t in triples if t[0] in rejected]
    out = [t for t in triples if t[0] not in rejected]
    edges = defaultdict(dict)
    for s, p, o in gone:
        edges[s][p] = o
    kept = {_edge(d) for d in _statements(out).values() if d.get(KG.negated) != Literal(True)}
    drop = {_edge(d) for d in edges.values() if {KG.agent, KG.relationLabel, KG.target} <= d.keys()} - kept
    out = [t for t in out if t not in drop]
    candidates = {o for _, p, o in gone if isinstance(o, URIRef) and p not in (RDF.type, KG.agent, KG.target)}
    for _ in range(MAX_SWEEPS):
        used = {o for _, _, o in out}
        unused = {c for c in candidates if c not in used and c != article}
        if not unused:
            break
        candidates = {o for s, _, o in out if s in unused and isinstance(o, URIRef)}
        out = [t for t in out if t[0] not in unused]
    return out


def _statements(triples: Iterable[tuple]) -> dict[URIRef, dict]:
    out: dict[URIRef, dict] = defaultdict(dict)
    for s, p, o in triples:
        if p in (KG.agent, KG.relationLabel, KG.target, KG.negated):
            out[s][p] = o
    return out


def _edge(d: dict) -> tuple:
    """The direct edge a statement's properties make: agent, the relation's property, target."""
    label = d.get(KG.relationLabel)
    return d.get(KG.agent), relation_property(str(label)) if label is not None else None, d.get(KG.target)


def apply(triples: Iterable[tuple], article: URIRef, corrections: Iterable[Correction],
          resolved: Mapping[URIRef, URIRef] = {}) -> tuple[list[tuple], set[URIRef]]:
    """The article's triples with the corrections applied, and the statements rejected.

    ``resolved``: the article's entities that resolution joined to another (extracted IRI -> graph IRI),
    which splits undo. Resolution takes each graph entity once per article, so the graph IRI's triples
    are the extracted entity's own.
    """
    out = list(dict.fromkeys(triples))
    corrections = list(corrections)
    by_kind = defaultdict(list)
    for c in corrections:
        by_kind[c.kind].append(c)
    rejected = {c.statement for c in by_kind["reject"]} & {s for s, p, o in out if p == KG.agent}
    wanted = {c.claim for c in by_kind["reject"] if c.claim}
    rejected |= {st for claim, st in claims(out).items() if claim in wanted}
    split = {c.other: c.entity for c in by_kind["split"] if resolved.get(c.entity) == c.other}
    if split:
        out = _substitute(out, split)
    if by_kind["merge"]:
        out = _merge(out, by_kind["merge"])
    if by_kind["rename"]:
        out = _rename(out, by_kind["rename"])
    if rejected:
        out = _reject(out, rejected, article)
    return list(dict.fromkeys(out)), rejected
