"""Entity-stage cost: spaCy with kg's entity components vs bare spaCy, on the same texts in the same run.

Pipelines (model loading excluded, both through ``nlp.pipe``):

* bare: ``spacy.load(model)``;
* entities: the same model plus ``kg_prepare`` (first), ``kg_lexicon`` (before ner)
  and ``kg_entities`` (after ner); no relation component.

The corpus is the seed and the test stories (bench/corpus.py), repeated until it
has ``--words`` words. Both pipelines are timed in rounds (alternating which
runs first) and the fastest round of each counts (CPU time of this process, so other load on the
machine matters less). Prints words/s of each and the overhead
``entities / bare - 1``; the target is at most 15 %.

    .venv/bin/python bench/bench_entities.py                  # 30,000 words, 6 rounds
    .venv/bin/python bench/bench_entities.py --words 10000 --rounds 1
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import source_texts  # noqa: E402

TARGET = 0.15


def corpus(words: int) -> list[str]:
    sources = [text for _, text in source_texts()]
    texts, total, i = [], 0, 0
    while total < words:
        text = sources[i % len(sources)]
        texts.append(text)
        total += len(text.split())
        i += 1
    return texts


def timed(nlp, texts: list[str], batch_size: int) -> float:
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=30_000)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    import spacy

    import kg.entities  # noqa: F401  (registers the components)
    from kg.nlp import model_name

    name = model_name(args.model)
    bare = spacy.load(name)
    ents = spacy.load(name)
    ents.add_pipe("kg_prepare", first=True)
    ents.add_pipe("kg_lexicon", before="ner")
    ents.add_pipe("kg_entities")
    texts = corpus(args.words)
    words = sum(len(t.split()) for t in texts)
    timed(bare, texts[:5], args.batch_size)  # warm up both
    timed(ents, texts[:5], args.batch_size)
    t_bare, t_ents = [], []
    for r in range(args.rounds):  # alternate which goes first, so drift in machine load hits both alike
        first, second = ((bare, t_bare), (ents, t_ents)) if r % 2 == 0 else ((ents, t_ents), (bare, t_bare))
        for nlp, times in (first, second):
            times.append(timed(nlp, texts, args.batch_size))
    b, e = min(t_bare), min(t_ents)
    overhead = e / b - 1
    print(f"corpus: {len(texts)} articles, {words:,} words; model {name}; {args.rounds} rounds, best CPU time")
    print(f"bare spaCy      {b:7.2f} s  {words / b:9,.0f} words/s")
    print(f"spaCy+entities  {e:7.2f} s  {words / e:9,.0f} words/s")
    verdict = "ok" if overhead <= TARGET else "OVER TARGET"
    print(f"entity stage overhead: {overhead:+.1%} (target <= {TARGET:.0%}: {verdict})")


if __name__ == "__main__":
    main()
