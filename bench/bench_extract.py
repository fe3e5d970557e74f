"""Whole-extraction throughput against bare spaCy, on the same text, in the same run.

    python bench/bench_extract.py [--repeat N] [--rounds R] [--model NAME]

Baseline: ``nlp.pipe`` of the same spaCy model with no kg components. Measured:
``kg.extract.extract_many`` (entities + relations + Extraction objects). Texts: the
seed articles and the test stories, repeated. Each round times both, interleaved;
the best round of each is reported, in wall-clock and in CPU time (this process's; steadier on a shared
machine), with the ratio extraction / spaCy (target >= 0.75). A per-component CPU breakdown follows.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import extract_many  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.nlp import load_pipeline, model_name  # noqa: E402


def corpus() -> list[Article]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "stories").glob("*.txt"))
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8"), source=str(p)) for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="copies of the corpus per round")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    articles = corpus() * args.repeat
    texts = [a.text for a in articles]
    bare = spacy.load(model_name(args.model))
    full = load_pipeline(args.model)
    words = sum(len(doc) for doc in bare.pipe(texts[: len(corpus())]))* args.repeat  # also warms up
    list(extract_many(articles[:2], full))  # warm-up: lexicons, extension lookups

    best = {"bare": [float("inf")] * 2, "full": [float("inf")] * 2}
    statements = 0

    def timed(name: str, run) -> None:
        w0, c0 = time.perf_counter(), time.process_time()
        run()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        best[name] = [min(best[name][0], wall), min(best[name][1], cpu)]

    def run_full() -> None:
        nonlocal statements
        statements = sum(len(ex.statements) for ex in extract_many(articles, full, batch_size=8))

    for _ in range(args.rounds):
        timed("bare", lambda: [None for _doc in bare.pipe(texts, batch_size=8)])
        timed("full", run_full)

    print(f"model {model_name(args.model)}; {len(articles)} articles, {words} tokens, {statements} statements")
    for i, clock in enumerate(("wall", "cpu")):
        b, f = best["bare"][i], best["full"][i]
        print(f"{clock:4}  bare spaCy {words / b:8.0f} words/s   kg extraction {words / f:8.0f} words/s   "
              f"ratio {b / f:.2f}  (target >= 0.75)")
    print("CPU seconds per component of the kg pipeline (one pass):")
    docs = [full.make_doc(t) for t in texts]
    for name, proc in full.pipeline:
        c0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=8)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        print(f"  {name:16} {time.process_time() - c0:6.2f}")


if __name__ == "__main__":
    main()
