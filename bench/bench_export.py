"""Export cost: ``kg export`` formats vs a raw N-Quads dump of the same store, in the same run.

Builds an in-memory store of synthetic articles (``--articles``, each with ``--statements`` statements between
entities drawn from a pool of ``--entities``; fixed random seed, no spaCy), then times, best of ``--rounds``:

* baseline: ``store.dump`` of every quad as N-Quads (reading the whole store once);
* ``build_graph`` alone (the SPARQL reads and the aggregation);
* GEXF without layout, GEXF with layout, dynamic GEXF, CSV, GraphML; PNG when ``--png``.

Prints CPU seconds of this process (other load on the machine matters less than with wall time), the graph
size and each time as a ratio to the baseline.

    .venv/bin/python bench/bench_export.py                            # 1,000 articles x 20 statements
    .venv/bin/python bench/bench_export.py --articles 100 --rounds 1  # a quick look
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export import export  # noqa: E402
from kg.export.filters import event_classes  # noqa: E402
from kg.export.graph import build_graph  # noqa: E402
from kg.model import Article, Entity, Extraction, Statement  # noqa: E402
from kg.rdf import to_graph  # noqa: E402
from kg.store import open_store  # noqa: E402

TYPES = ("Person", "Organization", "Location")
VERBS = ("capture", "arrest", "kill", "attack", "support", "lead", "extradite", "meet", "sanction", "threaten")


def synthetic_store(articles: int, statements: int, entities: int, seed: int = 1):
    rng = random.Random(seed)
    pool = [(f"{TYPES[i % 3].lower()}/entity-{i}", f"Entity {i}", TYPES[i % 3]) for i in range(entities)]
    events = event_classes()
    store = open_store(":memory:")
    for a in range(articles):
        picked = rng.sample(pool, min(len(pool), statements + 5))
        ents = {k: Entity(k, label, t, mentions=rng.randint(1, 9)) for k, label, t in picked}
        keys = list(ents)
        sts = []
        for i in range(statements):
            s, o = rng.sample(keys, 2)
            when = None
            if rng.random() < 0.6:  # most statements dated
                when = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            sts.append(Statement(s, rng.choice(VERBS), o, f"sentence {i}", i * 100, i * 100 + 90,
                                 round(rng.uniform(0.3, 1.0), 2), rng.choice(events), when))
        store.replace_graph(*to_graph(Extraction(Article(f"a{a}", f"text {a}", f"a{a}.txt"), ents, sts)))
    return store


def best(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--statements", type=int, default=20)
    ap.add_argument("--entities", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--png", action="store_true", help="also time the PNG drawing")
    args = ap.parse_args()

    t = time.perf_counter()
    store = synthetic_store(args.articles, args.statements, args.entities)
    print(f"store: {args.articles} articles, {len(store)} quads, built in {time.perf_counter() - t:.1f} s")
    g = build_graph(store)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cases = {
            "baseline: N-Quads dump": lambda: store.dump(io.BytesIO(), "nquads"),
            "build_graph": lambda: build_graph(store),
            "gexf --no-layout": lambda: export(store, "gexf", out / "a.gexf", layout=False),
            "gexf": lambda: export(store, "gexf", out / "b.gexf"),
            "gexf --dynamic": lambda: export(store, "gexf", out / "c.gexf", dynamic=True),
            "csv": lambda: export(store, "csv", out / "csv"),
            "graphml": lambda: export(store, "graphml", out / "g.graphml", layout=False),
        }
        if args.png:
            cases["png"] = lambda: export(store, "png", out / "g.png")
        base = None
        for name, fn in cases.items():
            seconds = best(args.rounds, fn)
            base = base or seconds
            print(f"{name:<24} {seconds:8.3f} s CPU   x{seconds / base:6.1f} baseline")


if __name__ == "__main__":
    main()
