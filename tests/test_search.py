"""kg.search: normalisation, ranking, and an index kept in step with every kind of write."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SKOS

from kg import graph_queries as gq
from kg.articles import delete_article
from kg.search import SearchIndex, index_path, normalize, search_store
from kg.store import open_store
from kg.vocab import ID, KG

# id -> (label, type, aliases, statements as agent)
ENTITIES = {
    "person/jalal-al-dhahab": ("Jalal al-Dhahab", "Person", ["Abu Jalal"], 1),
    "person/dhahabi": ("Dhahabi", "Person", [], 0),
    "organization/al-shabaab": ("al-Shabaab", "Organization", ["Harakat al-Shabaab al-Mujahideen"], 3),
    "organization/treasury": ("Department of the Treasury", "Organization", ["US Treasury"], 2),
    "location/sao-paulo": ("São Paulo", "Location", [], 0),
    "location/paulo-afonso": ("Paulo Afonso", "Location", [], 0),
}


def triples_of(key: str, label: str, type_: str, aliases: list[str], statements: int, article: str = "a") -> list:
    out = [(ID[key], RDF.type, KG[type_]), (ID[key], RDFS.label, Literal(label))]
    out += [(ID[key], SKOS.altLabel, Literal(a)) for a in aliases]
    for i in range(statements):
        st = ID[f"statement/{article}-{key.split('/')[1]}-{i}"]
        out += [(st, RDF.type, KG.Statement), (st, KG.agent, ID[key]), (st, KG.target, ID["location/sao-paulo"])]
    return out


@pytest.fixture
def filled(store):
    store.replace_graph(ID["article/a"], [t for k, v in ENTITIES.items() for t in triples_of(k, *v)])
    return store


def ids(store, q, **kw):
    return [e["id"] for e in gq.search_entities(store, q, **kw)]


@pytest.mark.parametrize("text, norm", [("Jāsim", "jasim"), ("al-Dhahab’s", "al dhahabs"),
                                        ("  São  PAULO ", "sao paulo"),
                                        ("Ørsted", "orsted"), (".*", "")])
def test_normalize(text, norm):
    assert normalize(text) == norm


def test_ranks_exact_prefix_word_substring_fuzzy(filled):
    found = gq.search_entities(filled, "dhahab")
    assert [(e["id"], e["match"], e["matched"]) for e in found] == [
        ("person/dhahabi", "prefix", "Dhahabi"),
        ("person/jalal-al-dhahab", "word", "Jalal al-Dhahab"),
    ]
    assert [(e["id"], e["match"]) for e in gq.search_entities(filled, "shabaab")] == [
        ("organization/al-shabaab", "word")]
    assert [(e["id"], e["match"]) for e in gq.search_entities(filled, "habaab")] == [
        ("organization/al-shabaab", "substring")]
    assert [(e["id"], e["match"]) for e in gq.search_entities(filled, "paulo")] == [
        ("location/paulo-afonso", "prefix"), ("location/sao-paulo", "word")]


def test_more_statements_first_within_a_rank(filled):
    found = gq.search_entities(filled, "al")
    assert [e["id"] for e in found[:2]] == ["organization/al-shabaab", "person/jalal-al-dhahab"]
    assert [e["statements"] for e in found[:2]] == [3, 1]


@pytest.mark.parametrize("q, expected", [
    ("Department of the Treasury", "organization/treasury"), ("treasury", "organization/treasury"),
    ("shabab", "organization/al-shabaab"), ("Jalal al Dahab", "person/jalal-al-dhahab"),
    ("SAO PAULO", "location/sao-paulo"), ("departmnet of the treasury", "organization/treasury"),
])
def test_finds_names_whatever_the_spelling(filled, q, expected):
    assert ids(filled, q)[0] == expected


def test_type_filter_and_pages(filled):
    assert ids(filled, "", type="Location") == ["location/paulo-afonso", "location/sao-paulo"]
    everyone = ids(filled, "a", limit=100)
    assert [i for o in range(0, len(everyone), 2) for i in ids(filled, "a", limit=2, offset=o)] == everyone
    assert ids(filled, "zzzzqqq") == [] and ids(filled, "()") == []


def test_index_follows_graph_writes_and_deletes(filled):
    assert ids(filled, "mogadishu") == []
    filled.replace_graph(ID["article/b"], triples_of("location/mogadishu", "Mogadishu", "Location", [], 0, "b")
                         + triples_of("organization/al-shabaab", "al-Shabaab", "Organization", [], 2, "b"))
    assert ids(filled, "mogadishu") == ["location/mogadishu"]
    assert gq.search_entities(filled, "al-shabaab")[0]["statements"] == 5
    filled.replace_graph(ID["article/b"], triples_of("location/mogadishu", "Muqdisho", "Location", [], 0, "b")
                         + [(ID["article/b"], RDF.type, KG.Article)])
    assert ids(filled, "mogadishu") == [] and ids(filled, "muqdisho") == ["location/mogadishu"]
    assert gq.search_entities(filled, "al-shabaab")[0]["statements"] == 3
    delete_article(filled, "b")
    assert ids(filled, "muqdisho") == []
    filled.delete_graph(ID["article/a"])
    assert ids(filled, "") == []


def test_index_follows_sparql_updates_and_loads(filled):
    filled.update(f'INSERT DATA {{ GRAPH <{ID}notes> {{ <{ID}person/dhahabi> <{SKOS.altLabel}> "Ibn Dhahab" }} }}')
    assert gq.search_entities(filled, "ibn dhahab")[0]["id"] == "person/dhahabi"
    filled.update(f"DELETE WHERE {{ GRAPH ?g {{ <{ID}location/sao-paulo> ?p ?o }} }}")
    assert ids(filled, "sao paulo") == []
    man = f"<{ID}person/kismayo-man>"
    nt = f'{man} <{RDF.type}> <{KG.Person}> .\n{man} <{RDFS.label}> "Kismayo Man" .\n'
    filled.load(nt.encode(), "nt", ID["article/c"])
    assert ids(filled, "kismayo") == ["person/kismayo-man"]


def test_a_failed_update_leaves_the_index_clean_without_a_rebuild(filled, monkeypatch):
    from kg.errors import QueryError

    monkeypatch.setattr(filled.search_index, "rebuild", lambda store: pytest.fail("rebuilt after a failed update"))
    with pytest.raises(QueryError):
        filled.update("INSERT DATA { oops }")
    assert not filled.search_index.needs_build and ids(filled, "dhahabi")[0] == "person/dhahabi"


def test_on_disk_index_beside_the_store_and_read_by_file(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as s:
        s.replace_graph(ID["article/a"], triples_of("person/dhahabi", "Dhahabi", "Person", [], 0))
        file = s.search_index_file
    assert file == str(index_path(folder)) == str(tmp_path / "store.search.sqlite")
    # a query worker reads a snapshot store with no index of its own, and the index by its file name
    assert [e["id"] for e in search_store(None, "dhahabi", index_file=file)] == ["person/dhahabi"]
    with open_store(folder) as s:  # reopened: still there, not rebuilt
        assert ids(s, "dhahabi") == ["person/dhahabi"]


def test_an_index_left_dirty_or_missing_is_rebuilt_on_open(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as s:
        s.replace_graph(ID["article/a"], triples_of("person/dhahabi", "Dhahabi", "Person", [], 0))
    index = SearchIndex(index_path(folder))
    index.begin_write()  # as a write cut short by a crash leaves it
    index.conn.execute("DELETE FROM names")
    index.close()
    with open_store(folder) as s:
        assert ids(s, "dhahabi") == ["person/dhahabi"]
    index_path(folder).unlink()
    with open_store(folder) as s:
        assert ids(s, "dhahabi") == ["person/dhahabi"]


def test_resolved_article_writes_refresh_the_index_without_a_rebuild(store, monkeypatch):
    """kg.resolve writes an article and its part of the shared graphs in one SPARQL update: the index refreshes
    the article's entities (before and after) instead of rebuilding, which costs seconds on a large store."""
    from .resolve_samples import extraction, person, write

    monkeypatch.setattr(store.search_index, "rebuild", lambda s: pytest.fail("rebuilt the whole index"))
    write(store, extraction("a4", [person("Osama bin Laden")]))
    write(store, extraction("a5", [person("Usama bin Ladin")]))  # joined to Osama bin Laden (rule: variant)
    found = gq.search_entities(store, "usama bin ladin")
    assert [(e["id"], e["match"], e["matched"]) for e in found] == [("person/osama-bin-laden", "exact", "Usama bin Ladin")]
    delete_article(store, "a5")
    assert [(e["id"], e["match"]) for e in gq.search_entities(store, "usama bin ladin")] == [
        ("person/osama-bin-laden", "fuzzy")]
    delete_article(store, "a4")
    assert ids(store, "") == [] and not store.search_index.needs_build
