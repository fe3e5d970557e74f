"""POST/GET/DELETE /corrections: token, exact error details, and the answers of the other routes after them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from kg.store import open_store

from .resolve_samples import event, extraction, org, person, write

AUTH = {"Authorization": "Bearer t"}
MERGE = {"kind": "merge", "entity": "organization/northern-alliance-forces", "into": "organization/northern-alliance"}


@pytest.fixture
def client():
    store = open_store(":memory:")
    na, naf, hicks = org("Northern Alliance"), org("Northern Alliance forces"), person("David Hicks")
    write(store, extraction("a1", [na, hicks], [event(na, "Capture", hicks)]))
    write(store, extraction("a2", [naf, hicks], [event(naf, "Arrest", hicks)]))
    with TestClient(create_app(Settings(store=":memory:", query_workers=0, update_token="t"), store)) as c:
        yield c
    store.close()


def test_corrections_need_the_token(client):
    no_token = client.post("/corrections", json=MERGE)
    assert (no_token.status_code, no_token.json()["detail"]) == (
        401, "this request writes: send Authorization: Bearer <token>")
    wrong = client.delete("/corrections/abc", headers={"Authorization": "Bearer nope"})
    assert (wrong.status_code, wrong.json()["detail"]) == (401, "invalid token")
    with TestClient(create_app(Settings(store=":memory:", query_workers=0))) as off:
        refused = off.post("/corrections", json=MERGE, headers=AUTH)
    assert (refused.status_code, refused.json()["detail"]) == (
        403, "writes are disabled on this server: start it with an update token (KG_UPDATE_TOKEN)")
    assert client.get("/corrections").json() == {"total": 0, "corrections": []}


@pytest.mark.parametrize("body, status, detail", [
    ({"kind": "fuse", "entity": "person/david-hicks"}, 422,
     "unknown kind of correction 'fuse': use merge, split, reject or rename"),
    ({"kind": "merge", "entity": "person/david-hicks"}, 422, "a merge needs entity and into"),
    ({"kind": "rename", "entity": "person/nobody", "label": "X"}, 404, "no entity with id 'person/nobody'"),
    ({"kind": "merge", "entity": "person/nobody", "into": "person/david-hicks"}, 404,
     "no entity with id 'person/nobody'"),
    ({"kind": "reject", "statement": "0000"}, 404, "no statement with id '0000'"),
    ({"kind": "split", "entity": "person/david-hicks", "apart_from": "person/hicks"}, 404,
     "no article's entity extracted as 'person/david-hicks' was resolved to 'person/hicks'"),
    ({"kind": "merge", "entity": "person/david-hicks", "into": "organization/northern-alliance"}, 422,
     "cannot merge person/david-hicks (Person) into organization/northern-alliance (Organization): "
     "an entity has one type"),
])
def test_corrections_that_cannot_be_made(client, body, status, detail):
    r = client.post("/corrections", json=body, headers=AUTH)
    assert (r.status_code, r.json()["detail"]) == (status, detail)


def test_merge_list_and_undo(client):
    r = client.post("/corrections", json={**MERGE, "note": "one militia", "analyst": "ann"}, headers=AUTH)
    assert r.status_code == 201
    made = r.json()
    assert made["kind"] == "merge" and made["analyst"] == "ann" and made["articles_rewritten"] == 1
    assert made["description"] == "merge organization/northern-alliance-forces into organization/northern-alliance"
    assert client.get("/entities/organization/northern-alliance").json()["articles"] == ["a1", "a2"]
    assert client.get("/entities/organization/northern-alliance-forces").status_code == 404
    again = client.post("/corrections", json=MERGE, headers=AUTH)
    assert (again.status_code, again.json()["detail"]) == (409, f"{made['id']} is already recorded: "
                                                                 f"{made['description']}")
    listed = client.get("/corrections").json()
    assert listed["total"] == 1 and listed["corrections"][0]["note"] == "one militia"
    key = made["id"].removeprefix("correction/")
    undone = client.delete(f"/corrections/{key}", headers=AUTH)
    assert undone.status_code == 200 and undone.json()["articles_rewritten"] == 1
    assert client.get("/entities/organization/northern-alliance-forces").status_code == 200
    gone = client.delete(f"/corrections/{key}", headers=AUTH)
    assert (gone.status_code, gone.json()["detail"]) == (404, f"no correction with id '{key}'")


def test_a_rejected_statement_leaves_the_answers(client):
    statements = client.get("/articles/a1").json()["statements"]
    r = client.post("/corrections", json={"kind": "reject", "statement": statements[0]}, headers=AUTH)
    assert r.status_code == 201 and r.json()["article"] == "a1"
    assert client.get(f"/statements/{statements[0]}").status_code == 404
    assert client.get("/articles/a1").json()["statements"] == []
    assert client.get("/events?entity=person/david-hicks").json()["total"] == 1  # a2's arrest only
    rename = client.post("/corrections", json={"kind": "rename", "entity": "person/david-hicks",
                                               "label": "David Matthew Hicks"}, headers=AUTH)
    assert rename.status_code == 201
    assert client.get("/entities/person/david-hicks").json()["label"] == "David Matthew Hicks"
