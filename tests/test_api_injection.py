"""SPARQL injection through every REST parameter: nothing leaks, nothing changes, nothing breaks."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api import Settings, create_app
from kg.store import open_store

PAYLOADS = [
    '" } ; DROP ALL ; #',
    "' } ; CLEAR ALL ; #",
    '"} UNION { ?e ?p ?o } #',
    "> } ; DROP ALL ; #",
    "location/iraq> } ; DROP ALL ; #",
    "x\\\" ) } ; CLEAR ALL #",
    ".*",
    "?e",
    "$limit",
]
IRAQ = "location/iraq"
GETS = [
    ("/entities", "q"), ("/entities", "type"), ("/entities", "limit"), ("/entities", "offset"),
    (f"/entities/{IRAQ}/neighbours", "relation"), (f"/entities/{IRAQ}/neighbours", "event_type"),
    (f"/entities/{IRAQ}/neighbours", "direction"), (f"/entities/{IRAQ}/neighbours", "since"),
    (f"/entities/{IRAQ}/neighbours", "until"), (f"/entities/{IRAQ}/neighbours", "depth"),
    (f"/entities/{IRAQ}/neighbours", "limit"), (f"/entities/{IRAQ}/neighbours", "offset"),
    ("/paths?to=location/syria", "from"), ("/paths?from=location/iraq", "to"), ("/paths?from=a/b&to=c/d", "max_depth"),
    ("/articles", "limit"), ("/articles", "offset"),
    ("/export/graph.json", "entity"), ("/export/graph.json", "event_type"), ("/export/graph.json", "entity_type"),
    ("/export/graph.json", "since"), ("/export/graph.json", "until"), ("/export/graph.json", "min_confidence"),
]
PATHS = ["/entities/{}", "/entities/{}/neighbours", "/statements/{}", "/articles/{}"]


@pytest.fixture(scope="module")
def client(seed_store):
    store = open_store(":memory:")
    buffer = io.BytesIO()
    seed_store.dump(buffer, "nquads")
    store.load(buffer.getvalue(), "nquads")
    with TestClient(create_app(Settings(store=":memory:", query_workers=0, update_token="t"), store=store)) as c:
        c.quads = len(store)
        yield c
        assert len(store) == c.quads  # no payload changed the store


@pytest.mark.parametrize("path, name", GETS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_parameters(client, path, name, payload):
    r = client.get(path, params={name: payload})
    assert r.status_code in (200, 400, 404, 422), r.text
    if r.status_code == 200 and path == "/entities":
        assert r.json()["entities"] == []  # the payload matched as literal text, and no label starts with it


@pytest.mark.parametrize("template", PATHS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_path_parameters(client, template, payload):
    r = client.get(template.format(quote(payload, safe="")))
    assert r.status_code in (404, 422), r.text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_write_parameters(client, payload):
    r = client.delete(f"/articles/{quote(payload, safe='')}", headers={"authorization": "Bearer t"})
    assert r.status_code in (404, 422), r.text
    r = client.post("/sparql", params={"using-graph-uri": payload}, content="CLEAR SILENT GRAPH <http://ex.org/none>",
                    headers={"content-type": "application/sparql-update", "authorization": "Bearer t"})
    assert r.status_code == 400 and "using-graph-uri is not an absolute IRI" in r.json()["detail"]
