"""Events across reports: statements of different articles that report the same event become one event node.

Two reports are of the same event when they have the same event class, agent
and target (after entity resolution: the key they are filed under) and
compatible date and place: dates that agree at their common precision or lie
at most :data:`MAX_DAYS_APART` days apart; the same place, or a city and its
country. A denial (``kg:negated true``) joins the event it denies, so that the
event shows the conflict. Reports are looked up by key, so the cost per
article does not depend on the size of the store; and an event keeps the
distinct dates and places of its reports (``kg:reportedTime``,
``kg:reportedPlace``, added as reports are filed, recomputed from the reports
left when some go; ``kg:summarized`` says it has them), so that the cost does
not depend on how many articles reported it either: only an article written
again reads the reports of the events it reported before, to leave its own
out (and an event filed before summaries existed is read report by report).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from ..rdf import time_literal
from ..sparql import term_n3
from ..store import Store
from ..vocab import EVENTS_GRAPH, KG, RESOLUTION_GRAPH
from .places import gazetteer, place_iri

MAX_DAYS_APART = 3
_EV = term_n3(EVENTS_GRAPH)
_PREFIX = f"PREFIX kg: <{KG._NS}>\nPREFIX skos: <{SKOS}>\n"
# plain patterns from bound terms only (see kg.resolve.index: Oxigraph scans OPTIONAL and EXISTS patterns whole)
_LOOKUP = _PREFIX + "SELECT ?ev ?key ?st WHERE { %(values)s GRAPH %(ev)s { ?ev kg:eventKey ?key ; kg:report ?st } }"
# a report's date, and the GeoNames place its own article links its place to (the link is on the place as the article
# extracted it, which resolution may have mapped to another): what filing a report puts in its event's summary
_PLACE_LINK = (f"GRAPH ?a {{ ?st <{KG.place}> ?p }} {{ GRAPH ?a {{ ?p <{SKOS.exactMatch}> ?gn }} }} UNION "
               f"{{ GRAPH {term_n3(RESOLUTION_GRAPH)} {{ ?d <{PROV.wasDerivedFrom}> ?a ; <{KG.extractedAs}> ?e ; "
               f"<{KG.resolvedTo}> ?p }} GRAPH ?a {{ ?e <{SKOS.exactMatch}> ?gn }} }}")
_WHEN_WHERE = (f"SELECT ?st ?time ?gn WHERE {{ %(values)s {{ GRAPH ?a {{ ?st <{KG.time}> ?time }} }} "
               f"UNION {{ {_PLACE_LINK} }} }}")
_OWN_REPORTS = _PREFIX + ("SELECT ?ev ?st WHERE { GRAPH ?self { ?st a kg:Statement } "
                          "GRAPH %(ev)s { ?ev kg:report ?st } }")
# one event at a time, stopping at the first report of another article
_ANOTHER_REPORT = _PREFIX + ("SELECT ?st WHERE { GRAPH %(ev)s { ?e kg:report ?st } "
                             "FILTER(?st NOT IN (%(own)s)) } LIMIT 1")
# an event's summary: its distinct report dates and places, one row each (not one per report)
_SUMMARY = _PREFIX + """SELECT ?ev ?key ?time ?gn ?done WHERE { %(values)s GRAPH %(ev)s {
  { ?ev kg:eventKey ?key } UNION { ?ev kg:eventKey ?key ; kg:reportedTime ?time }
  UNION { ?ev kg:eventKey ?key ; kg:reportedPlace ?gn } UNION { ?ev kg:eventKey ?key ; kg:summarized ?done } } }"""
_REPORTED = _PREFIX + "SELECT DISTINCT ?ev WHERE { %(values)s GRAPH %(ev)s { ?ev kg:report ?st } }"
_REPORTS = _PREFIX + "SELECT ?ev ?st WHERE { %(values)s GRAPH %(ev)s { ?ev kg:report ?st } }"
_TRUE = Literal(True)


@dataclass(frozen=True)
class Report:
    """A statement as event resolution sees it (entity keys as the article's extraction made them)."""

    iri: str
    event_type: str
    agent: str
    target: str
    time: str | None = None
    place: str | None = None
    negated: bool = False


@dataclass
class Seen:
    """What is known of an event: the dates and GeoNames places of its reports."""

    iri: str
    times: set[str]
    places: set[int]


def event_key(event_type: str, agent: str, target: str) -> str:
    return f"{event_type}|{agent}|{target}"


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Dates agree when either is unknown, one refines the other ("2001-11" and "2001-11-12"), or days are close."""
    if not a or not b or not a[:4].isdigit() or not b[:4].isdigit():
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= MAX_DAYS_APART


def places_compatible(a: int | None, b: int | None) -> bool:
    """Places agree when either is unknown, they are the same, or one is the other's country."""
    if a is None or b is None or a == b:
        return True
    gz = gazetteer()
    return getattr(gz.place(a), "country", None) == b or getattr(gz.place(b), "country", None) == a


def _fits(seen: Seen, time: str | None, place: int | None) -> bool:
    return all(dates_compatible(t, time) for t in seen.times) and all(places_compatible(p, place) for p in seen.places)


def lookup(store: Store, keys: Iterable[str], own: set[str] = frozenset()) -> dict[str, list[Seen]]:
    """Stored events filed under ``keys``, with their reports' dates and places (``own`` statements left out).

    Each event's dates and places are read from its summary, one row per distinct value; only the events that
    ``own`` statements report (an article written again) are read report by report, without those.
    """
    keys = sorted(set(keys))
    if not keys:
        return {}
    values = "VALUES ?key { " + " ".join(str(ox.Literal(k)) for k in keys) + " }"  # plain strings, escaped
    events: dict[str, tuple[str, Seen]] = {}
    summarized = set()
    for ev, key, time, gn, done in store.query(_SUMMARY % {"values": values, "ev": _EV}):
        if ev.value not in events:
            events[ev.value] = (key.value, Seen(ev.value, set(), set()))
        seen = events[ev.value][1]
        if time is not None:
            seen.times.add(time.value)
        if gn is not None:
            seen.places.add(_geonames(gn.value))
        if done is not None:
            summarized.add(ev.value)
    exact = set(events) - summarized  # filed before events had summaries: read report by report
    if own and events:
        values = "VALUES ?st { " + " ".join(term_n3(URIRef(st)) for st in sorted(own)) + " }"
        exact |= {r[0].value for r in store.query(_REPORTED % {"values": values, "ev": _EV})} & set(events)
    if exact:
        seen = {ev: Seen(ev, set(), set()) for ev in exact}
        reported = _read_reports(store, seen, own)
        for ev in exact:  # reported by ``own`` alone: not there for this article
            if ev in reported:
                events[ev] = (events[ev][0], seen[ev])
            else:
                del events[ev]
    by_key: dict[str, list[Seen]] = {}
    for key, seen in events.values():
        by_key.setdefault(key, []).append(seen)
    for seen in by_key.values():
        seen.sort(key=lambda s: s.iri)  # the first compatible event wins: the same one in every run
    return by_key


def _geonames(iri: str) -> int:
    return int(iri.rstrip("/").rsplit("/", 1)[-1])


def _read_reports(store: Store, seen: dict[str, Seen], own: set[str]) -> set[str]:
    """Fill ``seen`` events' dates and places from their reports, ``own`` statements left out; the events that have
    a report besides those."""
    values = "VALUES ?ev { " + " ".join(term_n3(URIRef(ev)) for ev in sorted(seen)) + " }"
    reports: dict[str, Seen] = {}
    for ev, st in store.query(_REPORTS % {"values": values, "ev": _EV}):
        if st.value not in own:
            reports[st.value] = seen[ev.value]
    if reports:
        values = "VALUES ?st { " + " ".join(term_n3(URIRef(st)) for st in sorted(reports)) + " }"
        for st, time, gn in store.query(_WHEN_WHERE % {"values": values}):
            if time is not None:
                reports[st.value].times.add(time.value)
            if gn is not None:
                reports[st.value].places.add(_geonames(gn.value))
    return {s.iri for s in reports.values()}


def summary_triples(triples: Iterable[tuple], facts: dict[str, tuple[str | None, int | None]]) -> list[tuple]:
    """The summary triples of the reports filed by ``triples`` (``kg:report`` ones): each report's date and GeoNames
    place (``facts``: statement IRI -> (time, GeoNames id)) on its event."""
    out = []
    for ev, p, st in triples:
        if p == KG.report:
            time, place = facts.get(str(st), (None, None))
            if time:
                out.append((ev, KG.reportedTime, time_literal(time)))
            if place is not None:
                out.append((ev, KG.reportedPlace, place_iri(place)))
    return out


def summary_update(events: Iterable[URIRef]) -> list[str]:
    """Update operations that recompute the given events' summaries from the reports they have (after some
    went: an article deleted or written again, a statement rejected); a cost that grows with their reports."""
    events = list(events)
    if not events:
        return []
    values = "VALUES ?ev { " + " ".join(term_n3(ev) for ev in events) + " }"
    t, p = f"<{KG.reportedTime}>", f"<{KG.reportedPlace}>"
    report = f"GRAPH {_EV} {{ ?ev <{KG.report}> ?st }}"
    return [f"DELETE {{ GRAPH {_EV} {{ ?ev {t} ?x }} }} WHERE {{ {values} GRAPH {_EV} {{ ?ev {t} ?x }} }}",
            f"DELETE {{ GRAPH {_EV} {{ ?ev {p} ?x }} }} WHERE {{ {values} GRAPH {_EV} {{ ?ev {p} ?x }} }}",
            f"INSERT {{ GRAPH {_EV} {{ ?ev <{KG.summarized}> true }} }} WHERE {{ {values} {report} }}",
            f"INSERT {{ GRAPH {_EV} {{ ?ev {t} ?time }} }} WHERE {{ "
            f"SELECT DISTINCT ?ev ?time WHERE {{ {values} {report} GRAPH ?a {{ ?st <{KG.time}> ?time }} }} }}",
            f"INSERT {{ GRAPH {_EV} {{ ?ev {p} ?gn }} }} WHERE {{ "
            f"SELECT DISTINCT ?ev ?gn WHERE {{ {values} {report} {_PLACE_LINK} }} }}"]


def own_events(store: Store, article: URIRef) -> dict[URIRef, set[URIRef]]:
    """Events that an article's statements report, with those statements (to drop the events left with no report
    when it goes)."""
    out: dict[URIRef, set[URIRef]] = {}
    for ev, st in store.query(_OWN_REPORTS % {"ev": _EV}, {"self": article}):
        out.setdefault(URIRef(ev.value), set()).add(URIRef(st.value))
    return out


def orphans(store: Store, own: dict[URIRef, set[URIRef]], filed: Iterable[tuple] = ()) -> set[URIRef]:
    """Of the events an article reported (``own``: event -> its statements), those no other article reports,
    nor its new version (``filed`` triples): they go with it."""
    again = {ev for ev, p, _ in filed if p == KG.report}
    out = set()
    for ev, statements in own.items():
        if ev in again:
            continue
        query = _ANOTHER_REPORT % {"ev": _EV, "own": ", ".join(term_n3(st) for st in sorted(statements))}
        if not list(store.query(query, {"e": ev})):
            out.add(ev)
    return out


def assign(reports: Iterable[tuple[Report, str, int | None]], known: dict[str, list[Seen]]) -> list[tuple]:
    """Triples that file each (report, key, GeoNames place) under a compatible known event, else a new one."""
    out = []
    for report, key, place in reports:
        candidates = known.setdefault(key, [])
        seen = next((s for s in candidates if _fits(s, report.time, place)), None)
        if seen is None:
            digest = hashlib.sha256(f"{key}\x1f{report.iri}".encode()).hexdigest()[:20]
            seen = Seen(f"https://w3id.org/kg/id/event/{digest}", set(), set())
            candidates.append(seen)
            ev = URIRef(seen.iri)
            out += [(ev, RDF.type, KG.ReportedEvent), (ev, KG.eventClass, KG[report.event_type]),
                    (ev, KG.eventKey, Literal(key)), (ev, KG.summarized, _TRUE)]
        if report.time:
            seen.times.add(report.time)
        if place is not None:
            seen.places.add(place)
        out.append((URIRef(seen.iri), KG.report, URIRef(report.iri)))
    return out


def forget_update(article: URIRef) -> list[str]:
    """Update operations that remove an article's reports from events (before its graph is dropped)."""
    a = term_n3(article)
    return [f"DELETE {{ GRAPH {_EV} {{ ?e <{KG.report}> ?st }} }} WHERE {{ GRAPH {a} {{ ?st a <{KG.Statement}> }} "
            f"GRAPH {_EV} {{ ?e <{KG.report}> ?st }} }}"]
