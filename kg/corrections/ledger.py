"""Corrections in the store: record, list and undo them; apply them whenever an article is written.

Corrections are nodes of the corrections graph (:data:`kg.vocab.CORRECTIONS_GRAPH`). An article's graph is
always its uncorrected graph (what extraction and resolution made) with the corrections that concern it
applied (:func:`kg.corrections.transform.apply`). While they change it, the uncorrected graph is kept as
N-Triples in :data:`kg.vocab.UNCORRECTED_GRAPH`, so that undoing a correction, or making one more, starts
again from it. Every lookup starts from bound terms (the article, its entities), so the cost of writing an
article depends on the corrections that concern it, not on the size of the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from ..rdf import TYPE_CLASSES
from ..resolve import events
from ..resolve.index import drop_orphans
from ..sparql import term_n3
from ..store import Store, insert_data, replace_graph_update
from ..terms import from_ox, to_ox
from ..vocab import CORRECTIONS_GRAPH, EVENTS_GRAPH, ID, KG, RESOLUTION_GRAPH, UNCORRECTED_GRAPH
from .model import KINDS, Conflict, Correction, CorrectionError, UnknownTarget, from_properties, local, now
from .transform import MAX_CHAIN, apply, claims, merge_targets

MAX_LABEL = 500
_P = f"PREFIX kg: <{KG._NS}>\nPREFIX prov: <{PROV}>\nPREFIX skos: <{SKOS}>\n"
_CORR, _UNC, _RES, _EV = (term_n3(g) for g in (CORRECTIONS_GRAPH, UNCORRECTED_GRAPH, RESOLUTION_GRAPH, EVENTS_GRAPH))
_BY_ENTITY = _P + "SELECT ?c ?p ?o WHERE { %(values)s GRAPH %(g)s { ?c kg:corrects ?x . ?c ?p ?o } }"
_BY_ARTICLE = _P + "SELECT ?c ?p ?o WHERE { GRAPH %(g)s { ?c kg:inArticle ?a . ?c ?p ?o } }"
_ALL = _P + "SELECT ?c ?p ?o WHERE { GRAPH %(g)s { ?c ?p ?o } }"
_ONE = _P + "SELECT ?p ?o WHERE { GRAPH %(g)s { ?c ?p ?o } }"
_COPY = _P + "SELECT ?text WHERE { GRAPH %(g)s { ?a kg:uncorrectedGraph ?text } }"
_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_PAIRS = _P + "SELECT ?e ?c WHERE { GRAPH %(g)s { ?d prov:wasDerivedFrom ?a ; kg:extractedAs ?e ; kg:resolvedTo ?c } }"
_SPLIT = _P + ("SELECT DISTINCT ?a WHERE { GRAPH %(g)s { ?d kg:extractedAs ?e ; kg:resolvedTo ?to ; "
               "prov:wasDerivedFrom ?a } }")
_MENTIONING = _P + ("SELECT DISTINCT ?g WHERE { %(values)s GRAPH ?g { ?g a kg:Article . ?x a ?t } "
                    "VALUES ?t { kg:Person kg:Organization kg:Location } }")  # the articles that describe ?x
_TYPES = _P + "SELECT DISTINCT ?t WHERE { VALUES ?t { kg:Person kg:Organization kg:Location } GRAPH ?g { ?e a ?t } }"
_STATEMENT = _P + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?st a kg:Statement } }"
_STATEMENTS = _P + "SELECT ?st WHERE { GRAPH ?g { ?st a kg:Statement } }"
_FILED = _P + "SELECT ?ev ?st WHERE { %(values)s GRAPH %(g)s { ?ev kg:report ?st } }"


def _values(var: str, terms: Iterable[URIRef]) -> str:
    return f"VALUES ?{var} {{ {' '.join(term_n3(t) for t in sorted(set(terms)))} }}"


def _grouped(rows: Iterable[dict]) -> list[Correction]:
    props: dict[URIRef, dict] = defaultdict(dict)
    for r in rows:
        props[r["c"]][r["p"]] = r["o"]
    found = (from_properties(node, p) for node, p in props.items())
    return sorted((c for c in found if c is not None), key=lambda c: (c.created, c.id))


def corrections(store: Store) -> list[Correction]:
    """Every correction, oldest first."""
    return _grouped(store.select(_ALL % {"g": _CORR}))


def get(store: Store, correction_id: str) -> Correction:
    """One correction by id (``correction/…``, or the part after ``correction/``)."""
    iri = ID["correction/" + correction_id.removeprefix("correction/")]
    try:
        rows = store.select(_ONE % {"g": _CORR}, {"c": iri})
    except ValueError:
        rows = []
    found = _grouped({"c": iri, **r} for r in rows)
    if not found:
        raise UnknownTarget(f"no correction with id {correction_id!r}")
    return found[0]


def concerning(store: Store, article: URIRef | None, entities: Iterable[URIRef]) -> list[Correction]:
    """The corrections of an article's statements and of its entities, with the entities they merge into."""
    found = {c.iri: c for c in _grouped(store.select(_BY_ARTICLE % {"g": _CORR}, {"a": article}))} if article else {}
    asked: set[URIRef] = set()
    todo = set(entities)
    for _ in range(MAX_CHAIN):
        todo -= asked
        if not todo:
            break
        asked |= todo
        new = _grouped(store.select(_BY_ENTITY % {"g": _CORR, "values": _values("x", todo)}))
        found.update((c.iri, c) for c in new)
        todo = {c.other for c in new if c.kind == "merge"}
    return sorted(found.values(), key=lambda c: (c.created, c.id))


# --- applying them to an article ------------------------------------------------------------------


@dataclass
class Prepared:
    """An article's graph with its corrections applied, the statements rejected, and the update operations
    that keep (or drop) its uncorrected copy."""

    triples: list[tuple]
    rejected: set[URIRef] = field(default_factory=set)
    ops: list[str] = field(default_factory=list)
    corrected: bool = False


def _rdflib(triples: Iterable[tuple]) -> list[tuple]:
    return [tuple(t if isinstance(t, (URIRef, Literal)) else from_ox(t) for t in triple) for triple in triples]


def entities_of(triples: Iterable[tuple]) -> set[URIRef]:
    """The entities an article graph describes (those it types) and the countries it ties them to."""
    main = set(TYPE_CLASSES.values())
    return {s for s, p, o in triples if p == RDF.type and o in main} | {o for _, p, o in triples if p == KG.country}


def copy_ops(article: URIRef, base: list[tuple], corrected: list[tuple]) -> list[str]:
    """Update operations that keep the uncorrected graph when the corrections changed it, else drop it."""
    ops = forget_update(article)
    if set(base) != set(corrected):
        text = ox.serialize([ox.Triple(*map(to_ox, t)) for t in base], format=ox.RdfFormat.N_TRIPLES)
        ops.append(insert_data([(to_ox(article), to_ox(KG.uncorrectedGraph), ox.Literal(text.decode("utf-8")),
                                 to_ox(UNCORRECTED_GRAPH))]))
    return ops


def forget_update(article: URIRef) -> list[str]:
    """Update operations that drop an article's uncorrected copy (when it is deleted or written again)."""
    return [f"DELETE WHERE {{ GRAPH {_UNC} {{ {term_n3(article)} <{KG.uncorrectedGraph}> ?text }} }}"]


def prepare(store: Store, article: URIRef, triples: Iterable[tuple],
            resolved: Mapping[URIRef, URIRef] = {}) -> Prepared:
    """An article about to be written: its triples as resolution made them -> as the store keeps them."""
    base = _rdflib(triples)
    found = concerning(store, article, entities_of(base) | set(resolved))
    if not found:  # nothing to correct now: drop the copy kept while something was
        return Prepared(base, ops=forget_update(article) if _copy(store, article) else [])
    corrected, rejected = apply(base, article, found, resolved)
    return Prepared(corrected, rejected, copy_ops(article, base, corrected), set(base) != set(corrected))


def uncorrected(store: Store, article: URIRef) -> list[tuple]:
    """An article's graph before corrections: its kept copy, else its graph (which no correction changed)."""
    rows = _copy(store, article)
    if rows:
        data = str(rows[0]["text"]).encode("utf-8")
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)]
    return [(r["s"], r["p"], r["o"]) for r in store.select(_TRIPLES, {"g": article})]


def _copy(store: Store, article: URIRef) -> list[dict]:
    return store.select(_COPY % {"g": _UNC}, {"a": article})


def resolved_pairs(store: Store, article: URIRef) -> dict[URIRef, URIRef]:
    """The article's entities that resolution joined to another: extracted IRI -> graph IRI."""
    return {r["e"]: r["c"] for r in store.select(_PAIRS % {"g": _RES}, {"a": article}) if r["e"] != r["c"]}


def _event_ops(store: Store, base: list[tuple], rejected: set[URIRef], were_out: set[URIRef]) -> list[str]:
    """Take rejected statements' reports out of events (dropping events left without one); file the reports of
    statements that are back (``were_out`` of the graph, a rejection undone) as resolution would have."""
    props: dict[URIRef, dict] = defaultdict(dict)
    classes = {}
    for s, p, o in base:
        if p == RDF.type and str(o).startswith(str(KG._NS)) and o != KG.Statement:
            classes.setdefault(s, o)
        elif p in (KG.agent, KG.target, KG.time, KG.place, KG.negated, SKOS.exactMatch):
            props[s][p] = o
    reported = [st for st in classes if KG.agent in props[st]]
    if not reported:
        return []
    filed = [(r["ev"], r["st"]) for r in store.select(_FILED % {"g": _EV, "values": _values("st", reported)})]
    gone = [(ev, st) for ev, st in filed if st in rejected]
    ops = []
    if gone:
        ops.append("DELETE DATA { GRAPH %s { %s } }" % (_EV, " ".join(
            f"{term_n3(ev)} <{KG.report}> {term_n3(st)} ." for ev, st in gone)))
        ops += events.summary_update(sorted({ev for ev, _ in gone}))
        ops += drop_orphans(EVENTS_GRAPH, {ev for ev, _ in gone}, KG.report)
    back = sorted((set(reported) & were_out) - rejected - {st for _, st in filed})
    if back:
        todo = []
        for st in back:
            d, cls = props[st], str(classes[st])[len(str(KG._NS)):]
            place = props.get(d.get(KG.place), {}).get(SKOS.exactMatch)
            report = events.Report(str(st), cls, str(d[KG.agent]), str(d[KG.target]),
                                   str(d[KG.time]) if KG.time in d else None, None,
                                   bool(d[KG.negated].toPython()) if KG.negated in d else False)
            todo.append((report, events.event_key(cls, report.agent, report.target),
                         int(str(place).rstrip("/").rsplit("/", 1)[-1]) if place is not None else None))
        known = events.lookup(store, (key for _, key, _ in todo), {str(st) for st in back})
        filed = events.assign(todo, known)
        filed += events.summary_triples(filed, {r.iri: (r.time, place) for r, _, place in todo})
        ops.append(insert_data((to_ox(s), to_ox(p), to_ox(o), to_ox(EVENTS_GRAPH)) for s, p, o in filed))
    return ops


def rewrite(store: Store, article: URIRef) -> bool:
    """Apply the corrections that now concern a stored article to its uncorrected graph; False when that changes
    nothing (or the article is not stored)."""
    had_copy = bool(_copy(store, article))
    base = uncorrected(store, article)
    if not base:
        return False
    now_in = {r["st"] for r in store.select(_STATEMENTS, {"g": article})}
    were_out = {s for s, p, o in base if p == RDF.type and o == KG.Statement} - now_in
    resolved = resolved_pairs(store, article)
    found = concerning(store, article, entities_of(base) | set(resolved))
    corrected, rejected = apply(base, article, found, resolved)
    if not had_copy and set(corrected) == set(base):
        return False
    ops = [replace_graph_update(article, corrected)] + copy_ops(article, base, corrected)
    ops += _event_ops(store, base, rejected, were_out)
    store.update_graph(article, " ;\n".join(ops), corrected)
    return True


# --- recording and undoing --------------------------------------------------------------------------


def _types(store: Store, entity: URIRef) -> set[str]:
    try:
        return {str(r["t"]).rsplit("#", 1)[1] for r in store.select(_TYPES, {"e": entity})}
    except ValueError:  # not an IRI
        return set()


def _entity(store: Store, entity: URIRef) -> set[str]:
    types = _types(store, entity)
    if not types:
        raise UnknownTarget(f"no entity with id {local(entity)!r}")
    return types


def final(store: Store, entity: URIRef) -> URIRef:
    """The entity ``entity`` is after the merges recorded (itself when none)."""
    return merge_targets(c for c in concerning(store, None, [entity]) if c.kind == "merge").get(entity, entity)


def _checked(store: Store, c: Correction) -> Correction:
    """``c`` if it can be recorded (with a rejection's article and claim filled in), else an error saying why."""
    if c.kind not in KINDS:
        raise CorrectionError(f"unknown kind of correction {c.kind!r}: use merge, split, reject or rename")
    if store.select(_ONE % {"g": _CORR}, {"c": c.iri}):
        raise Conflict(f"{c.id} is already recorded: {c.describe()}")
    if c.kind == "merge":
        known = concerning(store, None, [c.entity])
        if c.entity == c.other:
            raise CorrectionError(f"{local(c.entity)} cannot be merged into itself")
        earlier = next((x for x in known if x.kind == "merge" and x.entity == c.entity), None)
        if earlier is not None:
            raise Conflict(f"{local(c.entity)} is already merged into {local(earlier.other)} ({earlier.id}): "
                           "undo that first")
        if final(store, c.other) == c.entity:
            raise Conflict(f"{local(c.other)} is merged into {local(c.entity)}: merging back would make a cycle")
        a, b = _entity(store, c.entity), _entity(store, final(store, c.other))
        if not a & b:
            raise CorrectionError(f"cannot merge {local(c.entity)} ({'/'.join(sorted(a))}) into {local(c.other)} "
                                  f"({'/'.join(sorted(b))}): an entity has one type")
    elif c.kind == "split":
        if not store.select(_SPLIT % {"g": _RES}, {"e": c.entity, "to": c.other}):
            raise UnknownTarget(f"no article's entity extracted as {local(c.entity)!r} was resolved to "
                                f"{local(c.other)!r}")
    elif c.kind == "rename":
        _entity(store, c.entity)
        if not c.label or not c.label.strip() or len(c.label) > MAX_LABEL:
            raise CorrectionError(f"a label has 1 to {MAX_LABEL} characters")
    elif c.kind == "reject":
        rows = store.select(_STATEMENT, {"st": c.statement}) if c.statement is not None else []
        if not rows:
            raise UnknownTarget(f"no statement with id {local(c.statement).removeprefix('statement/')!r}")
        claim = next((k for k, st in claims(uncorrected(store, rows[0]["g"])).items() if st == c.statement), None)
        c = Correction(c.kind, statement=c.statement, article=rows[0]["g"], claim=claim, analyst=c.analyst,
                       created=c.created, note=c.note)
    return c


def _affected(store: Store, c: Correction, undoing: bool = False) -> list[URIRef]:
    """The stored articles a correction changes once recorded, or changed (before it is undone)."""
    if c.kind == "reject":
        return [c.article]
    if c.kind == "split":
        return [r["a"] for r in store.select(_SPLIT % {"g": _RES}, {"e": c.entity, "to": c.other})]
    entities = {c.entity}
    if undoing:  # its articles name what it was merged into now, or what that was merged into since
        entities |= {e for e in (c.other, final(store, c.entity)) if e is not None}
    return sorted(r["g"] for r in store.select(_MENTIONING % {"values": _values("x", entities)}))


def record(store: Store, c: Correction) -> tuple[Correction, int]:
    """Record a correction and apply it to the stored articles it concerns; it and how many were rewritten.

    A rename replaces an earlier rename of the same entity. Raises :class:`UnknownTarget`, :class:`Conflict`
    or :class:`CorrectionError` (what the REST API answers with 404, 409 and 422).
    """
    c = _checked(store, Correction(**{**c.__dict__, "created": c.created or now()}))
    replaced = [x for x in concerning(store, None, [c.entity]) if x.kind == "rename" == c.kind and x.entity == c.entity
                ] if c.entity is not None else []
    ops = [f"DELETE WHERE {{ GRAPH {_CORR} {{ {term_n3(x.iri)} ?p ?o }} }}" for x in replaced]
    ops.append(insert_data((to_ox(s), to_ox(p), to_ox(o), to_ox(CORRECTIONS_GRAPH)) for s, p, o in c.triples()))
    store.update_graph(CORRECTIONS_GRAPH, " ;\n".join(ops))  # no entity's label, type or name changes here
    return c, sum(rewrite(store, a) for a in _affected(store, c))


def undo(store: Store, correction_id: str) -> tuple[Correction, int]:
    """Remove a correction and restore the stored articles it changed; it and how many were rewritten."""
    c = get(store, correction_id)
    affected = _affected(store, c, undoing=True)
    store.update_graph(CORRECTIONS_GRAPH, f"DELETE WHERE {{ GRAPH {_CORR} {{ {term_n3(c.iri)} ?p ?o }} }}")
    return c, sum(rewrite(store, a) for a in affected)
