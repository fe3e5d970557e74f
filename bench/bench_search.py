"""Entity search on a big graph: latency of ranked search in the worker and over HTTP, the index's cost per write,
and whether searchers slow the neighbour route.

    .venv/bin/python bench/bench_search.py                      # 1,000,000+ quads
    .venv/bin/python bench/bench_search.py --triples 200000     # a quick look

Builds bench_api's kg-shaped graph with made-up but realistic names (Arabic, Somali, Spanish, accented
and hyphenated: "Jalal al-Dhahab", "Departamento de Seguridad Pública", aliases included), opens it with
kg (which builds the search index beside it: timed) and runs six kinds of queries drawn from the names,
``--queries`` of each: exact labels, prefixes, a word inside a name (the "dhahab" case), an infix
substring, a word with one typo, two words with a typo each, and a miss. It prints p50/p99 per kind and
overall, in process (what a query worker runs, on the index file) and through `kg serve` (one client,
sequential requests: the whole HTTP round trip). Then what the index adds to a write: bringing it in step
with one article's graph as it goes and comes back (subtracting, then adding, that graph's part), and the
full rebuild a SPARQL update triggers. Last, the neighbour
route's latency from one sequential client alone, beside four clients searching without pause, and
beside four clients reading neighbours without pause: search should weigh on other routes no more than
any other read does.
"""

from __future__ import annotations

import argparse
import http.client
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import Server, build_store, checkpoint, free_port, kg_cmd  # noqa: E402

from kg.search import normalize, search_store  # noqa: E402
from kg.stores.embedded import OxigraphStore  # noqa: E402
from kg.vocab import ID  # noqa: E402

FIRST = ("Jalal Sami Omar Abu Mohammed Ahmed Hassan Hussein Ali Yusuf Ibrahim Khalid Mustafa Abdullahi Fatima Aisha "
         "Mariam José María Luis Carlos Juan Ana Pedro Nikolai Olena Dmytro Serhii Kateryna Amadou Moussa Aminata "
         "Boubacar Idriss Tariq Bilal Hamza Zainab Layla Nasser Faisal Rashid Saeed Jasim Basim Qasim Hamid Ismail "
         "Abdirahman Abdiqani Mahad Farah Warsame Hodan Ayaan Ngozi Chukwu Emeka Oluwaseun Yohannes Tesfaye Dawit").split()
FAMILY = ("Dhahab Jasim Shishani Baghdadi Quraishi Hashemi Zawahiri Masri Tunisi Libi Somali Shabaab Hamdani Tikriti "
          "Anbari Mosuli Halabi Dimashqi Raqqawi Kurdi Rahman Haqqani Yousafzai Farouk Mansour Nasrallah Khalil "
          "Gómez Pérez Rodríguez Fernández López Martínez Sánchez Ramírez Núñez Muñoz Shevchenko Kovalenko Bondarenko "
          "Tkachenko Kravchenko Traoré Koné Diallo Touré Keïta Cissé Sangaré Obi Okafor Adeyemi Warsame Aden Hirsi "
          "Ould Dahmane Belmokhtar Droukdel Boudiaf Benali Haddad Saadi Qassem Suleiman Aziz Karimi Tehrani").split()
ORG_HEAD = ("Department Ministry Directorate Brigade Battalion Front Movement Council Agency Office Police Army "
            "Coalition Committee Service Guard Command").split()
ORG_TAIL = ("of the Treasury|of Defence|of the Interior|for Public Security|of State Security|de Seguridad Pública|"
            "of Counter-Terrorism|of Intelligence|of the Martyrs|of Liberation|al-Mujahideen|of the Revolution|"
            "for Reconstruction|de Investigación Criminal|of the North|of the Sahel").split("|")
PLACE = ("Mosul Raqqa Kismayo Mogadishu Tikrit Fallujah Ramadi Idlib Aleppo Homs Deir ez-Zor Kirkuk Erbil Sirte "
         "Benghazi Tripoli Gao Timbuktu Mopti Kidal Ménaka Niamey Maiduguri Kandahar Kunduz Herat Jalalabad Peshawar "
         "Quetta Sanaa Aden Marib Hodeidah Baidoa Beledweyne Garissa Lamu Cabo Delgado Palma Mocímboa Kharkiv "
         "Donetsk Luhansk Mariupol Kherson Zaporizhzhia Bakhmut Avdiivka Culiacán Sinaloa Tijuana Juárez Medellín").split()
KINDS = ("exact", "prefix", "word", "substring", "typo", "two typos", "miss")


def names_for(seed: int = 3):
    """An entity id -> (label, aliases) function: a fixed, made-up name per id."""
    rng = random.Random(seed)
    cache: dict[str, tuple[str, list[str]]] = {}

    def names(e: str) -> tuple[str, list[str]]:
        if e not in cache:
            kind, n = e.split("/")[0], int(e.rsplit("-", 1)[1])
            r = random.Random(seed * 1_000_003 + n)
            if kind == "person":
                first, fam = r.choice(FIRST), r.choice(FAMILY)
                label = f"{first} {'al-' if r.random() < 0.4 else ''}{fam}" + (f" {r.choice(FAMILY)}" if r.random() < 0.5 else "")
                aliases = [f"Abu {r.choice(FIRST)}"] if r.random() < 0.3 else []
            elif kind == "organization":
                label = f"{r.choice(ORG_HEAD)} {r.choice(ORG_TAIL)}" + (f" {r.choice(PLACE)}" if r.random() < 0.7 else "")
                aliases = ["".join(w[0] for w in label.split() if w[0].isupper())] if r.random() < 0.5 else []
            else:
                label = r.choice(PLACE) + (f" {r.choice(('North', 'South', 'District', 'Province', 'City'))}"
                                           if r.random() < 0.6 else "") + (f" {n % 97}" if r.random() < 0.3 else "")
                aliases = []
            cache[e] = (label, aliases)
        return cache[e]

    _ = rng
    return names


def typo(word: str, r: random.Random) -> str:
    i = r.randrange(1, len(word) - 1)
    return word[:i] + r.choice("aeiourstn") + word[i + 1:] if r.random() < 0.5 else word[:i] + word[i + 1:]


def queries(labels: list[str], n: int, seed: int = 5) -> dict[str, list[str]]:
    r = random.Random(seed)
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    while min(len(v) for v in out.values()) < n:
        label = r.choice(labels)
        words = [w for w in normalize(label).split() if len(w) >= 5]
        out["exact"].append(label)
        out["prefix"].append(label[:r.randint(3, 6)])
        if len(words) >= 1:
            w = r.choice(words)
            out["word"].append(w)
            out["substring"].append(w[1:-1] if len(w) > 5 else w[1:])
            out["typo"].append(typo(w, r))
        if len(words) >= 2:
            out["two typos"].append(" ".join(typo(w, r) for w in words[:2]))
        out["miss"].append("".join(r.choice("qxzvkj") for _ in range(7)))
    return {k: v[:n] for k, v in out.items()}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def line(name: str, ms: list[float], extra: str = "") -> None:
    print(f"  {name:<12} n={len(ms):<5} p50 {statistics.median(ms):7.2f} ms  p99 {pct(ms, 99):7.2f} ms  "
          f"max {max(ms):7.2f} ms{extra}", flush=True)


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return 1000 * (time.perf_counter() - t)


def get(conn: http.client.HTTPConnection, path: str) -> None:
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    if resp.status != 200:
        raise RuntimeError(f"{path}: {resp.status}")


def in_process(index_file: str, qs: dict[str, list[str]]) -> None:
    print("search in process (as a query worker runs it, on the index file):")
    for q in qs["exact"][:20]:
        search_store(None, q, index_file=index_file)  # warm: vocabulary loaded, pages cached
    found = {k: 0 for k in KINDS}
    every = []
    for kind, items in qs.items():
        ms = []
        for q in items:
            t = time.perf_counter()
            hits = search_store(None, q, index_file=index_file)
            ms.append(1000 * (time.perf_counter() - t))
            found[kind] += bool(hits)
        every += ms
        line(kind, ms, f"  answered {found[kind]}/{len(items)}")
    line("all", every)


def over_http(base_port: int, qs: dict[str, list[str]]) -> list[str]:
    print("search through kg serve (one client, sequential):")
    conn = http.client.HTTPConnection("127.0.0.1", base_port)
    paths = [f"/entities?q={urllib.parse.quote(q)}" for items in qs.values() for q in items]
    for p in paths[:50]:
        get(conn, p)
    ms = [timed(get, conn, p) for p in paths]
    line("all", ms)
    conn.close()
    return paths


def neighbours_under_search(port: int, entities: list[str], search_paths: list[str], seconds: float) -> None:
    """The neighbour route from one client, alone, beside 4 searching clients, and beside 4 clients reading
    neighbours too (the same load from a route that is not search: what 2 cores shared by 6 busy threads do)."""
    print(f"neighbours route, one sequential client, {seconds:g} s alone, then beside 4 other clients:")
    conn = http.client.HTTPConnection("127.0.0.1", port)
    paths = [f"/entities/{e}/neighbours" for e in entities]

    def run() -> list[float]:
        ms, i, end = [], 0, time.monotonic() + seconds
        while time.monotonic() < end:
            ms.append(timed(get, conn, paths[i % len(paths)]))
            i += 1
        return ms

    def beside(others: list[str]) -> tuple[list[float], float]:
        stop, counts = threading.Event(), [0] * 4

        def client(k: int) -> None:
            c = http.client.HTTPConnection("127.0.0.1", port)
            i = k
            while not stop.is_set():
                get(c, others[i % len(others)])
                counts[k] += 1
                i += 4
            c.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        ms = run()
        stop.set()
        for t in threads:
            t.join()
        return ms, sum(counts) / seconds

    alone = run()
    line("alone", alone)
    for name, others in (("4 searchers", search_paths), ("4 neighbours", paths[::-1])):
        ms, rate = beside(others)
        line(name, ms, f"  ({rate:.0f} requests/s from the 4)  p50 ratio to alone "
                       f"{statistics.median(ms) / statistics.median(alone):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200, help="queries of each kind")
    ap.add_argument("--seconds", type=float, default=4, help="length of each neighbours run")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-search-"))
    server = None
    try:
        t = time.perf_counter()
        names = names_for()
        count, entities = build_store(folder, args.triples, names)
        print(f"store: {count:,} quads in {time.perf_counter() - t:.1f} s", flush=True)
        t = time.perf_counter()
        store = OxigraphStore(folder / "store")
        index = store.search_index
        n_entities, n_names = (index.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("entities", "names"))
        print(f"index built on open: {time.perf_counter() - t:.2f} s for {n_entities:,} entities, {n_names:,} names "
              f"({Path(index.path).stat().st_size / 1e6:.1f} MB)", flush=True)
        labels = [row[0] for row in index.conn.execute("SELECT label FROM entities")]
        qs = queries(labels, args.queries)
        in_process(store.search_index_file, qs)

        print("what the index adds to a write:")
        articles = [g for g in store.graphs() if str(g).startswith(f"{ID}article/")]
        dropped, added = [], []
        for graph in random.Random(2).sample(articles, min(20, len(articles))):
            g = ox.NamedNode(str(graph))
            quads = list(store.ox.quads_for_pattern(None, None, None, g))
            store.ox.remove_graph(g)
            dropped.append(timed(index.refresh, store, [graph]))
            store.ox.extend(quads)
            added.append(timed(index.refresh, store, [graph]))
        line("drop 1", dropped, "  (one article's graph goes: its part subtracted)")
        line("write 1", added, "  (it comes back: its part added)")
        line("rebuild", [timed(index.rebuild, store) for _ in range(3)], "  (after a SPARQL update)")
        store.close()

        port = free_port()
        server = Server("kg serve", kg_cmd(checkpoint(folder / "store", folder / "store-kg"), port), {}, port,
                        "/health", {})
        server.start(folder)
        server.wait_up()
        paths = over_http(port, qs)
        neighbours_under_search(port, random.Random(1).sample(entities, 200), paths, args.seconds)
    finally:
        if server is not None and server.proc is not None:
            server.proc.terminate()
            server.proc.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
