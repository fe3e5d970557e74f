"""The SPARQL queries of docs/cross-article.md run and answer what the doc says they answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .resolve_samples import arrest_in_peshawar_and_pakistan, event, extraction, org, person, place, write

DOC = Path(__file__).resolve().parent.parent / "docs" / "cross-article.md"
QUERIES = re.findall(r"```sparql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def store():
    from kg.store import open_store

    s = open_store(":memory:")
    _, suspect = arrest_in_peshawar_and_pakistan(s)
    kabul = place("Kabul", "City")
    write(s, extraction("a3", [org("Afghan police"), suspect, kabul],
                        [event(org("Afghan police"), "Arrest", suspect, None, kabul)], publisher="AFP"))
    write(s, extraction("a4", [person("Osama bin Laden")]))
    write(s, extraction("a5", [person("Usama bin Ladin")]))
    yield s
    s.close()


def test_the_doc_has_its_two_queries():
    assert len(QUERIES) == 2


def test_explaining_a_decision(store):
    rows = store.select(QUERIES[0])
    assert sorted((str(r["article"]).rsplit("/", 1)[1], str(r["rule"])) for r in rows) == [("a4", "new"),
                                                                                            ("a5", "variant")]


def test_events_in_pakistan_with_two_sources(store):
    rows = store.select(QUERIES[1])
    assert [(str(r["class"]).rsplit("#", 1)[1], int(r["sources"]), int(r["reports"])) for r in rows] == [
        ("Arrest", 2, 2)]
