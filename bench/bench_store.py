"""Store speed: kg's write and 1-hop query paths vs bare pyoxigraph, measured in the same run.

Write throughput (``--rounds`` times, alternating). ``A`` synthetic articles of ``T`` triples each (rdflib terms, as ``kg.rdf.to_graph``
makes them) are written into a fresh on-disk store with ``Store.write_article`` inside ``Store.batch()``, what
``kg ingest`` does (group commit: new articles go in batches through Oxigraph's bulk loader, each article whole
or not at all, see kg.stores.batch). The baseline is pyoxigraph's own ``Store.bulk_load`` of the same quads (as
N-Quads bytes) into another fresh on-disk store. Prints triples/s and the ratio kg / bulk_load (1.0 = as fast as
Oxigraph's bulk loader). For comparison it also times kg's write outside a batch (one transaction per article,
as before group commit) and pyoxigraph's own transactional ``extend`` per article.

Ingest's writer on real articles (``--ingest-words``, 0 to skip): a corpus of that many words (bench/corpus.py)
is extracted once, then its articles are written into fresh on-disk stores the way ``kg ingest``'s writer
does (``kg.ingest.write_written``: resolution planned against the store, the article with its part of the
shared graphs), inside ``Store.batch()`` and without it, alternating. Prints articles/s and the ratio.

1-hop query latency. A synthetic graph of at least 1,000,000 triples (entities with type and label,
relation edges between them, spread over named graphs like articles) is bulk-loaded into a kg store.
For ``Q`` random entities, the same neighbour query runs through ``Store.select(query, {"e": iri})``
(binding, Oxigraph, rows as rdflib terms) and directly on pyoxigraph (``ox.Store.query`` with the IRI
in the text, rows materialised), interleaved. Prints median and p95 latency and the ratio kg / direct.
With ``--remote`` the same query also runs through a remote store (an ``oxigraph serve`` process on a
loopback port holding the same data) for comparison.

    .venv/bin/python bench/bench_store.py                  # 3 rounds of 100 x 1,000 triples; 1.2M-triple graph
    .venv/bin/python bench/bench_store.py --articles 50 --entities 20000 --edges 100000   # a quick look
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
from rdflib import RDF, RDFS, Literal, URIRef  # noqa: E402

from kg.store import open_store  # noqa: E402
from kg.vocab import ID, KG, REL  # noqa: E402

RELATIONS = [REL[name] for name in ("capture", "kill", "helpCapture", "leaderOf", "memberOf", "attack", "fight",
                                    "extradite", "detain", "support")]
CLASSES = [KG.Person, KG.Organization, KG.Location]

NEIGHBOURS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?n ?p ?label WHERE {
  { ?e ?p ?n } UNION { ?n ?p ?e }
  ?n rdfs:label ?label .
}"""


def article_triples(i: int, n: int) -> list[tuple]:
    """One synthetic article graph: statements with agent, target, relation, confidence and a sentence."""
    rng = random.Random(i)
    triples = []
    while len(triples) < n:
        st = ID[f"statement/{i}-{len(triples)}"]
        a, b = ID[f"person/p{rng.randrange(10000)}"], ID[f"organization/o{rng.randrange(10000)}"]
        rel = rng.choice(RELATIONS)
        triples += [
            (st, RDF.type, KG.Statement), (st, KG.agent, a), (st, KG.target, b), (st, KG.relation, rel),
            (st, KG.confidence, Literal(round(rng.random(), 3))), (a, rel, b),
            (st, KG.sentence, ID[f"article/{i}/sentence/{len(triples)}"]),
            (ID[f"article/{i}/sentence/{len(triples)}"], KG.text, Literal(f"Sentence {len(triples)} of article {i}, with \"quotes\".")),
        ]
    return triples[:n]


def nquads(graphs: list[tuple[URIRef, list[tuple]]]) -> bytes:
    from kg.terms import to_ox

    return ox.serialize(
        (ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for g, triples in graphs for s, p, o in triples),
        format=ox.RdfFormat.N_QUADS,
    )


def bench_writes(articles: int, per_article: int, rounds: int, tmp: Path) -> None:
    graphs = [(ID[f"article/{i}"], article_triples(i, per_article)) for i in range(articles)]
    total = articles * per_article
    data = nquads(graphs)
    quads = [list(ox.parse(nquads([gt]), ox.RdfFormat.N_QUADS)) for gt in graphs]  # pyoxigraph terms, built ahead
    bulk_times, kg_times, extend_times, single_times = [], [], [], []
    for r in range(rounds):  # alternate, so that background load hits all alike
        base = ox.Store(str(tmp / f"bulk{r}"))
        t0 = time.perf_counter()
        base.bulk_load(data, ox.RdfFormat.N_QUADS)
        base.flush()
        bulk_times.append(time.perf_counter() - t0)
        assert len(base) == total, (len(base), total)
        del base

        own = ox.Store(str(tmp / f"extend{r}"))  # Oxigraph's own transactional write, one per article: kg's ceiling
        t0 = time.perf_counter()
        for article in quads:
            own.extend(article)
        own.flush()
        extend_times.append(time.perf_counter() - t0)
        del own

        store = open_store(tmp / f"kg{r}")  # what ingest does: write_article inside a batch (group commit)
        before, done = len(store), []
        t0 = time.perf_counter()
        with store.batch():
            for g, triples in graphs:
                store.write_article(g, triples, on_done=lambda n, error: done.append(error))
        store.flush()
        kg_times.append(time.perf_counter() - t0)
        assert len(store) - before == total and done == [None] * articles
        store.close()

        store = open_store(tmp / f"single{r}")  # outside a batch: one transaction per article
        t0 = time.perf_counter()
        for g, triples in graphs:
            store.write_article(g, triples)
        store.flush()
        single_times.append(time.perf_counter() - t0)
        store.close()

    print(f"write: {articles} articles x {per_article} triples = {total:,} triples into a fresh on-disk store, "
          f"{rounds} rounds")
    for r, (b, k) in enumerate(zip(bulk_times, kg_times), 1):
        print(f"  round {r}: bulk_load {total / b:10,.0f} triples/s   kg batch {total / k:10,.0f} triples/s"
              f"   ratio {b / k:.2f}")
    b, k = statistics.median(bulk_times), statistics.median(kg_times)
    print(f"  pyoxigraph bulk_load          {total / b:12,.0f} triples/s  (median {b:.2f} s)")
    print(f"  kg Store.batch/write_article  {total / k:12,.0f} triples/s  (median {k:.2f} s, group commit, as ingest)")
    print(f"  ratio kg / bulk_load          {statistics.median(b_ / k_ for b_, k_ in zip(bulk_times, kg_times)):12.2f}"
          " (median of rounds)")
    e = statistics.median(extend_times)
    print(f"  pyoxigraph extend             {total / e:12,.0f} triples/s  (median {e:.2f} s, one transaction per "
          f"article, terms built ahead: the ceiling of a transactional write)")
    print(f"  ratio extend / bulk_load      {statistics.median(b_ / e_ for b_, e_ in zip(bulk_times, extend_times)):12.2f}")
    s = statistics.median(single_times)
    print(f"  kg write_article, no batch    {total / s:12,.0f} triples/s  (median {s:.2f} s, one transaction per article)")
    print(f"  ratio no batch / bulk_load    {statistics.median(b_ / s_ for b_, s_ in zip(bulk_times, single_times)):12.2f}")


def bench_ingest_writer(words: int, rounds: int, tmp: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import build

    from kg.ingest import extract_chunk, write_written
    from kg.readers import read_sources

    build(words, tmp / "corpus.jsonl")
    articles = list(read_sources([tmp / "corpus.jsonl"]))
    written = [w for start in range(0, len(articles), 16) for w in extract_chunk(articles[start:start + 16])]
    triples = sum(len(w.triples) for w in written)
    times: dict[str, list[float]] = {"batch": [], "single": []}
    for r in range(rounds):
        for mode in times if r % 2 == 0 else reversed(times):
            store, done = open_store(tmp / f"ingest-{mode}{r}"), []
            t0 = time.perf_counter()
            with store.batch() if mode == "batch" else nullcontext():
                for w in written:
                    write_written(store, w, True, lambda n, error: done.append(error))
            store.flush()
            times[mode].append(time.perf_counter() - t0)
            assert done == [None] * len(written)
            store.close()
    b, s = statistics.median(times["batch"]), statistics.median(times["single"])
    print(f"ingest's writer: {len(written)} real articles ({words:,} words, {triples:,} triples before resolution), "
          f"{rounds} rounds")
    print(f"  in Store.batch (group commit)  {len(written) / b:8,.1f} articles/s  (median {b:.2f} s)")
    print(f"  one transaction per article    {len(written) / s:8,.1f} articles/s  (median {s:.2f} s)")
    print(f"  ratio batch / one per article  {statistics.median(s_ / b_ for b_, s_ in zip(times['batch'], times['single'])):8.2f}"
          " (median of rounds)")


def synthetic_graph(entities: int, edges: int, graphs: int, seed: int = 7) -> bytes:
    """N-Quads of a graph with ``entities`` typed, labelled entities and ``edges`` relation edges."""
    rng = random.Random(seed)
    lines = []
    iri = [f"<{ID}e/{i}>" for i in range(entities)]
    for i in range(entities):
        g = f"<{ID}article/{i % graphs}>"
        lines.append(f"{iri[i]} <{RDF.type}> <{CLASSES[i % 3]}> {g} .")
        lines.append(f'{iri[i]} <{RDFS.label}> "Entity {i}" {g} .')
    rels = [f"<{r}>" for r in RELATIONS]
    for _ in range(edges):
        a, b = rng.randrange(entities), rng.randrange(entities)
        lines.append(f"{iri[a]} {rng.choice(rels)} {iri[b]} <{ID}article/{rng.randrange(graphs)}> .")
    return ("\n".join(lines) + "\n").encode()


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def bench_queries(entities: int, edges: int, queries: int, tmp: Path, remote: bool) -> None:
    store = open_store(tmp / "graph")
    store.ox.bulk_load(synthetic_graph(entities, edges, graphs=1000), ox.RdfFormat.N_QUADS)
    store.flush()
    n = len(store)
    rng = random.Random(11)
    targets = [URIRef(f"{ID}e/{rng.randrange(entities)}") for _ in range(queries)]
    direct_store = store.ox

    def run_kg(e):
        return store.select(NEIGHBOURS, {"e": e})

    def run_direct(e):
        text = NEIGHBOURS.replace("?e", f"<{e}>")
        return [[sol[v] for v in ("n", "p", "label")] for sol in direct_store.query(text, use_default_graph_as_union=True)]

    print(f"1-hop neighbours: {n:,} quads ({entities:,} entities, {edges:,} edges, 1,000 graphs), {queries} entities")
    compare(targets, "kg Store.select", run_kg, run_direct)
    server = None
    if remote:
        server, remote_store = start_remote(tmp, store)
        compare(targets, "kg remote (HTTP)", lambda e: remote_store.select(NEIGHBOURS, {"e": e}), run_direct)
    store.close()
    if server is not None:
        remote_store.close()
        server.terminate()
        server.wait(timeout=30)


def compare(targets: list[URIRef], name: str, run, run_direct) -> None:
    """Median and p95 latency of ``run`` and of the direct query, interleaved in alternating order."""
    for e in targets[:20]:  # warm caches
        run(e), run_direct(e)
    times: dict[str, list[float]] = {name: [], "pyoxigraph direct": []}
    sizes = []
    for i, e in enumerate(targets):
        pair = [(name, run), ("pyoxigraph direct", run_direct)]
        for label, fn in pair if i % 2 else reversed(pair):
            t0 = time.perf_counter()
            rows = fn(e)
            times[label].append(time.perf_counter() - t0)
        sizes.append(len(rows))
    assert len(run(targets[0])) == len(run_direct(targets[0]))
    for label, ts in times.items():
        print(f"  {label:26s} median {statistics.median(ts) * 1e3:7.3f} ms   p95 {percentile(ts, 0.95) * 1e3:7.3f} ms"
              f"   ({statistics.mean(sizes):.1f} rows on average)")
    ratio = statistics.median(times[name]) / statistics.median(times["pyoxigraph direct"])
    print(f"  ratio {name} / direct {ratio:8.2f} (median latency)")


def start_remote(tmp: Path, store):
    """An ``oxigraph serve`` process on a free loopback port, loaded with the store's quads."""
    import shutil
    import socket
    import subprocess

    import httpx

    exe = str(Path(sys.executable).parent / "oxigraph") if (Path(sys.executable).parent / "oxigraph").exists() else shutil.which("oxigraph")
    if exe is None:
        sys.exit("--remote needs the oxigraph server: pip install oxigraph")
    dump = tmp / "graph.nq"
    with dump.open("wb") as fh:
        store.ox.dump(fh, ox.RdfFormat.N_QUADS)
    subprocess.run([exe, "load", "--location", str(tmp / "server"), "--file", str(dump)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp / "server"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(300):
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return proc, open_store(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--triples-per-article", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="write rounds (alternating bulk_load and kg)")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--remote", action="store_true", help="also time the query through a remote store")
    parser.add_argument("--ingest-words", type=int, default=20_000,
                        help="words of real articles for the ingest writer's timing (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        bench_writes(args.articles, args.triples_per_article, args.rounds, Path(tmp))
        if args.ingest_words:
            bench_ingest_writer(args.ingest_words, args.rounds, Path(tmp))
        bench_queries(args.entities, args.edges, args.queries, Path(tmp), args.remote)


if __name__ == "__main__":
    main()
