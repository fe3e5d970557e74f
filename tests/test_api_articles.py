"""POST /articles on a par with `kg ingest`: its field names and --field mapping, batches, warnings, limits."""

from __future__ import annotations

import hashlib
import json

import pytest
from fastapi.testclient import TestClient

from api import Settings, create_app
from api.examples import BATCH_EXAMPLE, BATCH_NDJSON
from kg.readers import ReadOptions, read_sources

AUTH = {"authorization": "Bearer t"}
NDJSON = {**AUTH, "content-type": "application/x-ndjson"}
BASRA = "Iraqi police arrested Ahmed Saleh in Basra on Monday."
MOSUL = "Iraqi security forces raided a house in Mosul on Thursday."
NO_TEXT = "no text: none of the fields text, content, body, full_text, article, maintext holds a string"


@pytest.fixture
def client(nlp):
    settings = Settings(store=":memory:", query_workers=0, update_token="t", max_batch_articles=3)
    with TestClient(create_app(settings)) as c:
        yield c


def _stored(client) -> list[str]:
    return [a["id"] for a in client.get("/articles").json()["articles"]]


def _ndjson(*records) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_a_json_article_has_the_field_names_kg_ingest_reads(client, tmp_path):
    """body/headline/pubDate/source.name/link: the article `kg ingest` makes of the same record, id included."""
    record = {"body": BASRA, "headline": "Arrests in Basra", "pubDate": "Mon, 04 Mar 2024 08:00:00 GMT",
              "source": {"id": "wire", "name": "Wire"}, "link": "https://news.example/basra"}
    r = client.post("/articles", json=record, headers=AUTH)
    assert r.status_code == 201 and r.json()["warnings"] == []
    (tmp_path / "export.jsonl").write_text(json.dumps(record) + "\n")
    [cli] = read_sources([tmp_path / "export.jsonl"], ReadOptions())
    stored = client.get(f"/articles/{r.json()['id']}").json()
    assert r.json()["id"] == cli.id == "url-" + hashlib.sha256(b"https://news.example/basra").hexdigest()[:16]
    assert {k: stored[k] for k in ("title", "published", "url", "publisher", "source")} == {
        "title": "Arrests in Basra", "published": "2024-03-04", "url": "https://news.example/basra",
        "publisher": "Wire", "source": "https://news.example/basra"}
    assert (cli.title, cli.published, cli.url, cli.publisher) == ("Arrests in Basra", "2024-03-04",
                                                                   "https://news.example/basra", "Wire")


def test_an_id_given_is_the_id_as_it_is_and_one_that_cannot_be_is_derived_with_a_warning(client):
    r = client.post("/articles", json={"text": BASRA, "id": "basra-1", "url": "https://news.example/basra"},
                    headers=AUTH)
    assert r.json()["id"] == "basra-1"
    r = client.post("/articles", json={"text": MOSUL, "guid": "tag:news.example,2024:mosul raid"}, headers=AUTH)
    assert (r.status_code, r.json()["id"], r.json()["warnings"]) == (201, "id-tag-news.example-2024-mosul-raid", [
        "field 'guid': 'tag:news.example,2024:mosul raid' cannot be an article id (letters, digits, '_', '.' and "
        "'-', at most 100); the id is derived instead"])


def test_field_mapping_as_the_cli_spells_it(client):
    mapping = [("field", "text=story"), ("field", "published=meta.date"), ("field", "id=key")]
    r = client.post("/articles", params=mapping, headers=AUTH,
                    json={"story": BASRA, "text": "not this", "meta": {"date": "2024-03-04"}, "key": "k1"})
    assert (r.status_code, r.json()["id"]) == (201, "k1")
    stored = client.get("/articles/k1").json()
    assert (stored["published"], stored["content_hash"]) == ("2024-03-04", hashlib.sha256(BASRA.encode()).hexdigest())
    r = client.post("/articles", params={"field": "story=text"}, json={"text": BASRA}, headers=AUTH)
    assert (r.status_code, r.json()) == (400, {"detail": "bad field mapping 'story=text'; use FIELD=NAME with FIELD "
                                                         "one of text, title, url, published, publisher, id"})
    r = client.post("/articles", params={"field": "text=story"}, content=BASRA,
                    headers={**AUTH, "content-type": "text/plain"})
    assert (r.status_code, r.json()) == (400, {"detail": "field mappings apply to JSON and NDJSON bodies"})


def test_an_unreadable_date_is_a_warning_naming_the_field_and_value(client):
    r = client.post("/articles", json={"text": BASRA, "id": "basra-1", "date": "the Monday before last"}, headers=AUTH)
    assert (r.status_code, r.json()["warnings"]) == (
        201, ["field 'date': 'the Monday before last' is not a date; dropped"])
    assert client.get("/articles/basra-1").json()["published"] is None
    r = client.post("/articles", params={"id": "mosul-1", "date": "soon"}, content=MOSUL,
                    headers={**AUTH, "content-type": "text/plain"})
    assert (r.status_code, r.json()["warnings"]) == (201, ["query parameter 'date': 'soon' is not a date; dropped"])


def test_whatever_else_is_dropped_is_a_warning_too(client):
    r = client.post("/articles", params={"title": "ignored"}, headers=AUTH,
                    json={"text": BASRA, "title": ["Arrests", "in Basra"], "published": True})
    assert r.json()["warnings"] == ["field 'title': a list, not a value; dropped",
                                    "field 'published': a boolean, not a value; dropped",
                                    "query parameter 'title' applies to text and HTML bodies; ignored"]
    assert r.json()["title"] is None


def test_a_json_list_is_a_batch_with_one_result_per_article_and_a_bad_one_stops_nothing(client):
    r = client.post("/articles", headers=AUTH, json=[
        {"text": BASRA, "id": "basra-1"}, {"title": "A headline alone"}, "not an object", {"text": MOSUL, "id": "m-1"}])
    assert r.status_code == 413  # the fixture allows 3
    r = client.post("/articles", headers=AUTH, json=[{"text": BASRA, "id": "basra-1"}, "not an object",
                                                     {"text": MOSUL, "id": "mosul-1", "date": "May 2, 2024"}])
    assert r.status_code == 201
    body = r.json()
    assert {k: body[k] for k in ("articles", "ingested", "unchanged", "duplicates", "failed")} == {
        "articles": 3, "ingested": 2, "unchanged": 0, "duplicates": 0, "failed": 1}
    assert [(x["index"], x["status"], x["id"], x["error"]) for x in body["results"]] == [
        (1, "ingested", "basra-1", None), (2, "failed", None, "expected a JSON object, got str"),
        (3, "ingested", "mosul-1", None)]
    assert body["results"][0]["entities"] > 0 and body["results"][2]["statements"] > 0
    assert _stored(client) == ["basra-1", "mosul-1"]
    assert client.get("/articles/mosul-1").json()["published"] == "2024-05-02"


def test_a_batch_sent_again_is_unchanged_and_copies_are_duplicates(client):
    batch = [{"text": BASRA, "id": "basra-1"}, {"text": MOSUL, "id": "mosul-1"}]
    assert client.post("/articles", json={"articles": batch}, headers=AUTH).json()["ingested"] == 2
    r = client.post("/articles", json=[*batch, {"text": BASRA, "id": "copy"}], headers=AUTH)
    assert r.status_code == 200
    assert [(x["status"], x["id"], x["ingested"], x["unchanged"], x["duplicate"]) for x in r.json()["results"]] == [
        ("unchanged", "basra-1", False, True, False), ("unchanged", "mosul-1", False, True, False),
        ("duplicate", "basra-1", False, False, True)]
    assert _stored(client) == ["basra-1", "mosul-1"]


def test_ndjson_is_a_batch_and_the_openapi_example_is_what_the_server_answers(client):
    r = client.post("/articles", headers=NDJSON, content=BATCH_NDJSON)
    assert (r.status_code, r.json()) == (201, BATCH_EXAMPLE)
    cut_short = '{"text": "Troops killed a commander.", "id": "m-2"}\n\n{"text": \n'
    r = client.post("/articles", headers=NDJSON, content=cut_short)
    assert [(x["index"], x["status"], x["error"]) for x in r.json()["results"]] == [
        (1, "ingested", None), (2, "failed", "malformed JSON: Expecting value at column 10")]
    assert sorted(_stored(client)) == ["basra-arrests", "m-2", "url-842d0515d175423e"]


def test_batch_limits(client, nlp):
    line = json.dumps({"text": BASRA}) + "\n"
    r = client.post("/articles", headers=NDJSON, content=line * 4)
    assert (r.status_code, r.json()) == (413, {"detail": "a batch holds at most 3 articles; this one has 4"})
    r = client.post("/articles", headers=AUTH, json={"items": [{"text": BASRA}] * 4})
    assert (r.status_code, r.json()) == (413, {"detail": "a batch holds at most 3 articles; this one has 4"})
    for request in ({"json": []}, {"content": "\n \n", "headers": NDJSON}):
        r = client.post("/articles", **{"headers": AUTH, **request})
        assert (r.status_code, r.json()) == (400, {"detail": "the batch holds no articles"})
    assert _stored(client) == []
    small = Settings(store=":memory:", query_workers=0, update_token="t", max_body_bytes=100)
    with TestClient(create_app(small)) as c:
        r = c.post("/articles", headers=NDJSON, content=line * 3)
        assert (r.status_code, r.json()) == (413, {"detail": "request body larger than the 100-byte limit"})


def test_bad_bodies_and_no_token(client):
    r = client.post("/articles", headers={**AUTH, "content-type": "application/json"}, content=b"{\"text\": ")
    assert (r.status_code, r.json()) == (400, {"detail": "the JSON body is not an article: malformed JSON: "
                                                         "Expecting value at column 10"})
    r = client.post("/articles", headers=AUTH, json=42)
    assert (r.status_code, r.json()) == (400, {
        "detail": "the JSON body is not an article: no articles: expected an object, a list of objects, or an "
                  "object with 'articles'"})
    r = client.post("/articles", headers=AUTH, json={"title": "A headline alone"})
    assert (r.status_code, r.json()) == (400, {"detail": "the JSON body is not an article: " + NO_TEXT})
    r = client.post("/articles", headers={"content-type": "application/x-ndjson"}, content=BATCH_NDJSON)
    assert (r.status_code, r.json()) == (401, {"detail": "this request writes: send Authorization: Bearer <token>"})
    r = client.post("/articles", headers={**AUTH, "content-type": "application/pdf"}, content=b"%PDF")
    assert (r.status_code, r.json()) == (415, {"detail": "unsupported Content-Type application/pdf: use text/plain, "
                                                         "application/json, application/x-ndjson or text/html"})
    assert _stored(client) == []
