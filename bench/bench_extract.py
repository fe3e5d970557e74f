"""Whole-extraction throughput against bare spaCy, on the same text, in the same run.

    python bench/bench_extract.py [--repeat N] [--rounds R] [--model NAME]

Baseline: ``nlp.pipe`` of the same spaCy model with no kg components. Measured:
``kg.extract.extract_many`` (entities + relations + Extraction objects). Texts: the
seed articles and the test stories, repeated. Each round times both, interleaved;
the best round of each is reported, with the ratio extraction / spaCy (target >= 0.75).
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
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    articles = corpus() * args.repeat
    texts = [a.text for a in articles]
    bare = spacy.load(model_name(args.model))
    full = load_pipeline(args.model)
    words = sum(len(doc) for doc in bare.pipe(texts[: len(corpus())]))* args.repeat  # also warms up
    list(extract_many(articles[:2], full))  # warm-up: lexicons, extension lookups

    best_bare = best_full = float("inf")
    statements = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=8):
            pass
        best_bare = min(best_bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        statements = sum(len(ex.statements) for ex in extract_many(articles, full, batch_size=8))
        best_full = min(best_full, time.perf_counter() - t0)

    print(f"model {model_name(args.model)}; {len(articles)} articles, {words} tokens, {statements} statements")
    print(f"bare spaCy      {words / best_bare:10.0f} words/s")
    print(f"kg extraction   {words / best_full:10.0f} words/s")
    print(f"ratio           {best_bare / best_full:10.2f}  (extraction / bare spaCy; target >= 0.75)")


if __name__ == "__main__":
    main()
