"""HTTP throughput of `kg serve` against the framework's and the engine's own limits, on one big graph.

    .venv/bin/python bench/bench_api.py                       # 1,000,000+ triples, 3 rounds of 10 s per run
    .venv/bin/python bench/bench_api.py --triples 200000 --duration 5 --rounds 1  # a quick look

Builds a synthetic graph in kg's shape (articles as named graphs; entities with labels; statements
with agent, target, relation, confidence, sentence and article) of at least ``--triples`` triples,
then, one server at a time on a free loopback port, runs `wrk` (Debian package; apt-get install wrk)
with ``--connections`` connections for ``--duration`` seconds per route, cycling over 200 entities:

* ``neighbours``: the 1-hop neighbour request (``GET /entities/{id}/neighbours`` on kg);
* ``sparql``: the equivalent SPARQL query by GET (``/sparql`` on kg, ``/query`` on Oxigraph).

Servers: ``kg serve`` (SPARQL queries in worker processes, the default), ``kg serve --query-workers 0``
(queries in the server process: what the timeout mechanism costs), a minimal FastAPI app that calls
pyoxigraph directly for both routes (the framework's limit), and ``oxigraph serve-read-only`` from
PyPI's ``oxigraph`` (the Rust limit; SPARQL only). It prints requests/s, p50/p99 latency, non-2xx
answers, the server's memory (RSS summed over its processes) after the run, and the ratios of kg to the
minimal handler (target >= 0.8) and to Oxigraph.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ID = "https://w3id.org/kg/id/"
KG = "https://w3id.org/kg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TYPES = ("person", "organization", "location")
RELATIONS = ("capture", "arrest", "attack", "kill", "support", "leader of", "member of", "extradite")
EVENTS = ("Capture", "Arrest", "Attack", "Killing", "Support", "Leadership", "Membership", "Extradition")

# the SPARQL a client would write for the 1-hop neighbour request (one query: edges, provenance, labels)
NEIGHBOURS_SPARQL = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?st ?n ?dir ?rel ?conf ?time ?sent ?art ?label ?type WHERE {
  { ?st kg:agent <%(e)s> ; kg:target ?n . BIND("out" AS ?dir) }
  UNION
  { ?st kg:target <%(e)s> ; kg:agent ?n . BIND("in" AS ?dir) }
  ?st kg:relationLabel ?rel .
  OPTIONAL { ?st kg:confidence ?conf }
  OPTIONAL { ?st kg:time ?time }
  OPTIONAL { ?st kg:sentence ?sent . OPTIONAL { ?sent kg:article ?art } }
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n a ?type }
}"""

MINIMAL_APP = '''
"""The framework's limit: FastAPI routes that call pyoxigraph directly, nothing else."""
import os
import pyoxigraph as ox
from fastapi import FastAPI, Query, Response

QUERY = open(os.environ["BENCH_NEIGHBOURS_SPARQL"]).read()
store = ox.Store.read_only(os.environ["BENCH_STORE"])
app = FastAPI()


@app.get("/neighbours")
def neighbours(id: str) -> list[dict]:
    rows = store.query(QUERY % {"e": "https://w3id.org/kg/id/" + id}, use_default_graph_as_union=True)
    names = [v.value for v in rows.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in rows]


@app.get("/sparql")
def sparql(query: str = Query(...)) -> Response:
    result = store.query(query, use_default_graph_as_union=True)
    return Response(result.serialize(format=ox.QueryResultsFormat.JSON), media_type="application/sparql-results+json")


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
'''


# --- the graph -----------------------------------------------------------------------------


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_graph(path: Path, triples: int, seed: int = 7) -> tuple[int, list[str]]:
    """N-Quads of a kg-shaped graph of at least ``triples`` quads; returns (quads, ids of entities in statements)."""
    rng = random.Random(seed)
    n_entities = max(1000, triples // 50)
    entities = [f"{TYPES[i % 3]}/entity-{i}" for i in range(n_entities)]
    written, connected = 0, set()
    with path.open("w", encoding="utf-8") as out:
        art = 0
        while written < triples:
            a = f"<{ID}article/a{art}>"
            lines = [f"{a} <{RDF_TYPE}> <{KG}Article> {a} .", f"{a} <{RDFS}label> {_lit(f'Article {art}')} {a} .",
                     f"{a} <{KG}contentHash> {_lit(f'{art:064x}')} {a} ."]
            mentioned = rng.sample(entities, 8)
            for e in mentioned:
                node = f"<{ID}{e}>"
                lines += [f"{node} <{RDF_TYPE}> <{KG}{e.split('/')[0].capitalize()}> {a} .",
                          f"{node} <{RDFS}label> {_lit(e.split('/')[1].replace('-', ' ').title())} {a} .",
                          f"{node} <{KG}mentionCount> \"{rng.randint(1, 9)}\"^^<http://www.w3.org/2001/XMLSchema#integer> {a} .",
                          f"{a} <{KG}mentions> {node} {a} ."]
            for s in range(4):
                agent, target = rng.sample(mentioned, 2)
                connected.update((agent, target))
                k = rng.randrange(len(RELATIONS))
                st, sent = f"<{ID}statement/a{art}s{s}>", f"<{ID}article/a{art}/sentence/{s * 100}-{s * 100 + 90}>"
                rel = f"<https://w3id.org/kg/relation/{RELATIONS[k].replace(' ', '')}>"
                lines += [f"<{ID}{agent}> {rel} <{ID}{target}> {a} .",
                          f"{st} <{RDF_TYPE}> <{KG}Statement> {a} .", f"{st} <{RDF_TYPE}> <{KG}{EVENTS[k]}> {a} .",
                          f"{st} <{KG}agent> <{ID}{agent}> {a} .", f"{st} <{KG}target> <{ID}{target}> {a} .",
                          f"{st} <{KG}relation> {rel} {a} .", f"{st} <{KG}relationLabel> {_lit(RELATIONS[k])} {a} .",
                          f"{st} <{KG}confidence> \"0.{rng.randint(3, 9)}\"^^<http://www.w3.org/2001/XMLSchema#decimal> {a} .",
                          f"{st} <{KG}time> \"{rng.randint(2015, 2024)}\"^^<http://www.w3.org/2001/XMLSchema#gYear> {a} .",
                          f"{st} <{KG}sentence> {sent} {a} .",
                          f"{sent} <{RDF_TYPE}> <{KG}Sentence> {a} .",
                          f"{sent} <{KG}text> {_lit(f'Sentence {s} of article {art} about {agent} and {target}.')} {a} .",
                          f"{sent} <{KG}startOffset> \"{s * 100}\"^^<http://www.w3.org/2001/XMLSchema#integer> {a} .",
                          f"{sent} <{KG}endOffset> \"{s * 100 + 90}\"^^<http://www.w3.org/2001/XMLSchema#integer> {a} .",
                          f"{sent} <{KG}article> {a} {a} ."]
            out.write("\n".join(lines) + "\n")
            written += len(lines)
            art += 1
    return written, sorted(connected)


def build_store(folder: Path, triples: int) -> tuple[int, list[str]]:
    nq = folder / "graph.nq"
    written, entities = write_graph(nq, int(triples * 1.01))  # a few generated quads repeat; the store keeps one
    store = ox.Store(str(folder / "store"))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    if count < triples:
        raise RuntimeError(f"the generated store has {count:,} quads, fewer than {triples:,}")
    nq.unlink()
    return count, entities


# --- servers and load ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {proc.args}") from None
            time.sleep(0.3)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total / 1e6


def wrk(base: str, paths: list[str], duration: int, connections: int, folder: Path) -> dict:
    script = folder / "paths.lua"
    lua_paths = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script.write_text(textwrap.dedent("""
        local paths = {%s}
        local i = 0
        request = function()
          i = i %% #paths + 1
          return wrk.format("GET", paths[i])
        end
    """) % lua_paths)
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
                          "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {m.group(1): _ms(m.group(2), m.group(3)) for m in re.finditer(r"\s(50|99)%\s+([\d.]+)(us|ms|s)\b", out)}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "p50": lat.get("50"), "p99": lat.get("99"), "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(0) if errors else ""}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_server(name: str, cmd: list[str], env: dict, health: str, routes: dict[str, list[str]], args, folder: Path,
               base: str) -> dict:
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    results = {}
    try:
        wait_up(base + health, proc)
        for route, paths in routes.items():
            wrk(base, paths, 2, args.connections, folder)  # warm up (workers started, caches filled)
            results[route] = wrk(base, paths, args.duration, args.connections, folder)
            results[route]["rss"] = rss_mb(proc.pid)
            r = results[route]
            print(f"  {name:<22} {route:<10} {r['rps']:9.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms"
                  f"  non-2xx {r['non2xx']}  rss {r['rss']:.0f} MB {r['socket_errors']}", flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--duration", type=int, default=10, help="seconds of load per server and route")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--entities", type=int, default=200, help="distinct entities the requests cycle over")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the best of each is compared")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: sudo apt-get install wrk")

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-api-"))
    try:
        t = time.perf_counter()
        count, entities = build_store(folder, args.triples)
        print(f"store: {count:,} quads in {time.perf_counter() - t:.1f} s; {args.connections} connections, "
              f"{args.duration} s per run, {args.entities} entities", flush=True)
        picked = random.Random(1).sample(entities, args.entities)
        sparql = [NEIGHBOURS_SPARQL % {"e": ID + e} for e in picked]
        q = lambda text: urllib.parse.quote(text, safe="")  # noqa: E731
        (folder / "neighbours.rq").write_text(NEIGHBOURS_SPARQL)
        store = str(folder / "store")
        py = [sys.executable, "-m"]
        servers = []
        port = free_port()
        servers.append(("kg serve", py + ["kg", "--store", store, "serve", "--port", str(port), "--log-level", "warning"],
                        {"KG_QUERY_WORKERS": "2"}, port,
                        {"neighbours": [f"/entities/{e}/neighbours" for e in picked],
                         "sparql": [f"/sparql?query={q(s)}" for s in sparql]}))
        port = free_port()
        servers.append(("kg serve (0 workers)", py + ["kg", "--store", store, "serve", "--port", str(port),
                                                      "--log-level", "warning"],
                        {"KG_QUERY_WORKERS": "0"}, port, {"sparql": [f"/sparql?query={q(s)}" for s in sparql]}))
        (folder / "minimal_app.py").write_text(MINIMAL_APP)
        port = free_port()
        servers.append(("minimal FastAPI", py + ["uvicorn", "--app-dir", str(folder), "minimal_app:app",
                                                 "--port", str(port), "--log-level", "warning"],
                        {"BENCH_STORE": store, "BENCH_NEIGHBOURS_SPARQL": str(folder / "neighbours.rq")}, port,
                        {"neighbours": [f"/neighbours?id={q(e)}" for e in picked],
                         "sparql": [f"/sparql?query={q(s)}" for s in sparql]}))
        port = free_port()
        servers.append(("oxigraph (Rust)", [str(BIN / "oxigraph"), "serve-read-only", "--location", store,
                                            "--bind", f"127.0.0.1:{port}", "--union-default-graph"], {}, port,
                        {"sparql": [f"/query?query={q(s)}" for s in sparql]}))
        rounds: list[dict] = []
        for r in range(args.rounds):  # interleaved, so that load from elsewhere on the machine hits all alike
            print(f"round {r + 1}/{args.rounds}", flush=True)
            results = {}
            for name, cmd, env, port, routes in servers:
                base = f"http://127.0.0.1:{port}"
                health = "/query?query=ASK%7B%7D" if "oxigraph" in name else "/health"
                results[name] = run_server(name, cmd, env, health, routes, args, folder, base)
            rounds.append(results)
        # the best round of each server and route: the least disturbed measurement of each
        results = {name: {route: max((rd[name][route] for rd in rounds), key=lambda x: x["rps"])
                          for route in rounds[0][name]} for name in rounds[0]}
        print("\nbest of each:")
        for name, routes in results.items():
            for route, r in routes.items():
                print(f"  {name:<22} {route:<10} {r['rps']:9.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms"
                      f"  rss {r['rss']:.0f} MB")
        print("\nratios (requests/s):")
        kg, minimal, rust = results["kg serve"], results["minimal FastAPI"], results["oxigraph (Rust)"]
        for route in ("neighbours", "sparql"):
            print(f"  {route:<10} kg / minimal FastAPI = {kg[route]['rps'] / minimal[route]['rps']:.2f}  (target >= 0.8)")
        print(f"  sparql     kg (0 workers) / minimal FastAPI = "
              f"{results['kg serve (0 workers)']['sparql']['rps'] / minimal['sparql']['rps']:.2f}")
        print(f"  sparql     kg / oxigraph = {kg['sparql']['rps'] / rust['sparql']['rps']:.2f}; "
              f"minimal FastAPI / oxigraph = {minimal['sparql']['rps'] / rust['sparql']['rps']:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
