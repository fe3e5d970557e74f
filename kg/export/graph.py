"""The store's entities and relations as a networkx graph, the common input of the graph writers.

Nodes are entities, keyed by IRI. Their attributes merge what every article says about them: the label, type
and subtype seen with the most mentions, the country, the summed mention count, the number of articles, and
the first and last dates of the statements they take part in (``""`` when none is dated).

Edges are relations: all statements with the same agent, target and relation label become one directed edge
(``key`` = the label), so parallel edges with different relations stay apart ("capture" and "extradite" between
the same two entities are two edges) and repeated evidence adds up in ``weight``; ``independent_sources``
counts the outlets that report it (an article's publisher, else the article itself). A statement's assisting party
also gets an edge to the target ("MIT helped Iraq capture X": MIT -help capture-> X), unless the same sentence
already yielded that statement. Negated statements ("did not capture") are left out: an edge always means the
relation was reported to happen. Each edge also lists the places of its statements and who says so (the labels
of their ``prov:wasAttributedTo`` sources), joined with "; ".

A statement's date is its own time when the text gives one (``2019-10-27``, ``2019-10``, ``2019``), else the
publication date of its article when known; date filters, first/last dates and the timeline all use it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import networkx as nx

from ..errors import FilterError
from ..rdf import SUBTYPE_CLASSES
from ..store import Store
from ..text import xml_safe
from ..vocab import KG
from .filters import ALL, ENTITY_TYPES, Filters, event_classes, parse_when

_PREFIX = (
    f"PREFIX kg: <{KG._NS}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
)

# One row per entity and article.
_NODES = _PREFIX + """
SELECT ?e ?type ?g ?label ?mentions ?subtype ?country WHERE {
  GRAPH ?g {
    VALUES ?type { kg:Person kg:Organization kg:Location }  # inside GRAPH: 4x faster on Oxigraph 0.5
    ?e a ?type ; rdfs:label ?label .
    OPTIONAL { ?e kg:mentionCount ?mentions }
    OPTIONAL {  # a subtype with a class is written as the class alone, others as kg:subtype
      { ?e kg:subtype ?subtype } UNION { ?e a ?sub VALUES ?sub { %s } BIND(STRAFTER(STR(?sub), "#") AS ?subtype) }
    }
    OPTIONAL { ?e kg:country ?country }
  }
}
""" % " ".join(f"<{c}>" for c in SUBTYPE_CLASSES.values())

# One row per statement and rdf:type (the event class is picked in Python).
_STATEMENTS = _PREFIX + """
SELECT ?st ?s ?o ?label ?confidence ?time ?class ?place ?assist ?sentence ?source ?published ?publisher ?g WHERE {
  GRAPH ?g {
    ?st a kg:Statement ; kg:agent ?s ; kg:target ?o ; kg:relationLabel ?label .
    OPTIONAL { ?st kg:confidence ?confidence }
    OPTIONAL { ?st kg:time ?time }
    OPTIONAL { ?st kg:place ?place }
    OPTIONAL { ?st kg:assistingParty ?assist }
    OPTIONAL { ?st kg:sentence ?sentence }
    OPTIONAL { ?st prov:wasAttributedTo/rdfs:label ?source }
    OPTIONAL { ?st a ?class }
    OPTIONAL { ?g kg:published ?published }
    OPTIONAL { ?g kg:publisher ?publisher }
  }
  FILTER NOT EXISTS { ?st kg:negated true }
}
"""


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _num(value: str | None, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _rows(store: Store, sparql: str) -> list[dict[str, str | None]]:
    """A SELECT's rows as plain strings (IRIs and lexical forms), None when unbound.

    Reading the term values straight from the store's results skips the rdflib term objects of
    ``Store.select``, which cost five times the query itself on big graphs.
    """
    result = store.query(sparql)
    names = [v.value for v in result.variables]
    return [{n: (t.value if (t := sol[n]) is not None else None) for n in names} for sol in result]


def _most_common(counter: Counter) -> str:
    """The value with the highest weight; ties go to the alphabetically first, so output is deterministic."""
    if not counter:
        return ""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@dataclass
class _Statement:
    """One statement as read from the store."""

    agent: str
    target: str
    label: str
    confidence: float = 0.0
    time: str | None = None  # the statement's own time, else its article's publication date
    place: str | None = None
    assisting: str | None = None
    sentence: str = ""
    article: str = ""
    classes: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)  # who says so: labels of prov:wasAttributedTo
    outlet: str = ""  # the article's publisher, else the article itself: one independent source

    @property
    def event_type(self) -> str:
        events = sorted(self.classes.intersection(event_classes()))
        return events[0] if events else ""

    def assisted(self) -> _Statement:
        """The assisting party's share: "MIT helped Iraq capture X" also gives MIT -help capture-> X."""
        label = self.label if self.label.startswith("help ") else f"help {self.label}"
        return replace(self, agent=self.assisting, label=label, assisting=None)


def _read_statements(store: Store) -> list[_Statement]:
    by_iri: dict[str, _Statement] = {}
    for row in _rows(store, _STATEMENTS):
        st = by_iri.get(row["st"])
        if st is None:
            own = row["time"]
            st = by_iri[row["st"]] = _Statement(
                agent=row["s"],
                target=row["o"],
                label=row["label"],
                confidence=_num(row["confidence"]),
                time=own if parse_when(own) else row["published"] or own,
                place=row["place"],
                assisting=row["assist"],
                sentence=row["sentence"] or row["st"],
                article=row["g"],
                outlet=row["publisher"] or row["g"],
            )
        if row["class"] is not None:
            st.classes.add(_local(row["class"]))
        if row["source"] is not None:
            st.sources.add(" ".join(row["source"].split()))
    statements = [by_iri[k] for k in sorted(by_iri)]
    said = {(st.agent, st.target, st.label, st.sentence) for st in statements}
    derived = [st.assisted() for st in statements if st.assisting and st.assisting != st.target]
    # a sentence that already yielded "X help capture Y" does not count twice
    return statements + [d for d in derived if (d.agent, d.target, d.label, d.sentence) not in said]


def _add_nodes(g: nx.MultiDiGraph, store: Store) -> None:
    labels: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    subtypes: dict[str, Counter] = defaultdict(Counter)
    countries: dict[str, Counter] = defaultdict(Counter)
    mentions: Counter = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, _NODES):
        e, m = row["e"], int(_num(row["mentions"], 1))
        if row["g"] not in articles[e]:  # one vote per article, whatever the OPTIONAL rows multiply
            mentions[e] += m
            labels[e][row["label"]] += m
            types[e][_local(row["type"])] += m
        articles[e].add(row["g"])
        if row["subtype"] is not None:
            subtypes[e][row["subtype"]] += m
        if row["country"] is not None:
            countries[e][row["country"]] += m
    for e in sorted(articles):
        g.add_node(
            e,
            label=" ".join(_most_common(labels[e]).split()),  # no line breaks from page furniture
            type=_most_common(types[e]),
            subtype=_most_common(subtypes[e]),
            country=_most_common(countries[e]),
            mentions=mentions[e],
            articles=len(articles[e]),
            first_seen="",
            last_seen="",
        )
    for e in g:  # country as a readable label when the country is itself an entity
        c = g.nodes[e]["country"]
        if c:
            g.nodes[e]["country"] = g.nodes[c]["label"] if c in g else c.rsplit("/", 1)[-1]


def _merged(spans: list[tuple]) -> list[tuple]:
    """Sorted date intervals with overlapping and adjacent ones joined (GEXF spells must not overlap)."""
    out: list[list] = []
    for a, b in sorted(spans):
        if out and a.toordinal() <= out[-1][1].toordinal() + 1:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _add_edges(g: nx.MultiDiGraph, statements: list[_Statement]) -> None:
    groups: dict[tuple[str, str, str], list[_Statement]] = defaultdict(list)
    for st in statements:
        if st.agent in g and st.target in g:
            groups[(st.agent, st.target, st.label)].append(st)
    for (s, o, label), sts in sorted(groups.items()):
        spans = sorted(span for st in sts if (span := parse_when(st.time)))
        g.add_edge(
            s,
            o,
            key=label,
            label=label,
            event_type=_most_common(Counter(st.event_type for st in sts if st.event_type)),
            weight=len(sts),
            confidence=round(max(st.confidence for st in sts), 3),
            articles=len({st.article for st in sts}),
            independent_sources=len({st.outlet for st in sts}),
            first_date=spans[0][0].isoformat() if spans else "",
            last_date=max(end for _, end in spans).isoformat() if spans else "",
            spells=[(a.isoformat(), b.isoformat()) for a, b in _merged(spans)],
            places="; ".join(sorted({g.nodes[st.place]["label"] for st in sts if st.place in g})),
            sources="; ".join(sorted(set().union(*(st.sources for st in sts)))),
        )
        for st in sts:
            if span := parse_when(st.time):
                for node in {s, o, st.place} & g.nodes:
                    d = g.nodes[node]
                    d["first_seen"] = min(d["first_seen"] or "9999", span[0].isoformat())
                    d["last_seen"] = max(d["last_seen"], span[1].isoformat())


def build_graph(store: Store, filters: Filters = ALL) -> nx.MultiDiGraph:
    """The selected entities and relations (see :mod:`kg.export.filters` for what each filter keeps)."""
    g = nx.MultiDiGraph()
    _add_nodes(g, store)
    statements = [
        st for st in _read_statements(store) if filters.keeps_statement(st.classes, st.time, st.confidence)
    ]
    _add_edges(g, statements)
    if filters.filters_statements:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if filters.entity_types and set(filters.entity_types) != set(ENTITY_TYPES):
        g.remove_nodes_from([n for n, t in list(g.nodes(data="type")) if t not in filters.entity_types])
    if filters.ego:
        if filters.ego not in g:
            raise FilterError(f"entity {filters.ego} is not in the graph, or the other filters leave it out")
        g = nx.MultiDiGraph(nx.ego_graph(g, filters.ego, radius=filters.depth, undirected=True))
    _make_xml_safe(g)
    return g


def _make_xml_safe(g: nx.MultiDiGraph) -> None:
    """Blank out characters XML cannot carry in text attributes (RDF loaded with `kg load` may hold them)."""
    for data in (*(d for _, d in g.nodes(data=True)), *(d for _, _, d in g.edges(data=True))):
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = xml_safe(value)
