"""Analyst corrections (kg.corrections): their share of an article's write, as the store grows.

A store is filled with ``SIZE`` synthetic articles (no spaCy: a person, an organisation and a place each, and
one arrest), written with resolution; then the first 100 articles are written again (a re-extraction) and the
CPU time (``time.process_time``) of each write is measured, with the part spent finding and applying the
article's corrections (``kg.corrections.prepare``). Each size runs twice: with no corrections, and with 250
(100 renames and 50 merges of entities the rewritten articles name, 100 rejections). A flat corrections column
across sizes means their cost does not depend on the size of the store.

    .venv/bin/python bench/bench_corrections.py 300 3000
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg.corrections as corrections  # noqa: E402
from kg.corrections import Correction, record  # noqa: E402
from kg.store import open_store  # noqa: E402
from tests.resolve_samples import event, extraction, org, person, place, write  # noqa: E402

SYLLABLES = ["ka", "ro", "mi", "tu", "sel", "dar", "vo", "nin", "pe", "zu", "lo", "gar", "he", "bri", "sto", "qua"]
_P = "<https://w3id.org/kg/ontology#"
SPENT = [0.0]
_prepare = corrections.prepare


def _timed(*args, **kwargs):
    started = time.process_time()
    try:
        return _prepare(*args, **kwargs)
    finally:
        SPENT[0] += time.process_time() - started


corrections.prepare = _timed  # kg.resolve.write looks it up at each write


def name(n: int) -> str:
    h = hashlib.sha256(str(n).encode()).digest()
    return "".join(SYLLABLES[b % 16] for b in h[:3]).capitalize() + " " + "".join(
        SYLLABLES[b % 16] for b in h[3:6]).capitalize()


def article(i: int):
    p, o, c = person(name(i)), org(name(10**6 + i % 97) + " Front"), place("Kabul", "City")
    return extraction(f"s{i}", [p, o, c], [event(o, "Arrest", p, "2001-12-09", c)])


def correct(store) -> None:
    people = [r["e"] for r in store.select(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e a {_P}Person> }} }} "
                                           "ORDER BY ?e LIMIT 100")]
    for i, e in enumerate(people):
        record(store, Correction("rename", e, label=f"K. B. {i}"))
    orgs = [r["e"] for r in store.select(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e a {_P}Organization> }} }} "
                                         "ORDER BY ?e LIMIT 100")]
    for a, b in zip(orgs[:50], orgs[50:]):
        record(store, Correction("merge", a, b))
    for r in store.select(f"SELECT ?st WHERE {{ GRAPH ?g {{ ?st a {_P}Statement> }} }} LIMIT 100"):
        record(store, Correction("reject", statement=r["st"]))


def main(sizes: list[int]) -> None:
    for size in sizes:
        for corrected in (False, True):
            store = open_store(":memory:")
            for i in range(size):
                write(store, article(i))
            if corrected:
                correct(store)
            SPENT[0] = 0.0
            started = time.process_time()
            for i in range(100):
                write(store, article(i))
            total = (time.process_time() - started) * 10
            print(f"store {size:5d} articles ({store.count():7,d} quads)  corrections {250 if corrected else 0:3d}  "
                  f"write {total:6.2f} CPU ms/article, of which corrections {SPENT[0] * 10:5.2f}", flush=True)
            store.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 3000])
