"""Cross-article resolution (kg.resolve): its share of ingest time, and its cost as the store grows.

Two measurements, CPU time (``time.process_time``) in this process, ratios within the same run:

1. **Ingest with and without resolution.** The corpus (bench/corpus.py) is extracted once with spaCy
   (E per article: what both modes share), then the same extracted articles are written into two fresh
   in-memory stores, once with resolution (W1 per article) and once without (W0). Ingest speed with
   resolution relative to without is (E + W0) / (E + W1); the target is >= 0.9.
2. **Cost per article against store size.** Synthetic articles (no spaCy: entities drawn from a
   population of people, organisations and places whose names come in spelling variants, and event
   statements between them) are written with resolution into one store; the CPU time per article is
   measured in windows after 0, 1/3, 2/3 ... of the articles, and printed as a ratio to the first window.
   Twice, with the same articles: **raw**, from an empty store, where the first windows also fill the
   population (each lookup finds fewer filed names while its entities and their spellings are still
   being filed: that measures the population growing, not the store); and **population filled first**,
   after untimed articles (:func:`filling`) that name every entity in every spelling once, so that every
   window looks up the same names and only the store's size differs. Each row gives the quads and filed
   names before its window. Flat ratios in the second table mean that an article's cost does not depend
   on the store's size. Last, **interleaved** (:func:`interleaved`): other articles into the filled store
   alone and into it after all the others, 10 at a time in turn, so that other jobs on the machine slow
   both alike.

    .venv/bin/python bench/bench_resolve.py                      # 200 spaCy articles, 4000 synthetic
    .venv/bin/python bench/bench_resolve.py --articles 1000 --synthetic 3000 --window 150   # issue #15
    .venv/bin/python bench/bench_resolve.py --articles 0 --synthetic 3000 --window 150      # the windows alone
    .venv/bin/python bench/bench_resolve.py --articles 0 --synthetic 3000 --window 150 --store /tmp --group
                                                   # the same on disk, written as kg ingest writes

The scaling stores are in memory unless ``--store`` names a folder (each store is then made on disk in a new folder
under it and removed afterwards); there ``process_time`` also counts RocksDB's background threads.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import records  # noqa: E402

from kg.ingest import FLUSH_EVERY_TRIPLES, _written, extract_chunk, write_written  # noqa: E402
from kg.keys import entity_key  # noqa: E402
from kg.model import Article, Entity, Extraction, Statement  # noqa: E402
from kg.resolve.match import block_keys  # noqa: E402
from kg.resolve.places import gazetteer  # noqa: E402
from kg.search import index_path  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.text import article_from_text  # noqa: E402
from kg.vocab import KG, RESOLUTION_GRAPH  # noqa: E402

SYLLABLES = ["ab", "al", "ba", "da", "far", "ha", "is", "ja", "ka", "lid", "ma", "mu", "na", "ra", "sa", "ta",
             "wa", "ya", "za", "ri", "kh", "or", "el", "un", "qa", "di", "ho", "se"]
VOWEL_SWAPS = (("o", "u"), ("e", "i"), ("a", "e"))
CITIES = ["Peshawar", "Kabul", "Karachi", "Quetta", "Lahore", "Kandahar", "Baghdad", "Mosul", "Aleppo", "Sanaa"]
FILL_IDS = 10**6  # article numbers of the filling articles
EVENTS = ["Capture", "Arrest", "Killing", "Attack", "Raid", "Charge"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _variant(name: str, rng: random.Random) -> str:
    """A spelling another outlet might use: one vowel changed in one word."""
    words = name.split()
    i = rng.randrange(len(words))
    for a, b in VOWEL_SWAPS:
        if a in words[i][1:]:
            words[i] = words[i][0] + words[i][1:].replace(a, b, 1)
            break
    return " ".join(words)


def population(rng: random.Random, people: int, orgs: int) -> list[tuple[str, str]]:
    out = [("Person", f"{_word(rng)} {_word(rng)}") for _ in range(people)]
    out += [("Organization", f"{_word(rng)} {rng.choice(['Front', 'Brigade', 'Army', 'Movement'])}")
            for _ in range(orgs)]
    return out


def spellings(name: str) -> list[str]:
    """The name and every spelling :func:`_variant` can give it (one per word that has a vowel to change)."""
    out, words = [name], name.split()
    for i in range(len(words)):
        for a, b in VOWEL_SWAPS:
            if a in words[i][1:]:
                out.append(" ".join(words[:i] + [words[i][0] + words[i][1:].replace(a, b, 1)] + words[i + 1:]))
                break
    return list(dict.fromkeys(out))


def synthetic(i: int, pop: list[tuple[str, str]], rng: random.Random,
              named: list[tuple[str, str]] | None = None) -> Extraction:
    """An article naming 12 entities of the population (some spelt otherwise) and 4 events among them;
    ``named``: the (type, name) it names instead, spelt as given."""
    entities = {}
    for type_, name in named or rng.sample(pop, 12):
        label = name if named else _variant(name, rng) if rng.random() < 0.3 else name
        e = Entity(entity_key(type_, label), label, type_, aliases={label}, mentions=1)
        entities[e.key] = e
    city = rng.choice(CITIES)
    loc = Entity(entity_key("Location", city), city, "Location", "City", {city}, 1)
    entities[loc.key] = loc
    keys = [k for k in entities if not k.startswith("location/")]
    statements = []
    for j in range(4):
        a, b = rng.sample(keys, 2)
        statements.append(Statement(a, "act on", b, "A sentence.", 40 * j, 40 * j + 30, 0.9, rng.choice(EVENTS),
                                    f"2020-0{1 + j}-1{rng.randint(0, 9)}", loc.key))
    text = f"Synthetic article {i}. " + " ".join(e.label for e in entities.values())
    return Extraction(Article(f"s{i}", text, f"s{i}.txt", publisher=f"outlet {i % 7}"), entities, statements)


def filling(pop: list[tuple[str, str]]) -> list[Extraction]:
    """Articles that name every entity of the population in every spelling once (12 to an article, one spelling
    of an entity per article: its first article files it, the later ones add its other spellings to it)."""
    rng, out = random.Random(16), []
    spelt = [(type_, spellings(name)) for type_, name in pop]
    for r in range(max(len(s) for _, s in spelt)):
        names = [(type_, s[r]) for type_, s in spelt if len(s) > r]
        chunks = [names[k:k + 12] for k in range(0, len(names), 12)]
        if len(chunks) > 1 and len(chunks[-1]) < 2:  # an article's events need two entities
            chunks[-2] += chunks.pop()
        for chunk in chunks:
            out.append(synthetic(FILL_IDS + len(out), pop, rng, chunk))
    return out


def ingest_share(n: int) -> None:
    texts = [r for r, _ in zip(records(10**9), range(n))]
    articles = [article_from_text(r["text"], "bench", r["id"], title=r["title"], published=r["published"])
                for r in texts]
    t = time.process_time()
    written = []
    for k in range(0, len(articles), 16):
        written += extract_chunk(articles[k:k + 16])
    extract = (time.process_time() - t) / n
    times = {}
    for resolve in (False, True):
        with open_store(":memory:") as store:
            t = time.process_time()
            for w in written:
                write_written(store, w, resolve)
            times[resolve] = (time.process_time() - t) / n
    e, w0, w1 = extract * 1e3, times[False] * 1e3, times[True] * 1e3
    print(f"ingest, {n} articles ({sum(len(a.text.split()) for a in articles):,} words), CPU ms per article:")
    print(f"  extraction (spaCy + rules, both modes)  E  = {e:8.2f}")
    print(f"  write without resolution                W0 = {w0:8.2f}")
    print(f"  write with resolution                   W1 = {w1:8.2f}")
    print(f"  ingest speed with / without resolution  (E + W0) / (E + W1) = {(e + w0) / (e + w1):.3f}  (target >= 0.9)")


STORE = {"spec": ":memory:", "group": False}  # where the scaling stores are (--store) and how written (--group)


@contextmanager
def _scaling_store():
    """A fresh store for the scaling measurements: in memory, or in a new folder under ``--store`` (on disk, what
    ``kg ingest`` writes by default), removed afterwards with its search index."""
    if STORE["spec"] == ":memory:":
        with open_store(":memory:") as store:
            yield store
        return
    folder = tempfile.mkdtemp(prefix="bench_resolve_", dir=STORE["spec"])
    try:
        with open_store(folder) as store:
            yield store
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        for path in Path(folder).parent.glob(index_path(Path(folder)).name + "*"):  # its search index, beside it
            path.unlink()


def _writer(store):
    """``write_written`` as the scaling measurements call it: one transaction per article, or (``--group``) as
    ``kg ingest`` writes, in batches with the write buffers flushed every FLUSH_EVERY_TRIPLES triples."""
    unflushed = 0

    def write(w) -> None:
        nonlocal unflushed
        write_written(store, w)
        if STORE["group"]:
            unflushed += len(w.triples)
            if unflushed >= FLUSH_EVERY_TRIPLES:
                store.flush()
                unflushed = 0
    return write


def _names_filed(store) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?x a <{KG.EntityName}> }} }}"
    return int(next(iter(store.query(query)))[0].value)


def _windows(written: list, marks: list[int], window: int, fill: list) -> list[tuple[int, int, int, float]]:
    """(articles before, quads, names filed, CPU ms per article) of each window, after the ``fill`` articles."""
    rows = []
    with _scaling_store() as store, store.batch() if STORE["group"] else nullcontext():
        write = _writer(store)
        for w in fill:
            write(w)
        i = 0
        for start in marks:
            while i < start:
                write(written[i])
                i += 1
            store.commit()
            quads, names = len(store), _names_filed(store)
            t = time.process_time()
            for _ in range(window):
                write(written[i])
                i += 1
            rows.append((start, quads, names, (time.process_time() - t) / window * 1e3))
    return rows


def interleaved(written: list, extra: list, fill: list, step: int = 10) -> tuple[tuple[int, int], list[float]]:
    """Quads and CPU ms per article of writes into a small store (``fill``, then ``extra``) and a large one (``fill``,
    ``written``, then other articles of ``extra``'s kind), ``step`` at a time in turn: whatever else runs on the machine
    meanwhile slows both alike."""
    half = len(extra) // 2
    with _scaling_store() as small, _scaling_store() as large, \
            small.batch() if STORE["group"] else nullcontext(), large.batch() if STORE["group"] else nullcontext():
        writers = {id(small): _writer(small), id(large): _writer(large)}
        for w in fill:
            writers[id(small)](w)
            writers[id(large)](w)
        for w in written:
            writers[id(large)](w)
        small.commit()
        large.commit()
        sizes, spent = (len(small), len(large)), [0.0, 0.0]
        for k in range(0, half, step):
            turns = [(0, small, extra[k:k + step]), (1, large, extra[half + k:half + k + step])]
            for j, store, batch in turns if k // step % 2 == 0 else reversed(turns):
                t = time.process_time()
                for w in batch:
                    writers[id(store)](w)
                spent[j] += time.process_time() - t
    return sizes, [x / half * 1e3 for x in spent]


def scaling(n: int, windows: int, window: int) -> None:
    rng = random.Random(15)
    pop = population(rng, people=n // 4, orgs=n // 16)
    written = [_written(synthetic(i, pop, rng)) for i in range(n)]
    extra = [_written(synthetic(i, pop, rng)) for i in range(n, n + 2 * window)]  # drawn after: ``written`` unchanged
    fill = [_written(x) for x in filling(pop)]
    marks = [k * (n - window) // (windows - 1) for k in range(windows)]
    spelt = sum(len(spellings(name)) for _, name in pop)
    where = "in memory" if STORE["spec"] == ":memory:" else f"on disk under {STORE['spec']}"
    print(f"resolution cost against store size: {n} synthetic articles, windows of {window}, "
          f"{len(pop)} distinct entities in {spelt:,} spellings; stores {where}"
          f"{', written in batches as kg ingest does' if STORE['group'] else ''}")
    for title, fill_ in (("raw: from an empty store (its first windows also file most of the population's names)", []),
                         (f"population filled first: {len(fill)} untimed articles name every entity in every "
                          f"spelling, then the same {n} articles", fill)):
        rows = _windows(written, marks, window, fill_)
        print(f"{title}\n  {'articles before':>15}  {'quads before':>14}  {'names before':>12}  {'CPU ms/article':>14}  "
              f"{'ratio':>6}")
        for start, quads, names, ms in rows:
            print(f"  {start:>15,}  {quads:>14,}  {names:>12,}  {ms:>14.2f}  {ms / rows[0][3]:>6.2f}")
    (q_small, q_large), (small, large) = interleaved(written, extra, fill)
    print(f"interleaved, population filled: {window} other articles into the filled store alone ({q_small:,} quads) and "
          f"{window} into it after the {n} ({q_large:,} quads), 10 at a time in turn\n"
          f"  CPU ms/article  small store {small:.2f}  large store {large:.2f}  ratio {large / small:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="spaCy-extracted articles for the ingest ratio (0: skip it)")
    parser.add_argument("--synthetic", type=int, default=4000, help="synthetic articles for the scaling windows")
    parser.add_argument("--windows", type=int, default=4)
    parser.add_argument("--window", type=int, default=200)
    parser.add_argument("--store", default=":memory:",
                        help="where the scaling stores are: :memory: (default), or a folder in which each is made on "
                             "disk (what kg ingest writes) and removed afterwards")
    parser.add_argument("--group", action="store_true",
                        help="write the scaling stores as kg ingest does (store.batch(), flushed every "
                             f"{FLUSH_EVERY_TRIPLES:,} triples) rather than one transaction per article")
    args = parser.parse_args()
    STORE.update(spec=args.store, group=args.group)
    gazetteer()  # loaded once per process (a few seconds): not part of any article's cost
    block_keys("Person", "Abu Warm")  # so is the lexicon of titles and particles names are compared without
    scaling(args.synthetic, args.windows, args.window)
    if args.articles:
        ingest_share(args.articles)


if __name__ == "__main__":
    main()
