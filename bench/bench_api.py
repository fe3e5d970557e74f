"""HTTP throughput and CPU cost of `kg serve` against the framework's and the engine's own limits, on one big graph.

    .venv/bin/python bench/bench_api.py                       # 1,000,000+ triples, 7 rounds of 5 s per run
    .venv/bin/python bench/bench_api.py --triples 200000 --rounds 2 --duration 3 --no-memory  # a quick look

Builds a synthetic graph in kg's shape (articles as named graphs; entities with labels; statements
with agent, target, relation, confidence, sentence and article) of at least ``--triples`` triples, once,
and gives every server its own RocksDB checkpoint of it (``Store.backup``: hard links, no copy), since
`kg serve` opens its store read-write and the others open theirs read-only. Servers, each on a free
loopback port:

* ``kg serve`` (with its default query worker processes, which run SPARQL queries and REST reads);
* ``kg serve --query-workers 0`` (reads in the server process: what the worker processes cost or gain);
* a minimal FastAPI app that calls pyoxigraph directly for both routes (the framework's limit);
* ``oxigraph serve-read-only`` from PyPI's ``oxigraph`` (the Rust limit; SPARQL only).

Routes, each cycling over ``--entities`` entities:

* ``neighbours``: the 1-hop neighbour request (``GET /entities/{id}/neighbours`` on kg);
* ``sparql``: the equivalent SPARQL query by GET (``/sparql`` on kg, ``/query`` on Oxigraph).

All servers start once, are waited for and warmed up (2 s of load per route), and stay up for the whole
run. Then, route by route, ``--rounds`` rounds: in each round every server of that route gets one run of
``--duration`` seconds of `wrk` (Debian package; apt-get install wrk) with ``--connections``
connections, in an order that rotates between rounds, so that drift in the machine's other load does
not always land on the same server. Per run it records requests/s, p50/p99 latency, non-2xx answers,
socket errors, and the CPU time the server spent during the run (utime + stime, including reaped
children's, from /proc/PID/stat, over the server and all its descendant processes) divided by the
requests completed: CPU ms per request, which other load on a shared machine disturbs far less than
requests/s.

It prints, per server and route, the median over rounds of requests/s, p50, p99 and CPU ms/request and
the RSS (summed over the process tree) after the last round. For kg against the minimal handler: the
median of the per-round ratios of requests/s (both measured in the same round) with their min-max, the
target being ``>= 0.8``, and the CPU ms/request ratio (minimal / kg: higher is better for kg, comparable
to the requests/s ratio) both of the medians and as the median [min-max] of per-round ratios (both servers
see about the same machine load within a round); requests/s ratios of kg and of the minimal handler
against Oxigraph likewise.

Memory (skip with ``--no-memory``): a second store of ``--triples / 10`` is built, `kg serve` runs on it
with the same warm-up (both routes) and one ``--duration`` run of the neighbours route, and its RSS is
printed (for the process tree, and for the server process without its query workers) next to the big
store's `kg serve` RSS after its last neighbours run, with the growth in percent: the server's memory
should not grow with the store's size beyond its caches.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ID = "https://w3id.org/kg/id/"
KG = "https://w3id.org/kg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
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


def write_graph(path: Path, triples: int, seed: int = 7,
                names: Callable[[str], tuple[str, list[str]]] | None = None) -> tuple[int, list[str]]:
    """N-Quads of a kg-shaped graph of at least ``triples`` quads; returns (quads, ids of entities in statements).

    ``names``: an entity id's label and aliases (default: the label from the id, no aliases).
    """
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
                label, aliases = names(e) if names else (e.split('/')[1].replace('-', ' ').title(), [])
                lines += [f"{node} <{SKOS_ALT}> {_lit(alias)} {a} ." for alias in aliases]
                lines += [f"{node} <{RDF_TYPE}> <{KG}{e.split('/')[0].capitalize()}> {a} .",
                          f"{node} <{RDFS}label> {_lit(label)} {a} .",
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


def build_store(folder: Path, triples: int, names: Callable[[str], tuple[str, list[str]]] | None = None
                ) -> tuple[int, list[str]]:
    nq = folder / "graph.nq"
    written, entities = write_graph(nq, int(triples * 1.01), names=names)  # a few quads repeat; the store keeps one
    store = ox.Store(str(folder / "store"))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    if count < triples:
        raise RuntimeError(f"the generated store has {count:,} quads, fewer than {triples:,}")
    nq.unlink()
    return count, entities


# --- process accounting --------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def stat_fields(stat_line: str) -> list[str]:
    """The fields of a /proc/PID/stat line after the command name (which may hold spaces and parentheses).

    Index 0 is the state (field 3 in proc(5)), 1 the parent pid, 11-14 utime, stime, cutime, cstime.
    """
    return stat_line.rsplit(")", 1)[1].split()


def cpu_ticks(stat_line: str) -> int:
    """utime + stime + cutime + cstime of one /proc/PID/stat line, in clock ticks.

    The children's part counts workers that exited (and were waited for) during a run; live descendants
    are summed separately by :func:`tree_cpu_seconds`.
    """
    return sum(int(v) for v in stat_fields(stat_line)[11:15])


def descendants(pid: int) -> list[int]:
    """``pid`` and every live process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(stat_fields(fh.read())[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += children.get(p, [])
    return tree


def tree_cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its descendants, in seconds."""
    ticks = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                ticks += cpu_ticks(fh.read())
        except OSError:
            pass
    return ticks / CLOCK_TICKS


def rss_mb(pid: int, tree: bool = True) -> float:
    """Resident memory of a process and its descendants (or, with ``tree=False``, of the process alone), in MB."""
    total = 0
    for p in descendants(pid) if tree else [pid]:
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE_SIZE
        except OSError:
            pass
    return total / 1e6


# --- wrk -----------------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk_script(paths: list[str]) -> str:
    """A wrk Lua script that cycles over ``paths``."""
    return WRK_SCRIPT % ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(out: str) -> dict:
    """Requests completed, requests/s, p50/p99 (ms), non-2xx answers and socket errors from ``wrk --latency``."""
    requests = re.search(r"(\d+) requests in ", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if requests is None or rps is None:
        raise ValueError(f"not wrk output: {out[:200]!r}")
    lat = {m.group(1): _ms(m.group(2), m.group(3)) for m in re.finditer(r"\s(50|99)%\s+([\d.]+)(us|ms|s|m)\b", out)}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:\s*connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"requests": int(requests.group(1)), "rps": float(rps.group(1)), "p50": lat.get("50"),
            "p99": lat.get("99"), "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(int(g) for g in errors.groups()) if errors else 0}


def run_wrk(base: str, script: Path, duration: int, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
                          "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


# --- servers -------------------------------------------------------------------------------


@dataclass
class Server:
    """One server under test: how to start it, the paths of each route it serves, and its runs."""

    name: str
    cmd: list[str]
    env: dict[str, str]
    port: int
    health: str
    routes: dict[str, list[str]]
    proc: subprocess.Popen | None = None
    scripts: dict[str, Path] = field(default_factory=dict)
    runs: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, folder: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "KG_QUERY_WORKERS"}  # kg's default unless the cmd says
        self.proc = subprocess.Popen(self.cmd, env={**env, **self.env}, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, cwd=ROOT)
        for route, paths in self.routes.items():
            self.scripts[route] = folder / f"{re.sub(r'[^a-z0-9]+', '-', self.name.lower())}-{route}.lua"
            self.scripts[route].write_text(wrk_script(paths))

    def wait_up(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(self.base + self.health, timeout=5).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {' '.join(self.cmd)}") from None
                time.sleep(0.3)

    def warm_up(self, connections: int) -> None:
        """2 s of load per route: workers started, caches filled."""
        for script in self.scripts.values():
            run_wrk(self.base, script, 2, connections)

    def measure(self, route: str, duration: int, connections: int) -> dict:
        """One run of ``route``: wrk's numbers, plus the server's CPU ms per request and RSS after it."""
        before = tree_cpu_seconds(self.proc.pid)
        run = run_wrk(self.base, self.scripts[route], duration, connections)
        cpu = tree_cpu_seconds(self.proc.pid) - before
        run["cpu_ms"] = 1000 * cpu / run["requests"] if run["requests"] else float("nan")
        run["rss"], run["rss_main"] = rss_mb(self.proc.pid), rss_mb(self.proc.pid, tree=False)
        self.runs.setdefault(route, []).append(run)
        return run


def stop_all(servers: list[Server]) -> None:
    """Terminate every started server, then kill whatever of their process trees is still alive."""
    trees = {s.name: descendants(s.proc.pid) for s in servers if s.proc is not None and s.proc.poll() is None}
    for s in servers:
        if s.proc is not None and s.proc.poll() is None:
            s.proc.terminate()
    for s in servers:
        if s.proc is None:
            continue
        try:
            s.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            s.proc.kill()
            s.proc.wait()
    time.sleep(1)  # children notice their parent's exit
    for name, tree in trees.items():
        left = [p for p in tree if os.path.exists(f"/proc/{p}") and _state(p) != "Z"]
        for p in left:
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        if left:
            print(f"warning: {name} left processes {left} behind; killed them", flush=True)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return stat_fields(fh.read())[0]
    except OSError:
        return "gone"


# --- rounds and summary --------------------------------------------------------------------


def rotated(items: list, r: int) -> list:
    """``items`` rotated by ``r``: in round r a different one goes first."""
    k = r % len(items) if items else 0
    return items[k:] + items[:k]


def median_of(runs: list[dict], key: str) -> float:
    values = [r[key] for r in runs if r[key] is not None]
    return statistics.median(values) if values else float("nan")


def paired_ratios(top: list[dict], bottom: list[dict], key: str = "rps") -> list[float]:
    """Per-round ratios ``top[i][key] / bottom[i][key]`` (runs of the same round paired by position)."""
    return [a[key] / b[key] for a, b in zip(top, bottom, strict=True) if b[key]]


def ratio_summary(ratios: list[float]) -> str:
    """``median [min-max]`` of a list of ratios."""
    return f"{statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]"


def growth_percent(small: float, big: float) -> float:
    return 100 * (big - small) / small


def print_run(server: str, route: str, tag: str, r: dict) -> None:
    print(f"  {tag:<8} {server:<22} {route:<10} {r['rps']:7.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms"
          f"  cpu {r['cpu_ms']:5.2f} ms/req  non-2xx {r['non2xx']}  sock err {r['socket_errors']}"
          f"  rss {r['rss']:.0f} MB", flush=True)


def report(servers: list[Server], rounds: int) -> None:
    by_name = {s.name: s for s in servers}
    print(f"\nmedians over {rounds} rounds:")
    print(f"  {'server':<22} {'route':<10} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10}"
          f" {'non-2xx':>8} {'sock err':>8} {'RSS MB':>7}")
    for route in ("neighbours", "sparql"):
        for s in servers:
            if route in s.runs:
                runs = s.runs[route]
                print(f"  {s.name:<22} {route:<10} {median_of(runs, 'rps'):7.0f} {median_of(runs, 'p50'):8.2f}"
                      f" {median_of(runs, 'p99'):8.2f} {median_of(runs, 'cpu_ms'):10.2f}"
                      f" {sum(r['non2xx'] for r in runs):8d} {sum(r['socket_errors'] for r in runs):8d}"
                      f" {runs[-1]['rss']:7.0f}")
    kg, kg0, minimal, rust = (by_name[n] for n in ("kg serve", "kg serve (0 workers)", "minimal FastAPI",
                                                     "oxigraph (Rust)"))
    print("\nratios: req/s as the median [min-max] of per-round ratios, kg / other (target >= 0.8);"
          "\n        CPU per request as other / kg, of the medians, and the median [min-max] of per-round ratios")
    for route in ("neighbours", "sparql"):
        rps = ratio_summary(paired_ratios(kg.runs[route], minimal.runs[route]))
        cpu = median_of(minimal.runs[route], "cpu_ms") / median_of(kg.runs[route], "cpu_ms")
        cpu_rounds = ratio_summary(paired_ratios(minimal.runs[route], kg.runs[route], "cpu_ms"))
        print(f"  {route:<10} kg / minimal FastAPI: req/s {rps}  (target >= 0.8)")
        print(f"  {route:<10} kg / minimal FastAPI: CPU per request {cpu:.2f}; per round {cpu_rounds}")
    rps = ratio_summary(paired_ratios(kg0.runs["sparql"], minimal.runs["sparql"]))
    cpu = median_of(minimal.runs["sparql"], "cpu_ms") / median_of(kg0.runs["sparql"], "cpu_ms")
    print(f"  sparql     kg (0 workers) / minimal FastAPI: req/s {rps}; CPU per request {cpu:.2f}")
    print(f"  sparql     kg / oxigraph: req/s {ratio_summary(paired_ratios(kg.runs['sparql'], rust.runs['sparql']))};"
          f" minimal FastAPI / oxigraph: req/s "
          f"{ratio_summary(paired_ratios(minimal.runs['sparql'], rust.runs['sparql']))}")


# --- main ----------------------------------------------------------------------------------


def checkpoint(store: Path, dest: Path) -> str:
    """A RocksDB checkpoint of ``store`` at ``dest`` (hard links to its immutable files)."""
    ox.Store(str(store)).backup(str(dest))
    return str(dest)


def kg_cmd(store: str, port: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "kg", "--store", store, "serve", "--port", str(port), "--log-level", "warning",
            *extra]


def sparql_paths(picked: list[str]) -> list[str]:
    """``/sparql`` GET paths of the neighbour query for each entity."""
    return [f"/sparql?query={urllib.parse.quote(NEIGHBOURS_SPARQL % {'e': ID + e}, safe='')}" for e in picked]


def make_servers(folder: Path, store: Path, picked: list[str]) -> list[Server]:
    """The four servers, each on its own checkpoint of ``store`` and a free port (not started)."""
    sparql = sparql_paths(picked)
    (folder / "neighbours.rq").write_text(NEIGHBOURS_SPARQL)
    (folder / "minimal_app.py").write_text(MINIMAL_APP)
    ports = [free_port() for _ in range(4)]
    return [
        Server("kg serve", kg_cmd(checkpoint(store, folder / "store-kg"), ports[0]), {}, ports[0], "/health",
               {"neighbours": [f"/entities/{e}/neighbours" for e in picked], "sparql": sparql}),
        Server("kg serve (0 workers)", kg_cmd(checkpoint(store, folder / "store-kg0"), ports[1], "--query-workers",
                                              "0"), {}, ports[1], "/health", {"sparql": sparql}),
        Server("minimal FastAPI", [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "minimal_app:app",
                                   "--port", str(ports[2]), "--log-level", "warning"],
               {"BENCH_STORE": checkpoint(store, folder / "store-minimal"),
                "BENCH_NEIGHBOURS_SPARQL": str(folder / "neighbours.rq")}, ports[2], "/health",
               {"neighbours": [f"/neighbours?id={urllib.parse.quote(e, safe='')}" for e in picked], "sparql": sparql}),
        Server("oxigraph (Rust)", [str(BIN / "oxigraph"), "serve-read-only", "--location",
                                   checkpoint(store, folder / "store-oxigraph"), "--bind", f"127.0.0.1:{ports[3]}",
                                   "--union-default-graph"], {}, ports[3], "/query?query=ASK%7B%7D",
               {"sparql": [p.replace("/sparql?", "/query?", 1) for p in sparql]}),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--duration", type=int, default=5, help="seconds of load per run (one server, one route)")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--entities", type=int, default=200, help="distinct entities the requests cycle over")
    ap.add_argument("--rounds", type=int, default=7, help="rounds per route; every server runs once per round")
    ap.add_argument("--no-memory", dest="memory", action="store_false",
                    help="skip kg serve's RSS on a store of --triples / 10")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: sudo apt-get install wrk")

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-api-"))
    servers: list[Server] = []
    started = time.perf_counter()
    try:
        t = time.perf_counter()
        count, entities = build_store(folder, args.triples)
        print(f"store: {count:,} quads in {time.perf_counter() - t:.1f} s; {args.connections} connections, "
              f"{args.rounds} rounds of {args.duration} s per server and route, {args.entities} entities", flush=True)
        picked = random.Random(1).sample(entities, args.entities)
        servers = make_servers(folder, folder / "store", picked)
        for s in servers:
            s.start(folder)
        for s in servers:
            s.wait_up()
            s.warm_up(args.connections)
            print(f"  up and warm: {s.name} (rss {rss_mb(s.proc.pid):.0f} MB)", flush=True)
        for route in ("neighbours", "sparql"):
            serving = [s for s in servers if route in s.routes]
            for r in range(args.rounds):
                for s in rotated(serving, r):
                    print_run(s.name, route, f"{r + 1}/{args.rounds}", s.measure(route, args.duration,
                                                                                 args.connections))
        report(servers, args.rounds)
        if args.memory:
            memory(folder, args, servers, count, servers[0].runs["neighbours"][-1])  # kg's last neighbours run
        print(f"\ntotal {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        stop_all(servers)
        shutil.rmtree(folder, ignore_errors=True)


def memory(folder: Path, args, servers: list[Server], big_count: int, big: dict) -> None:
    """kg serve's RSS on a store of a tenth of the size, after the same warm-up and neighbours load."""
    small = folder / "small"
    small.mkdir()
    count, entities = build_store(small, args.triples // 10)
    picked = random.Random(1).sample(entities, min(args.entities, len(entities)))
    port = free_port()
    server = Server("kg serve (small store)", kg_cmd(str(small / "store"), port), {}, port, "/health",
                    {"neighbours": [f"/entities/{e}/neighbours" for e in picked],
                     "sparql": sparql_paths(picked)})  # warmed up on both routes, like the big store's
    servers.append(server)  # stopped with the others
    server.start(folder)
    server.wait_up()
    server.warm_up(args.connections)
    run = server.measure("neighbours", args.duration, args.connections)
    print(f"\nmemory of kg serve (RSS of its process tree) after a {args.duration} s neighbours run:")
    print_run(server.name, "neighbours", "small", run)
    print(f"  {count:,} quads: {run['rss']:.0f} MB (server process {run['rss_main']:.0f} MB);"
          f"  {big_count:,} quads: {big['rss']:.0f} MB (server process {big['rss_main']:.0f} MB)")
    print(f"  growth {growth_percent(run['rss'], big['rss']):+.0f}% (server process "
          f"{growth_percent(run['rss_main'], big['rss_main']):+.0f}%) for {big_count / count:.1f}x the quads",
          flush=True)


if __name__ == "__main__":
    main()
