"""Ranked search over a :mod:`kg.search.index` database.

Matches are ranked exact > prefix > word start > substring > fuzzy, and within a rank by similarity
(fuzzy only), then a label before an alias, then more statements first, then label. Each rank is one
indexed lookup (B-tree range or FTS5 trigram phrase) asked for at most the page's end plus what
earlier ranks found, so that a common substring never sorts more than it shows. Fuzzy matching
(rapidfuzz) runs only when the earlier ranks leave the page short: each query word of 3+ letters is
compared to the index's vocabulary (within edit distance 1, or 2 for words of 6+ letters) and the
names holding a close word for every query word are scored against the whole query. Distances are
optimal string alignment: swapping two neighbouring letters ("moslu") costs one edit, as a wrong
letter does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ..vocab import ID
from .text import normalize

RANKS = ("exact", "prefix", "word", "substring", "fuzzy")
FUZZY_CANDIDATES = 200  # names scored for similarity at most
CLOSE_WORDS = 20  # vocabulary words a query word may stand for

_SELECT = """SELECT e.rowid, e.id, e.label, e.type, e.statements, n.name, n.norm
FROM names n JOIN entities e ON e.rowid = n.entity WHERE {cond} {type}
ORDER BY n.name <> e.label, e.statements DESC, e.sort_key, e.id LIMIT ?"""
_IN_FTS = "n.rowid IN (SELECT rowid FROM names_fts WHERE names_fts MATCH ?)"


@dataclass
class Vocabulary:
    """The distinct words of an index's names, reread when the index's generation changes."""

    generation: str | None = None
    words: list[str] = field(default_factory=list)

    def get(self, conn: sqlite3.Connection) -> list[str]:
        generation = _generation(conn)
        if generation != self.generation:
            words = set()
            for (norm,) in conn.execute("SELECT DISTINCT norm FROM names"):
                words.update(w for w in norm.split() if len(w) >= 3)
            self.words, self.generation = sorted(words), generation
        return self.words


def _generation(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return row[0] if row else None


def search(conn: sqlite3.Connection, vocabulary: Vocabulary, q: str, type_: str | None = None,
           limit: int = 20, offset: int = 0) -> list[dict]:
    """Entities matching ``q`` in their labels or aliases, ranked; empty ``q`` lists all by label."""
    need = offset + limit
    norm = normalize(q)
    type_sql, type_args = ("AND e.type = ?", [type_]) if type_ else ("", [])
    if not norm:
        if q.strip():  # nothing but punctuation: no name can match it
            return []
        rows = conn.execute(f"SELECT e.id, e.label, e.type, e.statements FROM entities e WHERE 1 {type_sql} "
                            "ORDER BY e.sort_key, e.id LIMIT ? OFFSET ?", [*type_args, limit, offset])
        return [_hit(id_, label, type_, n, None, None) for id_, label, type_, n in rows]

    best: dict[int, tuple] = {}  # entity rowid -> sort key and hit

    def take(rank: int, cond: str, args: list, score=None, cap: int | None = None) -> None:
        rows = conn.execute(_SELECT.format(cond=cond, type=type_sql), [*args, *type_args, cap or need + len(best)])
        for rowid, id_, label, type_, n, name, name_norm in rows:
            similarity = score(name_norm) if score else 0.0
            key = (rank, -similarity, name != label, -n, label.lower(), id_)  # a label before an alias
            if rowid not in best or key < best[rowid][0]:
                best[rowid] = (key, _hit(id_, label, type_, n, name, RANKS[rank]))

    take(0, "n.norm = ?", [norm])
    if len(best) < need:  # norm is [0-9a-z ] only, and "{" sorts after all of them
        take(1, "n.norm >= ? AND n.norm < ?", [norm, norm + "{"])
    if len(best) < need:
        if len(norm) >= 2:  # the index holds " name ": a leading space makes a word start a trigram
            take(2, _IN_FTS, [f'" {norm}"'])
        else:  # one letter: too short for a trigram
            take(2, "(' ' || n.norm) LIKE ?", [f"% {norm}%"])
    if len(best) < need and len(norm) >= 3:
        take(3, _IN_FTS, [f'"{norm}"'])
    if len(best) < need and len(norm) >= 3:
        match = _fuzzy_match(vocabulary.get(conn), norm)
        if match:
            take(4, _IN_FTS, [match], score=lambda name: fuzz.ratio(norm, name), cap=FUZZY_CANDIDATES)
    ranked = sorted(best.values(), key=lambda kv: kv[0])
    return [hit for _, hit in ranked[offset:need]]


def _fuzzy_match(words: list[str], norm: str) -> str | None:
    """An FTS5 query for names holding, for each query word of 3+ letters, a vocabulary word close to it."""
    groups = []
    for word in norm.split():
        if len(word) < 3:
            continue
        cutoff = 1 if len(word) <= 5 else 2
        close = process.extract(word, words, scorer=OSA.distance, score_cutoff=cutoff, limit=CLOSE_WORDS)
        if not close:
            return None
        groups.append("(" + " OR ".join(f'" {w} "' for w, _, _ in close) + ")")
    return " AND ".join(groups) or None


def _hit(id_: str, label: str, type_: str, statements: int, name: str | None, rank: str | None) -> dict:
    return {"id": id_, "iri": f"{ID}{id_}", "label": label, "type": type_, "matched": name if name else label,
            "match": rank, "statements": statements}
