"""Build a benchmark corpus of distinct articles from seeds/ and the test stories.

The source articles are repeated round-robin until the corpus has the asked
number of words; each copy ends with a line holding its number alone, "(288)",
so that no two articles share a content hash (duplicates would be skipped, not
ingested). A bare number is no name: it adds no entity (a line "Bulletin 288."
did, now and then a person or organisation "Bulletin 288", a new one per copy, all
filed under the same blocking keys, so that benchmarks measured a pile of junk
entities the corpus itself made).
The corpus is one JSON Lines file, the format of news-API exports.

    python bench/corpus.py 200000 /tmp/corpus.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "stories")


def source_texts() -> list[tuple[str, str]]:
    """(name, text) of every source article, in a fixed order."""
    paths = sorted(p for folder in SOURCES for p in folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no source articles in {', '.join(map(str, SOURCES))}")
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def records(words: int) -> Iterator[dict]:
    """Distinct article records until at least ``words`` words."""
    sources = source_texts()
    total = i = 0
    while total < words:
        name, text = sources[i % len(sources)]
        text = f"{text.rstrip()}\n\n({i + 1})\n"
        total += len(text.split())
        yield {"id": f"{name}-{i + 1}", "title": text.split("\n", 1)[0], "text": text, "published": "2024-03-05"}
        i += 1


def build(words: int, path: Path) -> tuple[int, int]:
    """Write the corpus; return (articles, words)."""
    n = w = 0
    with path.open("w", encoding="utf-8") as out:
        for rec in records(words):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            w += len(rec["text"].split())
    return n, w


if __name__ == "__main__":
    n, w = build(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} articles, {w:,} words -> {sys.argv[2]}")
