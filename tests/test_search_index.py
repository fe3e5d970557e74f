"""kg.search.index and kg.search.contrib: the index kept in step per graph (add what a graph holds now, subtract
what it held), always equal to a rebuild from the whole store."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SKOS

from kg import graph_queries as gq
from kg.articles import delete_article
from kg.search import SearchIndex, index_path
from kg.search.contrib import ALIAS, LABEL, ROLE, TYPE
from kg.store import open_store
from kg.vocab import ID, KG

from .resolve_samples import event, extraction, org, person, place, write
from .test_search import triples_of


def state(index: SearchIndex) -> dict:
    """Everything the index holds, without row ids (which differ between an update and a rebuild)."""
    q = index.conn.execute
    names = {}
    for id_, name, norm in q("SELECT e.id, n.name, n.norm FROM names n JOIN entities e ON e.rowid = n.entity"):
        names.setdefault(id_, set()).add((name, norm))
    fts = {r[0] for r in q("SELECT f.norm FROM names_fts f JOIN names n ON n.rowid = f.rowid")}
    return {"entities": {r[0]: r[1:] for r in q("SELECT id, label, sort_key, type, statements FROM entities")},
            "names": names, "fts": fts, "fts rows": q("SELECT COUNT(*) FROM names_fts").fetchone()[0],
            "contrib": set(q("SELECT graph, entity, kind, value FROM contrib")),
            "facts": set(q("SELECT entity, kind, value, graphs FROM facts")),
            "tallies": dict(q("SELECT entity, statements FROM tallies"))}


def assert_as_rebuilt(store) -> dict:
    """The index as the writes left it equals the index rebuilt from the store; returns it."""
    kept = state(store.search_index)
    store.search_index.rebuild(store)
    assert state(store.search_index) == kept
    return kept


def row(store, id_: str):
    return store.search_index.conn.execute("SELECT label, type, statements FROM entities WHERE id = ?",
                                           (id_,)).fetchone()


def names(store, id_: str) -> set[str]:
    return {r[0] for r in store.search_index.conn.execute(
        "SELECT n.name FROM names n JOIN entities e ON e.rowid = n.entity WHERE e.id = ?", (id_,))}


SHABAAB = "organization/al-shabaab"


def test_two_articles_naming_one_entity_then_one_dropped(store):
    store.replace_graph(ID["article/a"], triples_of(SHABAAB, "al-Shabaab", "Organization", ["Harakat"], 3, "a"))
    store.replace_graph(ID["article/b"], triples_of(SHABAAB, "Shabab", "Organization", ["Harakat"], 2, "b"))
    assert row(store, SHABAAB) == ("al-Shabaab", "Organization", 5)
    assert names(store, SHABAAB) == {"al-Shabaab", "Shabab", "Harakat"}
    held = assert_as_rebuilt(store)
    assert (SHABAAB, ALIAS, "Harakat", 2) in held["facts"]  # named by two graphs, counted once in the row
    assert (f"{ID}article/b", SHABAAB, LABEL, "Shabab") in held["contrib"]
    store.delete_graph(ID["article/a"])
    assert row(store, SHABAAB) == ("Shabab", "Organization", 2)
    assert names(store, SHABAAB) == {"Shabab", "Harakat"}
    held = assert_as_rebuilt(store)
    assert held["facts"] >= {(SHABAAB, ALIAS, "Harakat", 1), (SHABAAB, TYPE, "Organization", 1)}
    assert not any(c[0] == f"{ID}article/a" for c in held["contrib"])
    store.delete_graph(ID["article/b"])
    assert row(store, SHABAAB) is None and assert_as_rebuilt(store)["facts"] == set()


def test_the_label_is_the_first_by_lower_case_then_as_written(store):
    store.replace_graph(ID["article/a"], triples_of("person/x", "abu Omar", "Person", [], 0, "a"))
    store.replace_graph(ID["article/b"], triples_of("person/x", "Abu Omar", "Person", [], 0, "b"))
    assert row(store, "person/x") == ("Abu Omar", "Person", 0)
    store.replace_graph(ID["article/c"], [(ID["person/y"], RDF.type, KG.Location),
                                          (ID["person/y"], RDF.type, KG.Person)])
    assert row(store, "person/y") == ("person/y", "Location", 0)  # no label: its id; two classes: the first
    assert_as_rebuilt(store)


def test_replacing_an_article_subtracts_what_it_held(store):
    store.replace_graph(ID["article/a"], triples_of(SHABAAB, "al-Shabaab", "Organization", ["Harakat"], 3, "a"))
    store.replace_graph(ID["article/b"], triples_of(SHABAAB, "al-Shabaab", "Organization", [], 1, "b"))
    store.replace_graph(ID["article/a"], triples_of(SHABAAB, "Shabaab", "Organization", [], 1, "a")
                        + triples_of("location/kismayo", "Kismayo", "Location", [], 0, "a"))
    assert row(store, SHABAAB) == ("al-Shabaab", "Organization", 2)
    assert names(store, SHABAAB) == {"al-Shabaab", "Shabaab"}
    assert row(store, "location/kismayo") == ("Kismayo", "Location", 0)
    assert_as_rebuilt(store)
    # the same article written again unchanged changes no row
    before = state(store.search_index)
    store.replace_graph(ID["article/a"], triples_of(SHABAAB, "Shabaab", "Organization", [], 1, "a")
                        + triples_of("location/kismayo", "Kismayo", "Location", [], 0, "a"))
    assert state(store.search_index) == before


def test_a_statement_in_two_graphs_counts_once(store):
    st = ID["statement/shared"]
    one = [(ID[SHABAAB], RDF.type, KG.Organization), (st, KG.agent, ID[SHABAAB]), (st, KG.target, ID[SHABAAB])]
    store.replace_graph(ID["article/a"], one)
    store.replace_graph(ID["copy/a"], one[1:])
    assert row(store, SHABAAB)[2] == 1
    assert (SHABAAB, ROLE, str(st), 2) in assert_as_rebuilt(store)["facts"]
    store.delete_graph(ID["article/a"])
    assert row(store, SHABAAB) is None  # no class left
    assert assert_as_rebuilt(store)["tallies"] == {SHABAAB: 1}
    store.replace_graph(ID["article/b"], one[:1])  # typed again: its statement still counts
    assert row(store, SHABAAB) == (SHABAAB, "Organization", 1)
    assert_as_rebuilt(store)


def test_sparql_update_rebuilds_with_the_attribution_then_writes_go_on_from_it(store):
    store.replace_graph(ID["article/a"], triples_of(SHABAAB, "al-Shabaab", "Organization", [], 1, "a"))
    store.update(f'INSERT DATA {{ GRAPH <{ID}notes> {{ <{ID}{SHABAAB}> <{SKOS.altLabel}> "Harakat" . '
                 f'<{ID}{SHABAAB}> <{RDF.type}> <{KG.Organization}> }} }}')
    held = state(store.search_index)
    assert {(f"{ID}notes", SHABAAB, ALIAS, "Harakat"), (f"{ID}notes", SHABAAB, TYPE, "Organization")} <= held["contrib"]
    assert names(store, SHABAAB) == {"al-Shabaab", "Harakat"}
    store.delete_graph(ID["article/a"])  # its label goes; the notes graph keeps the entity
    assert row(store, SHABAAB) == (SHABAAB, "Organization", 0) and names(store, SHABAAB) == {"Harakat"}
    store.delete_graph(ID["notes"])
    assert row(store, SHABAAB) is None
    assert_as_rebuilt(store)


def test_loads_add_once_and_the_default_graph_counts(store):
    man = f"<{ID}person/kismayo-man>"
    nt = (f'{man} <{RDF.type}> <{KG.Person}> .\n{man} <{RDFS.label}> "Kismayo Man" .\n'
          f'<{ID}statement/s1> <{KG.agent}> {man} .\n').encode()
    store.load(nt, "nt")
    store.load(nt, "nt")  # the same quads again: nothing new
    store.load(nt, "nt", ID["article/c"])
    assert row(store, "person/kismayo-man") == ("Kismayo Man", "Person", 1)
    held = assert_as_rebuilt(store)
    assert ("", "person/kismayo-man", LABEL, "Kismayo Man") in held["contrib"]
    assert ("person/kismayo-man", LABEL, "Kismayo Man", 2) in held["facts"]
    store.delete_graph(ID["article/c"])
    assert row(store, "person/kismayo-man") == ("Kismayo Man", "Person", 1)  # the default graph still has it
    assert_as_rebuilt(store)


def test_resolved_writes_rewrites_and_deletes_leave_the_index_as_a_rebuild(store):
    police, suspect, city = org("Pakistani police"), person("Abu Zubaydah", "Zayn al-Abidin"), place("Peshawar", "City")
    write(store, extraction("a1", [police, suspect, city], [event(police, "Arrest", suspect, "2002-03-28", city)]))
    write(store, extraction("a2", [org("Pakistani Police"), person("Abu Zubaida"), place("Pakistan", "Country")],
                            [event(org("Pakistani Police"), "Arrest", person("Abu Zubaida"), "2002-03-28")]))
    write(store, extraction("a3", [police, person("Abu Zubaydah")], [event(police, "Charge", suspect)]))
    kept = assert_as_rebuilt(store)
    assert kept["entities"]["person/abu-zubaydah"][3] == 3  # three statements name him, across three articles
    write(store, extraction("a1", [police, suspect], []))  # rewritten without the arrest
    assert row(store, "person/abu-zubaydah")[2] == 2
    delete_article(store, "a3")
    assert row(store, "person/abu-zubaydah")[2] == 1
    assert_as_rebuilt(store)
    assert gq.search_entities(store, "zayn al abidin")[0]["id"] == "person/abu-zubaydah"


def test_a_write_costs_the_same_however_many_articles_name_its_entities(store):
    """The index's work for one article does not grow with the other articles naming the same entity: the SQL it
    runs for a write is the same with 2 or 40 such articles, and none of it reads a whole table."""
    def article(i):
        return triples_of(SHABAAB, "al-Shabaab", "Organization", ["Harakat"], 2, f"a{i}")

    def traced(i):
        seen = []
        store.search_index.conn.set_trace_callback(seen.append)
        store.replace_graph(ID[f"article/a{i}"], article(i))
        store.search_index.conn.set_trace_callback(None)
        return seen

    for i in range(2):
        store.replace_graph(ID[f"article/a{i}"], article(i))
    few = traced(2)
    for i in range(3, 40):
        store.replace_graph(ID[f"article/a{i}"], article(i))
    many = traced(40)
    assert len(few) == len(many) and row(store, SHABAAB)[2] == 82
    plans = [r[-1] for sql in many if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))
             for r in store.search_index.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    assert plans and not [p for p in plans if p.startswith("SCAN") and "names_fts" not in p], plans


def test_an_index_of_an_older_schema_is_rebuilt_with_the_attribution(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as s:
        s.replace_graph(ID["article/a"], triples_of("person/dhahabi", "Dhahabi", "Person", [], 0))
    index = SearchIndex(index_path(folder))
    for table in ("contrib", "facts", "tallies"):  # as schema 1 left it: no attribution
        index.conn.execute(f"DROP TABLE {table}")
    index.conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    index.close()
    with open_store(folder) as s:
        assert row(s, "person/dhahabi") == ("Dhahabi", "Person", 0)
        assert (f"{ID}article/a", "person/dhahabi", LABEL, "Dhahabi") in state(s.search_index)["contrib"]
        s.delete_graph(ID["article/a"])
        assert row(s, "person/dhahabi") is None


@pytest.mark.parametrize("failing", ["replace", "load"])
def test_a_failed_write_leaves_the_index_clean_and_in_step(store, monkeypatch, failing):
    from kg.errors import StoreError

    store.replace_graph(ID["article/a"], triples_of("person/dhahabi", "Dhahabi", "Person", [], 0))
    before = state(store.search_index)

    class Broken:
        def __getattr__(self, name):
            return getattr(real, name)

        def extend(self, quads):
            raise OSError("disk full")

        update = extend

        def __len__(self):
            return len(real)

    real = store.ox
    monkeypatch.setattr(store, "_ox", Broken())
    with pytest.raises(StoreError):
        if failing == "replace":
            store.replace_graph(ID["article/b"], triples_of("person/other", "Other", "Person", [], 0, "b"))
        else:
            store.load(f'<{ID}person/x> <{RDF.type}> <{KG.Person}> .'.encode(), "nt")
    monkeypatch.undo()
    assert not store.search_index.needs_build and state(store.search_index) == before
    assert row(store, "person/dhahabi") == ("Dhahabi", "Person", 0)
