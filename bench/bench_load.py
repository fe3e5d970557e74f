"""Mixed traffic on `kg serve` with default settings: errors and p50/p99 per route, then REST reads beside runaways.

    .venv/bin/python bench/bench_load.py                                 # 300,000 quads, 32 connections, 30 s
    .venv/bin/python bench/bench_load.py --triples 50000 --duration 5    # a quick look

Builds bench_api's synthetic kg-shaped graph of at least ``--triples`` quads and starts one `kg serve` on it
(default workers and timeout). Two scenarios of ``--duration`` seconds each, `wrk` (Debian package) with
``--connections`` connections split evenly over the routes, one wrk process per route, all at once:

* ``mixed``: neighbours (``/entities/{id}/neighbours``), statements (``/statements/{id}``), search
  (``/entities?q=``) and SPARQL (the 1-hop neighbour query by GET); every answer should be 2xx.
* ``REST alone``, then ``REST beside runaways``: the REST routes of ``--runaway-routes`` (neighbours and statements: search costs 0.3-0.5 s
  a request on 300,000 quads by itself and would measure that) while ``--runaways`` clients each send,
  one after the other,
  ``SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }``, which runs until the query timeout (503)
  or is refused when the SPARQL workers and queue are full (429). The REST routes should keep answering
  with p99 under 1 s. The ratios of the second to the first (same server, same run) show what the
  runaway queries cost the REST reads.

Per scenario and route it prints requests, requests/s, p50 and p99 latency, non-2xx answers and socket
errors (wrk's timeout is 10 s), and for the runaway clients the status codes they got.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import bench_api as ba

QUADS_PER_ARTICLE = 95  # bench_api.write_graph: 3 for the article, 4 for each of 8 entities, 15 for each of 4 statements
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def route_paths(entities: list[str], articles: int, n: int, seed: int = 11) -> dict[str, list[str]]:
    """``n`` request paths per route over the synthetic graph (statement ids are ``a{article}s{0..3}``)."""
    rng = random.Random(seed)
    picked = rng.sample(entities, min(n, len(entities)))
    return {
        "neighbours": [f"/entities/{e}/neighbours" for e in picked],
        "statements": [f"/statements/a{rng.randrange(articles)}s{rng.randrange(4)}" for _ in range(n)],
        "search": [f"/entities?q={urllib.parse.quote(f'entity {rng.randrange(1000)}')}&limit=10" for _ in range(n)],
        "sparql": ba.sparql_paths(picked),
    }


def split(connections: int, routes: list[str]) -> dict[str, int]:
    """``connections`` spread over ``routes`` as evenly as possible (the first ones get the remainder)."""
    share, extra = divmod(connections, len(routes))
    return {route: share + (i < extra) for i, route in enumerate(routes)}


def runaway_client(base: str, until: float, statuses: Counter) -> None:
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': RUNAWAY})}"
    while time.monotonic() < until:
        try:
            with urllib.request.urlopen(url, timeout=120) as r:
                statuses[r.status] += 1
        except urllib.error.HTTPError as exc:
            statuses[exc.code] += 1
        except OSError as exc:
            statuses[type(exc).__name__] += 1


def scenario(server: ba.Server, routes: list[str], connections: int, duration: int, runaways: int) -> dict:
    """Run wrk on ``routes`` at once (and ``runaways`` runaway clients); wrk's numbers per route."""
    results: dict[str, dict] = {}
    statuses: Counter = Counter()
    until = time.monotonic() + duration
    clients = [threading.Thread(target=runaway_client, args=(server.base, until, statuses)) for _ in range(runaways)]
    for client in clients:
        client.start()
    if runaways:
        time.sleep(1)  # the runaway queries hold the SPARQL workers before the REST load starts

    def one(route: str, n: int) -> None:
        results[route] = ba.run_wrk(server.base, server.scripts[route], duration, n)

    shares = split(connections, routes)
    threads = [threading.Thread(target=one, args=(route, n)) for route, n in shares.items()]
    for t in threads:
        t.start()
    for t in threads + clients:
        t.join()
    return {"routes": results, "connections": shares, "runaway_statuses": dict(statuses)}


def show(name: str, outcome: dict) -> None:
    print(f"\n{name}:")
    print(f"  {'route':<11} {'conns':>5} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} "
          f"{'sock err':>8}")
    for route, r in outcome["routes"].items():
        print(f"  {route:<11} {outcome['connections'][route]:>5} {r['requests']:>9} {r['rps']:>8.0f} {r['p50']:>8.2f} "
              f"{r['p99']:>8.2f} {r['non2xx']:>8} {r['socket_errors']:>8}")
    if outcome["runaway_statuses"]:
        print(f"  runaway queries answered: {outcome['runaway_statuses']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=300_000)
    ap.add_argument("--duration", type=int, default=30, help="seconds per scenario")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--runaways", type=int, default=3)
    ap.add_argument("--paths", type=int, default=200, help="distinct paths per route")
    ap.add_argument("--runaway-routes", default="neighbours,statements", help="REST routes beside the runaways")
    ap.add_argument("--skip-mixed", action="store_true", help="only the runaway scenario")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        count, entities = ba.build_store(folder, args.triples)
        articles = count // QUADS_PER_ARTICLE  # a lower bound: the store keeps one of each repeated quad
        print(f"store: {count:,} quads in {time.perf_counter() - started:.1f} s; {args.connections} connections, "
              f"{args.duration} s per scenario, {args.runaways} runaway clients", flush=True)
        port = ba.free_port()
        server = ba.Server("kg serve", ba.kg_cmd(str(folder / "store"), port), {}, port, "/health",
                           route_paths(entities, articles, args.paths))
        try:
            server.start(folder)
            server.wait_up()
            server.warm_up(4)
            print(f"  up and warm: kg serve (rss {ba.rss_mb(server.proc.pid):.0f} MB)", flush=True)
            if not args.skip_mixed:
                show("mixed", scenario(server, ["neighbours", "statements", "search", "sparql"], args.connections,
                                       args.duration, 0))
            routes = args.runaway_routes.split(",")
            quiet = scenario(server, routes, args.connections, args.duration, 0)
            show("REST alone (the baseline)", quiet)
            loud = scenario(server, routes, args.connections, args.duration, args.runaways)
            show(f"REST beside {args.runaways} runaway queries", loud)
            print("\nrunaway / baseline, per route:")
            for route in routes:
                a, b = loud["routes"][route], quiet["routes"][route]
                print(f"  {route:<11} req/s {a['rps'] / b['rps']:.2f}  p50 {a['p50'] / b['p50']:.2f}  "
                      f"p99 {a['p99'] / b['p99']:.2f}")
        finally:
            ba.stop_all([server])


if __name__ == "__main__":
    main()
