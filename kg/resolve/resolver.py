"""Resolution of one article at write time: plan it against the store, then write it in one update.

:func:`plan` links the article's places to GeoNames, looks its entities up in
the blocking index, decides (kg.resolve.match), maps the article's entity IRIs
to the graph's, and files its event statements under events. :func:`write`
applies the plan and the article's (rewritten) graph as one SPARQL update, so
a crash leaves the old article with its old decisions or the new one with its
new ones. :func:`forget` undoes an article's shared contributions when it is
deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, URIRef
from rdflib.namespace import SKOS

from ..keys import is_scoped
from ..model import Extraction
from ..rdf import entity_iri, statement_iri
from ..store import Store
from ..sparql import term_n3
from ..vocab import EVENTS_GRAPH, KG, PLACES_GRAPH, RESOLUTION_GRAPH
from . import events, index
from .match import Match, Mention, choose, mention_keys, owners_of
from .names import core_words, is_name
from .places import link, linked_places, orphan_places, place_iri, place_triples


def mentions_of(ex: Extraction) -> tuple[Mention, ...]:
    """The named entities of an extraction, each with its label and those aliases that are names (not descriptions
    such as "Iraqi national"). People described but not named are never resolved, nor are an article's own unnamed
    people ("officials", "two policemen": two articles' "officials" are not the same people) or unnamed bodies with
    one word to tell them by ("state police": a tie with every police named before). An article's other unnamed
    forces ("US warplanes", "Israeli troops") are: a country's forces, as one reader takes them across reports."""
    return tuple(
        Mention(e.key, e.type, (e.label, *sorted(a for a in e.aliases - {e.label} if is_name(a))), e.subtype,
                e.country)
        for e in ex.entities.values() if e.described_by is None and not _own_description(e)
    )


def _own_description(e) -> bool:
    """An article's unnamed person, or unnamed body with fewer than two words that tell it apart."""
    return is_scoped(e.key) and (e.type == "Person" or len(core_words(e.label, e.type)) < 2)


def reports_of(ex: Extraction) -> tuple[events.Report, ...]:
    """The statements of an extraction that have an event class."""
    return tuple(
        events.Report(str(statement_iri(ex.article, st)), st.event_type, st.subject, st.object, st.time, st.place,
                      st.negated)
        for st in ex.statements if st.event_type
    )


@dataclass
class Plan:
    article: URIRef
    mapping: dict[URIRef, URIRef] = field(default_factory=dict)  # article's entity IRI -> graph's
    matches: dict[str, Match] = field(default_factory=dict)  # entity key -> the match that joined it
    links: list[tuple] = field(default_factory=list)  # into the article graph: GeoNames links and places
    shared: dict[URIRef, list[tuple]] = field(default_factory=dict)  # resolution, gazetteer, events triples
    names: list[URIRef] = field(default_factory=list)  # name nodes the article attested before
    unshared: set[str] = field(default_factory=set)  # of those, the ones no other article attests
    events: dict[URIRef, set] = field(default_factory=dict)  # events the article reported before, by which statements
    places: list[URIRef] = field(default_factory=list)  # GeoNames places the article linked before
    reported: dict[str, tuple] = field(default_factory=dict)  # statement -> (time, GeoNames id): events' summaries

    def rewrite(self, triples: Iterable[tuple]) -> list[tuple]:
        """The article's triples with its entity IRIs replaced by the graph's, plus its GeoNames links (the places'
    descriptions go to the shared places graph)."""
        get = self.mapping.get
        return [(get(s, s), p, get(o, o)) for s, p, o in triples] + self.links


def _link_places(mentions: tuple[Mention, ...]) -> tuple[tuple[Mention, ...], dict[str, object]]:
    places, linked = {}, []
    for m in mentions:
        place = link(m.names, m.subtype, m.country) if m.type == "Location" else None
        if place is not None:
            places[m.key] = place
            m = Mention(m.key, m.type, m.names, m.subtype, m.country, place.geonames)
        linked.append(m)
    return tuple(linked), places


def plan(store: Store, article: URIRef, mentions: tuple[Mention, ...], reports: tuple[events.Report, ...] = ()) -> Plan:
    """Decide how an article's entities and event statements join the graph (reads the store, writes nothing)."""
    result = Plan(article)
    mentions, places = _link_places(mentions)
    again = store.has_graph(article)  # written before: what it left in the shared graphs is read (else there is none)
    if again:
        result.names = index.attested_names(store, article)
        result.unshared = index.only_own(store, article, result.names)
    keys = set().union(*map(mention_keys, mentions)) if mentions else ()
    candidates, rows = index.lookup(store, keys, result.unshared)
    result.matches = choose(mentions, candidates, owners_of(rows))
    resolution, described = [], []
    for m in mentions:
        match = result.matches.get(m.key)
        canon = URIRef(match.iri) if match else entity_iri(m.key)
        if canon != entity_iri(m.key):
            result.mapping[entity_iri(m.key)] = canon
        resolution += index.resolution_triples(article, m, canon, match)
        if m.key in places:
            result.links.append((entity_iri(m.key), SKOS.exactMatch, place_iri(places[m.key].geonames)))
            described += place_triples(places[m.key])
    result.shared = {RESOLUTION_GRAPH: resolution,
                     EVENTS_GRAPH: _events(store, reports, result, places, again),
                     PLACES_GRAPH: sorted(set(described))}
    if again:
        result.events = events.own_events(store, article)
        result.places = linked_places(store, article)
    return result


def _events(store: Store, reports, result: Plan, places: dict, again: bool) -> list[tuple]:
    def canon(key: str) -> str:
        iri = entity_iri(key)
        return str(result.mapping.get(iri, iri))

    filed = [(r, events.event_key(r.event_type, canon(r.agent), canon(r.target)),
              places[r.place].geonames if r.place in places else None) for r in reports]
    known = events.lookup(store, (key for _, key, _ in filed), {r.iri for r in reports} if again else frozenset())
    result.reported = {r.iri: (r.time, place) for r, _, place in filed}
    return events.assign(filed, known)


def _forget_ops(article: URIRef) -> list[str]:
    from ..corrections import forget_update

    return events.forget_update(article) + index.forget_update(article) + forget_update(article)


def _unreported(shared: list[tuple], rejected: set) -> list[tuple]:
    """Events triples without the reports of rejected statements, and without new events left with none."""
    kept = [t for t in shared if not (t[1] == KG.report and t[2] in rejected)]
    reported = {s for s, p, _ in kept if p == KG.report}
    new = {s for s, p, o in kept if p == RDF.type and o == KG.ReportedEvent}
    return [t for t in kept if t[0] not in new - reported]


def write(store: Store, p: Plan, triples: Iterable[tuple], on_done=None) -> int:
    """Replace the article's graph with ``triples`` (rewritten by the plan, then corrected by the analysts'
    corrections, kg.corrections) and its shared part, whole or not at all (Store.write_article: one update, or
    the first step of a batch's group commit; ``on_done`` is called when it is written)."""
    from ..corrections import prepare

    corrected = prepare(store, p.article, p.rewrite(triples), p.mapping)
    filed = _unreported(p.shared.get(EVENTS_GRAPH, []), corrected.rejected)
    shared = {**p.shared, EVENTS_GRAPH: filed + events.summary_triples(filed, p.reported)}
    after = index.insert_update(shared) + corrected.ops
    gone = events.orphans(store, p.events, filed)
    after += events.summary_update(sorted(set(p.events) - gone))  # the events it reported before, without its old reports
    after += index.drop_update(RESOLUTION_GRAPH, p.unshared - index.attested_in(shared.get(RESOLUTION_GRAPH, [])))
    after += index.drop_update(EVENTS_GRAPH, gone)
    after += index.drop_update(PLACES_GRAPH, orphan_places(store, p.article, p.places, corrected.triples,
                                                           shared.get(PLACES_GRAPH, [])))
    return store.write_article(p.article, corrected.triples, _forget_ops(p.article), after, on_done)


def forget(store: Store, article: URIRef) -> None:
    """Delete an article: its graph, decisions, name attestations, event reports, uncorrected copy and the
    places no other article links, in one update (the corrections themselves stay, for when it comes back)."""
    own, linked = events.own_events(store, article), linked_places(store, article)
    gone = events.orphans(store, own)
    ops = _forget_ops(article) + [f"DROP SILENT GRAPH {term_n3(article)}"]
    ops += events.summary_update(sorted(set(own) - gone))
    ops += index.drop_update(RESOLUTION_GRAPH, index.only_own(store, article, index.attested_names(store, article)))
    ops += index.drop_update(EVENTS_GRAPH, gone)
    ops += index.drop_update(PLACES_GRAPH, orphan_places(store, article, linked))
    store.update_graph(article, " ;\n".join(ops))
