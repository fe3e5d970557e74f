"""kg.resolve against a store: articles join the graph's entities, decisions are recorded and undone."""

from __future__ import annotations

import io

import pytest
from rdflib import Literal, URIRef

from kg.articles import delete_article
from kg.rdf import article_iri
from kg.vocab import ID, KG, PLACES_GRAPH, RESOLUTION_GRAPH

from .resolve_samples import event, extraction, org, person, place, write

PREFIX = f"PREFIX kg: <{KG._NS}>\n"
DECISIONS = PREFIX + """SELECT ?x ?c ?rule ?score ?m WHERE { GRAPH ?g { ?d a kg:Resolution ; kg:extractedAs ?x ;
  kg:resolvedTo ?c ; kg:rule ?rule ; kg:score ?score OPTIONAL { ?d kg:matchedName ?m } } }"""


def decisions(store) -> dict[str, tuple]:
    """extracted-as id -> (resolved-to id, rule, score, matched name), for decisions that joined something."""
    out = {}
    for r in store.select(DECISIONS):
        if str(r["rule"]) != "new":
            out[str(r["x"])[len(str(ID)):]] = (str(r["c"])[len(str(ID)):], str(r["rule"]), float(r["score"]),
                                               None if r["m"] is None else str(r["m"]))
    return out


def in_graph(store, article_id: str, node: str) -> bool:
    return store.ask("ASK { GRAPH ?g { ?e ?p ?o } }", {"g": article_iri(article_id), "e": ID[node]})


def nquads(store) -> list[str]:
    buf = io.BytesIO()
    store.dump(buf, "nquads")
    return sorted(buf.getvalue().decode().splitlines())


@pytest.fixture
def store():
    from kg.store import open_store

    with open_store(":memory:") as s:
        yield s


def test_people_described_alike_stay_apart(store):
    # the extraction keeps appositions as aliases ("Ahmed Hassan Farah, a Somali national"): not names to join on
    write(store, extraction("a1", [person("Ahmed Hassan Farah", "Somali national")]))
    write(store, extraction("a2", [person("Mohamed Ali", "Somali national")]))
    assert decisions(store) == {}
    assert in_graph(store, "a2", "person/mohamed-ali")


def test_an_articles_unnamed_people_stay_its_own_and_its_unnamed_forces_join(store):
    """Two articles' "two police officials" are not the same people; two articles' "US warplanes" are one force."""
    from dataclasses import replace

    def scoped(entity, scope):
        return replace(entity, key=f"{entity.key}-{scope}")

    write(store, extraction("a1", [scoped(person("two police officials"), "0a1b2c3d"),
                                   scoped(org("US warplanes", country="location/united-states"), "0a1b2c3d")]))
    write(store, extraction("a2", [scoped(person("two police officials"), "4e5f6a7b"),
                                   scoped(org("US warplanes", country="location/united-states"), "4e5f6a7b")]))
    joined = decisions(store)
    assert in_graph(store, "a2", "person/two-police-officials-4e5f6a7b")
    assert not any("officials" in key for key in joined), joined
    assert any("warplanes" in key for key in joined), joined


def test_an_articles_unnamed_body_with_one_telling_word_stays_its_own(store):
    """"state police" tells itself apart from any "Police" by one word only: it would tie with every police named
    before, so it is neither resolved nor filed, and the next article's is not compared with it."""
    from dataclasses import replace

    police = org("Nigerian police", "Police", subtype="SecurityForce")
    for article, scope in (("a1", "0a1b2c3d"), ("a2", "4e5f6a7b"), ("a3", "8c9d0e1f")):
        state = replace(org("state police", "State Police", subtype="SecurityForce"),
                        key=f"organization/state-police-{scope}")
        write(store, extraction(article, [police, state]))
    assert not any("state-police" in key for key in decisions(store))
    assert in_graph(store, "a3", "organization/state-police-8c9d0e1f")
    filed = store.select(f"SELECT ?e WHERE {{ GRAPH <{RESOLUTION_GRAPH}> {{ ?n <{KG.nameOf}> ?e }} }}")
    assert not any("state-police" in str(r["e"]) for r in filed), [str(r["e"]) for r in filed]


def test_a_transliteration_joins_the_stored_person(store):
    write(store, extraction("a1", [person("Osama bin Laden", "bin Laden")]))
    write(store, extraction("a2", [person("Usama bin Ladin")]))
    (joined,) = decisions(store).items()
    assert joined[0] == "person/usama-bin-ladin"
    target, rule, score, matched = joined[1]
    assert (target, rule, matched) == ("person/osama-bin-laden", "variant", "Osama bin Laden")
    assert 0.85 < score < 1
    assert in_graph(store, "a2", "person/osama-bin-laden") and not in_graph(store, "a2", "person/usama-bin-ladin")
    # the article keeps its own spelling as the label in its graph
    assert store.ask("ASK { GRAPH ?g { ?e ?label ?name } }", {
        "g": article_iri("a2"), "e": ID["person/osama-bin-laden"],
        "label": URIRef("http://www.w3.org/2000/01/rdf-schema#label"), "name": Literal("Usama bin Ladin")})


def test_two_people_sharing_a_surname_stay_apart(store):
    write(store, extraction("a1", [person("Osama bin Laden")]))
    write(store, extraction("a2", [person("Hamza bin Laden")]))
    write(store, extraction("a3", [person("bin Laden")]))  # which one? two fit: leave it alone
    assert decisions(store) == {}
    assert in_graph(store, "a2", "person/hamza-bin-laden") and in_graph(store, "a3", "person/bin-laden")


def test_different_given_names_alike_in_sound_stay_apart(store):
    write(store, extraction("a1", [person("Hassan Nasrallah")]))
    write(store, extraction("a2", [person("Hussein Nasrallah")]))
    assert decisions(store) == {}


def test_a_name_without_its_middle_name_joins_the_full_one(store):
    write(store, extraction("a1", [person("Musa Abdulkarim Danjuma")]))
    write(store, extraction("a2", [person("Musa Danjuma")]))
    write(store, extraction("a3", [person("Hamza Danjuma")]))  # another given name: another man
    assert decisions(store) == {"person/musa-danjuma": ("person/musa-abdulkarim-danjuma", "middle", 0.9,
                                                        "Musa Abdulkarim Danjuma")}


def test_a_spelling_that_sounds_otherwise_is_still_compared(store):
    # "al-Hadrami" and "al-Hadhrami" have different Metaphone codes: a second key (given name's sound and the
    # surname's first letters) brings them together
    write(store, extraction("a1", [person("Nasser al-Hadhrami")]))
    write(store, extraction("a2", [person("Nasir al-Hadrami")]))
    (joined,) = decisions(store).items()
    assert joined[0] == "person/nasir-al-hadrami" and joined[1][:2] == ("person/nasser-al-hadhrami", "variant")


def test_a_surname_alone_joins_the_only_person_with_that_surname(store):
    write(store, extraction("a1", [person("Yasser Arafat")]))
    write(store, extraction("a2", [person("Arafat")]))
    assert decisions(store) == {"person/arafat": ("person/yasser-arafat", "surname", 0.8, "Yasser Arafat")}


def test_a_surname_first_then_full_names_keep_apart_when_two_fit(store):
    write(store, extraction("a1", [person("Haniyeh")]))
    write(store, extraction("a2", [person("Ismail Haniyeh")]))  # the only Haniyeh so far: joined
    write(store, extraction("a3", [person("Abdel Salam Haniyeh")]))  # a full name that conflicts: apart
    assert decisions(store) == {"person/ismail-haniyeh": ("person/haniyeh", "surname", 0.8, "Haniyeh")}


def test_an_honorific_is_no_part_of_the_name(store):
    write(store, extraction("a1", [person("Ismail Haniyeh")]))
    write(store, extraction("a2", [person("Mr Ismail Haniya")]))
    write(store, extraction("a3", [person("Sheikh Ismail Haniyeh")]))
    got = decisions(store)
    assert got["person/mr-ismail-haniya"][:2] == ("person/ismail-haniyeh", "variant")
    assert got["person/sheikh-ismail-haniyeh"] == ("person/ismail-haniyeh", "honorific", 1.0, "Ismail Haniyeh")


def test_an_acronym_joins_its_expansion_only_when_one_fits(store):
    write(store, extraction("a1", [org("Palestinian Authority")]))
    write(store, extraction("a2", [org("PA")]))
    assert decisions(store) == {"organization/pa": ("organization/palestinian-authority", "acronym", 0.9,
                                                    "Palestinian Authority")}
    write(store, extraction("a3", [org("Press Association")]))
    write(store, extraction("a4", [org("PA")]))  # now two organisations have those initials
    assert "organization/pa" in {k for k, v in decisions(store).items()}
    assert in_graph(store, "a4", "organization/pa")


def test_organisation_spellings_and_generic_words(store):
    write(store, extraction("a1", [org("al-Qaeda", subtype="ArmedGroup")]))
    write(store, extraction("a2", [org("Al Qaida network", subtype="ArmedGroup")]))
    write(store, extraction("a3", [org("al-Qaeda Ministry", subtype="Government")]))
    assert decisions(store) == {"organization/al-qaida-network": ("organization/al-qaeda", "variant", 0.893, "al-Qaeda")}


def test_a_different_subtype_or_country_blocks_a_merge(store):
    write(store, extraction("a1", [org("National Guard", country="location/iraq")]))
    write(store, extraction("a2", [org("National Guards", country="location/kuwait")]))
    assert decisions(store) == {}


def test_an_article_entity_joins_at_most_one_stored_entity_and_the_reverse(store):
    write(store, extraction("a1", [person("Osama bin Laden")]))
    write(store, extraction("a2", [person("Usama bin Ladin"), person("Osama bin Ladin")]))
    assert len(decisions(store)) == 1


def test_resolution_off_keeps_the_extracted_ids(store):
    write(store, extraction("a1", [person("Osama bin Laden")]))
    write(store, extraction("a2", [person("Usama bin Ladin")]), resolve=False)
    assert in_graph(store, "a2", "person/usama-bin-ladin")


def test_writing_the_same_article_again_changes_nothing(store):
    write(store, extraction("a1", [person("Osama bin Laden")]))
    ex = extraction("a2", [person("Usama bin Ladin"), place("Peshawar")])
    write(store, ex)
    before = nquads(store)
    write(store, ex)
    assert nquads(store) == before


def test_deleting_articles_undoes_their_decisions_and_names(store):
    write(store, extraction("a1", [person("Osama bin Laden")]))
    write(store, extraction("a2", [person("Usama bin Ladin")]))
    delete_article(store, "a1")
    # a2's names are still filed under the person it joined: a later spelling still finds it
    write(store, extraction("a3", [person("Osama bin Laden")]))
    assert decisions(store)["person/osama-bin-laden"][:2] == ("person/osama-bin-laden", "variant")
    assert not store.ask("ASK { GRAPH ?r { ?d ?p ?a } }", {"r": RESOLUTION_GRAPH, "a": article_iri("a1")})
    delete_article(store, "a2")
    delete_article(store, "a3")
    assert store.count(RESOLUTION_GRAPH) == 0


def test_places_are_linked_to_geonames_with_coordinates_and_country(store):
    write(store, extraction("a1", [place("Peshawar", "City", "location/pakistan"), place("Pakistan", "Country")]))
    rows = store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX schema: <https://schema.org/> "
        "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> "
        "SELECT ?gn ?lat ?long ?country WHERE { ?e skos:exactMatch ?gn . ?gn geo:lat ?lat ; geo:long ?long ; "
        "schema:containedInPlace ?country . ?p skos:exactMatch ?country }",
        {"e": ID["location/peshawar"], "p": ID["location/pakistan"]})
    assert [(str(r["gn"]), float(r["lat"]), float(r["long"]), str(r["country"])) for r in rows] == [
        ("https://sws.geonames.org/1168197/", 34.008, 71.57849, "https://sws.geonames.org/1168579/")]


def test_places_are_described_once_and_go_with_the_last_article_that_links_them(store):
    peshawar, kabul = URIRef("https://sws.geonames.org/1168197/"), URIRef("https://sws.geonames.org/1138958/")
    pakistan = URIRef("https://sws.geonames.org/1168579/")

    def described() -> set[URIRef]:
        return {r["p"] for r in store.select("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p ?x ?y } }", {"g": PLACES_GRAPH})}

    write(store, extraction("a1", [place("Peshawar", "City", "location/pakistan"), place("Pakistan", "Country")]))
    write(store, extraction("a2", [place("Peshawar", "City"), place("Kabul", "City")]))
    assert not store.ask("ASK { GRAPH ?a { ?p ?x ?y } }", {"a": article_iri("a1"), "p": peshawar})  # links only
    count = store.count(PLACES_GRAPH)
    write(store, extraction("a2", [place("Peshawar", "City"), place("Kabul", "City")]))  # the same again
    assert store.count(PLACES_GRAPH) == count and kabul in described()
    delete_article(store, "a1")  # a2 still links Peshawar, and so its country
    assert described() == {peshawar, pakistan, kabul, URIRef("https://sws.geonames.org/1149361/")}
    delete_article(store, "a2")
    assert store.count(PLACES_GRAPH) == 0


def test_a_place_spelt_otherwise_joins_by_geonames(store):
    write(store, extraction("a1", [place("Kandahar", "City")]))
    write(store, extraction("a2", [place("Qandahar", "City")]))
    assert decisions(store) == {"location/qandahar": ("location/kandahar", "gazetteer", 1.0, "Kandahar")}


def test_an_ambiguous_city_without_a_country_is_not_linked(store):
    write(store, extraction("a1", [place("Tripoli", "City")]))
    write(store, extraction("a2", [place("Tripoli", "City", "location/libya")]))
    links = store.select("SELECT ?g ?gn WHERE { GRAPH ?g { ?e <http://www.w3.org/2004/02/skos/core#exactMatch> ?gn } }",
                         {"e": ID["location/tripoli"]})
    assert [(str(r["g"]), str(r["gn"])) for r in links] == [(str(article_iri("a2")), "https://sws.geonames.org/2210247/")]


def test_an_article_written_again_takes_the_names_only_it_used_and_leaves_the_shared_ones(store):
    def names() -> set[str]:
        return {str(r["n"]) for r in store.select(PREFIX + "SELECT ?n WHERE { GRAPH ?g { ?x kg:name ?n } }",
                                                  {"g": RESOLUTION_GRAPH})}

    for i in range(5):
        write(store, extraction(f"a{i}", [person("Osama bin Laden"), place("Kabul", "City")]))
    write(store, extraction("b", [person("Usama bin Ladin"), place("Kabul", "City")]))
    assert names() == {"Osama bin Laden", "Usama bin Ladin", "Kabul"}
    write(store, extraction("b", [person("Osama bin Laden")]))  # again, without its own spelling nor Kabul
    assert names() == {"Osama bin Laden", "Kabul"}
    assert store.count(PLACES_GRAPH) > 0  # the five others still link Kabul
    for i in range(5):
        delete_article(store, f"a{i}")
    assert names() == {"Osama bin Laden"} and store.count(PLACES_GRAPH) == 0
    delete_article(store, "b")
    assert store.count(RESOLUTION_GRAPH) == 0


def test_a_filed_name_keeps_the_same_triples_however_many_articles_use_it(store):
    """Attestations are stated from the articles (kg:attests): the name's own triples, which every lookup walks,
    do not grow with the articles that use it."""
    own = PREFIX + "SELECT ?p ?o WHERE { GRAPH ?g { ?n kg:name ?name ; ?p ?o } }"
    counts = []
    for i in range(4):
        write(store, extraction(f"a{i}", [person("Osama bin Laden")]))
        counts.append(len(store.select(own, {"g": RESOLUTION_GRAPH, "name": Literal("Osama bin Laden")})))
    assert counts == [counts[0]] * 4 and counts[0] > 0
    attesting = PREFIX + "SELECT ?a WHERE { GRAPH ?g { ?a kg:attests ?n . ?n kg:name ?name } }"
    rows = store.select(attesting, {"g": RESOLUTION_GRAPH, "name": Literal("Osama bin Laden")})
    assert sorted(str(r["a"]) for r in rows) == sorted(str(article_iri(f"a{i}")) for i in range(4))


def test_a_store_with_attestations_the_old_way_round_is_converted_when_opened(tmp_path):
    from kg.store import open_store

    old = (PREFIX + "DELETE { GRAPH ?g { ?a kg:attests ?n } } INSERT { GRAPH ?g { ?n kg:attestedBy ?a } } "
           "WHERE { GRAPH ?g { ?a kg:attests ?n } }")
    with open_store(tmp_path / "kg") as s:
        write(s, extraction("a1", [person("Osama bin Laden")]))
        write(s, extraction("a2", [person("Usama bin Ladin")]))
        before = nquads(s)
        s.update(old.replace("?g", f"<{RESOLUTION_GRAPH}>"))
        assert s.ask(PREFIX + "ASK { ?n kg:attestedBy ?a }")
    with open_store(tmp_path / "kg") as s:
        assert nquads(s) == before
        delete_article(s, "a2")  # the name only a2 used goes with it
        names = {str(r["n"]) for r in s.select(PREFIX + "SELECT ?n WHERE { ?x kg:name ?n }")}
        assert names == {"Osama bin Laden"}
