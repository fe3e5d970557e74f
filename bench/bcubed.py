"""B-cubed precision and recall of cross-article resolution, for entities and for events.

    .venv/bin/python bench/bcubed.py                 # tests/data/crossref: 22 articles, targets 0.95/0.9, 0.9/0.8

The corpus (``tests/data/crossref/articles.jsonl``, written for these tests: five events told by four invented
outlets, with spelling variants, acronyms, honorifics, a denial and two look-alikes) is ingested with
resolution into a fresh store. ``reference.json`` holds the reference clusters:

* **entities**: each (article, surface form) is an item; kg's cluster for it is the node of that article's
  graph whose label or alias is that surface form (case and accents aside), that is the graph entity it was
  resolved to. An item kg made no node for is a cluster of its own.
* **events**: each (article, event class, target as written) is an item; kg's cluster for it is the
  ``kg:ReportedEvent`` filing that article's statement of that class whose target node has that surface form.
  An item kg made no statement for is a cluster of its own.

B-cubed (Bagga and Baldwin 1998): for each item, precision is the share of its kg cluster that shares its
reference cluster, recall the share of its reference cluster that shares its kg cluster; both are averaged
over the items.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "data" / "crossref"
TARGETS = {"entities": (0.95, 0.9), "events": (0.9, 0.8)}  # (precision, recall)
ID = "https://w3id.org/kg/id/"
EVENTS_GRAPH = "https://w3id.org/kg/graph/events"


def bcubed(reference: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> tuple[float, float]:
    """(precision, recall) over the items of ``reference``; an item ``predicted`` lacks is a cluster alone."""
    pred = {item: predicted.get(item, ("alone", item)) for item in reference}
    by_ref, by_pred = defaultdict(set), defaultdict(set)
    for item in reference:
        by_ref[reference[item]].add(item)
        by_pred[pred[item]].add(item)
    precision = recall = 0.0
    for item in reference:
        same = by_ref[reference[item]] & by_pred[pred[item]]
        precision += len(same) / len(by_pred[pred[item]])
        recall += len(same) / len(by_ref[reference[item]])
    n = len(reference) or 1
    return precision / n, recall / n


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().strip()


def _names(store, article: str) -> dict[str, set[str]]:
    """Folded label or alias -> node IRIs, in one article's graph."""
    rows = store.select(f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?node ?name WHERE {{ GRAPH <{ID}article/{article}> {{
            {{ ?node rdfs:label ?name }} UNION {{ ?node skos:altLabel ?name }} }} }}""")
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        out[fold(str(row["name"]))].add(str(row["node"]))
    return out


def _reports(store, article: str) -> list[tuple[str, str, str]]:
    """(event class local name, target IRI, ReportedEvent IRI) of an article's filed statements."""
    rows = store.select(f"""
        PREFIX kg: <https://w3id.org/kg/ontology#>
        SELECT ?class ?target ?event WHERE {{
            GRAPH <{EVENTS_GRAPH}> {{ ?event kg:eventClass ?class ; kg:report ?st }}
            GRAPH <{ID}article/{article}> {{ ?st kg:target ?target }} }}""")
    return [(str(r["class"]).rsplit("#", 1)[-1], str(r["target"]), str(r["event"])) for r in rows]


def predicted_clusters(store, reference: dict, article_id) -> tuple[dict, dict]:
    """kg's cluster of every reference item (entities, events) that kg has one for."""
    entities, events = {}, {}
    names = {a: _names(store, article_id(a)) for c in reference["entities"].values() for a in c}
    for cluster in reference["entities"].values():
        for article, surfaces in cluster.items():
            for surface in surfaces:
                nodes = names[article].get(fold(surface), set())
                if len(nodes) == 1:
                    entities[(article, surface)] = next(iter(nodes))
    for items in reference["events"].values():
        for article, cls, target in items:
            nodes = _names(store, article_id(article)).get(fold(target), set())
            filed = {ev for c, t, ev in _reports(store, article_id(article)) if c == cls and t in nodes}
            if len(filed) == 1:
                events[(article, cls, target)] = next(iter(filed))
    return entities, events


def reference_clusters(reference: dict) -> tuple[dict, dict]:
    entities = {(a, s): name for name, c in reference["entities"].items() for a, surfaces in c.items() for s in surfaces}
    events = {tuple(item): name for name, items in reference["events"].items() for item in items}
    return entities, events


def score(corpus: Path = CORPUS, model: str | None = None) -> dict[str, tuple[float, float, int, int]]:
    """{"entities"|"events": (precision, recall, items, items kg has a cluster for)}, ingesting ``corpus``."""
    from kg.ingest import ingest_paths
    from kg.store import open_store

    reference = json.loads((corpus / "reference.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store")
        try:
            summary = ingest_paths([corpus / "articles.jsonl"], store, model)
            if summary.failures:
                raise RuntimeError(f"ingest failed: {summary.failed}")
            pred_entities, pred_events = predicted_clusters(store, reference, lambda a: f"id-{a}")
        finally:
            store.close()
    ref_entities, ref_events = reference_clusters(reference)
    out = {}
    for what, ref, pred in (("entities", ref_entities, pred_entities), ("events", ref_events, pred_events)):
        p, r = bcubed(ref, pred)
        out[what] = (p, r, len(ref), len(pred))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    results = score(args.corpus)
    for what, (p, r, n, found) in results.items():
        tp, tr = TARGETS[what]
        verdict = "ok" if p >= tp and r >= tr else "missed"
        print(f"{what:9} B-cubed precision {p:.3f} recall {r:.3f} over {n} items ({found} with a kg cluster); "
              f"target >= {tp} / {tr}: {verdict}")


if __name__ == "__main__":
    main()
