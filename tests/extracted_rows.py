"""Triples the whole pipeline extracts from a sentence written for a test, and the table check most rule tests
share: a triple that must be found (with fields it must have) and triples that must not."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Article


def rows(nlp, text: str) -> dict[tuple[str, str, str], dict]:
    """(subject, predicate, object) -> the extracted row."""
    ex = extract(Article(id="t", text=text, source="t"), nlp)
    return {(r["subject"], r["predicate"], r["object"]): r for r in ex.rows()}


def check(nlp, text: str, found: tuple[str, str, str] | None, fields: dict, absent: set) -> None:
    got = rows(nlp, text)
    if found is not None:
        assert found in got, sorted(got)
        assert {k: got[found][k] for k in fields} == fields, got[found]
    assert not absent & set(got), sorted(got)
