"""kill -9 of `kg ingest` (1 and 2 workers) and of `kg serve` at random moments: the store is always whole.

    .venv/bin/python bench/fault_kill.py                 # 8 kills of each of the three kinds (24)
    .venv/bin/python bench/fault_kill.py --kills 3 --seed 5

Each kill starts from the same *old* store and a change whose *new* store is known from a clean run:

* ``ingest-1`` / ``ingest-2``: the old store holds version A of twelve articles; `kg ingest` (``--workers 1``
  or ``2``) writes version B of all twelve (each file's text changed). Each article is one transaction, so
  after a kill every article's named graph must be exactly its A or its B version, with nothing else in
  the store; the run's result counts how many were B.
* ``serve``: `kg serve` with a token receives one SPARQL update that deletes an article's graph and
  inserts another graph; after the kill the store must equal the old or the new store exactly.

An ingest is killed at a random moment between 40% and 100% of the time one clean run took (most of the
first part is loading spaCy, before anything is written); a served update between 0 and 0.5 s after it
was sent. After each kill, every process that descended from the killed one must be gone within 20 s (none
left behind under PID 1). The script prints one line per kill and exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import bench_api as ba
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
STORIES = sorted((ROOT / "tests" / "data" / "stories").glob("*.txt"))[:12]
TOKEN = "fault-token"
ARTICLE = "https://w3id.org/kg/id/article/"
UPDATE = (f"DROP SILENT GRAPH <{ARTICLE}v-{STORIES[0].stem}> ; "
          "INSERT DATA { GRAPH <https://example.org/notes> { <https://example.org/s> <https://example.org/p> "
          + " , ".join(f'"note {i}"' for i in range(200)) + " } }")


def graphs(store: Path) -> dict[str, list[str]]:
    """The store's N-Quads lines (sorted) by graph IRI ('' for the default graph)."""
    s = ox.Store.read_only(str(store))
    out: dict[str, list[str]] = {}
    for quad in s:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        out.setdefault(name, []).append(str(quad))
    del s
    return {g: sorted(lines) for g, lines in out.items()}


def write_articles(folder: Path, version: str) -> None:
    folder.mkdir(exist_ok=True)
    for path in STORIES:
        (folder / f"v-{path.stem}.txt").write_text(f"{path.read_text(encoding='utf-8')}\nVersion {version}.\n",
                                                   encoding="utf-8")


def kg(store: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def timed(proc: subprocess.Popen) -> float:
    started = time.monotonic()
    if proc.wait(timeout=600) != 0:
        raise RuntimeError(f"{proc.args} failed")
    return time.monotonic() - started


def left_behind(tree: list[int], within: float = 20.0) -> list[int]:
    deadline = time.monotonic() + within
    while (left := [p for p in tree if os.path.exists(f"/proc/{p}") and ba._state(p) not in ("Z", "X", "")]) \
            and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def kill_at(proc: subprocess.Popen, delay: float) -> tuple[list[int], bool]:
    """kill -9 ``proc`` after ``delay`` s (unless it ended); its descendants just before, and whether it ran on."""
    deadline = time.monotonic() + delay
    tree: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        tree = sorted(set(tree) | set(ba.descendants(proc.pid)))
        time.sleep(0.02)
    running = proc.poll() is None
    if running:
        tree = sorted(set(tree) | set(ba.descendants(proc.pid)))
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return tree, running


def ingest_check(now: dict, old: dict, new: dict) -> tuple[bool, str]:
    if set(now) - set(new) - set(old):
        return False, f"graphs of neither state: {sorted(set(now) - set(new) - set(old))}"
    changed = [g for g in new if new[g] != old.get(g)]
    for g in set(new) | set(old):
        if now.get(g) not in (new.get(g), old.get(g)):
            return False, f"graph {g} is neither its old nor its new version"
    written = sum(now.get(g) == new[g] for g in changed)
    return True, f"{written}/{len(changed)} changed articles new"


def serve_run(store: Path, wait: bool = False) -> tuple[subprocess.Popen, float]:
    """kg serve on ``store``, up, sent the update (in a thread unless ``wait``); returns it and when it was sent."""
    port = ba.free_port()
    proc = kg(store, "serve", "--port", str(port), "--update-token", TOKEN, "--log-level", "warning")
    server = ba.Server("kg", [], {}, port, "/health", {})
    server.proc = proc
    server.wait_up()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=UPDATE.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-update",
                                              "Authorization": f"Bearer {TOKEN}"})

    def send() -> None:
        try:
            urllib.request.urlopen(request, timeout=60).read()
        except OSError:
            if wait:
                raise
            # else: killed midway

    sent = time.monotonic()
    if wait:
        send()
    else:
        threading.Thread(target=send, daemon=True).start()
    return proc, sent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=8, help="kills of each kind")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kg-fault-") as tmp:
        tmp = Path(tmp)
        a, b = tmp / "a", tmp / "b"
        write_articles(a, "A")
        write_articles(b, "B")
        old_store, new_store = tmp / "old", tmp / "new"
        timed(kg(old_store, "ingest", str(a)))
        shutil.copytree(old_store, new_store)
        clean = {"ingest-1": timed(kg(new_store, "ingest", str(b))),
                 "ingest-2": 0.0}
        old_graphs, new_graphs = graphs(old_store), graphs(new_store)
        check = tmp / "check"
        shutil.copytree(old_store, check)
        clean["ingest-2"] = timed(kg(check, "ingest", str(b), "--workers", "2"))
        shutil.rmtree(check)
        served = tmp / "served"
        shutil.copytree(old_store, served)
        proc, _ = serve_run(served, wait=True)
        proc.terminate()
        proc.wait()
        updated = graphs(served)
        print(f"clean runs: ingest 1 worker {clean['ingest-1']:.1f} s, 2 workers {clean['ingest-2']:.1f} s; "
              f"{len(new_graphs)} graphs", flush=True)
        for kind in ("ingest-1", "ingest-2", "serve"):
            for i in range(args.kills):
                store = tmp / f"{kind}-{i}"
                shutil.copytree(old_store, store)
                if kind == "serve":
                    proc, started = serve_run(store)
                    delay = rng.uniform(0, 0.5)  # the update's transaction and snapshot take well under that
                else:
                    workers = kind[-1]
                    proc, started = kg(store, "ingest", str(b), "--workers", workers), time.monotonic()
                    delay = rng.uniform(0.4 * clean[kind], clean[kind])
                tree, running = kill_at(proc, delay - (time.monotonic() - started))
                left = left_behind(tree)
                now = graphs(store)
                if kind == "serve":
                    ok, what = (True, "old") if now == old_graphs else (True, "new") if now == updated else (
                        False, "neither old nor new")
                else:
                    ok, what = ingest_check(now, old_graphs, new_graphs)
                ok = ok and not left
                failures += not ok
                print(f"{kind:<9} kill {i + 1:>2} at {delay:5.2f} s{'' if running else ' (had ended)'}: "
                      f"store {what}; {len(tree)} descendants, {len(left)} left behind {left if left else ''}"
                      f"{'' if ok else '  FAILED'}", flush=True)
                for pid in left:
                    os.kill(pid, signal.SIGKILL)
                shutil.rmtree(store)
    print(f"{args.kills * 3} kills, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
