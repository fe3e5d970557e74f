"""Events across reports: statements of different articles that report the same event become one event node.

Two reports are of the same event when they have the same event class, agent
and target (after entity resolution: the key they are filed under) and
compatible date and place: dates that agree at their common precision or lie
at most :data:`MAX_DAYS_APART` days apart; the same place, or a city and its
country. A denial (``kg:negated true``) joins the event it denies, so that the
event shows the conflict. Reports are looked up by key, so the cost per
article does not depend on the size of the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS

from ..sparql import term_n3
from ..store import Store
from ..vocab import EVENTS_GRAPH, KG
from .places import gazetteer

MAX_DAYS_APART = 3
_EV = term_n3(EVENTS_GRAPH)
_PREFIX = f"PREFIX kg: <{KG._NS}>\nPREFIX skos: <{SKOS}>\n"
# plain patterns from bound terms only (see kg.resolve.index: Oxigraph scans OPTIONAL and EXISTS patterns whole)
_LOOKUP = _PREFIX + "SELECT ?ev ?key ?st WHERE { %(values)s GRAPH %(ev)s { ?ev kg:eventKey ?key ; kg:report ?st } }"
_WHEN_WHERE = _PREFIX + """
SELECT ?st ?time ?gn WHERE { %(values)s { ?st kg:time ?time } UNION { ?st kg:place ?p . ?p skos:exactMatch ?gn } }
"""
_OWN_EVENTS = _PREFIX + "SELECT DISTINCT ?ev WHERE { GRAPH ?self { ?st a kg:Statement } GRAPH %(ev)s { ?ev kg:report ?st } }"


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
    """Stored events filed under ``keys``, with their reports' dates and places (``own`` statements left out)."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    values = "VALUES ?key { " + " ".join(term_n3(Literal(k)) for k in keys) + " }"
    events: dict[str, Seen] = {}
    by_key: dict[str, list[Seen]] = {}
    reports: dict[str, Seen] = {}
    for ev, key, st in store.query(_LOOKUP % {"values": values, "ev": _EV}):
        if st.value in own:
            continue
        seen = events.get(ev.value)
        if seen is None:
            seen = events[ev.value] = Seen(ev.value, set(), set())
            by_key.setdefault(key.value, []).append(seen)
        reports[st.value] = seen
    if reports:
        values = "VALUES ?st { " + " ".join(term_n3(URIRef(st)) for st in sorted(reports)) + " }"
        for st, time, gn in store.query(_WHEN_WHERE % {"values": values}):
            if time is not None:
                reports[st.value].times.add(time.value)
            if gn is not None:
                reports[st.value].places.add(int(gn.value.rstrip("/").rsplit("/", 1)[-1]))
    for seen in by_key.values():
        seen.sort(key=lambda s: s.iri)  # the first compatible event wins: the same one in every run
    return by_key


def own_events(store: Store, article: URIRef) -> list[URIRef]:
    """Events that an article's statements report (to drop those left with no report when it goes)."""
    return [URIRef(r[0].value) for r in store.query(_OWN_EVENTS % {"ev": _EV}, {"self": article})]


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
                    (ev, KG.eventKey, Literal(key))]
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


def orphans_update(events: Iterable[URIRef]) -> list[str]:
    """Update operations that drop the given events when no report is left."""
    from .index import drop_orphans

    return drop_orphans(EVENTS_GRAPH, events, KG.report)
