"""kg.resolve.events: reports of the same event in different articles become one event node."""

from __future__ import annotations

import pytest

from kg.articles import delete_article
from kg.resolve.events import dates_compatible, places_compatible
from kg.vocab import EVENTS_GRAPH, KG

from .resolve_samples import event, extraction, org, person, place, write

EVENTS = f"PREFIX kg: <{KG._NS}>\n" + """SELECT ?e ?cls (COUNT(DISTINCT ?st) AS ?n) WHERE {
  GRAPH ?g { ?e a kg:ReportedEvent ; kg:eventClass ?cls ; kg:report ?st } } GROUP BY ?e ?cls ORDER BY DESC(?n)"""


@pytest.fixture
def store():
    from kg.store import open_store

    with open_store(":memory:") as s:
        yield s


def events(store) -> list[tuple[str, int]]:
    return [(str(r["cls"]).rsplit("#", 1)[1], int(r["n"])) for r in store.select(EVENTS)]


def test_dates_agree_at_their_common_precision_or_within_days():
    assert dates_compatible("2001-11", "2001-11-12") and dates_compatible("2001-11-12", "2001-11-14")
    assert dates_compatible(None, "2001-11-12") and dates_compatible("last week", "2001-11-12")
    assert not dates_compatible("2001-11-12", "2001-11-30") and not dates_compatible("2001", "2002-01-01")


def test_places_agree_when_one_is_the_others_country():
    peshawar, pakistan, kabul = 1168197, 1168579, 1138958
    assert places_compatible(peshawar, pakistan) and places_compatible(pakistan, peshawar)
    assert places_compatible(None, kabul) and not places_compatible(peshawar, kabul)


def test_the_same_capture_told_by_three_outlets_is_one_event(store):
    na, hicks = org("Northern Alliance"), person("David Hicks")
    write(store, extraction("a1", [na, hicks], [event(na, "Capture", hicks, "2001-12-09")], publisher="Reuters"))
    write(store, extraction("a2", [org("Northern Alliance"), person("David Hicks")],
                            [event(na, "Capture", hicks, "2001-12")], publisher="AP"))
    hicks2 = person("Hicks")
    write(store, extraction("a3", [na, hicks2], [event(na, "Capture", hicks2, negated=True)], publisher="AFP"))
    assert events(store) == [("Capture", 3)]


def test_reports_far_apart_in_time_or_of_another_class_are_other_events(store):
    na, hicks = org("Northern Alliance"), person("David Hicks")
    write(store, extraction("a1", [na, hicks], [event(na, "Capture", hicks, "2001-12-09")]))
    write(store, extraction("a2", [na, hicks], [event(na, "Capture", hicks, "2002-03-01"),
                                                event(na, "Transfer", hicks, start=30)]))
    assert sorted(events(store)) == [("Capture", 1), ("Capture", 1), ("Transfer", 1)]


def test_reports_in_a_city_and_in_its_country_are_one_event_but_not_in_two_cities(store):
    police, suspect = org("Pakistani police"), person("Abu Zubaydah")
    city, country, kabul = place("Peshawar", "City"), place("Pakistan", "Country"), place("Kabul", "City")
    write(store, extraction("a1", [police, suspect, city], [event(police, "Arrest", suspect, place_=city)]))
    write(store, extraction("a2", [police, suspect, country], [event(police, "Arrest", suspect, place_=country)]))
    write(store, extraction("a3", [police, suspect, kabul], [event(police, "Arrest", suspect, place_=kabul)]))
    assert events(store) == [("Arrest", 2), ("Arrest", 1)]


def test_deleting_an_article_removes_its_reports_and_empty_events(store):
    na, hicks = org("Northern Alliance"), person("David Hicks")
    write(store, extraction("a1", [na, hicks], [event(na, "Capture", hicks)]))
    write(store, extraction("a2", [na, hicks], [event(na, "Capture", hicks)]))
    delete_article(store, "a1")
    assert events(store) == [("Capture", 1)]
    delete_article(store, "a2")
    assert store.count(EVENTS_GRAPH) == 0


SUMMARY = f"PREFIX kg: <{KG._NS}>\n" + """SELECT ?p ?x WHERE { GRAPH ?g { ?e a kg:ReportedEvent ; ?p ?x
  FILTER(?p IN (kg:reportedTime, kg:reportedPlace)) } }"""


def summary(store) -> set[tuple[str, str]]:
    return {(str(r["p"]).rsplit("#", 1)[1], str(r["x"])) for r in store.select(SUMMARY)}


def recomputed(store) -> set[tuple[str, str]]:
    """The summary as computed again from the reports the events have."""
    from kg.resolve.events import summary_update

    kept = summary(store)
    all_events = [r["e"] for r in store.select(f"SELECT ?e WHERE {{ GRAPH ?g {{ ?e a <{KG.ReportedEvent}> }} }}")]
    store.update_graph(EVENTS_GRAPH, " ;\n".join(summary_update(all_events)))
    again = summary(store)
    assert again == kept
    return again


def test_an_event_keeps_its_reports_distinct_dates_and_places_as_they_come_and_go(store):
    police, suspect = org("Pakistani police"), person("Abu Zubaydah")
    city, country = place("Peshawar", "City"), place("Pakistan", "Country")
    write(store, extraction("a1", [police, suspect, city], [event(police, "Arrest", suspect, "2002-03-28", city)]))
    write(store, extraction("a2", [police, suspect, country], [event(police, "Arrest", suspect, "2002-03", country)]))
    write(store, extraction("a3", [police, suspect, city], [event(police, "Arrest", suspect, "2002-03-28", city)]))
    assert events(store) == [("Arrest", 3)]
    assert recomputed(store) == {("reportedTime", "2002-03-28"), ("reportedTime", "2002-03"),
                                 ("reportedPlace", "https://sws.geonames.org/1168197/"),
                                 ("reportedPlace", "https://sws.geonames.org/1168579/")}
    delete_article(store, "a2")
    assert recomputed(store) == {("reportedTime", "2002-03-28"), ("reportedPlace", "https://sws.geonames.org/1168197/")}
    write(store, extraction("a1", [police, suspect], [event(police, "Arrest", suspect)]))  # no date or place now
    assert recomputed(store) == {("reportedTime", "2002-03-28"), ("reportedPlace", "https://sws.geonames.org/1168197/")}
    delete_article(store, "a3")
    assert events(store) == [("Arrest", 1)] and recomputed(store) == set()


def test_a_new_report_reads_the_events_summary_not_its_reports(store, monkeypatch):
    import kg.resolve.events as ev

    na, hicks = org("Northern Alliance"), person("David Hicks")
    for i in range(6):
        write(store, extraction(f"a{i}", [na, hicks], [event(na, "Capture", hicks, "2001-12-09")]))
    reads = []
    real = ev._read_reports
    monkeypatch.setattr(ev, "_read_reports", lambda *a: reads.append(a) or real(*a))
    write(store, extraction("b1", [na, hicks], [event(na, "Capture", hicks, "2001-12-10")]))
    write(store, extraction("b2", [na, hicks], [event(na, "Capture", hicks, "2002-06-01")]))  # too late: another
    assert reads == [] and sorted(events(store)) == [("Capture", 1), ("Capture", 7)]
    # written again, an article reads the reports of its own events (to leave its own out): the same decisions
    write(store, extraction("b2", [na, hicks], [event(na, "Capture", hicks, "2002-06-01")]))
    assert len(reads) == 1 and sorted(events(store)) == [("Capture", 1), ("Capture", 7)]


def test_an_event_filed_before_summaries_existed_is_read_report_by_report(store):
    na, hicks = org("Northern Alliance"), person("David Hicks")
    write(store, extraction("a1", [na, hicks], [event(na, "Capture", hicks, "2001-12-09")]))
    store.update(f"DELETE WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e <{KG.reportedTime}> ?t }} }} ;"
                 f"DELETE WHERE {{ GRAPH <{EVENTS_GRAPH}> {{ ?e <{KG.summarized}> ?t }} }}")  # as an older store has it
    write(store, extraction("a2", [na, hicks], [event(na, "Capture", hicks, "2002-06-01")]))  # its date differs
    assert events(store) == [("Capture", 1), ("Capture", 1)]
    write(store, extraction("a3", [na, hicks], [event(na, "Capture", hicks, "2001-12-10")]))
    assert sorted(events(store)) == [("Capture", 1), ("Capture", 2)]


def test_a_reports_place_is_the_one_its_own_article_links_even_when_resolution_mapped_it(store):
    police, suspect = org("Iraqi police"), person("Abu Omar")
    write(store, extraction("a1", [police, suspect, place("Mosul", "City")],
                            [event(police, "Arrest", suspect, "2016-10-17", place("Mosul", "City"))]))
    mawsil = place("Al Mawsil", "City")  # joins location/mosul by GeoNames; a2 links its own spelling
    write(store, extraction("a2", [police, suspect, mawsil], [event(police, "Arrest", suspect, "2016-10-17", mawsil)]))
    delete_article(store, "a1")
    assert events(store) == [("Arrest", 1)]
    assert recomputed(store) == {("reportedTime", "2016-10-17"), ("reportedPlace", "https://sws.geonames.org/99072/")}
