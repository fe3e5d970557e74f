"""Which part of the graph to export: the filters shared by ``kg export`` and ``GET /export/graph.{format}``.

Two kinds of filter, applied in this order:

1. Statement filters (``event_types``, ``since``/``until``, ``min_confidence``) choose the statements that
   become edges. A statement without a date is left out as soon as a date range is given; one without an event
   class is left out as soon as event types are given.
2. Node filters (``entity_types``, then ``ego`` with ``depth``) choose the entities; edges survive when both
   ends do. The ego network is the entity plus everything within ``depth`` hops, in either direction, over the
   edges left by step 1.

When any statement filter is set, entities left without an edge are dropped (the export shows the matching
events, not every entity ever mentioned); otherwise every entity is kept, isolated or not.

Build a :class:`Filters` from user strings with :meth:`Filters.parse`: it raises :class:`kg.errors.FilterError`
with a message meant for the user (the API answers 400 with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rdflib import RDFS, Graph

from ..errors import FilterError
from ..vocab import ID, KG, ontology_turtle

ENTITY_TYPES = ("Person", "Organization", "Location")
MAX_DEPTH = 5

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_when(text: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO date, month or year (``2019-10-27``, ``2019-10``, ``2019``) covers.

    Datetimes keep their date part; anything else (``last week``) is ``None``.
    """
    if not text:
        return None
    m = _ISO.match(str(text).strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            d = date(year, int(month), int(day))
            return d, d
        if month:
            first = date(year, int(month), 1)
            nxt = date(year + (int(month) == 12), int(month) % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _split(values: str | Iterable[str] | None) -> list[str]:
    """``"a,b"``, ``["a", "b,c"]`` or ``None`` as a flat list of non-empty stripped strings."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _one_of(name: str, allowed: Iterable[str], what: str) -> str:
    """``name`` spelt as in ``allowed`` (case-insensitive), or a FilterError listing the choices."""
    by_lower = {a.lower(): a for a in allowed}
    if name.lower() not in by_lower:
        raise FilterError(f"unknown {what} {name!r}; choose from: {', '.join(sorted(by_lower.values()))}")
    return by_lower[name.lower()]


@lru_cache(maxsize=1)
def event_classes() -> tuple[str, ...]:
    """Local names of the ontology's event classes: everything ``rdfs:subClassOf+ kg:Event`` in ``ontology/``."""
    g = Graph().parse(data=ontology_turtle(), format="turtle")
    found = g.transitive_subjects(RDFS.subClassOf, KG.Event)
    return tuple(sorted(str(c).rsplit("#", 1)[-1] for c in found if c != KG.Event and str(c).startswith(str(KG._NS))))


def _date(value: str | date | None, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    span = parse_when(value)
    if span is None or not _ISO.fullmatch(str(value).strip()):
        raise FilterError(f"{what} must be an ISO date like 2019-10-27, 2019-10 or 2019, not {value!r}")
    return span[0] if what == "since" else span[1]


def entity_iri(ref: str) -> str:
    """An entity IRI from a full IRI or a key such as ``person/abu-bakr-al-baghdadi``."""
    ref = ref.strip()
    if ref.startswith(("http://", "https://")):
        return ref
    if not re.fullmatch(r"[a-z]+/[^\s/]+", ref):
        raise FilterError(f"ego must be an entity IRI or a key like person/some-name, not {ref!r}")
    return str(ID[ref])


@dataclass(frozen=True)
class Filters:
    """A selection of the graph; the default selects everything."""

    entity_types: frozenset[str] = field(default_factory=frozenset)  # Person, Organization, Location
    event_types: frozenset[str] = field(default_factory=frozenset)  # ontology event class local names
    since: date | None = None  # statements dated on or after
    until: date | None = None  # statements dated on or before
    min_confidence: float = 0.0
    ego: str | None = None  # entity IRI at the centre of an ego network
    depth: int = 1  # hops around ``ego``

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise FilterError(f"min confidence must be between 0 and 1, not {self.min_confidence}")
        if not 0 <= self.depth <= MAX_DEPTH:
            raise FilterError(f"depth must be between 0 and {MAX_DEPTH}, not {self.depth}")
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"since ({self.since}) is after until ({self.until})")

    @classmethod
    def parse(
        cls,
        entity_types: str | Iterable[str] | None = None,
        event_types: str | Iterable[str] | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        min_confidence: float | str | None = None,
        ego: str | None = None,
        depth: int | str | None = None,
    ) -> Filters:
        """Filters from user input: comma-separated or repeated names (any case), ISO dates, an entity key or IRI.

        ``since="2019"`` means from 1 January 2019 and ``until="2019"`` up to 31 December 2019.
        """
        try:
            conf = float(min_confidence) if min_confidence not in (None, "") else 0.0
        except ValueError:
            raise FilterError(f"min confidence must be a number between 0 and 1, not {min_confidence!r}") from None
        try:
            hops = int(depth) if depth not in (None, "") else 1
        except ValueError:
            raise FilterError(f"depth must be a whole number, not {depth!r}") from None
        return cls(
            entity_types=frozenset(_one_of(t, ENTITY_TYPES, "entity type") for t in _split(entity_types)),
            event_types=frozenset(_one_of(t, event_classes(), "event type") for t in _split(event_types)),
            since=_date(since, "since"),
            until=_date(until, "until"),
            min_confidence=conf,
            ego=entity_iri(ego) if ego else None,
            depth=hops,
        )

    @property
    def filters_statements(self) -> bool:
        """True when some statement filter is set (and isolated entities are then dropped)."""
        return bool(self.event_types or self.since or self.until or self.min_confidence > 0)

    def keeps_statement(self, event_types: Iterable[str], when: str | None, confidence: float) -> bool:
        """Whether a statement with these event classes, date text and confidence passes the statement filters."""
        if confidence < self.min_confidence:
            return False
        if self.event_types and not self.event_types.intersection(event_types):
            return False
        if self.since or self.until:
            span = parse_when(when)
            if span is None:
                return False
            if self.since and span[1] < self.since:
                return False
            if self.until and span[0] > self.until:
                return False
        return True


ALL = Filters()
