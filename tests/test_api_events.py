"""GET /events: events across reports, filtered by entity, class, place (contained places too), dates, sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api import Settings, create_app
from kg.event_queries import events

from .resolve_samples import arrest_in_peshawar_and_pakistan, event, extraction, org, place, write


@pytest.fixture(scope="module")
def store():
    from kg.store import open_store

    s = open_store(":memory:")
    police, suspect = arrest_in_peshawar_and_pakistan(s, denied=True)
    city, kabul = place("Peshawar", "City"), place("Kabul", "City")
    write(s, extraction("a3", [police, suspect, city], [event(police, "Arrest", suspect, "2002-03-28", city)],
                        publisher="AP", published="2002-03-31"))
    afghan, taliban = org("Afghan forces"), org("Taliban")
    write(s, extraction("a4", [afghan, taliban, kabul], [event(afghan, "Attack", taliban, "2002-05-01", kabul)],
                        publisher="AFP", published="2002-05-02"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(Settings(store=":memory:", query_workers=0), store=store)) as c:
        yield c


def test_events_in_pakistan_with_two_sources_include_peshawar(client):
    r = client.get("/events", params={"place": "location/pakistan", "min_sources": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1
    (ev,) = body["events"]
    assert ev["event_type"] == "Arrest" and ev["articles"] == ["a1", "a2", "a3"]
    assert (ev["sources"], ev["reports"], ev["claims"], ev["denials"], ev["conflict"]) == (2, 3, 2, 1, True)
    assert ev["places"] == [{"id": "location/pakistan", "label": "Pakistan"},
                            {"id": "location/peshawar", "label": "Peshawar"}]
    assert (ev["first"], ev["last"]) == ("2002-03-28", "2002-03-30")


def test_filters_by_class_entity_and_dates(client):
    def ids(**params):
        return [e["event_type"] for e in client.get("/events", params=params).json()["events"]]

    assert ids() == ["Arrest", "Attack"]
    assert ids(type="Attack") == ["Attack"]
    assert ids(entity="organization/taliban") == ["Attack"]
    assert ids(place="location/peshawar") == ["Arrest"] and ids(place="location/kabul") == ["Attack"]
    assert ids(since="2002-04-01") == ["Attack"] and ids(until="2002-04-01") == ["Arrest"]
    assert ids(min_sources=3) == []


def test_the_library_and_the_route_agree(client, store):
    assert client.get("/events", params={"limit": 1, "offset": 1}).json() == events(store, limit=1, offset=1)


def test_bad_requests_have_exact_messages(client):
    r = client.get("/events", params={"since": "2002-05-01", "until": "2002-04-01"})
    assert r.status_code == 400 and r.json() == {"detail": "since is after until"}
    r = client.get("/events", params={"since": "2002-02-30"})
    assert r.status_code == 400 and r.json() == {"detail": "since is not a day: 2002-02-30"}
    r = client.get("/events", params={"until": "0"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "until"]
    r = client.get("/events", params={"place": "location/atlantis"})
    assert r.status_code == 404 and r.json() == {"detail": "no place with id 'location/atlantis'"}
    r = client.get("/events", params={"place": "location/x> } DROP ALL {"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "place"]
    r = client.get("/events", params={"type": "Picnic"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "type"]
